// What a set of changed files affects: the functions and state machines they define or run, their callers, endpoints and templates.
import type { Analysis } from '../analysis';
import type { AffectedNode, ChangeImpact } from './types';
import { upstreamOf } from './reach';
import { usersOfFile } from './moduleImpact';
import { definitionFile } from '../sam/functions';
import { normalizePath } from '../util/paths';

/** The impact of changed (or deleted) files, given as absolute paths; files the analysis does not know are listed as `other`. */
export function impactOfChangedFiles(analysis: Analysis, files: string[]): ChangeImpact {
  const changed = new Map<string, Set<string>>();
  const result: ChangeImpact = { files: [], affected: [], endpoints: [], templates: [] };
  for (const raw of [...new Set(files.map(normalizePath))].sort()) {
    const { kind, nodes } = nodesOfFile(analysis, raw);
    result.files.push({ file: raw, kind, nodes });
    for (const node of nodes) changed.set(node, (changed.get(node) ?? new Set()).add(raw));
  }
  const callers = new Map<string, Set<string>>();
  for (const node of changed.keys()) {
    for (const caller of upstreamOf(analysis, node)) {
      if (changed.has(caller)) continue;
      callers.set(caller, (callers.get(caller) ?? new Set()).add(node));
    }
  }
  const entry = (id: string, reason: AffectedNode['reason'], because: Set<string>): AffectedNode => ({ id, kind: analysis.function(id) ? 'function' : 'stateMachine', reason, because: [...because].sort() });
  result.affected = [
    ...[...changed].sort(([a], [b]) => a.localeCompare(b)).map(([id, because]) => entry(id, 'changed', because)),
    ...[...callers].sort(([a], [b]) => a.localeCompare(b)).map(([id, because]) => entry(id, 'caller', because)),
  ];
  const ids = new Set(result.affected.map((a) => a.id));
  result.endpoints = analysis.endpoints.filter((e) => ids.has(e.functionId));
  const templates = new Set(result.files.filter((f) => f.kind === 'template').map((f) => f.file));
  for (const id of ids) templates.add(id.slice(0, id.lastIndexOf('#')));
  result.templates = [...templates].sort();
  return result;
}

/** What one changed file is to the analysis and the nodes it defines or runs. */
function nodesOfFile(analysis: Analysis, file: string): { kind: ChangeImpact['files'][number]['kind']; nodes: string[] } {
  if (analysis.template(file)) {
    const nodes = [...analysis.functions.filter((f) => f.file === file), ...analysis.stateMachines.filter((s) => s.file === file)].map((n) => n.id);
    return { kind: 'template', nodes };
  }
  const machines = analysis.stateMachines.filter((s) => definitionFile(s) === file).map((s) => s.id);
  if (machines.length) return { kind: 'definition', nodes: machines };
  const users = usersOfFile(analysis, file).map((f) => f.id);
  // A deleted or renamed handler file: the functions that looked for it.
  for (const fn of analysis.functions) {
    if (fn.resolution.status === 'missing-file' && fn.resolution.looked.includes(file) && !users.includes(fn.id)) users.push(fn.id);
  }
  if (users.length || analysis.code.has(file)) return { kind: 'code', nodes: users.sort() };
  return { kind: 'other', nodes: [] };
}
