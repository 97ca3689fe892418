// Definition and references requests: LSP positions in, core spans out as locations.
import type { Connection, Location } from 'vscode-languageserver/node';
import { definition, references } from '../../core/index';
import type { Session } from '../session';
import { lineStarts, toLocation, toOffset, uriToPath, pathToUri } from '../convert';
import { safe } from './safe';

/** Registers go to definition and find references. */
export function registerNavigation(connection: Connection, session: Session): void {
  connection.onDefinition(
    safe('definition', (params) => {
      const file = uriToPath(params.textDocument.uri);
      if (!file) return null;
      const analysis = session.analysis;
      const offset = toOffset(lineStarts(analysis, file, session.openText(file)), params.position);
      return definition(analysis, file, offset).map((span): Location => {
        // A folder (CodeUri) has no text: point at its start.
        if (!analysis.template(span.file) && !analysis.code.has(span.file) && span.start === 0) {
          return { uri: pathToUri(span.file), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
        }
        return toLocation(analysis, span);
      });
    }),
  );
  connection.onReferences(
    safe('references', (params) => {
      const file = uriToPath(params.textDocument.uri);
      if (!file) return null;
      const analysis = session.analysis;
      const offset = toOffset(lineStarts(analysis, file, session.openText(file)), params.position);
      return references(analysis, file, offset, params.context.includeDeclaration).map((span) => toLocation(analysis, span));
    }),
  );
}
