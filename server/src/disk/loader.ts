// The only code that reads the workspace from disk: walks folders safely and feeds file contents to the core host.
import { promises as fsp, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { FactsPool, type PoolResult } from './factsPool';
import { isInside, isTemplateCandidate, mightBeTemplate, normalizePath, type Analysis, type FileChange, type Host } from '../core/index';

/** Folders never indexed: dependencies, build outputs, tool caches. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.aws-sam', 'cdk.out', '.serverless', '.venv', 'venv', '__pycache__', '.pytest_cache', '.tox', '.idea', '.vscode-test', '.cache', 'coverage', '.next', '.terraform']);

export interface LoadOptions {
  /** Files larger than this many bytes are skipped with a message. */
  maxFileSize: number;
  /** Extra folder names to skip. */
  excludeFolders?: string[];
  /** Called with the number of files read so far. */
  onProgress?: (done: number, total: number) => void;
  /** Only templates this accepts are loaded (the CLI's single-template mode). */
  templateFilter?: (path: string) => boolean;
  /** `false` parses on this thread only (tests, small workspaces). */
  pool?: false;
  /** Stops the load early when it returns true. */
  isCancelled?: () => boolean;
}

export interface ScanResult {
  files: string[];
  skipped: { path: string; reason: string }[];
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
const MAX_FILES = 200_000;

/** Folders deeper than this below a root are not walked (a path that deep is hostile, and resolving it costs per level). */
const MAX_FOLDER_DEPTH = 128;

/** A folder to walk: its path, its real path when already known (no symbolic link on the way), its depth. */
interface Folder {
  path: string;
  real?: string;
  depth: number;
}

/** Lists every file below the roots (skipping dependency and build folders), following symlinks without looping or leaving the roots. */
export async function scanWorkspace(roots: string[], options: Pick<LoadOptions, 'excludeFolders' | 'isCancelled'> = {}): Promise<ScanResult> {
  const files: string[] = [];
  const skipped: ScanResult['skipped'] = [];
  const visited = new Set<string>();
  const excluded = new Set([...SKIPPED_FOLDERS, ...(options.excludeFolders ?? [])]);
  const stack: Folder[] = roots.map((root) => ({ path: normalizePath(root), depth: 0 }));
  let tooDeep = false;
  while (stack.length && files.length < MAX_FILES) {
    if (options.isCancelled?.()) break;
    const folder = stack.pop()!;
    const dir = folder.path;
    // Only roots and linked folders need resolving: a plain subfolder's real path is its parent's plus its name.
    const real = folder.real ?? (await fsp.realpath(dir).then(normalizePath, () => undefined));
    if (real === undefined || visited.has(real)) continue;
    visited.add(real);
    if (folder.depth > MAX_FOLDER_DEPTH) {
      if (!tooDeep) skipped.push({ path: dir, reason: `more than ${MAX_FOLDER_DEPTH} folders deep: this folder and others as deep are not indexed` });
      tooDeep = true;
      continue;
    }
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: dir, reason: `unreadable folder (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    for (const entry of entries) {
      const full = normalizePath(join(dir, entry.name));
      if (entry.isDirectory()) {
        if (!excluded.has(entry.name)) stack.push({ path: full, real: `${real === '/' ? '' : real}/${entry.name}`, depth: folder.depth + 1 });
      } else if (entry.isFile()) {
        files.push(full);
      } else if (entry.isSymbolicLink()) {
        await followLink({ path: full, depth: folder.depth + 1 }, entry.name, roots, excluded, stack, files, skipped);
      }
    }
  }
  if (files.length >= MAX_FILES) skipped.push({ path: roots[0] ?? '', reason: `more than ${MAX_FILES} files: the rest is not indexed` });
  return { files: files.sort(), skipped };
}

async function followLink(link: Folder, name: string, roots: string[], excluded: Set<string>, stack: Folder[], files: string[], skipped: ScanResult['skipped']): Promise<void> {
  const full = link.path;
  try {
    const target = normalizePath(await fsp.realpath(full));
    if (!roots.some((root) => isInside(root, target))) {
      skipped.push({ path: full, reason: 'symbolic link to outside the workspace, not followed' });
      return;
    }
    const stat = await fsp.stat(full);
    if (stat.isDirectory()) {
      if (!excluded.has(name)) stack.push({ ...link, real: target });
    } else if (stat.isFile()) files.push(full);
  } catch {
    skipped.push({ path: full, reason: 'dangling or looping symbolic link' });
  }
}

/** Reads a text file, refusing anything too large, binary, or not a regular file, or (given `roots`) whose real path leaves them. */
export async function readTextFile(path: string, maxFileSize: number, roots?: string[]): Promise<{ text: string } | { error: string }> {
  try {
    if (roots && !(await isReallyInside(roots, path))) return { error: 'outside the workspace folders (through a symbolic link), not read' };
    const stat = await fsp.stat(path);
    if (!stat.isFile()) return { error: 'not a regular file' };
    if (stat.size > maxFileSize) return { error: `larger than ${Math.round(maxFileSize / 1024)} KB (${Math.round(stat.size / 1024)} KB): skipped; raise samAtlas.maxFileSizeKb to index it` };
    const buffer = await fsp.readFile(path);
    if (buffer.subarray(0, 8000).includes(0)) return { error: 'binary file' };
    return { text: buffer.toString('utf8') };
  } catch (error) {
    return { error: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}

/** Whether the real path of `path` (symbolic links resolved) is inside one of the roots (or their real paths). */
async function isReallyInside(roots: string[], path: string): Promise<boolean> {
  const real = normalizePath(await fsp.realpath(path));
  for (const root of roots) {
    if (isInside(root, real)) return true;
    const realRoot = await fsp.realpath(root).catch(() => root);
    if (isInside(normalizePath(realRoot), real)) return true;
  }
  return false;
}

/** Loads a whole workspace into the host: templates on this thread while a worker reads and parses the handlers they name. */
export async function loadWorkspace(host: Host, roots: string[], options: LoadOptions): Promise<{ analysis: Analysis; scan: ScanResult }> {
  const scan = await scanWorkspace(roots, options);
  host.setFileList(scan.files);
  const pool = options.pool === false ? undefined : FactsPool.create();
  const candidates = scan.files.filter((f) => isTemplateCandidate(f) && (!options.templateFilter || options.templateFilter(f)));
  const sent = new Set<string>();
  const pending: Promise<PoolResult[]>[] = [];
  const changes: FileChange[] = [];
  let batch: string[] = [];
  const flushBatch = () => {
    if (pool && batch.length) pending.push(pool.analyse(batch, options.maxFileSize));
    batch = [];
  };
  // Parse each template as soon as it is read, and hand the handler files it names to the worker at once.
  await forEachRead(candidates, { ...options, roots }, scan, mightBeTemplate, (change) => {
    const facts = host.factsFor(change.path, change.text!);
    changes.push({ ...change, facts });
    if (!pool || facts.kind !== 'template' || !facts.facts.isTemplate) return;
    for (const file of host.handlerFiles(facts.facts)) {
      if (sent.has(file)) continue;
      sent.add(file);
      batch.push(file);
      if (batch.length >= 64) flushBatch();
    }
  });
  flushBatch();
  for (const results of await Promise.all(pending)) {
    for (const result of results) {
      if ('error' in result) scan.skipped.push({ path: result.path, reason: result.error });
      else changes.push(result);
    }
  }
  void pool?.close();
  let analysis = host.applyChanges(changes);
  // Whatever else is needed (local modules the handlers import, definition files), until nothing new is.
  const attempted = new Set<string>(sent);
  for (let round = 0; round < 50; round++) {
    const needed = analysis.neededFiles().filter((f) => !attempted.has(f));
    if (!needed.length || options.isCancelled?.()) break;
    needed.forEach((f) => attempted.add(f));
    analysis = host.applyChanges(await readMany(needed, { ...options, roots }, scan));
  }
  return { analysis, scan };
}

/** Reads files eight at a time and calls `onRead` for each one that `keep` accepts. */
async function forEachRead(paths: string[], options: ReadOptions, scan: ScanResult, keep: ((text: string) => boolean) | undefined, onRead: (change: FileChange) => void): Promise<void> {
  for (const change of await readMany(paths, options, scan, keep)) onRead(change);
}

/** Load options plus the workspace folders no read may leave. */
type ReadOptions = LoadOptions & { roots: string[] };

async function readMany(paths: string[], options: ReadOptions, scan: ScanResult, keep?: (text: string) => boolean): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  let done = 0;
  const queue = [...paths];
  const worker = async () => {
    while (queue.length) {
      if (options.isCancelled?.()) return;
      const path = queue.shift()!;
      const result = await readTextFile(path, options.maxFileSize, options.roots);
      done++;
      if (done % 50 === 0) options.onProgress?.(done, paths.length);
      if ('error' in result) {
        const relevant = !keep || !/^larger/.test(result.error) || keep(await readHead(path));
        if (relevant && !/binary|not a regular/.test(result.error)) scan.skipped.push({ path, reason: result.error });
        continue;
      }
      if (!keep || keep(result.text)) changes.push({ path, text: result.text });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  options.onProgress?.(done, paths.length);
  return changes;
}

/** The first bytes of a file as text (to tell whether a skipped large file is a template). */
async function readHead(path: string, bytes = 65536): Promise<string> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(path, 'r');
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}
