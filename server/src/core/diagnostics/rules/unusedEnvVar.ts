// Rule `unused-env-var`: a template sets an environment variable that the code of the functions receiving it never reads.
import type { Analysis } from '../../analysis';
import type { Rule } from '../registry';
import type { FunctionModel } from '../../model/functions';
import type { Span } from '../../model/types';
import { codeKnown, isRuntimeVariable } from '../../impact/envNames';
import { moduleClosure } from '../../query/code';
import { FunctionMemo } from '../../query/memo';
import { nameList } from '../../impact/text';

export const unusedEnvVarRule: Rule = {
  code: 'unused-env-var',
  severity: 'info',
  description: 'A template sets an environment variable that no code of the functions receiving it reads.',
  check(analysis) {
    const out = [];
    for (const { name, span, functions } of declarationsOf(analysis)) {
      if (isRuntimeVariable(name) || !functions.every((fn) => codeKnown(analysis, fn))) continue;
      if (functions.some((fn) => envReadsOf(analysis, fn).has(name))) continue;
      const who = functions.length === 1 ? functions[0].logicalId : `any of ${nameList(functions.map((f) => f.logicalId).sort())}`;
      out.push({ message: `${name} is set but the code of ${who} never reads it: remove it, or keep it if a library or layer reads it.`, span });
    }
    return out;
  },
};

interface Declaration {
  name: string;
  span: Span;
  functions: FunctionModel[];
}

let lastDeclarations: { key: string; declarations: Declaration[] } | undefined;

/** Each declaration (a key in Environment.Variables, possibly in Globals) with the functions it reaches; kept while no template changes. */
function declarationsOf(analysis: Analysis): Declaration[] {
  const key = analysis.modelKey;
  if (lastDeclarations?.key === key) return lastDeclarations.declarations;
  const declarations = new Map<string, Declaration>();
  for (const fn of analysis.functions) {
    for (const variable of fn.environment) {
      const id = `${variable.keySpan.file}:${variable.keySpan.start}`;
      const entry = declarations.get(id) ?? { name: variable.name, span: variable.keySpan, functions: [] };
      entry.functions.push(fn);
      declarations.set(id, entry);
    }
  }
  lastDeclarations = { key, declarations: [...declarations.values()] };
  return lastDeclarations.declarations;
}

const readsMemo = new FunctionMemo<Set<string>>(true);

/** The names of every env var the code a function's handler reaches reads (memoised per function). */
function envReadsOf(analysis: Analysis, fn: FunctionModel): Set<string> {
  return readsMemo.get(analysis, fn, () => {
    const names = new Set<string>();
    if (fn.resolution.status === 'resolved') for (const file of moduleClosure(analysis, fn.resolution.file)) for (const read of analysis.code.get(file)?.envReads ?? []) names.add(read.name);
    return names;
  });
}
