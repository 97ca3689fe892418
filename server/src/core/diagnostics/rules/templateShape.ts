// Rule `template-shape`: a section, resource or property whose value has the wrong shape (a list where a map belongs, a map where a string does).
import type { Rule } from '../registry';

export const templateShapeRule: Rule = {
  code: 'template-shape',
  severity: 'warning',
  description: 'A section, resource or property has the wrong shape (for example Resources written as a string).',
  scope: 'templates',
  check(analysis) {
    return analysis.templates.flatMap((t) => t.problems.filter((p) => p.code === 'template-shape').map((p) => ({ message: p.message, span: p.span })));
  },
};
