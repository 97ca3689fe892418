// Recognises boto3 calls in Python (clients, resources, tables, buckets, queues, topics) and HTTP calls with requests/httpx.
import type { TracedValue } from '../model/types';
import type { PyExpr } from './pyExpressions';
import { dictOf, lookup, resolveName, traceValue, type PyContext, type PyScope } from './pyTrace';
import { boto3HousekeepingMethods, pascalFromSnake, serviceOfBoto3, tracedKeys } from './sdkOperations';

/** An SDK call recognised at one Python call expression. */
export interface PyRecognizedCall {
  service: string;
  operation: string;
  sdk: string;
  args: Record<string, TracedValue>;
  entries?: Record<string, TracedValue>[];
}

/** What a Python value is, as far as SDK recognition cares. */
type SdkObject =
  | { kind: 'session' }
  | { kind: 'client' | 'resource'; service: string }
  | { kind: 'table' | 'writer'; table: TracedValue }
  | { kind: 'bucket'; bucket: TracedValue }
  | { kind: 'object'; bucket: TracedValue; key?: TracedValue }
  | { kind: 'queue'; url: TracedValue }
  | { kind: 'topic'; arn: TracedValue };

const tableOperations: Record<string, string> = {
  put_item: 'PutItem',
  get_item: 'GetItem',
  update_item: 'UpdateItem',
  delete_item: 'DeleteItem',
  query: 'Query',
  scan: 'Scan',
};

const transferOperations: Record<string, string> = {
  upload_file: 'PutObject',
  upload_fileobj: 'PutObject',
  download_file: 'GetObject',
  download_fileobj: 'GetObject',
  copy: 'CopyObject',
};

/** Resource methods per resource kind → operation. */
const resourceOperations: Record<string, Record<string, string>> = {
  bucket: { put_object: 'PutObject', delete_objects: 'DeleteObjects', ...transferOperations },
  object: { put: 'PutObject', get: 'GetObject', delete: 'DeleteObject', ...transferOperations },
  queue: { send_message: 'SendMessage', send_messages: 'SendMessageBatch', receive_messages: 'ReceiveMessage', delete_messages: 'DeleteMessageBatch' },
  topic: { publish: 'Publish' },
  writer: { put_item: 'BatchWriteItem', delete_item: 'BatchWriteItem' },
  table: tableOperations,
};

const httpModules = new Set(['requests', 'httpx']);
const httpMethods = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options']);
const maxObjectDepth = 12;

/** Recognises an SDK or HTTP call; `home` is the top-level function whose parameters stay symbolic. */
export function recognizePythonCall(context: PyContext, call: PyExpr & { kind: 'call' }, scope: PyScope, home: PyScope | undefined): PyRecognizedCall | undefined {
  if (call.callee.kind !== 'attribute') return undefined;
  const method = call.callee.name;
  const http = httpCall(context, call, method, scope, home);
  if (http) return http;
  const receiver = objectOf(context, call.callee.object, scope, home, 0);
  if (!receiver || receiver.kind === 'session') return undefined;
  const trace = (expr: PyExpr): TracedValue => traceValue(context, expr, scope, home);
  if (receiver.kind === 'client' || receiver.kind === 'resource') {
    if (boto3HousekeepingMethods.has(method) || /^[A-Z]/.test(method)) return undefined;
    const operation = (receiver.service === 's3' && transferOperations[method]) || pascalFromSnake(method);
    const result = keywordArgs(context, call, scope, home, operation, receiver.service);
    if (receiver.service === 's3' && transferOperations[method]) positionalTransferArgs(method, call.args, result.args, trace);
    return { service: receiver.service, operation, sdk: 'boto3', ...result };
  }
  const operation = resourceOperations[receiver.kind]?.[method];
  if (!operation) return undefined;
  const service = receiver.kind === 'queue' ? 'sqs' : receiver.kind === 'topic' ? 'sns' : receiver.kind === 'table' || receiver.kind === 'writer' ? 'dynamodb' : 's3';
  const result = keywordArgs(context, call, scope, home, operation, service);
  if (receiver.kind === 'table' || receiver.kind === 'writer') result.args.TableName = receiver.table;
  if (receiver.kind === 'queue') result.args.QueueUrl = receiver.url;
  if (receiver.kind === 'topic') result.args.TopicArn = receiver.arn;
  if (receiver.kind === 'bucket' || receiver.kind === 'object') {
    result.args.Bucket = receiver.bucket;
    if (receiver.kind === 'object' && receiver.key) result.args.Key = receiver.key;
    else if (receiver.kind === 'bucket' && transferOperations[method] && call.args[1]) result.args.Key = trace(call.args[1]);
  }
  return { service, operation, sdk: 'boto3', ...result };
}

/** `s3.upload_file(Filename, Bucket, Key)` and `s3.download_file(Bucket, Key, Filename)` take positional names. */
function positionalTransferArgs(method: string, args: PyExpr[], into: Record<string, TracedValue>, trace: (expr: PyExpr) => TracedValue): void {
  const offset = method.startsWith('upload') ? 1 : method === 'copy' ? -1 : 0;
  if (offset < 0) return;
  if (args[offset] && !into.Bucket) into.Bucket = trace(args[offset]);
  if (args[offset + 1] && !into.Key) into.Key = trace(args[offset + 1]);
}

