// The graph as data for the webview and the CLI: whole or around one node, and as Mermaid or Graphviz text.
import type { Analysis } from '../analysis';
import type { CallEdge, GraphEdge, GraphNode } from '../model/graph';
import { graphOf } from '../graph/buildGraph';
import { relativePath } from '../util/paths';

export interface GraphView {
  nodes: (GraphNode & { group: string })[];
  edges: GraphEdge[];
  calls: CallEdge[];
}

/** The whole graph, or the neighbourhood of `focus` up to `depth` hops upstream and downstream (through resources too). */
export function graphView(analysis: Analysis, focus?: string, depth = 2): GraphView {
  const graph = graphOf(analysis);
  let keep: Set<string> | undefined;
  if (focus) {
    keep = new Set([focus]);
    const links = [...graph.edges.map((e) => [e.from, e.to]), ...graph.calls.map((c) => [c.from, c.to])];
    for (const direction of [0, 1]) {
      let frontier = new Set([focus]);
      for (let hop = 0; hop < depth * 2 && frontier.size; hop++) {
        const next = new Set<string>();
        for (const [a, b] of links) {
          const [here, there] = direction === 0 ? [a, b] : [b, a];
          if (frontier.has(here) && !keep.has(there)) {
            keep.add(there);
            next.add(there);
          }
        }
        frontier = next;
      }
    }
  }
  const root = analysis.roots[0] ?? '/';
  // A node's group is its template's folder, relative to the first workspace folder (worked out once per template).
  const groups = new Map<string, string>();
  const groupOf = (file: string) => {
    let group = groups.get(file);
    if (group === undefined) groups.set(file, (group = relativePath(root, file).replace(/\/?[^/]*$/, '') || '.'));
    return group;
  };
  const nodes = graph.nodes.filter((n) => !keep || keep.has(n.id)).map((n) => ({ ...n, group: n.file ? groupOf(n.file) : 'unresolved' }));
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to)), calls: graph.calls.filter((c) => ids.has(c.from) && ids.has(c.to)) };
}

/** Mermaid flowchart of the derived calls (functions and state machines). */
export function toMermaid(view: GraphView): string {
  const ids = new Map<string, string>();
  const short = (id: string) => {
    if (!ids.has(id)) ids.set(id, `n${ids.size}`);
    return ids.get(id)!;
  };
  const lines = ['flowchart LR'];
  const compute = view.nodes.filter((n) => n.kind === 'function' || n.kind === 'stateMachine');
  const byGroup = new Map<string, typeof compute>();
  for (const node of compute) {
    const members = byGroup.get(node.group);
    if (members) members.push(node);
    else byGroup.set(node.group, [node]);
  }
  for (const [group, nodes] of byGroup) {
    lines.push(`  subgraph ${short(`group:${group}`)}["${escapeLabel(group)}"]`);
    for (const node of nodes) lines.push(`    ${short(node.id)}${node.kind === 'stateMachine' ? `{{"${escapeLabel(node.label)}"}}` : `["${escapeLabel(node.label)}"]`}`);
    lines.push('  end');
  }
  for (const call of view.calls) lines.push(`  ${short(call.from)} ${call.sync ? '-->' : '-.->'}|${call.via}| ${short(call.to)}`);
  return `${lines.join('\n')}\n`;
}

/** Graphviz dot of the derived calls. */
export function toDot(analysis: Analysis, view: GraphView): string {
  const root = analysis.roots[0] ?? '/';
  const lines = ['digraph sam_atlas {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
  for (const node of view.nodes.filter((n) => n.kind === 'function' || n.kind === 'stateMachine')) {
    lines.push(`  "${escapeDot(relId(root, node.id))}" [label="${escapeDot(node.label)}"${node.kind === 'stateMachine' ? ', shape=hexagon' : ''}];`);
  }
  for (const call of view.calls) {
    lines.push(`  "${escapeDot(relId(root, call.from))}" -> "${escapeDot(relId(root, call.to))}" [label="${call.via}"${call.sync ? '' : ', style=dashed'}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** An id with its template path relative to `root`. */
export function relId(root: string, id: string): string {
  const hash = id.lastIndexOf('#');
  return hash < 0 ? id : `${relativePath(root, id.slice(0, hash))}${id.slice(hash)}`;
}

function escapeLabel(text: string): string {
  return text.replace(/["<>]/g, (c) => `#${c.charCodeAt(0)};`);
}

function escapeDot(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}
