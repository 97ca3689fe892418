// What a function's code does in IAM terms: each SDK call's actions on its target resource, checked against the role.
import { FunctionMemo } from '../query/memo';
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { TracedValue } from '../model/types';
import { functionCalls, type FunctionCall } from '../graph/producers';
import { resolveCodeValue } from '../graph/resolveValue';
import { iamActionMapping, iamPrefixFor } from '../iam/sdkToIam';
import type { Usage, UsageTarget } from './model';
import { isComplete, permissionsOf } from './effective';
import { decide } from './matching';

const memo = new FunctionMemo<Usage[]>(true);

/** The argument that names the resource a call acts on, per SDK service. */
const TARGET_ARGUMENT: Record<string, string[]> = {
  dynamodb: ['TableName'],
  sqs: ['QueueUrl'],
  sns: ['TopicArn', 'TargetArn'],
  lambda: ['FunctionName'],
  states: ['stateMachineArn'],
  s3: ['Bucket'],
  kinesis: ['StreamARN', 'StreamName'],
  events: ['EventBusName'],
};

const UNKNOWN_PART = '\u0000';

/** What the code of `fn` does, as IAM actions on resources, each granted or not (memoised while its inputs are unchanged). */
export function usagesOf(analysis: Analysis, fn: FunctionModel): Usage[] {
  return memo.get(analysis, fn, () => computeUsages(analysis, fn));
}

function computeUsages(analysis: Analysis, fn: FunctionModel): Usage[] {
  const permissions = permissionsOf(analysis, fn);
  const complete = isComplete(permissions);
  const out: Usage[] = [];
  const seen = new Set<string>();
  for (const fc of functionCalls(analysis, fn)) {
    if (fc.call.service === 'http') continue;
    const mapping = iamActionMapping(fc.call.service, fc.call.operation);
    const service = iamPrefixFor(fc.call.service);
    const evidence = fc.via?.span ?? fc.call.span;
    for (const action of mapping.actions) {
      for (const target of targetsOf(analysis, fn, fc, service, action)) {
        const key = `${action}|${JSON.stringify(target)}|${evidence.file}:${evidence.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const decision = decide(permissions.grants, action, target, complete);
        out.push({
          functionId: fn.id, action, target, targetText: targetText(target), status: decision.status,
          grantedBy: decision.grantedBy, deniedBy: decision.deniedBy, evidence, callSpan: fc.call.span,
          service, operation: fc.call.operation, candidate: mapping.dependsOnArguments || undefined,
        });
      }
    }
  }
  return out;
}

/** The targets of one call for one action: one per DynamoDB table or PutEvents entry, the default bus when none is named. */
function targetsOf(analysis: Analysis, fn: FunctionModel, fc: FunctionCall, service: string, action: string): UsageTarget[] {
  const keys = TARGET_ARGUMENT[service];
  if (!keys) return [{ kind: 'unknown', reason: 'the call names no resource the analysis reads' }];
  const records = fc.entries?.length && (service === 'events' || service === 'dynamodb') ? fc.entries : [fc.args];
  return records.map((args) => {
    const value = keys.map((k) => args[k]).find((v) => v !== undefined) ?? (service === 'events' ? { kind: 'literal' as const, value: 'default' } : undefined);
    return targetOf(analysis, fn, value, service, subFor(service, action, args.Key, analysis, fn));
  });
}

/** The part of the ARN after the resource: `/key` for S3 object actions (unknown key as `\u0000`), else empty. */
function subFor(service: string, action: string, key: TracedValue | undefined, analysis: Analysis, fn: FunctionModel): string {
  if (service !== 's3' || !isObjectAction(action)) return '';
  return `/${keyPattern(analysis, fn, key)}`;
}

/** An S3 key as far as it is known: literal text, with `\u0000` from the first part that is not. */
function keyPattern(analysis: Analysis, fn: FunctionModel, key: TracedValue | undefined): string {
  if (!key) return UNKNOWN_PART;
  const parts = key.kind === 'concat' ? key.parts : [key];
  let text = '';
  for (const part of parts) {
    const resolved = resolveCodeValue(analysis, fn, part);
    if (resolved.kind !== 'literal') return text + UNKNOWN_PART;
    text += resolved.value;
  }
  return text;
}

/** Whether an S3 action acts on objects (`arn:...:bucket/key`) rather than on the bucket. */
export function isObjectAction(action: string): boolean {
  const name = action.slice(action.indexOf(':') + 1);
  return /Object/.test(name) || name === 'AbortMultipartUpload' || name === 'ListMultipartUploadParts';
}

function targetOf(analysis: Analysis, fn: FunctionModel, value: TracedValue | undefined, service: string, sub: string): UsageTarget {
  if (!value) return { kind: 'unknown', reason: 'the resource argument was not found' };
  const resolved = resolveCodeValue(analysis, fn, value);
  if (resolved.kind === 'literal') return { kind: 'literal', text: resolved.value, service };
  if (resolved.kind === 'unresolved') return { kind: 'unknown', reason: resolved.reason };
  const fact = resolved.template.resources.find((r) => r.logicalId === resolved.logicalId);
  // `!Ref Fn.Version` / `!Ref Fn.Alias` name a qualified ARN whose qualifier is not known here: match it as unknown text.
  const versioned = service === 'lambda' && (resolved.attribute === 'Version' || resolved.attribute === 'Alias') ? UNKNOWN_PART : '';
  const qualifier = service === 'lambda' && resolved.rest?.startsWith(':') ? resolved.rest : versioned;
  return { kind: 'resource', id: resolved.id, logicalId: resolved.logicalId, file: resolved.template.file, resourceType: fact?.type ?? '', sub: sub || qualifier };
}

/** A target for people: `OrdersTable`, `ReceiptsBucket/*`, a literal name, or `?`. */
export function targetText(target: UsageTarget): string {
  if (target.kind === 'resource') return `${target.logicalId}${target.sub.split(UNKNOWN_PART).join('*')}`;
  if (target.kind === 'literal') return target.text;
  return '?';
}
