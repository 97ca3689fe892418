// The page's side of the channel to the extension: typed posting and receiving of messages.
import type { HostMessage, WebviewMessage } from '../src/graph/messages';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

/** The extension, as the page sees it. */
export interface Host {
  post(message: WebviewMessage): void;
  /** Calls `handler` with every message from the extension that has a known type. */
  listen(handler: (message: HostMessage) => void): void;
}

/** Connects to the extension (once per page, as VS Code requires). */
export function connectHost(): Host {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    listen(handler) {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const data = event.data as Partial<HostMessage> | null;
        if (data && (data.type === 'graph' || data.type === 'status')) handler(data as HostMessage);
      });
    },
  };
}
