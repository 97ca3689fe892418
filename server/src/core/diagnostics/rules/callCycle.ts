// Rule `call-cycle`: a loop in the call graph (a function that ends up triggering itself): a recursive-invocation risk.
import type { Rule } from '../registry';
import type { CallEdge } from '../../model/graph';
import { callIndexOf, computeKeySpan, logicalIdOf, type CallIndex } from '../../impact/callIndex';
import { chainText } from '../../impact/text';

export const callCycleRule: Rule = {
  code: 'call-cycle',
  severity: 'warning',
  description: 'Functions call each other in a loop (directly, or through queues, topics, streams or events): recursive invocations.',
  scope: 'graph',
  check(analysis) {
    const index = callIndexOf(analysis);
    const out = [];
    for (const component of stronglyConnected(index)) {
      const start = component.sort()[0];
      const loop = findLoop(index, start, new Set(component));
      const span = computeKeySpan(analysis, start);
      if (!loop || !span) continue;
      const path = chainText([logicalIdOf(start), ...loop.map((c) => `(${describe(index, c)}) ${logicalIdOf(c.to)}`)]);
      out.push({
        message: `Call loop: ${path}. Each invocation can start the next one without end (Lambda stops some SQS/SNS/S3 loops, not all): add a stop condition, filter the events, or break the loop.`,
        span,
      });
    }
    return out;
  },
};

function describe(index: CallIndex, call: CallEdge): string {
  const through = call.through.map((t) => index.nodes.get(t)?.label ?? logicalIdOf(t));
  return [call.via, ...through].join(' ');
}

/** The groups of nodes that can reach each other (Tarjan), keeping single nodes only when they call themselves. */
function stronglyConnected(index: CallIndex): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const next = (id: string) => (index.callsFrom.get(id) ?? []).map((c) => c.to);
  const visit = (id: string) => {
    order.set(id, order.size);
    low.set(id, order.get(id)!);
    stack.push(id);
    onStack.add(id);
    for (const to of next(id)) {
      if (!order.has(to)) {
        visit(to);
        low.set(id, Math.min(low.get(id)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(id, Math.min(low.get(id)!, order.get(to)!));
    }
    if (low.get(id) !== order.get(id)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== id);
    if (component.length > 1 || next(id).includes(id)) out.push(component);
  };
  for (const id of [...index.callsFrom.keys()].sort()) if (!order.has(id)) visit(id);
  return out;
}

/** The shortest loop of calls from `start` back to it, staying inside `members`. */
function findLoop(index: CallIndex, start: string, members: Set<string>): CallEdge[] | undefined {
  const previous = new Map<string, CallEdge>();
  const queue = [start];
  while (queue.length) {
    const id = queue.shift()!;
    for (const call of index.callsFrom.get(id) ?? []) {
      if (!members.has(call.to)) continue;
      if (call.to === start) {
        const path = [call];
        for (let at = id; at !== start; at = previous.get(at)!.from) path.unshift(previous.get(at)!);
        return path;
      }
      if (previous.has(call.to)) continue;
      previous.set(call.to, call);
      queue.push(call.to);
    }
  }
  return undefined;
}
