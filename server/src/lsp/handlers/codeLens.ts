// CodeLens: lists the impact lenses of a document cheaply, fills their counts on resolve, and asks the client to refresh after each new snapshot.
import { CodeLensRefreshRequest, type ClientCapabilities, type CodeLens, type Connection } from 'vscode-languageserver/node';
import { codeLenses, resolveCodeLens } from '../../core/index';
import type { Session } from '../session';
import { lineStarts, toRange, uriToPath } from '../convert';
import { safe } from './safe';

interface LensData {
  id: string;
  label?: string;
}

const REFRESH_DELAY_MS = 400;
let refreshSupported = false;

/** Called from `initialize`: whether the client accepts `workspace/codeLens/refresh`. */
export function noteCodeLensCapabilities(capabilities: ClientCapabilities): void {
  refreshSupported = !!capabilities.workspace?.codeLens?.refreshSupport;
}

/** Registers `textDocument/codeLens` and `codeLens/resolve`. */
export function registerCodeLens(connection: Connection, session: Session): void {
  connection.onCodeLens(
    safe('codeLens', (params): CodeLens[] => {
      const file = uriToPath(params.textDocument.uri);
      if (!file) return [];
      const analysis = session.analysis;
      const starts = lineStarts(analysis, file, session.openText(file));
      return codeLenses(analysis, file).map((lens) => ({ range: toRange(starts, lens.span), data: { id: lens.id, label: lens.label } satisfies LensData }));
    }),
  );
  connection.onCodeLensResolve(
    safe('codeLensResolve', (lens: CodeLens): CodeLens => {
      const data = lens.data as LensData | undefined;
      const resolved = data?.id ? resolveCodeLens(session.analysis, data.id, data.label) : undefined;
      // A lens whose function disappeared since it was listed shows a plain title that runs nothing.
      lens.command = resolved ? { title: resolved.title, command: resolved.command, arguments: resolved.arguments } : { title: 'no longer in the workspace', command: '' };
      return lens;
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  session.onAnalysis(() => {
    if (!refreshSupported) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined), REFRESH_DELAY_MS);
  });
}
