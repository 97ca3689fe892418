// Rule `unused-permission`: the role grants something the function's code never uses (a whole policy, or a wildcard broader than needed).
import type { Span } from '../../model/types';
import type { Rule } from '../registry';
import { unusedPermissions } from '../../permissions/unused';
import { templateReadable } from '../../permissions/missing';

export const unusedPermissionRule: Rule = {
  code: 'unused-permission',
  severity: 'info',
  description: "The function's role grants permissions its code does not use.",
  check(analysis) {
    const out: { message: string; span: Span }[] = [];
    for (const fn of analysis.functions) {
      if (!templateReadable(analysis, fn)) continue;
      for (const unused of unusedPermissions(analysis, fn)) {
        const message =
          unused.kind === 'unused'
            ? `${fn.logicalId}: ${unused.label} is not used by the function's code; remove it if nothing else needs it.`
            : `${fn.logicalId}: ${unused.label} allows every ${unused.pattern === '*' ? '' : `${unused.pattern!.split(':')[0]} `}action, but the code only uses ${unused.used.join(', ')}.`;
        out.push({ message, span: unused.span });
      }
    }
    return out;
  },
};
