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
  /** Files whose facts the last full index took from the on-disk cache instead of parsing them. */
  fromCache?: number;
  /**
   * Changes when the endpoint or function lists may have changed (a template, the file list or a handler file changed);
   * an edit elsewhere in code keeps it, so the client need not fetch the lists again.
   */
  listsVersion?: number;
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

/**
 * A place in one of the graph's files, five numbers instead of an LSP Location (a whole workspace has tens of thousands):
 * the index of the file's URI in `GraphResult.files`, then the zero-based start line and character and end line and character.
 */
export type GraphLocation = [file: number, line: number, character: number, endLine: number, endCharacter: number];

/** The LSP Location of a graph location, given the graph's files (undefined when it names no file of them). */
export function graphLocation(files: readonly string[], location: GraphLocation | undefined): Location | undefined {
  const uri = location && files[location[0]];
  if (uri === undefined || !location) return undefined;
  return { uri, range: { start: { line: location[1], character: location[2] }, end: { line: location[3], character: location[4] } } };
}

/** A node of the dependency graph as the webview draws it. */
export interface GraphNodeItem {
  id: string;
  kind: string;
  label: string;
  /** Folder of the template (relative), used to group nodes by service. */
  group: string;
  type?: string;
  /** Where a click goes: the handler export for functions, else the logical ID. */
  location?: GraphLocation;
}

export interface GraphEdgeItem {
  from: string;
  to: string;
  /** `writes`, `triggers`, `invokes`, `routes`, or `call` for a derived function-to-function call. */
  kind: string;
  label: string;
  sync?: boolean;
  evidence?: GraphLocation;
}

export interface GraphParams {
  /** A node id to center on; the whole workspace when absent. */
  focus?: string;
  /** Hops upstream and downstream around the focus. */
  depth?: number;
}

export interface GraphResult {
  /** The URIs the locations of nodes and edges point into. */
  files: string[];
  nodes: GraphNodeItem[];
  edges: GraphEdgeItem[];
}

/** Client → server: the dependency graph (whole, or around one function). */
export namespace GraphRequest {
  export const method = 'samAtlas/graph';
  export const type = new RequestType<GraphParams, GraphResult, void>(method);
}

/** Client → server: the Mermaid text of the graph a `samAtlas/graph` request with the same parameters returns (asked for on export only). */
export namespace GraphMermaidRequest {
  export const method = 'samAtlas/graphMermaid';
  export const type = new RequestType<GraphParams, string, void>(method);
}

/** Client → server: the id of the function or state machine at a position (to focus the graph on it). */
export namespace NodeAtRequest {
  export const method = 'samAtlas/nodeAt';
  export const type = new RequestType<{ uri: string; position: { line: number; character: number } }, string | null, void>(method);
}

export interface ImpactParams {
  /** A function, state machine or resource id (`<template path>#<LogicalId>`, as in `FunctionItem.id`), or `env:NAME` for an environment variable. */
  id?: string;
  /** A file URI: a code module (who imports it, which functions and endpoints reach it) or a template (everything it declares). */
  file?: string;
  /** A git ref: the impact of the workspace's changes since that ref (`HEAD` for uncommitted changes); `id` and `file` are then ignored. */
  base?: string;
}

/** One node of an impact tree. */
export interface ImpactTreeItem {
  /** A graph id, a file path for modules and templates, or a synthetic id (`endpoint:…`, `event:…`). */
  id: string;
  /** `function`, `stateMachine`, `endpoint`, `schedule`, `event`, `resource`, `module`, `envVar` or `template`. */
  kind: string;
  label: string;
  detail?: string;
  /** Where a click goes. */
  location?: Location;
  /** For callers and callees: `lambda-invoke`, `sqs`, `eventbridge` ... and whether the caller waits. */
  via?: string;
  sync?: boolean;
  /** Where the connection is made (the SDK call, the task, the import). */
  evidence?: Location;
  /** Already shown elsewhere in this answer (or closes a loop): not expanded again. */
  repeated?: boolean;
  children: ImpactTreeItem[];
}

export interface ImpactResult {
  target: { kind: string; id: string; label: string; location?: Location };
  /** What depends on the target: callers up to endpoints, schedules and outside event sources; importers of a module. */
  upstream: ImpactTreeItem[];
  /** What the target depends on: callees and the resources they read and write; what a resource triggers. */
  downstream: ImpactTreeItem[];
  /** For functions and state machines: the numbers the CodeLens shows. */
  counts?: { callers: number; directCallers: number; downstream: number; endpoints: number; directEndpoints: number };
  /** For `base`: the changed files and everything they affect, as flat lists. */
  changes?: {
    files: { uri: string; kind: string; nodes: string[] }[];
    affected: { id: string; kind: string; reason: 'changed' | 'caller'; because: string[]; location?: Location }[];
    endpoints: { method: string; path: string; api: string; functionId: string; location: Location }[];
    templates: string[];
  };
  /** Why there is nothing to show (unknown id, not a git repository ...). */
  error?: string;
}

/** Client → server: the impact of a function, resource, variable, file, or of the current changes (the `samAtlas.showImpact` command). */
export namespace ImpactRequest {
  export const method = 'samAtlas/impact';
  export const type = new RequestType<ImpactParams, ImpactResult, void>(method);
}

/** Client → server: the user trusted the workspace after the server started (trust is never taken back without a reload). */
export namespace WorkspaceTrustNotification {
  export const method = 'samAtlas/workspaceTrusted';
  export const type = new NotificationType<Record<string, never>>(method);
}
