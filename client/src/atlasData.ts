// Fetches the endpoints and functions the sidebar shows, coalescing refreshes while a fetch is running.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EndpointsRequest, FunctionsRequest, type EndpointItem, type FunctionItem } from '../../server/src/protocol';

/** The workspace's endpoints and functions as the server last reported them. */
export class AtlasData implements vscode.Disposable {
  private endpointList: EndpointItem[] = [];
  private functionList: FunctionItem[] = [];
  private functionsById = new Map<string, FunctionItem>();
  private running: Promise<void> | undefined;
  private pending = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private signature = '';

  /** Fires after each completed refresh. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  /** Every endpoint, in the server's order (API, path, method). */
  get endpoints(): readonly EndpointItem[] {
    return this.endpointList;
  }

  /** Every function, in the server's order (template, logical ID). */
  get functions(): readonly FunctionItem[] {
    return this.functionList;
  }

  /** The function with this ID, if the last refresh reported it. */
  functionById(id: string): FunctionItem | undefined {
    return this.functionsById.get(id);
  }

  /** The endpoint a function serves at this method and path, if the last refresh reported it. */
  findEndpoint(functionId: string, method: string, path: string): EndpointItem | undefined {
    return this.endpointList.find(
      (endpoint) => endpoint.functionId === functionId && endpoint.method === method && endpoint.path === path,
    );
  }

  /** Refreshes after a delay unless a refresh is already scheduled (used while the server is still indexing). */
  refreshSoon(delayMs: number): void {
    this.timer ??= setTimeout(() => void this.refresh(), delayMs);
  }

  /** Re-requests both lists; a call during a running fetch schedules one more fetch after it. */
  refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) {
      this.pending = true;
      return this.running;
    }
    this.running = this.fetchUntilSettled().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Empties both lists (the server stopped). */
  clear(): void {
    this.store([], []);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }

  private async fetchUntilSettled(): Promise<void> {
    do {
      this.pending = false;
      await this.fetch();
    } while (this.pending);
  }

  private async fetch(): Promise<void> {
    if (!this.client.isRunning()) return;
    try {
      const [endpoints, functions] = await Promise.all([
        this.client.sendRequest(EndpointsRequest.type, {}),
        this.client.sendRequest(FunctionsRequest.type, {}),
      ]);
      this.store(endpoints ?? [], functions ?? []);
    } catch (error) {
      this.client.warn('SAM Atlas could not fetch endpoints and functions.', error, false);
    }
  }

  private store(endpoints: EndpointItem[], functions: FunctionItem[]): void {
    // Redrawing the trees replaces their items (and the commands a click runs): only redraw when something changed,
    // so a click on a row never lands on an item that was just thrown away.
    const signature = JSON.stringify([endpoints, functions]);
    if (signature === this.signature) return;
    this.signature = signature;
    this.endpointList = endpoints;
    this.functionList = functions;
    this.functionsById = new Map(functions.map((item) => [item.id, item]));
    this.changed.fire();
  }
}
