// Reads the interesting parameters of an SDK call (queue, topic, table, bus ...) out of its params object, traced.
import { ts } from 'ts-morph';
import type { TracedValue } from '../model/types';
import { unwrap, type JsContext } from './jsScope';
import { objectProperties, resolveNode, returnedExpression, traceValue, type Resolved, type TraceFrame } from './jsTrace';
import { tracedKeys } from './sdkOperations';

/** The traced arguments of one SDK call. */
export interface CallArguments {
  args: Record<string, TracedValue>;
  entries?: Record<string, TracedValue>[];
}

/** Traces the keys of `tracedKeys` in a params object, and the entries/tables of batch operations. */
export function extractArgs(context: JsContext, params: ts.Expression | undefined, frame: TraceFrame, operation: string): CallArguments {
  const result: CallArguments = { args: {} };
  if (!params) return result;
  const properties = objectProperties(context, params, frame);
  if (!properties) return result;
  result.args = tracedRecord(context, properties);
  if (operation === 'PutEvents') {
    const entries = listEntries(context, properties.get('Entries'));
    if (entries) {
      result.entries = entries;
      // With a single entry its fields also stand for the call, so simple consumers need not look at `entries`.
      if (entries.length === 1) result.args = { ...entries[0], ...result.args };
    }
  } else if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    tablesResult(result, transactTables(context, properties.get('TransactItems')));
  } else if (operation === 'BatchWriteItem' || operation === 'BatchGetItem') {
    tablesResult(result, requestItemTables(context, properties.get('RequestItems')));
  }
  return result;
}

/** Traces each known key present in a property map. */
function tracedRecord(context: JsContext, properties: Map<string, Resolved>): Record<string, TracedValue> {
  const record: Record<string, TracedValue> = {};
  for (const [key, value] of properties) {
    // A DynamoDB `Key` is an object of attributes, not a name; only S3's string `Key` is worth tracing.
    if (!tracedKeys.has(key) || (key === 'Key' && ts.isObjectLiteralExpression(unwrap(value.node)))) continue;
    record[key] = traceValue(context, value.node, value.frame);
  }
  return record;
}

/** The records of an `Entries: [...]` array, or of the object returned by `items.map((item) => ({ ... }))`. */
function listEntries(context: JsContext, value: Resolved | undefined): Record<string, TracedValue>[] | undefined {
  if (!value) return undefined;
  const resolved = resolveNode(context, value.node, value.frame);
  const node = resolved.node;
  if (ts.isArrayLiteralExpression(node)) {
    const entries: Record<string, TracedValue>[] = [];
    for (const element of node.elements) {
      if (ts.isSpreadElement(element)) continue;
      const properties = objectProperties(context, element, resolved.frame);
      entries.push(properties ? tracedRecord(context, properties) : {});
    }
    return entries;
  }
  const mapped = mappedObject(node);
  if (mapped) {
    const properties = objectProperties(context, mapped, resolved.frame);
    return properties ? [tracedRecord(context, properties)] : undefined;
  }
  return undefined;
}

/** For `xs.map(fn)` where `fn` returns an object literal, that literal. */
function mappedObject(node: ts.Expression): ts.Expression | undefined {
  if (!ts.isCallExpression(node)) return undefined;
  const callee = unwrap(node.expression);
  if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'map' && callee.name.text !== 'flatMap')) return undefined;
  const callback = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
  if (!callback || (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback))) return undefined;
  const returned = returnedExpression(callback);
  return returned && ts.isObjectLiteralExpression(unwrap(returned)) ? unwrap(returned) : undefined;
}

/** Table names in `TransactItems: [{ Put: { TableName } }, { Update: { TableName } }]`. */
function transactTables(context: JsContext, value: Resolved | undefined): TracedValue[] {
  if (!value) return [];
  const resolved = resolveNode(context, value.node, value.frame);
  const items = ts.isArrayLiteralExpression(resolved.node) ? [...resolved.node.elements] : [];
  const mapped = mappedObject(resolved.node);
  if (mapped) items.push(mapped);
  const tables: TracedValue[] = [];
  for (const item of items) {
    const operations = objectProperties(context, item, resolved.frame);
    if (!operations) continue;
    for (const operation of operations.values()) {
      const table = objectProperties(context, operation.node, operation.frame)?.get('TableName');
      if (table) tables.push(traceValue(context, table.node, table.frame));
    }
  }
  return tables;
}

/** Table names that key `RequestItems: { [TABLE]: [...], Orders: [...] }`. */
function requestItemTables(context: JsContext, value: Resolved | undefined): TracedValue[] {
  if (!value) return [];
  const resolved = resolveNode(context, value.node, value.frame);
  if (!ts.isObjectLiteralExpression(resolved.node)) return [];
  const tables: TracedValue[] = [];
  for (const property of resolved.node.properties) {
    const name = property.name;
    if (!name) continue;
    if (ts.isComputedPropertyName(name)) tables.push(traceValue(context, name.expression, resolved.frame));
    else if (ts.isIdentifier(name) || ts.isStringLiteralLike(name)) tables.push({ kind: 'literal', value: name.text });
  }
  return tables;
}

/** One distinct table becomes `args.TableName`; several become one entry each. */
function tablesResult(result: CallArguments, tables: TracedValue[]): void {
  const distinct = new Map<string, TracedValue>();
  for (const table of tables) distinct.set(JSON.stringify(table), table);
  if (distinct.size === 1) result.args.TableName = [...distinct.values()][0];
  else if (distinct.size > 1) result.entries = [...distinct.values()].map((table) => ({ TableName: table }));
}
