// Transitive reach over the call graph: who depends on a function, what it depends on, which endpoints reach it; memoised per snapshot.
import type { Analysis } from '../analysis';
import type { EndpointModel } from '../model/functions';
import type { ImpactCounts } from './types';
import { callIndexOf } from './callIndex';

const counts = new WeakMap<Analysis, Map<string, ImpactCounts>>();

/** Functions and state machines that reach `id` through calls, transitively, without `id` itself. */
export function upstreamOf(analysis: Analysis, id: string): Set<string> {
  const index = callIndexOf(analysis);
  return walk(id, (node) => (index.callsTo.get(node) ?? []).map((c) => c.from));
}

/** Functions and state machines `id` reaches through calls, transitively, without `id` itself. */
export function downstreamOf(analysis: Analysis, id: string): Set<string> {
  const index = callIndexOf(analysis);
  return walk(id, (node) => (index.callsFrom.get(node) ?? []).map((c) => c.to));
}

function walk(start: string, next: (node: string) => string[]): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length) {
    for (const other of next(stack.pop()!)) {
      if (seen.has(other)) continue;
      seen.add(other);
      stack.push(other);
    }
  }
  seen.delete(start);
  return seen;
}

/** Endpoints whose requests reach `id`: its own and those of every function upstream. */
export function endpointsReaching(analysis: Analysis, id: string): EndpointModel[] {
  const sources = new Set([id, ...upstreamOf(analysis, id)]);
  return analysis.endpoints.filter((e) => sources.has(e.functionId));
}

/** The resources `id` and everything downstream of it read or write. */
export function resourcesReached(analysis: Analysis, id: string): Set<string> {
  const index = callIndexOf(analysis);
  const out = new Set<string>();
  for (const node of [id, ...downstreamOf(analysis, id)]) for (const access of index.accessFrom.get(node) ?? []) out.add(access.to);
  return out;
}

/** The counts of a function or state machine (cached per snapshot). */
export function impactCounts(analysis: Analysis, id: string): ImpactCounts {
  let cache = counts.get(analysis);
  if (!cache) {
    cache = new Map();
    counts.set(analysis, cache);
  }
  let found = cache.get(id);
  if (!found) {
    const index = callIndexOf(analysis);
    const downstream = downstreamOf(analysis, id);
    found = {
      callers: upstreamOf(analysis, id).size,
      directCallers: new Set((index.callsTo.get(id) ?? []).map((c) => c.from).filter((from) => from !== id)).size,
      downstream: downstream.size + resourcesReached(analysis, id).size,
      endpoints: endpointsReaching(analysis, id).length,
      directEndpoints: analysis.endpointsOf(id).length,
    };
    cache.set(id, found);
  }
  return found;
}

/** `3 callers · 5 downstream · 2 endpoints`. */
export function countsTitle(found: ImpactCounts): string {
  return `${plural(found.callers, 'caller')} · ${found.downstream} downstream · ${plural(found.endpoints, 'endpoint')}`;
}

/** The hover's blast radius line: how many functions and endpoints depend on it, directly and transitively. */
export function blastRadiusLine(analysis: Analysis, id: string): string {
  const found = impactCounts(analysis, id);
  if (!found.callers && !found.endpoints) return 'Blast radius: no function or endpoint of the workspace depends on it.';
  const functions = `${plural(found.callers, 'function')} depend${found.callers === 1 ? 's' : ''} on it (${found.directCallers} directly)`;
  const endpoints = `${plural(found.endpoints, 'endpoint')} reach${found.endpoints === 1 ? 'es' : ''} it (${found.directEndpoints} directly)`;
  return `Blast radius: ${functions} · ${endpoints}`;
}

/** `1 caller`, `2 callers`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
