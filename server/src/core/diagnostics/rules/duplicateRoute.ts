// Rule `duplicate-route`: the same method and path routed twice on one API by function events.
import type { Rule } from '../registry';
import type { EndpointModel } from '../../model/functions';
import { splitNodeId } from '../../sam/ids';
import { entryOf } from '../../sam/values';
import { displayPath } from '../../query/display';
import { offsetToPosition } from '../../util/lineIndex';

export const duplicateRouteRule: Rule = {
  code: 'duplicate-route',
  severity: 'error',
  description: 'Two function events route the same method and path on the same API.',
  scope: 'templates',
  check(analysis) {
    const first = new Map<string, EndpointModel>();
    const out = [];
    for (const endpoint of analysis.endpoints) {
      if (endpoint.source === 'openapi' || endpoint.source === 'resource' || !endpoint.method || !endpoint.path) continue;
      const { file, logicalId } = splitNodeId(endpoint.functionId);
      // Functions created under a condition may be alternatives that are never deployed together.
      if (entryOf(analysis.resource(file, logicalId)?.node, 'Condition')) continue;
      const key = `${file}|${endpoint.api}|${endpoint.method}|${normalizeRoute(endpoint.path)}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, endpoint);
        continue;
      }
      const line = offsetToPosition(analysis.template(earlier.span.file)?.lineStarts ?? [0], earlier.span.start).line + 1;
      out.push({
        message: `${endpoint.method} ${endpoint.path} is already routed on ${endpoint.api} to ${splitNodeId(earlier.functionId).logicalId} (${displayPath(analysis, earlier.span.file)}:${line}): the SAM transform rejects the second one ("integration already exists"). Remove one route or change its method or path.`,
        span: endpoint.span,
      });
    }
    return out;
  },
};

/** `/a/{id}/` and `/a/{name}` are the same route: trailing slashes and parameter names do not count. */
function normalizeRoute(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.replace(/\{[^}/]*?(\+?)\}/g, '{$1}');
}
