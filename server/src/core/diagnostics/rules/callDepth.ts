// Rule `call-depth`: a chain of synchronous calls (function waits for function waits for function...) deeper than the setting allows.
import type { Rule } from '../registry';
import { callIndexOf, computeKeySpan, logicalIdOf } from '../../impact/callIndex';
import { chainText } from '../../impact/text';

export const DEFAULT_MAX_CALL_DEPTH = 4;

export const callDepthRule: Rule = {
  code: 'call-depth',
  severity: 'warning',
  description: 'A synchronous call chain is deeper than samAtlas.maxCallDepth (default 4).',
  scope: 'graph',
  check(analysis, options) {
    const max = options?.maxCallDepth ?? DEFAULT_MAX_CALL_DEPTH;
    const index = callIndexOf(analysis);
    const syncCallees = (id: string) => [...new Set((index.callsFrom.get(id) ?? []).filter((c) => c.sync && c.to !== id).map((c) => c.to))];
    const hasSyncCaller = (id: string) => (index.callsTo.get(id) ?? []).some((c) => c.sync && c.from !== id);
    const memo = new Map<string, string[]>();
    const out = [];
    for (const id of [...index.callsFrom.keys()].sort()) {
      if (hasSyncCaller(id)) continue;
      const chain = longestChain(id, syncCallees, memo, new Set());
      const hops = chain.length - 1;
      const span = computeKeySpan(analysis, id);
      if (hops <= max || !span) continue;
      out.push({
        message: `Synchronous call chain of ${hops} hops (more than ${max}): ${chainText(chain.map(logicalIdOf))}. Each caller waits for the next, adding latency and timeouts; make a hop asynchronous (queue or event) or merge functions.`,
        span,
      });
    }
    return out;
  },
};

/** The longest chain of synchronous calls from `id` (a list of ids), not revisiting a node already on the path. */
function longestChain(id: string, next: (id: string) => string[], memo: Map<string, string[]>, onPath: Set<string>): string[] {
  const known = memo.get(id);
  if (known) return known;
  onPath.add(id);
  let best: string[] = [];
  for (const callee of next(id)) {
    if (onPath.has(callee)) continue;
    const chain = longestChain(callee, next, memo, onPath);
    if (chain.length > best.length) best = chain;
  }
  onPath.delete(id);
  const result = [id, ...best];
  memo.set(id, result);
  return result;
}

