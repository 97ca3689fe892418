// Turns a function's SDK calls into actions on resources: which operation, which target (resolved), sync or async, which event.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { Span, TracedValue } from '../model/types';
import { FunctionMemo } from '../query/memo';
import { functionCalls, type FunctionCall } from './producers';
import { resolveCodeValue, type Resolved } from './resolveValue';

/** Something a function or state machine does to another resource. */
export interface Action {
  from: string;
  service: string;
  operation: string;
  target: Resolved;
  sync: boolean;
  evidence: Span;
  event?: { source?: string; detailType?: string; bus?: Resolved };
  source: 'code' | 'task';
}

const DYNAMODB_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems', 'ExecuteStatement', 'BatchExecuteStatement']);
const S3_WRITES = new Set(['PutObject', 'CopyObject', 'CompleteMultipartUpload', 'Upload', 'DeleteObject', 'DeleteObjects']);

const memo = new FunctionMemo<Action[]>(true);

/** The actions of one function's code that can trigger other compute (memoised across snapshots). */
export function codeActions(analysis: Analysis, fn: FunctionModel): Action[] {
  return memo.get(analysis, fn, () => computeActions(analysis, fn));
}

function computeActions(analysis: Analysis, fn: FunctionModel): Action[] {
  const out: Action[] = [];
  for (const call of functionCalls(analysis, fn)) {
    const action = actionOf(analysis, fn, call);
    if (Array.isArray(action)) out.push(...action);
    else if (action) out.push(action);
  }
  return out;
}

function actionOf(analysis: Analysis, fn: FunctionModel, fc: FunctionCall): Action | Action[] | undefined {
  const { call, args } = fc;
  const base = { from: fn.id, service: call.service, operation: call.operation, evidence: fc.via?.span ?? call.span, source: 'code' as const };
  const resolve = (value: TracedValue | undefined) => resolveCodeValue(analysis, fn, value);
  switch (call.service) {
    case 'lambda':
      if (!/^Invoke/.test(call.operation)) return undefined;
      return { ...base, target: resolve(args.FunctionName), sync: call.operation !== 'InvokeAsync' && !isLiteral(args.InvocationType, 'Event') };
    case 'sqs':
      return /^SendMessage/.test(call.operation) ? { ...base, target: resolve(args.QueueUrl), sync: false } : undefined;
    case 'sns':
      return /^Publish/.test(call.operation) ? { ...base, target: resolve(args.TopicArn ?? args.TargetArn), sync: false } : undefined;
    case 'sfn':
      return /^Start(Sync)?Execution$/.test(call.operation) ? { ...base, target: resolve(args.stateMachineArn), sync: call.operation === 'StartSyncExecution' } : undefined;
    case 'dynamodb':
      return DYNAMODB_WRITES.has(call.operation) ? { ...base, target: resolve(args.TableName), sync: true } : undefined;
    case 'kinesis':
      return /^PutRecords?$/.test(call.operation) ? { ...base, target: resolve(args.StreamName ?? args.StreamARN), sync: true } : undefined;
    case 's3':
      return S3_WRITES.has(call.operation) ? { ...base, target: resolve(args.Bucket), sync: true } : undefined;
    case 'http':
      return { ...base, target: resolve(args.url), sync: true };
    case 'eventbridge':
      if (call.operation !== 'PutEvents') return undefined;
      return (fc.entries?.length ? fc.entries : [fc.args]).map((entry) => eventAction(analysis, fn, entry, base));
    default:
      return undefined;
  }
}

/** One PutEvents entry with its source, detail-type and bus. */
function eventAction(analysis: Analysis, fn: FunctionModel, entry: Record<string, TracedValue>, base: Omit<Action, 'target' | 'sync'>): Action {
  const literal = (value: TracedValue | undefined) => {
    const resolved = resolveCodeValue(analysis, fn, value);
    return resolved.kind === 'literal' ? resolved.value : undefined;
  };
  return {
    ...base,
    target: { kind: 'unresolved', reason: 'event bus' },
    sync: false,
    event: { source: literal(entry.Source), detailType: literal(entry.DetailType), bus: entry.EventBusName ? resolveCodeValue(analysis, fn, entry.EventBusName) : undefined },
  };
}

function isLiteral(value: TracedValue | undefined, expected: string): boolean {
  return value?.kind === 'literal' && value.value === expected;
}
