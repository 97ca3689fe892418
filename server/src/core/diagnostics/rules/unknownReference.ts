// Rule `unknown-reference`: a Ref, GetAtt, ${} in Sub, DependsOn or Condition that names nothing in the template.
import type { Rule } from '../registry';
import type { TemplateFacts } from '../../model/types';
import { resolveName } from '../../sam/names';
import { listOf, stringOf, valueOf } from '../../sam/values';

/** Transforms AWS runs itself, whose output this analysis models (or that add no names). */
const AWS_TRANSFORMS = /^AWS::(Serverless-\d{4}-\d{2}-\d{2}|LanguageExtensions|Include|CodeDeployBlueGreen|SecretsManager-\d{4}-\d{2}-\d{2})$/;

/** Whether the template's `Transform` names a macro other than AWS's own transforms. */
function usesMacro(template: TemplateFacts): boolean {
  return listOf(valueOf(template.root, 'Transform')).some((item) => {
    const name = stringOf(item) ?? stringOf(valueOf(item, 'Name'));
    return name !== undefined && !AWS_TRANSFORMS.test(name);
  });
}

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
      // A macro of the account rewrites the template before CloudFormation reads it: it may add the names it uses.
      if (usesMacro(template)) continue;
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
