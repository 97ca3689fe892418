// Initialize, initialized, configuration and file-watching: answers at once, indexes after, follows edits and disk changes.
import { DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { isCodeFile, isTemplateCandidate } from '../../core/index';
import { readSettings, type Session } from '../session';
import { uriToPath } from '../convert';
import { WorkspaceTrustNotification } from '../../protocol/index';
import { noteCodeLensCapabilities } from './codeLens';

/** Registers the lifecycle handlers; `capabilities` lists what the other handlers provide. */
export function registerLifecycle(connection: Connection, session: Session): void {
  let roots: string[] = [];
  let watchDynamically = false;
  connection.onInitialize((params): InitializeResult => {
    session.settings = readSettings(params.initializationOptions);
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p) ?? [];
    const rootUri = params.rootUri ? uriToPath(params.rootUri) : undefined;
    roots = folders.length ? folders : rootUri ? [rootUri] : params.rootPath ? [params.rootPath] : [];
    watchDynamically = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    noteCodeLensCapabilities(params.capabilities);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        definitionProvider: true,
        referencesProvider: true,
        hoverProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        callHierarchyProvider: true,
        codeLensProvider: { resolveProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'sam-atlas', version: '0.1.0' },
    };
  });
  connection.onInitialized(() => {
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml,json,template,ts,js,mjs,cjs,mts,cts,py}' }],
      });
    }
    void indexWithProgress(connection, session, roots);
  });
  connection.onNotification(WorkspaceTrustNotification.type, () => {
    session.settings = { ...session.settings, trusted: true };
  });
  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as { samAtlas?: unknown } | undefined)?.samAtlas;
    if (!section) return;
    session.settings = { ...readSettings(section), trusted: session.settings.trusted };
    // Severities, maxCallDepth and maxFanIn apply at once; the file size limit and excludes at the next index.
    session.republish();
  });
  session.documents.onDidChangeContent((event) => {
    const path = uriToPath(event.document.uri);
    if (path && (isTemplateCandidate(path) || isCodeFile(path))) session.queueChange({ path, text: event.document.getText() });
  });
  session.documents.onDidClose((event) => {
    const path = uriToPath(event.document.uri);
    if (path) void session.fileChangedOnDisk(path, false);
  });
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      if (path) void session.fileChangedOnDisk(path, change.type === FileChangeType.Deleted);
    }
  });
  connection.onShutdown(() => session.cancel());
}

async function indexWithProgress(connection: Connection, session: Session, roots: string[]): Promise<void> {
  let progress: Awaited<ReturnType<Connection['window']['createWorkDoneProgress']>> | undefined;
  try {
    progress = await connection.window.createWorkDoneProgress();
    progress.begin('SAM Atlas: indexing', 0, 'scanning the workspace', false);
  } catch {
    progress = undefined;
  }
  try {
    await session.index(roots, (message, percentage) => progress?.report(percentage ?? 0, message));
  } catch (error) {
    connection.console.error(`SAM Atlas: indexing failed: ${String(error)}`);
  } finally {
    progress?.done();
  }
}
