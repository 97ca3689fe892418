// Asks git which files changed since a ref (without blocking the server's thread); the only code that runs git.
import { execFile } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isInside, joinPath, normalizePath, relativePath } from '../core/index';

interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
  error?: string;
}

/** Runs a command with a timeout; resolves with its status and output, never rejects. */
function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    execFile(command, args, { cwd, encoding: 'utf8', timeout: GIT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof (error as NodeJS.ErrnoException).code === 'string' ? (error as NodeJS.ErrnoException).code : undefined;
      resolvePromise({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr, error: code === 'ENOENT' ? code : undefined });
    });
  });
}

const GIT_TIMEOUT_MS = 30_000;

/** The changed files (absolute paths under the folder), or why git could not tell. */
export type ChangedFiles = { files: string[] } | { error: string };


/** `-c` options that switch off every clean/smudge/process filter the config defines (`git diff` would run them on changed files). */
function withoutFilters(configLines: string): string[] {
  const names = new Set<string>();
  for (const line of configLines.split('\n')) {
    const key = line.split(' ')[0];
    const last = key.lastIndexOf('.');
    if (key.startsWith('filter.') && last > 7) names.add(key.slice(7, last));
  }
  return [...names].flatMap((name) => ['clean', 'smudge', 'process'].flatMap((kind) => ['-c', `filter.${name}.${kind}=`]));
}

/**
 * Files changed in `folder` since `ref` (default `HEAD`: uncommitted changes), plus untracked files.
 * Another ref is compared from its merge base with HEAD, so a branch shows only its own changes. Never throws.
 */
export async function listChanges(folder: string, ref = 'HEAD'): Promise<ChangedFiles> {
  const given = normalizePath(resolve(folder));
  let real: string;
  try {
    real = normalizePath(realpathSync(given));
    // A single template: git runs in its folder, and changes anywhere in that folder count.
    if (!statSync(real).isDirectory()) return listChanges(dirname(given), ref);
  } catch {
    return { error: `no such file or folder: ${folder}` };
  }
  // The repository's own config must not run commands for us: no fsmonitor hook, no external diff or textconv driver, no filters.
  let hardening = ['-c', 'core.fsmonitor=false', '-c', 'diff.external='];
  const git = (args: string[], cwd = real) => run('git', [...hardening, ...args], cwd);
  const top = await git(['rev-parse', '--show-toplevel']);
  if (top.error) return { error: `git could not be run (${top.error}); impact needs git to list changed files` };
  if (top.status !== 0) return { error: `${folder} is not inside a git repository; impact needs git to list changed files` };
  hardening = [...hardening, ...withoutFilters((await git(['config', '--get-regexp', '^filter\\.'])).stdout)];
  const root = normalizePath(realpathSync(top.stdout.trim()));
  if ((await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).status !== 0) {
    return { error: ref === 'HEAD' ? 'the repository has no commit yet' : `unknown git ref ${ref}` };
  }
  let base = ref;
  if (ref !== 'HEAD') {
    const mergeBase = await git(['merge-base', ref, 'HEAD']);
    if (mergeBase.status === 0 && mergeBase.stdout.trim()) base = mergeBase.stdout.trim();
  }
  const diff = await git(['diff', '--no-ext-diff', '--no-textconv', '--name-only', '-z', base, '--'], root);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z'], root);
  if (diff.status !== 0 || untracked.status !== 0) return { error: `git failed: ${(diff.stderr || untracked.stderr).trim().split('\n')[0]}` };
  const names = [...diff.stdout.split('\0'), ...untracked.stdout.split('\0')].filter(Boolean);
  const files = names.map((name) => joinPath(root, name)).filter((file) => isInside(real, file));
  return { files: [...new Set(files.map((file) => joinPath(given, relativePath(real, file))))].sort() };
}

