// Rule `missing-handler`: the handler file a function names does not exist, or does not export the handler.
import { functionRule } from '../functionRule';
import { exportSpan } from '../../query/code';
import { displayPath } from '../../query/display';
import { dirname, isInside, joinPath } from '../../util/paths';

export const missingHandlerRule = functionRule({
  code: 'missing-handler',
  severity: 'error',
  description: "A function's Handler names a file or export that does not exist.",
  checkFunction(analysis, fn) {
    const r = fn.resolution;
    const span = fn.handler?.span ?? fn.keySpan;
    if (r.status === 'missing-file') {
      const looked = r.looked.slice(0, 4).map((l) => displayPath(analysis, l)).join(', ');
      return [{ message: `${fn.logicalId}: handler file not found (looked for ${looked}). Fix Handler or CodeUri.`, span }];
    }
    if (r.status === 'outside-workspace') {
      const byCodeUri = !!fn.codeUri && !analysis.roots.some((root) => isInside(root, joinPath(dirname(fn.file), fn.codeUri!.value)));
      return [{ message: `${fn.logicalId}: ${byCodeUri ? 'CodeUri' : 'Handler'} points outside the workspace (${r.path}); it is not read.`, span: byCodeUri ? fn.codeUri!.span : span }];
    }
    if (r.status !== 'resolved') return [];
    const facts = analysis.code.get(r.file);
    if (!facts || facts.problems.some((p) => p.code === 'code-parse')) return [];
    const hasStar = facts.exports.some((e) => e.name === '*');
    if (exportSpan(analysis, r.file, r.exportName) || hasStar) return [];
    return [{ message: `${fn.logicalId}: ${displayPath(analysis, r.file)} has no export named "${r.exportName}".`, span }];
  },
});
