// Model types for functions, their events and endpoints, and the results of handler resolution.
import type { MapValue, Span, TemplateValue } from './types';

export interface EnvVarModel {
  name: string;
  keySpan: Span;
  value: TemplateValue;
  /** True when the variable comes from the template's Globals. */
  fromGlobals: boolean;
}

export interface EventModel {
  name: string;
  type: string;
  keySpan: Span;
  properties?: MapValue;
}

export interface EndpointModel {
  method: string;
  path: string;
  /** Logical ID of the API (`ServerlessRestApi`/`ServerlessHttpApi` when implicit). */
  api: string;
  apiKind: 'rest' | 'http';
  /** Where the route is written: the event's `Path` value, or the OpenAPI path key. */
  span: Span;
  functionId: string;
  /** The event name (for Events), `openapi`, or `resource` (a plain API Gateway method or route). */
  source: string;
}

/** Where a function's handler code lives, or why it could not be found. */
export type HandlerResolution =
  | { status: 'resolved'; file: string; exportName: string; language: 'javascript' | 'typescript' | 'python' }
  | { status: 'inline'; span: Span }
  | { status: 'missing-file'; looked: string[]; exportName: string }
  | { status: 'outside-workspace'; path: string }
  | { status: 'none'; reason: string };

export interface FunctionModel {
  /** `<absolute template path>#<LogicalId>`. */
  id: string;
  file: string;
  logicalId: string;
  resourceType: string;
  keySpan: Span;
  span: Span;
  /** Properties with Globals applied. */
  properties?: MapValue;
  runtime?: string;
  handler?: { value: string; span: Span };
  codeUri?: { value: string; span: Span };
  /** Why the code is not in the workspace: CodeUri/Code is an S3 location or computed by an intrinsic. */
  remoteCode?: string;
  packageType?: string;
  /** esbuild entry points from `Metadata.BuildProperties.EntryPoints`. */
  entryPoints: string[];
  environment: EnvVarModel[];
  events: EventModel[];
  timeout?: number;
  resolution: HandlerResolution;
}

export interface StateMachineModel {
  id: string;
  file: string;
  logicalId: string;
  resourceType: string;
  keySpan: Span;
  span: Span;
  properties?: MapValue;
}
