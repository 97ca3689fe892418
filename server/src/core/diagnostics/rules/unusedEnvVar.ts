// Rule `unused-env-var`: a template sets an environment variable that the code of the functions receiving it never reads.
import type { Rule } from '../registry';
import type { FunctionModel } from '../../model/functions';
import type { Span } from '../../model/types';
import { codeKnown, isRuntimeVariable } from '../../impact/envNames';
import { moduleClosure } from '../../query/code';
import { nameList } from '../../impact/text';

export const unusedEnvVarRule: Rule = {
  code: 'unused-env-var',
  severity: 'info',
  description: 'A template sets an environment variable that no code of the functions receiving it reads.',
  check(analysis) {
    // One declaration (a key in Environment.Variables, possibly in Globals) can reach several functions.
    const declarations = new Map<string, { name: string; span: Span; functions: FunctionModel[] }>();
    for (const fn of analysis.functions) {
      for (const variable of fn.environment) {
        const key = `${variable.keySpan.file}:${variable.keySpan.start}`;
        const entry = declarations.get(key) ?? { name: variable.name, span: variable.keySpan, functions: [] };
        entry.functions.push(fn);
        declarations.set(key, entry);
      }
    }
    const readsOf = new Map<FunctionModel, Set<string>>();
    const reads = (fn: FunctionModel): Set<string> => {
      let names = readsOf.get(fn);
      if (!names) {
        names = new Set();
        if (fn.resolution.status === 'resolved') for (const file of moduleClosure(analysis, fn.resolution.file)) for (const read of analysis.code.get(file)?.envReads ?? []) names.add(read.name);
        readsOf.set(fn, names);
      }
      return names;
    };
    const out = [];
    for (const { name, span, functions } of declarations.values()) {
      if (isRuntimeVariable(name) || !functions.every((fn) => codeKnown(analysis, fn))) continue;
      if (functions.some((fn) => reads(fn).has(name))) continue;
      const who = functions.length === 1 ? functions[0].logicalId : `any of ${nameList(functions.map((f) => f.logicalId).sort())}`;
      out.push({ message: `${name} is set but the code of ${who} never reads it: remove it, or keep it if a library or layer reads it.`, span });
    }
    return out;
  },
};
