// What the page shows of the server's graph: scope around a focus, filters, and aggregation by service (pure, no DOM).
import type { GraphEdgeItem, GraphNodeItem, GraphResult } from '../../server/src/protocol';
import type { GraphScope } from '../src/graph/messages';

/** `calls`: functions, state machines and the derived calls; `resources`: every node and the resource edges. */
export type Mode = 'calls' | 'resources';

/** The user's filters. */
export interface Filters {
  mode: Mode;
  hiddenKinds: ReadonlySet<string>;
  hiddenGroups: ReadonlySet<string>;
  /** Show synchronous call edges. */
  sync: boolean;
  /** Show asynchronous call edges. */
  async: boolean;
}

/** An edge of the server's graph with its index in `GraphResult.edges` (the extension opens evidence by index). */
export interface IndexedEdge {
  index: number;
  edge: GraphEdgeItem;
}

/** The nodes and edges that pass the scope and the filters. */
export interface VisibleGraph {
  nodes: GraphNodeItem[];
  edges: IndexedEdge[];
}

/** An edge as drawn: one server edge between two shown nodes, or several merged between groups. */
export interface DisplayEdge {
  id: string;
  source: string;
  target: string;
  items: IndexedEdge[];
}

/** What is drawn: nodes one by one inside expanded groups, and one node per collapsed group. */
export interface DisplayGraph {
  nodes: GraphNodeItem[];
  /** Expanded groups, drawn as boxes around their nodes. */
  boxes: string[];
  /** Collapsed groups with how many visible nodes each stands for. */
  aggregates: { group: string; count: number }[];
  edges: DisplayEdge[];
}

/** Node kinds that the `calls` mode shows. */
export const computeKinds: ReadonlySet<string> = new Set(['function', 'stateMachine']);

const groupNodePrefix = 'group::';
const boxPrefix = 'box::';

/** The drawn id of a collapsed group. */
export function groupNodeId(group: string): string {
  return groupNodePrefix + group;
}

/** The drawn id of an expanded group's box. */
export function boxId(group: string): string {
  return boxPrefix + group;
}

/** The group a drawn group id stands for, or undefined for other ids. */
export function groupOfDrawnId(id: string): string | undefined {
  if (id.startsWith(groupNodePrefix)) return id.slice(groupNodePrefix.length);
  if (id.startsWith(boxPrefix)) return id.slice(boxPrefix.length);
  return undefined;
}

/** Whether an edge is known to be asynchronous (only derived calls say). */
export function isAsync(edge: GraphEdgeItem): boolean {
  return edge.sync === false;
}

/**
 * The ids within `upstream` compute hops upstream and `downstream` downstream of the focus.
 * A derived call is one hop; an edge to or from a resource is half a hop (function → queue → function is one).
 */
export function scopeIds(graph: GraphResult, scope: GraphScope): Set<string> | undefined {
  if (!scope.focus) return undefined;
  const forward = new Map<string, { to: string; cost: number }[]>();
  const backward = new Map<string, { to: string; cost: number }[]>();
  for (const edge of graph.edges) {
    const cost = edge.kind === 'call' ? 2 : 1;
    push(forward, edge.from, { to: edge.to, cost });
    push(backward, edge.to, { to: edge.from, cost });
  }
  const ids = reach(scope.focus, forward, scope.downstream * 2);
  for (const id of reach(scope.focus, backward, scope.upstream * 2)) ids.add(id);
  return ids;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Nodes reachable from `start` with total cost at most `limit` (costs are small integers, so buckets by distance). */
function reach(start: string, links: Map<string, { to: string; cost: number }[]>, limit: number): Set<string> {
  const best = new Map<string, number>([[start, 0]]);
  const buckets: string[][] = Array.from({ length: limit + 1 }, () => []);
  buckets[0].push(start);
  for (let distance = 0; distance <= limit; distance++) {
    for (const id of buckets[distance]) {
      if ((best.get(id) ?? Infinity) < distance) continue;
      for (const { to, cost } of links.get(id) ?? []) {
        const next = distance + cost;
        if (next <= limit && next < (best.get(to) ?? Infinity)) {
          best.set(to, next);
          buckets[next].push(to);
        }
      }
    }
  }
  return new Set(best.keys());
}

/** The nodes and edges shown under the scope and the filters (the focus stays visible whatever the filters). */
export function visibleGraph(graph: GraphResult, scope: GraphScope, filters: Filters): VisibleGraph {
  const inScope = scopeIds(graph, scope);
  const nodes = graph.nodes.filter((node) => {
    if (node.id === scope.focus) return true;
    if (inScope && !inScope.has(node.id)) return false;
    if (filters.mode === 'calls' && !computeKinds.has(node.kind)) return false;
    return !filters.hiddenKinds.has(node.kind) && !filters.hiddenGroups.has(node.group);
  });
  const shown = new Set(nodes.map((node) => node.id));
  const edges: IndexedEdge[] = [];
  graph.edges.forEach((edge, index) => {
    if (!shown.has(edge.from) || !shown.has(edge.to)) return;
    if ((edge.kind === 'call') !== (filters.mode === 'calls')) return;
    if (edge.sync === true && !filters.sync) return;
    if (edge.sync === false && !filters.async) return;
    edges.push({ index, edge });
  });
  return { nodes, edges };
}

/** Groups in first-seen order with their node counts. */
export function groupCounts(nodes: readonly GraphNodeItem[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.group, (counts.get(node.group) ?? 0) + 1);
  return counts;
}

/** Draws the groups in `expanded` node by node and every other group as one node; merges the edges between them. */
export function aggregate(visible: VisibleGraph, expanded: ReadonlySet<string>): DisplayGraph {
  const drawnId = new Map<string, string>();
  const nodes: GraphNodeItem[] = [];
  const counts = groupCounts(visible.nodes);
  for (const node of visible.nodes) {
    if (expanded.has(node.group)) {
      nodes.push(node);
      drawnId.set(node.id, node.id);
    } else drawnId.set(node.id, groupNodeId(node.group));
  }
  const boxes = [...counts.keys()].filter((group) => expanded.has(group));
  const aggregates = [...counts].filter(([group]) => !expanded.has(group)).map(([group, count]) => ({ group, count }));
  const edges: DisplayEdge[] = [];
  const merged = new Map<string, DisplayEdge>();
  for (const item of visible.edges) {
    const source = drawnId.get(item.edge.from);
    const target = drawnId.get(item.edge.to);
    if (source === undefined || target === undefined) continue;
    const detailed = source === item.edge.from && target === item.edge.to;
    if (detailed) {
      edges.push({ id: `edge:${item.index}`, source, target, items: [item] });
      continue;
    }
    if (source === target) continue;
    const key = `${source}\u0000${target}`;
    const existing = merged.get(key);
    if (existing) existing.items.push(item);
    else {
      // Named by its ends, so the same merged edge keeps its id when another service is expanded or collapsed.
      const edge: DisplayEdge = { id: `merged:${JSON.stringify([source, target])}`, source, target, items: [item] };
      merged.set(key, edge);
      edges.push(edge);
    }
  }
  return { nodes, boxes, aggregates, edges };
}

/** Visible nodes whose label or id contains the query (case-insensitive); empty for a blank query. */
export function searchNodes(nodes: readonly GraphNodeItem[], query: string): GraphNodeItem[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  return nodes.filter((node) => node.label.toLowerCase().includes(needle) || node.id.toLowerCase().includes(needle));
}
