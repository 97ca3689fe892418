// Document and workspace symbol requests.
import { SymbolKind, type Connection, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import { documentSymbols, workspaceSymbols, type SymbolKindName, type SymbolNode } from '../../core/index';
import type { Session } from '../session';
import { lineStarts, toLocation, toRange, uriToPath } from '../convert';
import { safe } from './safe';

const KINDS: Record<SymbolKindName, SymbolKind> = {
  namespace: SymbolKind.Namespace,
  function: SymbolKind.Function,
  class: SymbolKind.Class,
  variable: SymbolKind.Variable,
  constant: SymbolKind.Constant,
  event: SymbolKind.Event,
  interface: SymbolKind.Interface,
  field: SymbolKind.Field,
  method: SymbolKind.Method,
  struct: SymbolKind.Struct,
  module: SymbolKind.Module,
  property: SymbolKind.Property,
  key: SymbolKind.Key,
  object: SymbolKind.Object,
};

/** Registers the outline and the workspace symbol search. */
export function registerSymbols(connection: Connection, session: Session): void {
  connection.onDocumentSymbol(
    safe('documentSymbol', (params) => {
      const file = uriToPath(params.textDocument.uri);
      if (!file) return null;
      const starts = lineStarts(session.analysis, file, session.openText(file));
      const convert = (node: SymbolNode): DocumentSymbol => ({
        name: node.name || ' ',
        detail: node.detail,
        kind: KINDS[node.kind],
        range: toRange(starts, node.span),
        selectionRange: toRange(starts, node.selectionSpan),
        children: node.children?.map(convert),
      });
      return documentSymbols(session.analysis, file).map(convert);
    }),
  );
  connection.onWorkspaceSymbol(
    safe('workspaceSymbol', (params): SymbolInformation[] => {
      const analysis = session.analysis;
      return workspaceSymbols(analysis, params.query).map((s) => ({
        name: s.name,
        kind: KINDS[s.kind],
        containerName: s.containerName,
        location: toLocation(analysis, s.span),
      }));
    }),
  );
}
