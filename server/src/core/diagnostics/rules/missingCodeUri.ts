// Rule `missing-code-uri`: a function's CodeUri folder does not exist in the workspace.
import type { Rule } from '../registry';
import { dirname, joinPath } from '../../util/paths';

export const missingCodeUriRule: Rule = {
  code: 'missing-code-uri',
  severity: 'error',
  description: "A function's CodeUri names a folder that does not exist.",
  scope: 'templates',
  check(analysis) {
    const out = [];
    for (const fn of analysis.functions) {
      if (!fn.codeUri || /^s3:\/\//.test(fn.codeUri.value) || fn.resolution.status === 'resolved' || fn.resolution.status === 'outside-workspace') continue;
      // A built archive (`target/app.jar`, `dist/function.zip`) is made by the build, not kept in the repository.
      if (/\.(zip|jar)$/i.test(fn.codeUri.value)) continue;
      const folder = joinPath(dirname(fn.file), fn.codeUri.value);
      if (analysis.files.exists(folder) || analysis.files.existsFolder?.(folder)) continue;
      out.push({ message: `${fn.logicalId}: CodeUri folder "${fn.codeUri.value}" does not exist.`, span: fn.codeUri.span });
    }
    return out;
  },
};
