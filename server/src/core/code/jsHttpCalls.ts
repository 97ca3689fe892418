// Recognises outgoing HTTP calls in JavaScript/TypeScript: `fetch(url, { method })`, `axios.get(url)`, `axios({ url, method })`.
import { ts } from 'ts-morph';
import type { TracedValue } from '../model/types';
import { lookup, unwrap, type JsContext } from './jsScope';
import type { RecognizedCall } from './jsSdkCalls';
import { originOf } from './jsSdkCalls';
import { concat, objectProperties, resolveNode, traceValue, type TraceFrame } from './jsTrace';

const fetchModules = new Set(['node-fetch', 'undici', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch']);
const axiosMethods = new Set(['get', 'delete', 'head', 'options', 'post', 'put', 'patch']);

/** Recognises a `fetch` or `axios` call. */
export function recognizeHttpCall(context: JsContext, call: ts.CallExpression, frame: TraceFrame): RecognizedCall | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    if (callee.text === 'fetch' && isFetch(context, callee)) return fetchCall(context, call, frame);
    const axios = axiosOf(context, callee, frame);
    return axios ? axiosConfigCall(context, call, frame, axios.baseUrl) : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (!axiosMethods.has(method) && method !== 'request') return undefined;
  const axios = axiosOf(context, callee.expression, frame);
  if (!axios) return undefined;
  if (method === 'request') return axiosConfigCall(context, call, frame, axios.baseUrl);
  const url = call.arguments[0] ? traceValue(context, call.arguments[0], frame) : undefined;
  return httpCall('axios', method.toUpperCase(), withBase(axios.baseUrl, url));
}

function httpCall(sdk: string, operation: string, url: TracedValue | undefined): RecognizedCall {
  return { service: 'http', operation, sdk, args: url ? { url } : {} };
}

function withBase(base: TracedValue | undefined, url: TracedValue | undefined): TracedValue | undefined {
  if (!base) return url;
  return url ? concat([base, url]) : base;
}

/** `fetch` is the global one, or imported from a fetch package. */
function isFetch(context: JsContext, callee: ts.Identifier): boolean {
  const binding = lookup(context, 'fetch', callee);
  return !binding || (binding.kind === 'import' && fetchModules.has(binding.module));
}

function fetchCall(context: JsContext, call: ts.CallExpression, frame: TraceFrame): RecognizedCall {
  const url = call.arguments[0] ? traceValue(context, call.arguments[0], frame) : undefined;
  const init = call.arguments[1] ? objectProperties(context, call.arguments[1], frame) : undefined;
  return httpCall('fetch', methodOf(context, init?.get('method')?.node, init?.get('method')?.frame ?? frame), url);
}

/** The upper-case HTTP method of a traced `method` value (GET when absent, UNKNOWN when not a literal). */
function methodOf(context: JsContext, method: ts.Expression | undefined, frame: TraceFrame): string {
  if (!method) return 'GET';
  const traced = traceValue(context, method, frame);
  return traced.kind === 'literal' ? traced.value.toUpperCase() : 'UNKNOWN';
}

/** `axios(config)`, `axios(url, config)` and `axios.request(config)`. */
function axiosConfigCall(context: JsContext, call: ts.CallExpression, frame: TraceFrame, baseUrl: TracedValue | undefined): RecognizedCall {
  const [first, second] = call.arguments;
  const firstProperties = first ? objectProperties(context, first, frame) : undefined;
  const config = firstProperties ?? (second ? objectProperties(context, second, frame) : undefined);
  let url: TracedValue | undefined;
  if (!firstProperties && first) url = traceValue(context, first, frame);
  const urlProperty = config?.get('url');
  if (!url && urlProperty) url = traceValue(context, urlProperty.node, urlProperty.frame);
  const base = config?.get('baseURL');
  const ownBase = base ? traceValue(context, base.node, base.frame) : baseUrl;
  const method = config?.get('method');
  return httpCall('axios', methodOf(context, method?.node, method?.frame ?? frame), withBase(ownBase, url));
}

/** Whether an expression is the axios module or an `axios.create({ baseURL })` instance (with that base URL). */
function axiosOf(context: JsContext, expression: ts.Expression, frame: TraceFrame): { baseUrl?: TracedValue } | undefined {
  const origin = originOf(context, expression);
  if (origin?.module === 'axios' && (origin.path.length === 0 || origin.path[0] === 'default')) return {};
  const resolved = resolveNode(context, expression, frame);
  const node = resolved.node;
  if (!ts.isCallExpression(node)) return undefined;
  const callee = unwrap(node.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'create') return undefined;
  const factory = originOf(context, callee.expression);
  if (factory?.module !== 'axios' || factory.path.length > 1) return undefined;
  const config = node.arguments[0] ? objectProperties(context, node.arguments[0], resolved.frame) : undefined;
  const base = config?.get('baseURL');
  return { baseUrl: base ? traceValue(context, base.node, base.frame) : undefined };
}
