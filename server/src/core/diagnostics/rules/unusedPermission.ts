// Rule `unused-permission`: the role grants something the function's code never uses (a whole policy, or a wildcard broader than needed).
import type { Span } from '../../model/types';
import { functionRule } from '../functionRule';
import { unusedPermissions } from '../../permissions/unused';
import { templateReadable } from '../../permissions/missing';

export const unusedPermissionRule = functionRule({
  code: 'unused-permission',
  severity: 'info',
  description: "The function's role grants permissions its code does not use.",
  checkFunction(analysis, fn) {
    if (!templateReadable(analysis, fn)) return [];
    return unusedPermissions(analysis, fn).map((unused) => ({
      message:
        unused.kind === 'unused'
          ? `${fn.logicalId}: ${unused.label} is not used by the function's code; remove it if nothing else needs it.`
          : `${fn.logicalId}: ${unused.label} allows every ${unused.pattern === '*' ? '' : `${unused.pattern!.split(':')[0]} `}action, but the code only uses ${unused.used.join(', ')}.`,
      span: unused.span,
    }));
  },
});
