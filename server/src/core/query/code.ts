// Questions about handler code shared by several features: where an export is declared, which modules a handler reaches.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { Span } from '../model/types';

/** The handler export of a function (the file start when the export is not found, the inline code when inline). */
export function handlerTarget(analysis: Analysis, fn: FunctionModel): Span[] {
  const resolution = fn.resolution;
  if (resolution.status === 'inline') return [resolution.span];
  if (resolution.status !== 'resolved') return [];
  const found = exportSpan(analysis, resolution.file, resolution.exportName);
  if (found) return [found];
  // Not read yet (still indexing): no answer rather than a wrong one. Read but without the export, or skipped: the file.
  const known = analysis.code.has(resolution.file) || analysis.skipped.some((s) => s.path === resolution.file);
  return known ? [{ file: resolution.file, start: 0, end: 0 }] : [];
}

/** The declaration of an export, following re-exports across local modules. */
export function exportSpan(analysis: Analysis, file: string, name: string, depth = 0): Span | undefined {
  const facts = analysis.code.get(file);
  if (!facts || depth > 10) return undefined;
  const exported = facts.exports.find((e) => e.name === name);
  if (exported?.from) {
    const next = analysis.resolveImport(file, exported.from.module, facts.language === 'python');
    return (next ? exportSpan(analysis, next, exported.from.name, depth + 1) : undefined) ?? exported.span;
  }
  if (exported) return exported.span;
  for (const star of facts.exports.filter((e) => e.name === '*' && e.from)) {
    const next = analysis.resolveImport(file, star.from!.module);
    const found = next && exportSpan(analysis, next, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The functions whose handler is this file or imports it, directly or through other local modules. */
export function functionsUsingFile(analysis: Analysis, file: string): FunctionModel[] {
  const result = new Set<FunctionModel>();
  for (const fn of analysis.functions) {
    if (fn.resolution.status !== 'resolved') continue;
    if (fn.resolution.file === file || moduleClosure(analysis, fn.resolution.file).has(file)) result.add(fn);
  }
  return [...result];
}

/** A closure and the snapshot version it was last known valid at. */
interface ClosureEntry {
  fileListVersion: number;
  version: number;
  closure: Set<string>;
}

const closures = new WeakMap<Analysis['changes'], Map<string, ClosureEntry>>();

/**
 * Every local module reachable by imports from `file`, itself included (do not modify the set). Reused across
 * snapshots while the file list and every file in it are unchanged: only those files' imports decide it.
 */
export function moduleClosure(analysis: Analysis, file: string): Set<string> {
  let perHost = closures.get(analysis.changes);
  if (!perHost) closures.set(analysis.changes, (perHost = new Map()));
  const cached = perHost.get(file);
  if (cached && cached.fileListVersion === analysis.fileListVersion && analysis.changes.unchanged(cached.version, analysis.version, cached.closure)) {
    if (analysis.version > cached.version) cached.version = analysis.version;
    return cached.closure;
  }
  const closure = computeClosure(analysis, file);
  perHost.set(file, { fileListVersion: analysis.fileListVersion, version: analysis.version, closure });
  return closure;
}

function computeClosure(analysis: Analysis, file: string): Set<string> {
  const seen = new Set<string>([file]);
  const stack = [file];
  while (stack.length) {
    const facts = analysis.code.get(stack.pop()!);
    if (!facts) continue;
    for (const next of analysis.localImports(facts)) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}
