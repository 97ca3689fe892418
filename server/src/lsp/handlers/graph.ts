// The `samAtlas/graph`, `samAtlas/graphMermaid` and `samAtlas/nodeAt` requests behind the dependency-graph webview.
import type { Connection } from 'vscode-languageserver/node';
import { callItem, graphView, lineStartsOf, prepareCallHierarchy, toMermaid, type Analysis, type Span } from '../../core/index';
import { GraphMermaidRequest, GraphRequest, NodeAtRequest, type GraphEdgeItem, type GraphLocation, type GraphNodeItem, type GraphParams } from '../../protocol/index';
import type { Session } from '../session';
import { lineStarts, pathToUri, toOffset, toRange, uriToPath } from '../convert';
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
      const locate = locator(analysis);
      const nodes: GraphNodeItem[] = view.nodes.map((n) => {
        // The detail is not shown here (an empty one is not computed).
        const item = n.kind === 'function' || n.kind === 'stateMachine' ? callItem(analysis, n.id, '') : undefined;
        const span = item?.span ?? n.span;
        return { id: n.id, kind: n.kind, label: n.label, group: n.group, type: n.type, location: span && locate.at(span) };
      });
      const edges: GraphEdgeItem[] = [
        ...view.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, label: e.label, evidence: e.evidence && locate.at(e.evidence) })),
        ...view.calls.map((c) => ({ from: c.from, to: c.to, kind: 'call', label: c.via, sync: c.sync, evidence: locate.at(c.evidence) })),
      ];
      mark('graph answered');
      return { files: locate.files, nodes, edges };
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

/** Graph locations of spans, with the URIs of their files listed once. */
function locator(analysis: Analysis): { files: string[]; at(span: Span): GraphLocation } {
  const files: string[] = [];
  const indexes = new Map<string, { index: number; starts: number[] }>();
  return {
    files,
    at(span) {
      let file = indexes.get(span.file);
      if (!file) {
        file = { index: files.push(pathToUri(span.file)) - 1, starts: lineStartsOf(analysis, span.file) };
        indexes.set(span.file, file);
      }
      const { start, end } = toRange(file.starts, span);
      return [file.index, start.line, start.character, end.line, end.character];
    },
  };
}

/** The view a graph request asks for: the whole workspace, or a focus with a depth from 1 to 10 (2 by default). */
function viewOf(analysis: Analysis, params: GraphParams | null) {
  return graphView(analysis, params?.focus || undefined, Math.max(1, Math.min(params?.depth ?? 2, 10)));
}
