// Rule `unknown-reference`: a Ref, GetAtt, ${} in Sub, DependsOn or Condition that names nothing in the template.
import type { Rule } from '../registry';
import { resolveName } from '../../sam/names';

export const unknownReferenceRule: Rule = {
  code: 'unknown-reference',
  severity: 'error',
  description: 'A Ref, GetAtt, Sub placeholder, DependsOn or Condition names nothing in the template.',
  scope: 'templates',
  check(analysis) {
    const out = [];
    for (const template of analysis.templates) {
      // A template that does not parse cleanly gets its syntax error, not a cascade of unknown names.
      if (template.problems.some((p) => p.code === 'yaml-syntax' && p.severity === 'error')) continue;
      for (const reference of template.references) {
        if (reference.kind === 'ImportValue') continue;
        const kind = reference.kind === 'Condition' ? 'condition' : reference.kind === 'FindInMap' ? 'mapping' : 'value';
        if (reference.target.includes('${') || reference.target.startsWith('Fn::')) continue;
        if (resolveName(template, reference.target, kind)) continue;
        const what = kind === 'condition' ? 'condition' : kind === 'mapping' ? 'mapping' : 'resource or parameter';
        out.push({ message: `Unknown ${what} "${reference.target}": define it in the template or fix the name.`, span: reference.span });
      }
    }
    return out;
  },
};
