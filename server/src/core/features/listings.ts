// Lists for the sidebar views: every endpoint with its function and handler, every function with its endpoints.
import type { Analysis } from '../analysis';
import type { Span } from '../model/types';
import { handlerTarget } from '../query/code';

export interface EndpointListing {
  api: string;
  template: string;
  method: string;
  path: string;
  functionId: string;
  functionLogicalId: string;
  span: Span;
  handler?: Span;
}

export interface FunctionListing {
  id: string;
  logicalId: string;
  template: string;
  runtime?: string;
  span: Span;
  handler?: Span;
  endpoints: { method: string; path: string }[];
}

/** Every endpoint, sorted by API, path and method. */
export function listEndpoints(analysis: Analysis): EndpointListing[] {
  return analysis.endpoints
    .map((e) => {
      const fn = analysis.function(e.functionId);
      return {
        api: e.api,
        template: e.span.file,
        method: e.method,
        path: e.path,
        functionId: e.functionId,
        functionLogicalId: fn?.logicalId ?? e.functionId.slice(e.functionId.lastIndexOf('#') + 1),
        span: e.span,
        handler: fn ? handlerTarget(analysis, fn)[0] : undefined,
      };
    })
    .sort((a, b) => a.template.localeCompare(b.template) || a.api.localeCompare(b.api) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Every function, sorted by template and logical ID. */
export function listFunctions(analysis: Analysis): FunctionListing[] {
  return analysis.functions
    .map((fn) => ({
      id: fn.id,
      logicalId: fn.logicalId,
      template: fn.file,
      runtime: fn.runtime,
      span: fn.keySpan,
      handler: handlerTarget(analysis, fn)[0],
      endpoints: analysis.endpointsOf(fn.id).map((e) => ({ method: e.method, path: e.path })),
    }))
    .sort((a, b) => a.template.localeCompare(b.template) || a.logicalId.localeCompare(b.logicalId));
}
