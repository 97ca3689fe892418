// Rule `timeout-chain`: a synchronous caller that may time out before its callee, and an SQS consumer whose timeout exceeds the queue's visibility timeout.
import type { Analysis } from '../../analysis';
import type { FunctionModel } from '../../model/functions';
import type { TemplateValue } from '../../model/types';
import type { Rule } from '../registry';
import { callIndexOf, logicalIdOf } from '../../impact/callIndex';
import { splitNodeId } from '../../sam/ids';
import { stringOf, valueOf } from '../../sam/values';

/** Lambda's timeout when `Timeout` is not set, in seconds. */
const DEFAULT_TIMEOUT = 3;
/** SQS's visibility timeout when `VisibilityTimeout` is not set, in seconds. */
const DEFAULT_VISIBILITY = 30;
/** API Gateway's longest integration timeout, in seconds: an HTTP caller waits at most this long. */
const API_GATEWAY_TIMEOUT = 29;

type Found = { message: string; span: FunctionModel['keySpan']; severity?: 'error' };

export const timeoutChainRule: Rule = {
  code: 'timeout-chain',
  severity: 'warning',
  description: "A synchronous caller's Timeout is not greater than its callee's, or an SQS consumer's Timeout exceeds the queue's VisibilityTimeout.",
  scope: 'graph',
  check(analysis) {
    return [...callerTimeouts(analysis), ...queueTimeouts(analysis)];
  },
};

/** The function's Timeout in seconds: the literal, a parameter's default, Lambda's default when unset; undefined when computed (`!If`). */
function timeoutOf(analysis: Analysis, fn: FunctionModel): number | undefined {
  if (fn.timeout !== undefined) return fn.timeout;
  const value = valueOf(fn.properties, 'Timeout');
  return value ? numberOf(analysis, fn.file, value) : DEFAULT_TIMEOUT;
}

/** A literal number, or the numeric default of the parameter a `!Ref` names. */
function numberOf(analysis: Analysis, file: string, value: TemplateValue): number | undefined {
  let text = stringOf(value);
  if (text === undefined && value.kind === 'intrinsic' && value.name === 'Ref') {
    const parameter = analysis.template(file)?.parameters.find((p) => p.name === stringOf(value.argument));
    text = stringOf(parameter?.defaultValue);
  }
  const number = Number(text);
  return text !== undefined && Number.isFinite(number) ? number : undefined;
}

function callerTimeouts(analysis: Analysis): Found[] {
  const out: Found[] = [];
  const seen = new Set<string>();
  for (const fn of analysis.functions) {
    for (const call of callIndexOf(analysis).callsFrom.get(fn.id) ?? []) {
      const callee = analysis.function(call.to);
      if (!call.sync || !callee || callee.id === fn.id || seen.has(`${fn.id}|${callee.id}`)) continue;
      seen.add(`${fn.id}|${callee.id}`);
      const [own, theirs] = [timeoutOf(analysis, fn), timeoutOf(analysis, callee)];
      if (own === undefined || theirs === undefined) continue;
      const waits = call.via === 'http' ? Math.min(theirs, API_GATEWAY_TIMEOUT) : theirs;
      if (own > waits) continue;
      const shown = (f: FunctionModel, seconds: number) => `${f.logicalId} (Timeout ${seconds} s${valueOf(f.properties, 'Timeout') ? '' : ', the default'})`;
      out.push({
        message: `${shown(fn, own)} waits synchronously for ${shown(callee, theirs)}: the caller can time out before its callee answers. Give ${fn.logicalId} a Timeout greater than ${waits} s, or lower ${callee.logicalId}'s.`,
        span: fn.keySpan,
      });
    }
  }
  return out;
}

function queueTimeouts(analysis: Analysis): Found[] {
  const out: Found[] = [];
  const index = callIndexOf(analysis);
  for (const fn of analysis.functions) {
    for (const event of fn.events.filter((e) => e.type === 'SQS')) {
      const trigger = (index.edgesTo.get(fn.id) ?? []).find((e) => e.evidence?.file === event.keySpan.file && e.evidence.start === event.keySpan.start);
      if (!trigger || index.nodes.get(trigger.from)?.kind !== 'queue') continue;
      const visibility = visibilityTimeout(analysis, trigger.from);
      const timeout = timeoutOf(analysis, fn);
      if (visibility === undefined || timeout === undefined || timeout <= visibility) continue;
      out.push({
        message: `${fn.logicalId}'s Timeout (${timeout} s) is longer than ${logicalIdOf(trigger.from)}'s VisibilityTimeout (${visibility} s): Lambda refuses this event source, and messages would be delivered twice. Set VisibilityTimeout to at least ${timeout} s (AWS suggests six times the function timeout).`,
        span: event.keySpan,
        severity: 'error',
      });
    }
  }
  return out;
}

/** The queue's VisibilityTimeout in seconds: the literal, a parameter's default, or 30 when unset; undefined when unknown. */
function visibilityTimeout(analysis: Analysis, queueId: string): number | undefined {
  const { file, logicalId } = splitNodeId(queueId);
  const queue = analysis.resource(file, logicalId);
  const value = valueOf(queue?.properties, 'VisibilityTimeout');
  return value ? numberOf(analysis, file, value) : DEFAULT_VISIBILITY;
}
