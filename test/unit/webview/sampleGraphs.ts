// Synthetic dependency graphs for the webview tests: seeded, shaped like the server's answer, with as many nodes as asked.
import type { GraphEdgeItem, GraphNodeItem, GraphResult } from '../../../server/src/protocol/index';

/** A small deterministic random generator (so every run draws the same graph). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const resourceKinds = ['queue', 'table', 'topic', 'bus', 'bucket', 'stream'];
const viaOf: Record<string, string> = { queue: 'sqs', table: 'dynamodb-stream', topic: 'sns', bus: 'eventbridge', bucket: 's3', stream: 'kinesis' };

/** A location in `file` (added to the graph's `files` when new). */
function location(files: string[], file: string, line: number): GraphNodeItem['location'] {
  const uri = `file:///workspace/${file}`;
  let index = files.indexOf(uri);
  if (index < 0) index = files.push(uri) - 1;
  return [index, line, 2, line, 20];
}

/**
 * A layered graph around a focus node: the focus writes to resources that trigger functions that write to resources…,
 * with layer sizes growing by `fanOut`, extra edges between layers, and a derived call for every function → resource → function path.
 */
export function layeredGraph(nodeCount: number, groups: number, seed = 7): { graph: GraphResult; focus: string } {
  const random = seeded(seed);
  const files: string[] = [];
  const nodes: GraphNodeItem[] = [];
  const layers: GraphNodeItem[][] = [];
  const edges: GraphEdgeItem[] = [];
  let layerSize = 1;
  while (nodes.length < nodeCount) {
    const layer: GraphNodeItem[] = [];
    const compute = layers.length % 2 === 0;
    for (let index = 0; index < layerSize && nodes.length < nodeCount; index++) {
      const group = `services/svc${String(Math.floor(random() * groups)).padStart(2, '0')}`;
      const kind = compute ? (random() < 0.1 ? 'stateMachine' : 'function') : resourceKinds[Math.floor(random() * resourceKinds.length)];
      const logical = `${kind === 'function' ? 'Fn' : kind}L${layers.length}N${index}`;
      const file = `${group}/template.yaml`;
      const node: GraphNodeItem = { id: `/workspace/${file}#${logical}`, kind, label: logical, group, type: `AWS::Test::${kind}`, location: location(files, file, nodes.length) };
      nodes.push(node);
      layer.push(node);
    }
    layers.push(layer);
    layerSize = Math.min(layerSize * 3, nodeCount);
  }
  for (let depth = 1; depth < layers.length; depth++) {
    const parents = layers[depth - 1];
    for (const child of layers[depth]) {
      const parent = parents[Math.floor(random() * parents.length)];
      edges.push(resourceEdge(parent, child));
      if (random() < 0.3) edges.push(resourceEdge(parents[Math.floor(random() * parents.length)], child));
    }
  }
  edges.push(...derivedCalls(nodes, edges));
  return { graph: { files, nodes, edges }, focus: nodes[0].id };
}

function resourceEdge(from: GraphNodeItem, to: GraphNodeItem): GraphEdgeItem {
  const writes = from.kind === 'function' || from.kind === 'stateMachine';
  return { from: from.id, to: to.id, kind: writes ? 'writes' : 'triggers', label: writes ? 'SendMessage' : 'SQS', evidence: from.location };
}

/** One `call` edge per function → resource → function path (once per pair), as the server derives them. */
function derivedCalls(nodes: GraphNodeItem[], edges: GraphEdgeItem[]): GraphEdgeItem[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const out = new Map<string, GraphEdgeItem[]>();
  for (const edge of edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  const calls = new Map<string, GraphEdgeItem>();
  for (const first of edges) {
    const middle = byId.get(first.to);
    if (!middle || middle.kind === 'function' || middle.kind === 'stateMachine') continue;
    for (const second of out.get(middle.id) ?? []) {
      const key = `${first.from} ${second.to}`;
      const via = viaOf[middle.kind] ?? 'sqs';
      calls.set(key, { from: first.from, to: second.to, kind: 'call', label: via, sync: false, evidence: first.evidence });
    }
  }
  return [...calls.values()];
}

/** Hostile strings: markup and script in a label, a group, an id and an edge label. */
export const hostile = {
  label: '<img src=x onerror="window.__xss=1">',
  group: '<script>window.__xss=2</script>',
  edgeLabel: '"><svg onload="window.__xss=3">',
};

/** Adds two nodes with hostile strings (and an edge between them) to a graph. */
export function withHostileNodes(graph: GraphResult): GraphResult {
  const files = [...graph.files];
  const evil: GraphNodeItem = { id: `/workspace/${hostile.group}/template.yaml#Evil`, kind: 'function', label: hostile.label, group: hostile.group, type: hostile.label, location: location(files, 'evil/template.yaml', 3) };
  const other: GraphNodeItem = { id: '/workspace/evil/template.yaml#Other<b>', kind: 'function', label: 'Other<b>bold</b>', group: hostile.group };
  const strange: GraphNodeItem = { id: 'unresolved:<u>x</u>', kind: '<i>kind</i>', label: '<u>strange</u>', group: hostile.group };
  const edge: GraphEdgeItem = { from: evil.id, to: other.id, kind: 'call', label: hostile.edgeLabel, sync: true, evidence: evil.location };
  return { files, nodes: [...graph.nodes, evil, other, strange], edges: [...graph.edges, edge] };
}
