// Tracks the server's index status from its notifications, polling the status request when asked to wait.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { IndexStatusNotification, IndexStatusRequest, type IndexStatus } from '../../server/src/protocol';

/** A change of the index status; `pushed` is true when the server announced it (contents may have changed). */
export interface IndexStatusChange {
  status: IndexStatus | undefined;
  pushed: boolean;
}

const pollIntervalMs = 1000;

/** Holds the latest index status and tells listeners when it changes. */
export class IndexStatusTracker implements vscode.Disposable {
  private current: IndexStatus | undefined;
  private readonly changed = new vscode.EventEmitter<IndexStatusChange>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** Fires when the server pushes a status, or when a polled or reset status differs from the last one. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      client.onNotification(IndexStatusNotification.type, (status) => this.update(status, true)),
      client.onDidChangeState((event) => {
        // A (re)started server has a fresh index: forget the old status and ask for the new one.
        if (event.newState !== State.Running) this.update(undefined, false);
        else void this.poll();
      }),
    );
  }

  /** The last status the server reported, or undefined while the server is starting or stopped. */
  get status(): IndexStatus | undefined {
    return this.current;
  }

  /** Asks the server for its status; returns undefined when the client is not running or the request fails. */
  async poll(): Promise<IndexStatus | undefined> {
    if (!this.client.isRunning()) return undefined;
    try {
      const status = await this.client.sendRequest(IndexStatusRequest.type, {});
      this.update(status, false);
      return status;
    } catch {
      return undefined;
    }
  }

  /** Resolves with the status as soon as the server reports `ready` (by notification or by polling). */
  whenReady(): Promise<IndexStatus> {
    if (this.current?.state === 'ready') return Promise.resolve(this.current);
    return new Promise((resolve) => {
      const finish = (status: IndexStatus): void => {
        listener.dispose();
        clearInterval(timer);
        resolve(status);
      };
      const listener = this.onDidChange((change) => {
        if (change.status?.state === 'ready') finish(change.status);
      });
      const timer = setInterval(() => void this.poll(), pollIntervalMs);
      void this.poll();
    });
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private update(status: IndexStatus | undefined, pushed: boolean): void {
    const same = sameStatus(this.current, status);
    this.current = status;
    if (pushed || !same) this.changed.fire({ status, pushed });
  }
}

function sameStatus(left: IndexStatus | undefined, right: IndexStatus | undefined): boolean {
  if (left === undefined || right === undefined) return left === right;
  return left.state === right.state && left.templates === right.templates && left.functions === right.functions;
}
