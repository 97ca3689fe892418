// Rule `undefined-env-var`: code reads an environment variable that a function running it does not define (Globals included).
import type { Rule } from '../registry';
import { environmentKnown, isRuntimeVariable } from '../../impact/envNames';
import { usersOfFile } from '../../impact/moduleImpact';
import { nameList } from '../../impact/text';

export const undefinedEnvVarRule: Rule = {
  code: 'undefined-env-var',
  severity: 'warning',
  description: 'Code reads an environment variable that a function using the file does not define in its template.',
  check(analysis) {
    const out = [];
    for (const [file, facts] of analysis.code) {
      if (!facts.envReads.length) continue;
      const users = usersOfFile(analysis, file).filter(environmentKnown);
      if (!users.length) continue;
      for (const read of facts.envReads) {
        if (read.hasDefault || isRuntimeVariable(read.name)) continue;
        const missing = users.filter((fn) => !fn.environment.some((v) => v.name === read.name));
        if (!missing.length) continue;
        const names = missing.map((fn) => fn.logicalId).sort();
        const who = users.length === 1 ? names[0] : `${nameList(names)} (${missing.length} of the ${users.length} functions using this file)`;
        out.push({
          message: `${read.name} is not defined for ${who}: add it to Environment.Variables of ${missing.length === 1 ? 'that function' : 'those functions'} or to Globals.Function.Environment.Variables.`,
          span: read.span,
        });
      }
    }
    return out;
  },
};
