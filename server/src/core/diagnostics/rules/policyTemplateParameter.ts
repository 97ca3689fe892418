// Rule `policy-template-parameter`: a SAM policy template in Policies lacks a parameter it needs, or names one it does not take.
import type { Analysis } from '../../analysis';
import type { Span } from '../../model/types';
import type { Rule } from '../registry';
import type { PolicyTemplateUse } from '../../permissions/model';
import { permissionsOf } from '../../permissions/effective';
import { readSamPolicies } from '../../permissions/policyItems';
import { getPolicyTemplate } from '../../iam/policyTemplates';
import { valueOf } from '../../sam/values';

export const policyTemplateParameterRule: Rule = {
  code: 'policy-template-parameter',
  severity: 'error',
  description: 'A SAM policy template is missing a parameter or has one it does not take.',
  scope: 'templates',
  check(analysis) {
    const out: { message: string; span: Span }[] = [];
    for (const use of templateUses(analysis)) {
      if (!use.known) continue;
      const takes = getPolicyTemplate(use.name)?.parameters ?? [];
      const takesText = takes.length ? `it takes ${takes.join(', ')}` : 'it takes no parameters ({})';
      if (use.missing.length) {
        const names = use.missing.join(', ');
        out.push({ message: `${use.name} needs the parameter${use.missing.length > 1 ? 's' : ''} ${names}; SAM fails to transform the template without ${use.missing.length > 1 ? 'them' : 'it'}.`, span: use.keySpan });
      }
      for (const extra of use.unexpected) {
        out.push({ message: `${use.name} has no parameter "${extra.name}" (${takesText}).`, span: extra.keySpan });
      }
    }
    return out;
  },
};

/** Policy templates used by functions (unless their Policies are ignored) and by SAM state machines, each once. */
function templateUses(analysis: Analysis): PolicyTemplateUse[] {
  const out: PolicyTemplateUse[] = [];
  const seen = new Set<string>();
  const add = (uses: PolicyTemplateUse[]) => {
    for (const use of uses) {
      const key = `${use.keySpan.file}:${use.keySpan.start}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(use);
      }
    }
  };
  for (const fn of analysis.functions) add(permissionsOf(analysis, fn).templates);
  for (const machine of analysis.stateMachines) {
    const template = analysis.template(machine.file);
    if (template && machine.resourceType === 'AWS::Serverless::StateMachine' && !valueOf(machine.properties, 'Role')) {
      add(readSamPolicies({ analysis, template }, valueOf(machine.properties, 'Policies')).templates);
    }
  }
  return out;
}
