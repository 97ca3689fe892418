// The extension's entry point: starts the language client and wires the views, commands and status bar to it.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { WorkspaceTrustNotification, type IndexStatus } from '../../server/src/protocol';
import { AtlasData } from './atlasData';
import { registerCommands } from './commands';
import { registerGraphCommands } from './graph/graphCommands';
import { registerImpact } from './impact/impactCommands';
import type { ImpactEntry } from './impact/impactModel';
import type { ImpactTreeProvider } from './impact/impactTree';
import { IndexStatusTracker } from './indexStatus';
import { createLanguageClient, startLanguageClient } from './languageClient';
import { createStatusBar } from './statusBar';
import { EndpointsTreeProvider } from './views/endpointsTree';
import { FunctionsTreeProvider } from './views/functionsTree';

/** What `activate` returns (`vscode.extensions.getExtension(...).exports`), used by tests. */
export interface SamAtlasApi {
  /** Resolves when the server reports that its index is ready. */
  whenReady(): Promise<IndexStatus>;
  /** The running language client, for sending requests directly. */
  client: LanguageClient;
  /** The tree data providers behind the Endpoints, Functions and Impact views. */
  views: { endpoints: EndpointsTreeProvider; functions: FunctionsTreeProvider; impact: ImpactTreeProvider };
  /** The Impact tree view (whether it is visible, its description and message). */
  impactView: vscode.TreeView<ImpactEntry>;
}

/** While indexing, the views refresh at most this often; a `ready` status refreshes them at once. */
const indexingRefreshDelayMs = 2000;

/** Activates SAM Atlas: creates the client, views, commands and status bar, then starts the server. */
export async function activate(context: vscode.ExtensionContext): Promise<SamAtlasApi> {
  const output = vscode.window.createOutputChannel('SAM Atlas');
  const client = createLanguageClient(context, output);
  const tracker = new IndexStatusTracker(client);
  const data = new AtlasData(client);
  const endpoints = new EndpointsTreeProvider(data);
  const functions = new FunctionsTreeProvider(data);
  const statusBar = createStatusBar();
  const impact = registerImpact({ client, tracker });
  let fetchedLists: number | undefined;
  const update = (): void => {
    const status = tracker.status;
    if (client.state === State.Running) statusBar.show({ kind: 'running', status });
    else statusBar.show({ kind: client.state === State.Starting ? 'starting' : 'stopped' });
    const state = client.state !== State.Running ? 'stopped' : (status?.state ?? 'indexing');
    void vscode.commands.executeCommand('setContext', 'samAtlas.state', state);
  };
  context.subscriptions.push(
    output, tracker, data, endpoints, functions, statusBar.item, client,
    vscode.window.createTreeView('samAtlas.endpoints', { treeDataProvider: endpoints, showCollapseAll: true }),
    vscode.window.createTreeView('samAtlas.functions', { treeDataProvider: functions, showCollapseAll: true }),
    ...registerCommands({ client, data, tracker }),
    ...registerGraphCommands({ extensionUri: context.extensionUri, client, tracker }),
    impact,
    client.onDidChangeState(update),
    // Trust granted after the server started: impact of changes (git) becomes available without a restart.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (client.isRunning()) void client.sendNotification(WorkspaceTrustNotification.type, {});
    }),
    tracker.onDidChange(({ status }) => {
      update();
      // The lists are fetched again only when the server says they may have changed (not after every code edit).
      if (status?.state === 'ready' && (status.listsVersion === undefined || status.listsVersion !== fetchedLists)) {
        fetchedLists = status.listsVersion;
        void data.refresh();
      } else if (status?.state !== 'ready') {
        fetchedLists = undefined;
        if (status) data.refreshSoon(indexingRefreshDelayMs);
      }
    }),
  );
  await startLanguageClient(context, client);
  update();
  return { whenReady: () => tracker.whenReady(), client, views: { endpoints, functions, impact: impact.provider }, impactView: impact.view };
}
