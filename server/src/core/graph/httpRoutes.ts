// Matches an HTTP call (method and the URL's path after the API's base) to the endpoints of one of our APIs.
import type { Analysis } from '../analysis';
import type { EndpointModel } from '../model/functions';
import type { Resolved } from './resolveValue';

/** Endpoints of the API `target` names whose method and path match the call; `{*}` in the call's path matches any segment. */
export function matchEndpoint(analysis: Analysis, target: Extract<Resolved, { kind: 'resource' }>, method: string): EndpointModel[] {
  const endpoints = analysis.endpoints.filter((e) => e.span.file === target.template.file && e.api === target.logicalId);
  if (!endpoints.length) return [];
  const path = callPath(target.rest ?? '');
  return endpoints.filter((e) => (e.method === 'ANY' || e.method === method.toUpperCase()) && pathMatches(e.path, path));
}

/** The path part of what follows the API's base URL (drops the stage when the URL names one, and the query). */
function callPath(rest: string): string {
  const withoutQuery = rest.split(/[?#]/)[0];
  return withoutQuery.startsWith('/') ? withoutQuery : `/${withoutQuery}`;
}

function pathMatches(route: string, path: string): boolean {
  if (route === '$default' || /\{proxy\+\}$/.test(route)) return true;
  const routeParts = route.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  // A URL built from the API's root often includes the stage first: try with and without it.
  for (const offset of [0, 1]) {
    const parts = pathParts.slice(offset);
    if (parts.length !== routeParts.length) continue;
    if (routeParts.every((segment, i) => segment.startsWith('{') || parts[i] === '{*}' || parts[i] === segment)) return true;
  }
  return false;
}
