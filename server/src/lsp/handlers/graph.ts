// The `samAtlas/graph`, `samAtlas/graphMermaid` and `samAtlas/nodeAt` requests behind the dependency-graph webview.
import type { Connection } from 'vscode-languageserver/node';
import { callItem, graphView, prepareCallHierarchy, toMermaid, type Analysis } from '../../core/index';
import { GraphMermaidRequest, GraphRequest, NodeAtRequest, type GraphEdgeItem, type GraphNodeItem, type GraphParams } from '../../protocol/index';
import type { Session } from '../session';
import { lineStarts, toLocation, toOffset, uriToPath } from '../convert';
import { safe } from './safe';
import { mark } from '../../boot/timings';

/** Registers the graph requests. */
export function registerGraph(connection: Connection, session: Session): void {
  connection.onRequest(
    GraphRequest.type,
    safe('graph', (params) => {
      mark('graph request');
      const analysis = session.analysis;
      const view = viewOf(analysis, params);
      const nodes: GraphNodeItem[] = view.nodes.map((n) => {
        // The detail is not shown here (an empty one is not computed).
        const item = n.kind === 'function' || n.kind === 'stateMachine' ? callItem(analysis, n.id, '') : undefined;
        const span = item?.span ?? n.span;
        return { id: n.id, kind: n.kind, label: n.label, group: n.group, type: n.type, location: span && toLocation(analysis, span) };
      });
      const edges: GraphEdgeItem[] = [
        ...view.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, label: e.label, evidence: e.evidence && toLocation(analysis, e.evidence) })),
        ...view.calls.map((c) => ({ from: c.from, to: c.to, kind: 'call', label: c.via, sync: c.sync, evidence: toLocation(analysis, c.evidence) })),
      ];
      mark('graph answered');
      if (process.env.SAM_ATLAS_TIMINGS) setImmediate(() => mark('graph written'));
      return { nodes, edges };
    }),
  );
  // Mermaid text of a whole workspace is megabytes: it is made only when the user exports it.
  connection.onRequest(
    GraphMermaidRequest.type,
    safe('graphMermaid', (params) => toMermaid(viewOf(session.analysis, params))),
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

/** The view a graph request asks for: the whole workspace, or a focus with a depth from 1 to 10 (2 by default). */
function viewOf(analysis: Analysis, params: GraphParams | null) {
  return graphView(analysis, params?.focus || undefined, Math.max(1, Math.min(params?.depth ?? 2, 10)));
}