/** `requests.get(url)`, `httpx.post(url)`, `requests.request('PUT', url)`. */
function httpCall(context: PyContext, call: PyExpr & { kind: 'call' }, method: string, scope: PyScope, home: PyScope | undefined): PyRecognizedCall | undefined {
  if (call.callee.kind !== 'attribute' || call.callee.object.kind !== 'name') return undefined;
  const found = lookup(scope, call.callee.object.name);
  if (found?.binding.kind !== 'import' || !httpModules.has(found.binding.module) || found.binding.imported !== '*') return undefined;
  const trace = (expr: PyExpr): TracedValue => traceValue(context, expr, scope, home);
  const keyword = (name: string): PyExpr | undefined => call.keywords.find((entry) => entry.name === name)?.value;
  let operation: string;
  let url: PyExpr | undefined;
  if (httpMethods.has(method)) {
    operation = method.toUpperCase();
    url = call.args[0] ?? keyword('url');
  } else if (method === 'request') {
    const verb = call.args[0] ?? keyword('method');
    const traced = verb ? trace(verb) : undefined;
    operation = traced?.kind === 'literal' ? traced.value.toUpperCase() : 'UNKNOWN';
    url = call.args[1] ?? keyword('url');
  } else {
    return undefined;
  }
  return { service: 'http', operation, sdk: found.binding.module, args: url ? { url: trace(url) } : {} };
}

/** What an expression evaluates to: a boto3 session, client, resource, or a resource object. */
function objectOf(context: PyContext, expr: PyExpr, scope: PyScope, home: PyScope | undefined, depth: number): SdkObject | undefined {
  if (depth > maxObjectDepth) return undefined;
  if (expr.kind === 'name') {
    const found = lookup(scope, expr.name);
    if (found?.binding.kind === 'import') return isBoto3(found.binding.module) && found.binding.imported === '*' ? { kind: 'session' } : undefined;
  }
  const resolved = resolveName(scope, expr);
  if (resolved) return objectOf(context, resolved.expr, resolved.scope, home, depth + 1);
  if (expr.kind === 'attribute' && expr.name === 'session') {
    // `boto3.session.Session()`: the submodule behaves like the package.
    return objectOf(context, expr.object, scope, home, depth + 1)?.kind === 'session' ? { kind: 'session' } : undefined;
  }
  if (expr.kind === 'attribute' && expr.name === 'client' && expr.object.kind === 'attribute' && expr.object.name === 'meta') {
    // `resource.meta.client` is a client for the resource's service.
    const resource = objectOf(context, expr.object.object, scope, home, depth + 1);
    return resource?.kind === 'resource' ? { kind: 'client', service: resource.service } : undefined;
  }
  if (expr.kind !== 'call') return undefined;
  return objectOfCall(context, expr, scope, home, depth);
}

function isBoto3(module: string): boolean {
  return module === 'boto3' || module === 'aioboto3' || module === 'boto3.session';
}

function objectOfCall(context: PyContext, call: PyExpr & { kind: 'call' }, scope: PyScope, home: PyScope | undefined, depth: number): SdkObject | undefined {
  const callee = call.callee;
  const trace = (expr: PyExpr | undefined): TracedValue => (expr ? traceValue(context, expr, scope, home) : { kind: 'unknown', reason: 'missing argument' });
  const keyword = (name: string): PyExpr | undefined => call.keywords.find((entry) => entry.name === name)?.value;
  if (callee.kind === 'name') {
    // `from boto3 import client, resource, Session`.
    const found = lookup(scope, callee.name);
    if (found?.binding.kind !== 'import' || !isBoto3(found.binding.module)) return undefined;
    return factory(found.binding.imported, call, trace, keyword);
  }
  if (callee.kind !== 'attribute') return undefined;
  const receiver = objectOf(context, callee.object, scope, home, depth + 1);
  if (!receiver) return undefined;
  if (receiver.kind === 'session') return factory(callee.name, call, trace, keyword);
  const first = call.args[0];
  if (receiver.kind === 'resource') {
    if (callee.name === 'Table') return { kind: 'table', table: trace(first ?? keyword('name')) };
    if (callee.name === 'Bucket') return { kind: 'bucket', bucket: trace(first ?? keyword('name')) };
    if (callee.name === 'Object') return { kind: 'object', bucket: trace(first ?? keyword('bucket_name')), key: trace(call.args[1] ?? keyword('key')) };
    if (callee.name === 'Queue') return { kind: 'queue', url: trace(first ?? keyword('url')) };
    if (callee.name === 'Topic') return { kind: 'topic', arn: trace(first ?? keyword('arn')) };
    return undefined;
  }
  if (receiver.kind === 'table' && callee.name === 'batch_writer') return { kind: 'writer', table: receiver.table };
  if (receiver.kind === 'bucket' && callee.name === 'Object') return { kind: 'object', bucket: receiver.bucket, key: trace(first ?? keyword('key')) };
  return undefined;
}

