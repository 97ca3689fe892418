// Rule `fan-in`: a function called synchronously by more functions than the setting allows, so its latency and failures spread widely.
import type { Rule } from '../registry';
import { callIndexOf, computeKeySpan, logicalIdOf } from '../../impact/callIndex';
import { nameList } from '../../impact/text';

export const DEFAULT_MAX_FAN_IN = 5;

export const fanInRule: Rule = {
  code: 'fan-in',
  severity: 'info',
  description: 'A function is called synchronously by more than samAtlas.maxFanIn (default 5) functions.',
  scope: 'graph',
  check(analysis, options) {
    const max = options?.maxFanIn ?? DEFAULT_MAX_FAN_IN;
    const out = [];
    for (const [id, calls] of callIndexOf(analysis).callsTo) {
      const callers = [...new Set(calls.filter((c) => c.sync && c.from !== id).map((c) => c.from))];
      const span = computeKeySpan(analysis, id);
      if (callers.length <= max || !span) continue;
      out.push({
        message: `${logicalIdOf(id)} is called synchronously by ${callers.length} functions (more than ${max}): ${nameList(callers.map(logicalIdOf).sort(), 10)}. Its latency, errors and throttling reach all of them; consider reserved concurrency, caching its answers, or a shared library instead of a call.`,
        span,
      });
    }
    return out;
  },
};
