// Rule `undefined-env-var`: code reads an environment variable that a function running it does not define (Globals included).
import type { Analysis } from '../../analysis';
import type { FunctionModel } from '../../model/functions';
import type { CodeFacts } from '../../model/types';
import type { Finding, Rule } from '../registry';
import { environmentKnown, isRuntimeVariable } from '../../impact/envNames';
import { usersOfFile } from '../../impact/moduleImpact';
import { nameList } from '../../impact/text';

export const undefinedEnvVarRule: Rule = {
  code: 'undefined-env-var',
  severity: 'warning',
  description: 'Code reads an environment variable that a function using the file does not define in its template.',
  check(analysis) {
    const out: Finding[] = [];
    for (const [file, facts] of analysis.code) {
      if (facts.envReads.length) out.push(...fileFindings(analysis, facts, usersOfFile(analysis, file)));
    }
    return out;
  },
};

const byFile = new WeakMap<CodeFacts, { modelKey: string; users: FunctionModel[]; findings: Finding[] }>();

/** One file's findings, kept while its facts, the functions using it and their templates are unchanged. */
function fileFindings(analysis: Analysis, facts: CodeFacts, allUsers: FunctionModel[]): Finding[] {
  const cached = byFile.get(facts);
  if (cached && cached.modelKey === analysis.modelKey && (cached.users === allUsers || (cached.users.length === allUsers.length && cached.users.every((fn, i) => fn === allUsers[i])))) return cached.findings;
  const findings: Finding[] = [];
  const users = allUsers.filter(environmentKnown);
  if (users.length) {
    for (const read of facts.envReads) {
      if (read.hasDefault || isRuntimeVariable(read.name)) continue;
      const missing = users.filter((fn) => !fn.environment.some((v) => v.name === read.name));
      if (!missing.length) continue;
      const names = missing.map((fn) => fn.logicalId).sort();
      const who = users.length === 1 ? names[0] : `${nameList(names)} (${missing.length} of the ${users.length} functions using this file)`;
      findings.push({
        message: `${read.name} is not defined for ${who}: add it to Environment.Variables of ${missing.length === 1 ? 'that function' : 'those functions'} or to Globals.Function.Environment.Variables.`,
        span: read.span,
      });
    }
  }
  byFile.set(facts, { modelKey: analysis.modelKey, users: allUsers, findings });
  return findings;
}
