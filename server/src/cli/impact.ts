// The `sam-atlas impact` command: asks git which files changed since a ref, then prints which functions, endpoints and templates they affect.
import { spawnSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { impactOfChangedFiles, isInside, joinPath, normalizePath, relativePath, relId, type Analysis, type ChangeImpact } from '../core/index';

/** The changed files (absolute paths under the folder), or why git could not tell. */
export type ChangedFiles = { files: string[] } | { error: string };

const GIT_TIMEOUT_MS = 30_000;

/**
 * Files changed in `folder` since `ref` (default `HEAD`: uncommitted changes), plus untracked files.
 * Another ref is compared from its merge base with HEAD, so a branch shows only its own changes. Never throws.
 */
export function listChanges(folder: string, ref = 'HEAD'): ChangedFiles {
  const given = normalizePath(resolve(folder));
  let real: string;
  try {
    real = normalizePath(realpathSync(given));
    // A single template: git runs in its folder, and changes anywhere in that folder count.
    if (!statSync(real).isDirectory()) return listChanges(dirname(given), ref);
  } catch {
    return { error: `no such file or folder: ${folder}` };
  }
  const git = (args: string[], cwd = real) => spawnSync('git', args, { cwd, encoding: 'utf8', timeout: GIT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  const top = git(['rev-parse', '--show-toplevel']);
  if (top.error) return { error: `git could not be run (${(top.error as NodeJS.ErrnoException).code ?? top.error.message}); impact needs git to list changed files` };
  if (top.status !== 0) return { error: `${folder} is not inside a git repository; impact needs git to list changed files` };
  const root = normalizePath(realpathSync(top.stdout.trim()));
  if (git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).status !== 0) {
    return { error: ref === 'HEAD' ? 'the repository has no commit yet' : `unknown git ref ${ref}` };
  }
  let base = ref;
  if (ref !== 'HEAD') {
    const mergeBase = git(['merge-base', ref, 'HEAD']);
    if (mergeBase.status === 0 && mergeBase.stdout.trim()) base = mergeBase.stdout.trim();
  }
  const diff = git(['diff', '--name-only', '-z', base, '--'], root);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], root);
  if (diff.status !== 0 || untracked.status !== 0) return { error: `git failed: ${(diff.stderr || untracked.stderr).trim().split('\n')[0]}` };
  const names = [...diff.stdout.split('\0'), ...untracked.stdout.split('\0')].filter(Boolean);
  const files = names.map((name) => joinPath(root, name)).filter((file) => isInside(real, file));
  return { files: [...new Set(files.map((file) => joinPath(given, relativePath(real, file))))].sort() };
}

/** Runs the command: git first (a clear one-line error and exit 2 without it), then the analysis, then the report. */
export async function impactCommand(path: string, ref: string | undefined, format: string, load: (path: string) => Promise<{ analysis: Analysis; base: string }>): Promise<number> {
  if (format !== 'text' && format !== 'json') return fail(`unknown format ${format} (text or json)`);
  const changed = listChanges(path, ref);
  if ('error' in changed) return fail(changed.error);
  const { analysis, base } = await load(path);
  const impact = impactOfChangedFiles(analysis, changed.files);
  process.stdout.write(format === 'json' ? `${JSON.stringify(impactJson(impact, base, ref ?? 'HEAD'), null, 2)}\n` : impactText(impact, base, ref ?? 'HEAD'));
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`sam-atlas: ${message}\n`);
  return 2;
}

/** The JSON report, with paths and ids relative to the folder. */
export function impactJson(impact: ChangeImpact, base: string, ref: string) {
  const rel = (id: string) => relId(base, id);
  return {
    base: ref,
    files: impact.files.map((f) => ({ path: relativePath(base, f.file), kind: f.kind, functions: f.nodes.map(rel) })),
    affected: impact.affected.map((a) => ({ id: rel(a.id), kind: a.kind, reason: a.reason, because: a.because.map((b) => (a.reason === 'changed' ? relativePath(base, b) : rel(b))) })),
    endpoints: impact.endpoints.map((e) => ({ method: e.method, path: e.path, api: e.api, function: rel(e.functionId) })),
    templates: impact.templates.map((t) => relativePath(base, t)),
  };
}

/** The text report. */
export function impactText(impact: ChangeImpact, base: string, ref: string): string {
  const json = impactJson(impact, base, ref);
  if (!json.files.length) return `No changes since ${ref}.\n`;
  const lines = [`Changed since ${ref}: ${json.files.length} file${json.files.length === 1 ? '' : 's'}`];
  for (const file of json.files) lines.push(`  ${file.path}  (${file.kind === 'other' ? 'not used by any function' : `${file.kind}, ${file.functions.length} function${file.functions.length === 1 ? '' : 's'}`})`);
  lines.push('', `Affected functions and state machines: ${json.affected.length}`);
  for (const a of json.affected) lines.push(`  ${a.reason.padEnd(7)}  ${a.id}  ${a.reason === 'changed' ? '←' : 'calls'} ${a.because.join(', ')}`);
  lines.push('', `Affected endpoints: ${json.endpoints.length}`);
  for (const e of json.endpoints) lines.push(`  ${e.method} ${e.path}  ${e.api}  → ${e.function}`);
  lines.push('', `Templates: ${json.templates.length ? json.templates.join(', ') : 'none'}`);
  return `${lines.join('\n')}\n`;
}
