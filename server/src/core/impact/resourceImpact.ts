// Impact of a resource (table, queue, topic, bus, bucket, stream): who writes to it upstream; who reads it and what it triggers downstream.
import type { Analysis } from '../analysis';
import type { GraphEdge } from '../model/graph';
import type { Impact, ImpactNode } from './types';
import { callIndexOf, isCompute } from './callIndex';
import { byLabel, computeItem, downstreamTree, groupBy, newBudget, upstreamTree, type TreeBudget } from './trees';
import { displayPath } from '../query/display';
import { splitNodeId } from '../sam/ids';

/** The impact of a template resource that is not a function or state machine; undefined when the id names nothing. */
export function resourceImpact(analysis: Analysis, id: string): Impact | undefined {
  const { file, logicalId } = splitNodeId(id);
  const resource = analysis.resource(file, logicalId);
  const node = callIndexOf(analysis).nodes.get(id);
  if (!resource && !node) return undefined;
  const budget = newBudget();
  budget.expanded.add(id);
  const readers = [...groupBy(callIndexOf(analysis).accessTo.get(id)?.filter((a) => a.mode === 'reads') ?? [], (a) => a.from)].map(([reader, accesses]) => ({
    ...computeItem(analysis, reader),
    detail: `reads ${[...new Set(accesses.map((a) => a.operation))].join(', ')} · ${displayPath(analysis, splitNodeId(reader).file)}`,
    evidence: accesses[0].evidence,
  }));
  return {
    target: { kind: 'resource', id, label: logicalId, span: resource?.keySpan ?? node?.span },
    upstream: feeders(analysis, id, budget, new Set([id])),
    downstream: [...consumers(analysis, id, budget, new Set([id])), ...readers.sort(byLabel)],
  };
}

/** What writes to or routes into a resource, recursively through other resources (rule → queue, topic → queue). */
function feeders(analysis: Analysis, id: string, budget: TreeBudget, ancestors: Set<string>): ImpactNode[] {
  const edges = callIndexOf(analysis).edgesTo.get(id) ?? [];
  const out = [...groupBy(edges, (e) => e.from)].map(([from, list]) => {
    const node = edgeNode(analysis, from, list);
    if (ancestors.has(from) || budget.expanded.has(from) || budget.remaining <= 0) return { ...node, repeated: true };
    budget.expanded.add(from);
    budget.remaining--;
    const children = isCompute(analysis, from) ? upstreamTree(analysis, from, budget) : feeders(analysis, from, budget, new Set([...ancestors, from]));
    return { ...node, children };
  });
  return out.sort(byLabel);
}

/** What a resource triggers or routes to, recursively (queue → function → its callees). */
function consumers(analysis: Analysis, id: string, budget: TreeBudget, ancestors: Set<string>): ImpactNode[] {
  const edges = (callIndexOf(analysis).edgesFrom.get(id) ?? []).filter((e) => e.kind === 'triggers' || e.kind === 'routes');
  const out = [...groupBy(edges, (e) => e.to)].map(([to, list]) => {
    const node = edgeNode(analysis, to, list);
    if (ancestors.has(to) || budget.expanded.has(to) || budget.remaining <= 0) return { ...node, repeated: true };
    budget.expanded.add(to);
    budget.remaining--;
    const children = isCompute(analysis, to) ? downstreamTree(analysis, to, budget) : consumers(analysis, to, budget, new Set([...ancestors, to]));
    return { ...node, children };
  });
  return out.sort(byLabel);
}

function edgeNode(analysis: Analysis, id: string, edges: GraphEdge[]): ImpactNode {
  const how = [...new Set(edges.map((e) => `${e.kind} ${e.label}`))].join(', ');
  if (isCompute(analysis, id)) return { ...computeItem(analysis, id), detail: `${how} · ${displayPath(analysis, splitNodeId(id).file)}`, evidence: edges[0].evidence };
  const node = callIndexOf(analysis).nodes.get(id);
  const label = node?.label ?? splitNodeId(id).logicalId;
  return { id, kind: 'resource', label, detail: `${how} · ${node?.type ?? 'resource'}`, span: node?.span, evidence: edges[0].evidence, children: [] };
}
