// Call hierarchy requests: prepare on a logical ID or handler export, then incoming and outgoing calls.
import { SymbolKind, type CallHierarchyItem, type Connection } from 'vscode-languageserver/node';
import { callItem, incomingCalls, lineStartsOf, outgoingCalls, prepareCallHierarchy, type Analysis, type CallItem } from '../../core/index';
import type { Session } from '../session';
import { lineStarts, pathToUri, toOffset, toRange, uriToPath } from '../convert';
import { safe } from './safe';

function toItem(analysis: Analysis, item: CallItem): CallHierarchyItem {
  const range = toRange(lineStartsOf(analysis, item.span.file), item.span);
  return {
    name: item.name,
    detail: item.detail,
    kind: item.kind === 'function' ? SymbolKind.Function : SymbolKind.Class,
    uri: pathToUri(item.span.file),
    range,
    selectionRange: range,
    data: { id: item.id },
  };
}

/** Registers the three call hierarchy requests. */
export function registerCallHierarchy(connection: Connection, session: Session): void {
  connection.languages.callHierarchy.onPrepare(
    safe('prepareCallHierarchy', (params) => {
      const file = uriToPath(params.textDocument.uri);
      if (!file) return null;
      const analysis = session.analysis;
      const offset = toOffset(lineStarts(analysis, file, session.openText(file)), params.position);
      const items = prepareCallHierarchy(analysis, file, offset).map((i) => toItem(analysis, i));
      return items.length ? items : null;
    }),
  );
  connection.languages.callHierarchy.onIncomingCalls(
    safe('incomingCalls', (params) => {
      const analysis = session.analysis;
      const id = (params.item.data as { id?: string } | undefined)?.id;
      if (!id || !callItem(analysis, id)) return [];
      return incomingCalls(analysis, id).map((group) => {
        const from = toItem(analysis, group.item);
        const spans = group.spans.filter((s) => s.file === group.item.span.file);
        return { from, fromRanges: spans.length ? spans.map((s) => toRange(lineStartsOf(analysis, s.file), s)) : [from.selectionRange] };
      });
    }),
  );
  connection.languages.callHierarchy.onOutgoingCalls(
    safe('outgoingCalls', (params) => {
      const analysis = session.analysis;
      const id = (params.item.data as { id?: string } | undefined)?.id;
      const self = id ? callItem(analysis, id) : undefined;
      if (!id || !self) return [];
      return outgoingCalls(analysis, id).map((group) => {
        const spans = group.spans.filter((s) => s.file === self.span.file);
        return { to: toItem(analysis, group.item), fromRanges: spans.length ? spans.map((s) => toRange(lineStartsOf(analysis, s.file), s)) : [params.item.selectionRange] };
      });
    }),
  );
}
