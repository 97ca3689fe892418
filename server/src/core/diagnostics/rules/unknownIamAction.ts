// Rule `unknown-iam-action`: an action string in a policy written in a template is not a real IAM action (a wildcard must match one).
import type { Span } from '../../model/types';
import type { Rule } from '../registry';
import { unknownActionReason } from '../../permissions/actionData';
import { writtenActions } from '../../permissions/writtenPolicies';

export const unknownIamActionRule: Rule = {
  code: 'unknown-iam-action',
  severity: 'warning',
  description: 'An Action in a policy is not a known IAM action.',
  scope: 'templates',
  check(analysis) {
    const out: { message: string; span: Span }[] = [];
    for (const template of analysis.templates) {
      if (template.problems.some((p) => p.code === 'yaml-syntax' && p.severity === 'error')) continue;
      for (const written of writtenActions(template)) {
        const reason = unknownActionReason(written.action);
        if (reason) out.push({ message: `Unknown IAM action "${written.action}": ${reason}${/[.?]$/.test(reason) ? '' : '.'}`, span: written.span });
      }
    }
    return out;
  },
};
