// Rule `duplicate-key`: the same key twice in one YAML/JSON map (a duplicate logical ID, a repeated property): only the last one counts.
import type { Rule } from '../registry';

export const duplicateKeyRule: Rule = {
  code: 'duplicate-key',
  severity: 'warning',
  description: 'The same key appears twice in one map (for example a duplicate logical ID); only the last one counts.',
  scope: 'templates',
  check(analysis) {
    return analysis.templates.flatMap((t) => t.problems.filter((p) => p.code === 'duplicate-key').map((p) => ({ message: p.message, span: p.span })));
  },
};
