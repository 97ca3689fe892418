// Hover requests: the core's Markdown card for what is under the cursor.
import { MarkupKind, type Connection } from 'vscode-languageserver/node';
import { hover } from '../../core/index';
import type { Session } from '../session';
import { lineStarts, toOffset, toRange, uriToPath } from '../convert';
import { safe } from './safe';

/** Registers hover. */
export function registerHover(connection: Connection, session: Session): void {
  connection.onHover(
    safe('hover', (params) => {
      const file = uriToPath(params.textDocument.uri);
      if (!file) return null;
      const analysis = session.analysis;
      const starts = lineStarts(analysis, file, session.openText(file));
      const result = hover(analysis, file, toOffset(starts, params.position));
      if (!result) return null;
      return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: toRange(starts, result.span) };
    }),
  );
}
