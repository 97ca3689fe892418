// Rule `ignored-policies`: a SAM function sets both `Role` and `Policies`; SAM ignores `Policies` when `Role` is given.
import type { Span } from '../../model/types';
import type { Rule } from '../registry';
import { permissionsOf } from '../../permissions/effective';

export const ignoredPoliciesRule: Rule = {
  code: 'ignored-policies',
  severity: 'warning',
  description: 'Policies has no effect because the function sets Role.',
  scope: 'templates',
  check(analysis) {
    const out: { message: string; span: Span }[] = [];
    for (const fn of analysis.functions) {
      const permissions = permissionsOf(analysis, fn);
      if (!permissions.ignoredPolicies) continue;
      const role = permissions.roleName ? ` (${permissions.roleName})` : '';
      out.push({
        message: `${fn.logicalId}: Policies is ignored because Role is set${role}; SAM only applies Policies to the role it generates. Put these permissions on the role, or remove Role.`,
        span: permissions.ignoredPolicies,
      });
    }
    return out;
  },
};
