// Rule `yaml-syntax`: a template that does not parse, reported at the exact position.
import type { Rule } from '../registry';

export const yamlSyntaxRule: Rule = {
  code: 'yaml-syntax',
  severity: 'error',
  description: 'The template is not valid YAML or JSON.',
  scope: 'templates',
  check(analysis) {
    return analysis.templates.flatMap((t) => t.problems.filter((p) => p.code === 'yaml-syntax').map((p) => ({ message: p.message, span: p.span })));
  },
};
