// Creates the language client that starts the SAM Atlas server (dist/server.js) and restarts it after a crash.
import * as vscode from 'vscode';
import {
  CloseAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { configurationSection, readSettings } from './settings';

/** The client's ID; vscode-languageclient reads the `samAtlas.trace.server` setting from it. */
export const clientId = 'samAtlas';

/** The languages and files the server follows; `*.template` files may have no language of their own. */
const documentSelector = [
  ...['yaml', 'json', 'typescript', 'javascript', 'python'].map((language) => ({ scheme: 'file', language })),
  { scheme: 'file', pattern: '**/*.template' },
];

/** Files whose creation, change or deletion on disk the server hears about. */
const watchedFiles = '**/*.{yaml,yml,json,template,ts,js,mjs,cjs,mts,cts,py}';

/** Creates (but does not start) the language client; its watcher is added to the context's subscriptions. */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = serverModulePath(context);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher(watchedFiles);
  context.subscriptions.push(watcher);
  let defaultHandler: ErrorHandler | undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { fileEvents: watcher, configurationSection },
    // A function, so a restarted server gets the settings (and the trust) of that moment.
    initializationOptions: () => readSettings(),
    outputChannel: output,
    errorHandler: announceRestarts(() => (defaultHandler ??= client.createDefaultErrorHandler())),
  };
  const client = new LanguageClient(clientId, 'SAM Atlas', serverOptions, clientOptions);
  return client;
}

/** Starts the client; reports (once, instead of a burst of restart errors) when the server bundle is missing. */
export async function startLanguageClient(context: vscode.ExtensionContext, client: LanguageClient): Promise<void> {
  const module = serverModulePath(context);
  try {
    await vscode.workspace.fs.stat(vscode.Uri.file(module));
  } catch {
    client.error(`The SAM Atlas language server is missing (${module}); rebuild or reinstall the extension.`, undefined, 'force');
    return;
  }
  try {
    await client.start();
  } catch (error) {
    client.error('The SAM Atlas language server could not start.', error, 'force');
  }
}

function serverModulePath(context: vscode.ExtensionContext): string {
  return context.asAbsolutePath('dist/server.js');
}

/**
 * Wraps the default error handler (which restarts a crashed server up to four times in three minutes)
 * so that the first restart is announced once in a notification.
 */
function announceRestarts(fallback: () => ErrorHandler): ErrorHandler {
  let announced = false;
  return {
    error: (error, message, count) => fallback().error(error, message, count),
    async closed(): Promise<CloseHandlerResult> {
      const result = await fallback().closed();
      if (result.action !== CloseAction.Restart || announced) return result;
      announced = true;
      void vscode.window
        .showWarningMessage('The SAM Atlas language server stopped unexpectedly and was restarted.', 'Show Output')
        .then((choice) => choice && vscode.commands.executeCommand('samAtlas.showOutput'));
      return { ...result, handled: true };
    },
  };
}
