// The `samAtlas/graph` and `samAtlas/nodeAt` requests behind the dependency-graph webview.
import type { Connection } from 'vscode-languageserver/node';
import { callItem, graphView, prepareCallHierarchy, toMermaid } from '../../core/index';
import { GraphRequest, NodeAtRequest, type GraphEdgeItem, type GraphNodeItem } from '../../protocol/index';
import type { Session } from '../session';
import { lineStarts, toLocation, toOffset, uriToPath } from '../convert';
import { safe } from './safe';

/** Registers the graph requests. */
export function registerGraph(connection: Connection, session: Session): void {
  connection.onRequest(
    GraphRequest.type,
    safe('graph', (params) => {
      const analysis = session.analysis;
      const view = graphView(analysis, params.focus || undefined, Math.max(1, Math.min(params.depth ?? 2, 10)));
      const nodes: GraphNodeItem[] = view.nodes.map((n) => {
        const item = n.kind === 'function' || n.kind === 'stateMachine' ? callItem(analysis, n.id) : undefined;
        const span = item?.span ?? n.span;
        return { id: n.id, kind: n.kind, label: n.label, group: n.group, type: n.type, location: span && toLocation(analysis, span) };
      });
      const edges: GraphEdgeItem[] = [
        ...view.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, label: e.label, evidence: e.evidence && toLocation(analysis, e.evidence) })),
        ...view.calls.map((c) => ({ from: c.from, to: c.to, kind: 'call', label: c.via, sync: c.sync, evidence: toLocation(analysis, c.evidence) })),
      ];
      return { nodes, edges, mermaid: toMermaid(view) };
    }),
  );
  connection.onRequest(
    NodeAtRequest.type,
    safe('nodeAt', (params) => {
      const file = uriToPath(params.uri);
      if (!file) return null;
      const analysis = session.analysis;
      const offset = toOffset(lineStarts(analysis, file, session.openText(file)), params.position);
      return prepareCallHierarchy(analysis, file, offset)[0]?.id ?? null;
    }),
  );
}
