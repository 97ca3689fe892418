// Custom requests and notifications shared by the SAM Atlas server and client; each says who sends it.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Location } from 'vscode-languageserver-protocol';

/** An API route and the function that serves it. */
export interface EndpointItem {
  /** The API's logical ID (`ServerlessRestApi` when implicit). */
  api: string;
  /** Template file URI. */
  template: string;
  method: string;
  path: string;
  functionId: string;
  functionLogicalId: string;
  /** Where the route is declared (the event's `Path`, or the OpenAPI path). */
  location: Location;
  /** The handler export, when resolved. */
  handler?: Location;
}

/** A Lambda function as the sidebar shows it. */
export interface FunctionItem {
  id: string;
  logicalId: string;
  template: string;
  runtime?: string;
  location: Location;
  handler?: Location;
  endpoints: { method: string; path: string }[];
}

/** Client → server: every endpoint of the workspace, sorted by API, path and method. */
export namespace EndpointsRequest {
  export const method = 'samAtlas/endpoints';
  export const type = new RequestType<Record<string, never>, EndpointItem[], void>(method);
}

/** Client → server: every function of the workspace, sorted by template and logical ID. */
export namespace FunctionsRequest {
  export const method = 'samAtlas/functions';
  export const type = new RequestType<Record<string, never>, FunctionItem[], void>(method);
}

export interface IndexStatus {
  state: 'indexing' | 'ready';
  templates: number;
  functions: number;
  /** Milliseconds the last full index took. */
  elapsedMs?: number;
}

/** Server → client: the index changed state or contents (the client refreshes its views). */
export namespace IndexStatusNotification {
  export const method = 'samAtlas/indexStatus';
  export const type = new NotificationType<IndexStatus>(method);
}

/** Client → server: the current index status (for tests and the status bar). */
export namespace IndexStatusRequest {
  export const method = 'samAtlas/indexStatusRequest';
  export const type = new RequestType<Record<string, never>, IndexStatus, void>(method);
}
