// Rule `file-skipped`: a template or handler file that was not analysed (too large, unreadable, a link out of the workspace).
import type { Rule } from '../registry';

export const fileSkippedRule: Rule = {
  code: 'file-skipped',
  severity: 'warning',
  description: 'A file was not analysed: too large, unreadable, or a link that leaves the workspace.',
  check(analysis) {
    return analysis.skipped.map((s) => ({ message: `Not analysed: ${s.reason}.`, span: { file: s.path, start: 0, end: 0 } }));
  },
};