/** `boto3.client('sqs')`, `session.resource('dynamodb')`, `boto3.Session()`. */
function factory(name: string, call: PyExpr & { kind: 'call' }, trace: (expr: PyExpr | undefined) => TracedValue, keyword: (name: string) => PyExpr | undefined): SdkObject | undefined {
  if (name === 'Session' || name === 'session') return { kind: 'session' };
  if (name !== 'client' && name !== 'resource') return undefined;
  const service = trace(call.args[0] ?? keyword('service_name'));
  return service.kind === 'literal' ? { kind: name, service: serviceOfBoto3(service.value) } : undefined;
}

/** Traces the keyword arguments named in `tracedKeys` (and those of a `**params` dict), plus entries of batch operations. */
function keywordArgs(context: PyContext, call: PyExpr & { kind: 'call' }, scope: PyScope, home: PyScope | undefined, operation: string, service: string): Pick<PyRecognizedCall, 'args' | 'entries'> {
  const fields = new Map<string, { expr: PyExpr; scope: PyScope }>();
  for (const keyword of call.keywords) {
    if (keyword.name) fields.set(keyword.name, { expr: keyword.value, scope });
    else for (const [key, value] of dictFields(scope, keyword.value)) fields.set(key, value);
  }
  const result: Pick<PyRecognizedCall, 'args' | 'entries'> = { args: traceFields(context, fields, home, service) };
  if (operation === 'PutEvents') {
    const entries = fields.get('Entries');
    const list = entries ? listOf(entries.scope, entries.expr) : undefined;
    if (list) {
      result.entries = list.items.map((item) => traceFields(context, dictFields(list.scope, item), home, service));
      if (result.entries.length === 1) result.args = { ...result.entries[0], ...result.args };
    }
  } else if (['TransactWriteItems', 'TransactGetItems', 'BatchWriteItem', 'BatchGetItem'].includes(operation)) {
    tablesOf(context, fields, home, result);
  }
  return result;
}

function traceFields(context: PyContext, fields: Map<string, { expr: PyExpr; scope: PyScope }>, home: PyScope | undefined, service: string): Record<string, TracedValue> {
  const record: Record<string, TracedValue> = {};
  for (const [key, value] of fields) {
    if (!tracedKeys.has(key) || (key === 'Key' && service !== 's3')) continue;
    record[key] = traceValue(context, value.expr, value.scope, home);
  }
  return record;
}

/** The string-keyed entries of an expression that resolves to a dict literal (with `**spread`s merged). */
function dictFields(scope: PyScope, expr: PyExpr, depth = 0): Map<string, { expr: PyExpr; scope: PyScope }> {
  const fields = new Map<string, { expr: PyExpr; scope: PyScope }>();
  const dict = dictOf(scope, expr);
  if (!dict || dict.expr.kind !== 'dict' || depth > 5) return fields;
  for (const spread of dict.expr.spreads) for (const [key, value] of dictFields(dict.scope, spread, depth + 1)) fields.set(key, value);
  for (const entry of dict.expr.entries) if (entry.key.kind === 'string') fields.set(entry.key.value, { expr: entry.value, scope: dict.scope });
  return fields;
}

function listOf(scope: PyScope, expr: PyExpr): { items: PyExpr[]; scope: PyScope } | undefined {
  let current = { expr, scope };
  for (let step = 0; step < 10; step++) {
    if (current.expr.kind === 'list') return { items: current.expr.items, scope: current.scope };
    const next = resolveName(current.scope, current.expr);
    if (!next) return undefined;
    current = next;
  }
  return undefined;
}

/** Table names of `TransactItems=[{'Put': {'TableName': ...}}]` and `RequestItems={TABLE: [...]}`. */
function tablesOf(context: PyContext, fields: Map<string, { expr: PyExpr; scope: PyScope }>, home: PyScope | undefined, result: Pick<PyRecognizedCall, 'args' | 'entries'>): void {
  const tables: TracedValue[] = [];
  const transact = fields.get('TransactItems');
  const items = transact ? listOf(transact.scope, transact.expr) : undefined;
  for (const item of items?.items ?? []) {
    for (const action of dictFields(items!.scope, item).values()) {
      const table = dictFields(action.scope, action.expr).get('TableName');
      if (table) tables.push(traceValue(context, table.expr, table.scope, home));
    }
  }
  const requests = fields.get('RequestItems');
  const dict = requests ? dictOf(requests.scope, requests.expr) : undefined;
  if (dict?.expr.kind === 'dict') for (const entry of dict.expr.entries) tables.push(traceValue(context, entry.key, dict.scope, home));
  const distinct = new Map(tables.map((table) => [JSON.stringify(table), table]));
  if (distinct.size === 1) result.args.TableName = [...distinct.values()][0];
  else if (distinct.size > 1) result.entries = [...distinct.values()].map((table) => ({ TableName: table }));
}
