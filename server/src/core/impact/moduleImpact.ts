// Impact of a shared code module: the import chain up to every handler that reaches it, then those functions' endpoints and callers.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { Span } from '../model/types';
import type { Impact, ImpactNode } from './types';
import { byLabel, computeItem, newBudget, upstreamTree, type TreeBudget } from './trees';
import { endpointsReaching, upstreamOf } from './reach';
import { moduleClosure } from '../query/code';
import { displayPath } from '../query/display';

interface Importer {
  file: string;
  span: Span;
}

const reverseIndexes = new WeakMap<Analysis, Map<string, Importer[]>>();
const userIndexes = new WeakMap<Analysis, Map<string, FunctionModel[]>>();

/** The users index of a snapshot and the closures it was built from (reused while no function's closure changed). */
interface UserIndex {
  modelKey: string;
  closures: Set<string>[];
  users: Map<string, FunctionModel[]>;
}

let lastUserIndex: UserIndex | undefined;

/** The functions whose handler is `file` or reaches it by local imports (the same answer as `functionsUsingFile`, indexed once per snapshot). */
export function usersOfFile(analysis: Analysis, file: string): FunctionModel[] {
  let index = userIndexes.get(analysis);
  if (!index) {
    index = buildUserIndex(analysis);
    userIndexes.set(analysis, index);
  }
  return index.get(file) ?? [];
}

function buildUserIndex(analysis: Analysis): Map<string, FunctionModel[]> {
  const resolved = analysis.functions.filter((fn) => fn.resolution.status === 'resolved');
  const closures = resolved.map((fn) => moduleClosure(analysis, (fn.resolution as { file: string }).file));
  const previous = lastUserIndex;
  if (previous && previous.modelKey === analysis.modelKey && previous.closures.length === closures.length && previous.closures.every((c, i) => c === closures[i])) return previous.users;
  const users = new Map<string, FunctionModel[]>();
  resolved.forEach((fn, i) => {
    // A closure is a set and each function is visited once: no duplicate to check for.
    for (const reached of closures[i]) {
      const list = users.get(reached);
      if (list) list.push(fn);
      else users.set(reached, [fn]);
    }
  });
  lastUserIndex = { modelKey: analysis.modelKey, closures, users };
  return users;
}

/** Which code files import each module (relative imports and re-exports), built once per snapshot. */
export function importersOf(analysis: Analysis, file: string): Importer[] {
  let index = reverseIndexes.get(analysis);
  if (!index) {
    index = new Map();
    reverseIndexes.set(analysis, index);
    for (const facts of analysis.code.values()) {
      const python = facts.language === 'python';
      const specifiers = [...facts.imports.map((i) => ({ module: i.module, span: i.span })), ...facts.exports.filter((e) => e.from).map((e) => ({ module: e.from!.module, span: e.span }))];
      for (const { module, span } of specifiers) {
        const target = analysis.resolveImport(facts.file, module, python);
        if (!target || target === facts.file) continue;
        const list = index.get(target) ?? [];
        if (!list.some((i) => i.file === facts.file)) list.push({ file: facts.file, span });
        index.set(target, list);
      }
    }
  }
  return index.get(file) ?? [];
}

/** The impact of a code file: its importers up to the handlers, the functions using them, their endpoints and callers. */
export function moduleImpact(analysis: Analysis, file: string): Impact {
  const budget = newBudget();
  const users = usersOfFile(analysis, file);
  const upstream = importTree(analysis, file, budget, new Set([file]));
  const callers = new Set<string>();
  for (const fn of users) for (const caller of upstreamOf(analysis, fn.id)) callers.add(caller);
  for (const fn of users) callers.delete(fn.id);
  const endpoints = new Set(users.flatMap((fn) => endpointsReaching(analysis, fn.id)));
  return {
    target: { kind: 'module', id: file, label: displayPath(analysis, file), span: { file, start: 0, end: 0 } },
    upstream,
    downstream: [],
    counts: { callers: users.length + callers.size, directCallers: users.length, downstream: 0, endpoints: endpoints.size, directEndpoints: 0 },
  };
}

/** The functions whose handler is `file` and the modules importing it, each expanded upward. */
function importTree(analysis: Analysis, file: string, budget: TreeBudget, ancestors: Set<string>): ImpactNode[] {
  const out: ImpactNode[] = [];
  for (const fn of analysis.functionsForHandlerFile(file)) {
    const node: ImpactNode = { ...computeItem(analysis, fn.id), detail: `handler ${fn.resolution.status === 'resolved' ? fn.resolution.exportName : ''} · ${displayPath(analysis, fn.file)}` };
    if (budget.expanded.has(fn.id)) out.push({ ...node, repeated: true });
    else out.push({ ...node, children: upstreamTree(analysis, fn.id, budget) });
  }
  const importers = importersOf(analysis, file)
    .map((importer): ImpactNode => {
      const node: ImpactNode = { id: importer.file, kind: 'module', label: displayPath(analysis, importer.file), detail: 'imports it', span: { file: importer.file, start: 0, end: 0 }, evidence: importer.span, children: [] };
      if (ancestors.has(importer.file) || budget.expanded.has(importer.file) || budget.remaining <= 0) return { ...node, repeated: true };
      budget.expanded.add(importer.file);
      budget.remaining--;
      return { ...node, children: importTree(analysis, importer.file, budget, new Set([...ancestors, importer.file])) };
    })
    .sort(byLabel);
  return [...out.sort(byLabel), ...importers];
}
