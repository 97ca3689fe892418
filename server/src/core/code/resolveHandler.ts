// Finds the source file and export a function's `Handler` names, for Node.js and Python runtimes, as SAM builds them.
import type { FunctionModel, HandlerResolution } from '../model/functions';
import { basename, dirname, isInside, joinPath } from '../util/paths';

const NODE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
const BUILD_FOLDERS = /(^|\/)(dist|build|out|lib|\.webpack|\.esbuild|\.build)(\/|$)/;

/** What handler resolution needs from the workspace: which files exist, and its folders. */
export interface FileQuery {
  exists(path: string): boolean;
  /** Whether a folder holds any known file. */
  existsFolder?(path: string): boolean;
  roots: string[];
}

/** Resolves where the handler of `fn` lives; never reads files, only asks `files.exists`. */
export function resolveHandler(fn: Omit<FunctionModel, 'resolution'>, files: FileQuery): HandlerResolution {
  if (fn.packageType === 'Image') return { status: 'none', reason: 'PackageType is Image: the handler is inside a container image.' };
  const inline = fn.properties?.entries.find((e) => e.key === 'InlineCode' || (e.key === 'Code' && e.value.kind === 'map' && e.value.entries.some((c) => c.key === 'ZipFile')));
  if (inline) return { status: 'inline', span: inline.value.span };
  if (fn.remoteCode) return { status: 'none', reason: `${fn.remoteCode}: the code is not in the workspace.` };
  if (fn.codeUri && /\.(zip|jar)$/i.test(fn.codeUri.value)) return { status: 'none', reason: `CodeUri ${fn.codeUri.value} is a built archive: its source is not read.` };
  if (!fn.handler) return { status: 'none', reason: 'The function has no Handler.' };
  const runtime = fn.runtime ?? '';
  const language = runtime.startsWith('python') ? 'python' : runtime.startsWith('nodejs') ? 'node' : runtime ? 'other' : 'unknown';
  if (language === 'other') return { status: 'none', reason: `Runtime ${runtime} is not analysed (Node.js and Python are).` };
  // `Assembly::Namespace.Class::Method` (.NET) or `package.Class::method` (Java), with a Runtime this file cannot read.
  if (fn.handler.value.includes('::')) return { status: 'none', reason: `Handler "${fn.handler.value}" is a Java or .NET handler, which is not analysed.` };
  const lastDot = fn.handler.value.lastIndexOf('.');
  if (lastDot <= 0) return { status: 'none', reason: `Handler "${fn.handler.value}" is not of the form file.export.` };
  const modulePath = fn.handler.value.slice(0, lastDot);
  const exportName = fn.handler.value.slice(lastDot + 1);
  const templateDir = dirname(fn.file);
  const codeDir = fn.codeUri && !/^s3:\/\//.test(fn.codeUri.value) ? joinPath(templateDir, fn.codeUri.value) : templateDir;
  if (!files.roots.some((root) => isInside(root, codeDir))) return { status: 'outside-workspace', path: codeDir };

  const looked: string[] = [];
  const tryFiles = (candidates: string[]): string | undefined => {
    for (const candidate of candidates) {
      if (!files.roots.some((root) => isInside(root, candidate))) continue;
      looked.push(candidate);
      if (files.exists(candidate)) return candidate;
    }
    return undefined;
  };

  if (language === 'python' || language === 'unknown') {
    const pyModule = joinPath(codeDir, modulePath.replace(/\./g, '/'));
    const pyPath = `${pyModule}.py`;
    // `Handler: app.handler` may name a package: `app/__init__.py` defines `handler`.
    const pyFile = tryFiles([pyPath, `${pyModule}/__init__.py`]);
    if (pyFile) return { status: 'resolved', file: pyFile, exportName, language: 'python' };
    if (language === 'python') return looked.length ? { status: 'missing-file', looked, exportName } : { status: 'outside-workspace', path: pyPath };
  }
  const found = tryFiles(nodeCandidates(fn, codeDir, modulePath));
  if (found) return { status: 'resolved', file: found, exportName, language: /\.[mc]?ts$/.test(found) ? 'typescript' : 'javascript' };
  // Every candidate is outside the workspace (`Handler: ../../etc/passwd.x`): say so rather than "not found".
  if (!looked.length) return { status: 'outside-workspace', path: joinPath(codeDir, modulePath) };
  return { status: 'missing-file', looked, exportName };
}

/** Candidate source files for a Node.js handler, most likely first. */
function nodeCandidates(fn: Omit<FunctionModel, 'resolution'>, codeDir: string, modulePath: string): string[] {
  const out: string[] = [];
  const moduleBase = basename(modulePath);
  for (const entry of fn.entryPoints) {
    const stem = basename(entry).replace(/\.[^.]+$/, '');
    if (stem === moduleBase || fn.entryPoints.length === 1) out.push(joinPath(codeDir, entry));
  }
  const direct = joinPath(codeDir, modulePath);
  out.push(...NODE_EXTENSIONS.map((ext) => direct + ext));
  // A CodeUri or handler path inside a build output: look for the TypeScript source it was compiled from.
  if (BUILD_FOLDERS.test(direct)) {
    for (const source of ['src', '']) {
      const mapped = direct.replace(BUILD_FOLDERS, (_m, before, _folder, after) => (source ? `${before}${source}${after}` : before || after));
      if (mapped !== direct) out.push(...['.ts', '.mts', '.cts', '.js'].map((ext) => mapped + ext));
    }
  }
  return [...new Set(out)];
}
