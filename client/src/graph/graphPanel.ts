// The dependency-graph panel: one webview that asks the server for the graph, follows index changes and acts on the page's messages.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GraphMermaidRequest, GraphRequest, graphLocation, type GraphParams, type GraphResult } from '../../../server/src/protocol';
import type { IndexStatusTracker } from '../indexStatus';
import { saveExport } from './exportFiles';
import { createNonce, graphHtml } from './graphHtml';
import { clampDepth, parseWebviewMessage, pngBytes, type GraphScope, type HostMessage, type WebviewMessage } from './messages';

/** What the panel needs from the extension. */
export interface GraphPanelContext {
  extensionUri: vscode.Uri;
  client: LanguageClient;
  tracker: IndexStatusTracker;
}

/** Where the panel is asked to look: everything, or one node's neighbourhood. */
export interface ScopeRequest {
  focus?: string;
  upstream?: number;
  downstream?: number;
}

/** After an index change, the panel waits this long for more changes before asking for the graph again. */
const refreshDelayMs = 300;
const viewType = 'samAtlas.graph';

/** The single dependency-graph panel. */
export class GraphPanel implements vscode.Disposable {
  private static current: GraphPanel | undefined;
  private scope: GraphScope = { upstream: 2, downstream: 2 };
  private last: GraphResult | undefined;
  /** The parameters of the request `last` answered (an export asks for the same view). */
  private lastParams: GraphParams = {};
  private pageReady = false;
  private request = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens the panel (or reveals the open one) on the given scope. */
  static show(context: GraphPanelContext, scope: ScopeRequest = {}): GraphPanel {
    const panel = GraphPanel.current ?? new GraphPanel(context);
    GraphPanel.current = panel;
    panel.setScope(scope);
    panel.panel.reveal(undefined, false);
    return panel;
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(private readonly context: GraphPanelContext) {
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    this.panel = vscode.window.createWebviewPanel(viewType, 'SAM Atlas: Dependency Graph', column, {
      enableScripts: true,
      enableCommandUris: false,
      retainContextWhenHidden: true,
      localResourceRoots: [dist, media],
    });
    this.panel.iconPath = vscode.Uri.joinPath(media, 'atlas.svg');
    const webview = this.panel.webview;
    webview.html = graphHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      context.tracker.onDidChange(({ status, pushed }) => {
        if (pushed && status?.state === 'ready') this.refreshSoon();
      }),
      context.client.onDidChangeState(() => this.refreshSoon()),
    );
    this.panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  /** Changes what the panel shows and asks for the graph. */
  setScope(request: ScopeRequest): void {
    this.scope = {
      focus: request.focus || undefined,
      upstream: clampDepth(request.upstream ?? this.scope.upstream),
      downstream: clampDepth(request.downstream ?? this.scope.downstream),
    };
    void this.refresh();
  }

  /** Asks the server for the graph of the current scope and sends it to the page (stale answers are dropped). */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.pageReady) return;
    const client = this.context.client;
    if (!client.isRunning()) {
      this.post({ type: 'status', state: 'error', text: 'The SAM Atlas language server is not running.' });
      return;
    }
    const request = ++this.request;
    const scope = this.scope;
    this.post({ type: 'status', state: 'loading', text: 'Loading the graph\u2026' });
    try {
      const params: GraphParams = scope.focus ? { focus: scope.focus, depth: Math.max(scope.upstream, scope.downstream) } : {};
      const graph = await client.sendRequest(GraphRequest.type, params);
      if (request !== this.request) return;
      this.last = graph;
      this.lastParams = params;
      this.post({ type: 'graph', graph, scope });
    } catch (error) {
      if (request !== this.request) return;
      this.post({ type: 'status', state: 'error', text: `Could not get the graph: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }

  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), refreshDelayMs);
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /** Acts on a page message after checking its shape; anything else is ignored. */
  private async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        return this.refresh();
      case 'refresh':
        return this.refresh();
      case 'showAll':
        return this.setScope({});
      case 'focus':
        if (this.last?.nodes.some((node) => node.id === message.id)) this.setScope({ focus: message.id });
        return;
      case 'depth':
        return this.setScope({ focus: this.scope.focus, upstream: message.upstream, downstream: message.downstream });
      case 'openNode':
      case 'openEdge':
        return this.open(message);
      case 'rendered':
        this.context.client.outputChannel.appendLine(
          `[graph] drew ${message.nodes} nodes and ${message.edges} edges${message.aggregated ? ' (services collapsed)' : ''}: layout ${message.layoutMs} ms, first frame after ${message.paintMs} ms`,
        );
        return;
      default:
        return this.exportOrCopy(message);
    }
  }

  /** Opens a node's or an edge's location, but only one that the server gave in the last graph. */
  private async open(message: Extract<WebviewMessage, { type: 'openNode' | 'openEdge' }>): Promise<void> {
    const last = this.last;
    if (!last) return;
    const location = graphLocation(last.files, message.type === 'openNode' ? last.nodes.find((node) => node.id === message.id)?.location : last.edges[message.index]?.evidence);
    if (!location) return;
    const uri = vscode.Uri.parse(location.uri);
    if (uri.scheme !== 'file') return;
    const { start, end } = location.range;
    const selection = new vscode.Range(start.line, start.character, end.line, end.character);
    const other = vscode.window.visibleTextEditors.find((editor) => editor.viewColumn !== undefined && editor.viewColumn !== this.panel.viewColumn);
    await vscode.window.showTextDocument(uri, { selection, preview: true, preserveFocus: true, viewColumn: other?.viewColumn ?? vscode.ViewColumn.Beside });
  }

  private async exportOrCopy(message: Extract<WebviewMessage, { type: 'export' | 'copyMermaid' }>): Promise<void> {
    if (message.type === 'copyMermaid') {
      const mermaid = await this.mermaid();
      if (mermaid === undefined) return;
      await vscode.env.clipboard.writeText(mermaid);
      void vscode.window.showInformationMessage('Copied the dependency graph as Mermaid.');
      return;
    }
    if (message.format === 'svg') await saveExport('svg', new TextEncoder().encode(message.content));
    else if (message.format === 'png') await saveExport('png', pngBytes(message.dataUrl));
    else {
      const mermaid = await this.mermaid();
      if (mermaid !== undefined) await saveExport('mermaid', new TextEncoder().encode(mermaid));
    }
  }

  /** Mermaid text of the view on screen, asked of the server only now (a whole workspace's is megabytes); undefined after saying why not. */
  private async mermaid(): Promise<string | undefined> {
    if (!this.last) return undefined;
    try {
      return await this.context.client.sendRequest(GraphMermaidRequest.type, this.lastParams);
    } catch (error) {
      void vscode.window.showErrorMessage(`SAM Atlas: could not export the graph as Mermaid: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
