// Renders workspace paths for people: relative to the workspace folder that holds them.
import type { Analysis } from '../analysis';
import { isInside, relativePath } from '../util/paths';

/** A path relative to its workspace folder, or the absolute path when it is outside all of them. */
export function displayPath(analysis: Pick<Analysis, 'roots'>, file: string): string {
  const root = analysis.roots.filter((r) => isInside(r, file)).sort((a, b) => b.length - a.length)[0];
  return root ? relativePath(root, file) : file;
}
