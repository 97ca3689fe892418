// Rule `wildcard-permission`: a policy written in the workspace allows `*`, `service:*`, or write actions on every resource.
import type { Span } from '../../model/types';
import type { Rule } from '../registry';
import { wildcardFindings } from '../../permissions/wildcards';

export const wildcardPermissionRule: Rule = {
  code: 'wildcard-permission',
  severity: 'warning',
  description: 'A policy statement allows every action, every action of a service, or writes on every resource.',
  check(analysis) {
    const out: { message: string; span: Span }[] = [];
    for (const finding of wildcardFindings(analysis)) {
      const used = finding.used.length ? ` The code uses ${finding.used.map((u) => `${u.action} on ${u.targetText}`).join(', ')}; narrow the statement to that.` : '';
      out.push({ message: `${finding.functions.join(', ')}: this statement ${finding.reasons.join('; ')}.${used}`, span: finding.span });
    }
    return out;
  },
};
