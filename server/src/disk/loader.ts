// The only code that reads the workspace from disk: walks folders safely and feeds file contents to the core host.
import { closeSync, openSync, promises as fsp, readdirSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { FactsCache } from './factsCache';
import { mark } from '../boot/timings';
import { FactsPool, type BatchKind, type PoolResult } from './factsPool';
import { isInside, isTemplateCandidate, mightBeTemplate, normalizePath, textHash, type Analysis, type FileChange, type Host } from '../core/index';

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
  /** The cache the facts will be saved to: facts computed now are made ready for it meanwhile, by the thread that computed them. */
  cache?: Pick<FactsCache, 'prepare'>;
  /** Where the worker thread keeps its compiled code between runs (default: the cache folder); `false`: nowhere. */
  codeCache?: string | false;
  /** Content hashes of the files the on-disk cache has facts for (see `PoolOptions.cached`). */
  cached?: ReadonlyMap<string, string>;
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

/** Folders listed between two turns of the event loop (synchronous listing is several times faster than promises per folder). */
const FOLDERS_PER_TURN = 256;

/** Lists every file below the roots (skipping dependency and build folders), following symlinks without looping or leaving the roots. */
export async function scanWorkspace(roots: string[], options: Pick<LoadOptions, 'excludeFolders' | 'isCancelled'> = {}): Promise<ScanResult> {
  const files: string[] = [];
  const skipped: ScanResult['skipped'] = [];
  const visited = new Set<string>();
  const excluded = new Set([...SKIPPED_FOLDERS, ...(options.excludeFolders ?? [])]);
  const stack: Folder[] = roots.map((root) => ({ path: normalizePath(root), depth: 0 }));
  let tooDeep = false;
  let listed = 0;
  while (stack.length && files.length < MAX_FILES) {
    if (++listed % FOLDERS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    if (options.isCancelled?.()) break;
    const folder = stack.pop()!;
    const dir = folder.path;
    // Only roots and linked folders need resolving: a plain subfolder's real path is its parent's plus its name.
    const real = folder.real ?? realPath(dir);
    if (real === undefined || visited.has(real)) continue;
    visited.add(real);
    if (folder.depth > MAX_FOLDER_DEPTH) {
      if (!tooDeep) skipped.push({ path: dir, reason: `more than ${MAX_FOLDER_DEPTH} folders deep: this folder and others as deep are not indexed` });
      tooDeep = true;
      continue;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
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
        followLink({ path: full, depth: folder.depth + 1 }, entry.name, roots, excluded, stack, files, skipped);
      }
    }
  }
  if (files.length >= MAX_FILES) skipped.push({ path: roots[0] ?? '', reason: `more than ${MAX_FILES} files: the rest is not indexed` });
  return { files: files.sort(), skipped };
}

/** The real path of a folder (links resolved); undefined when it cannot be resolved. */
function realPath(path: string): string | undefined {
  try {
    return normalizePath(realpathSync.native(path));
  } catch {
    return undefined;
  }
}

function followLink(link: Folder, name: string, roots: string[], excluded: Set<string>, stack: Folder[], files: string[], skipped: ScanResult['skipped']): void {
  const full = link.path;
  try {
    const target = normalizePath(realpathSync.native(full));
    if (!roots.some((root) => isInside(root, target))) {
      skipped.push({ path: full, reason: 'symbolic link to outside the workspace, not followed' });
      return;
    }
    const stat = statSync(full);
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

/**
 * Loads a whole workspace into the host. Templates are parsed first and each names handler files; a worker thread and
 * this one share the work (whichever is free takes the next batch), and the facts are applied in a fixed order.
 */
export async function loadWorkspace(host: Host, roots: string[], options: LoadOptions): Promise<{ analysis: Analysis; scan: ScanResult }> {
  const results = new Map<string, PoolResult>();
  const handlers = new Map<string, string[]>();
  const attempted = new Set<string>();
  let templatesDone = 0;
  let templateCount = 0;
  const onDone = (kind: BatchKind, done: PoolResult[]) => {
    for (const result of done) {
      results.set(result.path, result);
      if ('text' in result) {
        // The worker read a file the on-disk cache has: its facts come from there (or are computed, if that line is damaged).
        result.facts ??= host.factsFor(result.path, result.text, result.hash);
        options.cache?.prepare(result.facts, result.json);
      }
      if (kind !== 'template') continue;
      if (++templatesDone % 50 === 0) options.onProgress?.(templatesDone, templateCount);
      if (!('facts' in result) || result.facts?.kind !== 'template' || !result.facts.facts.isTemplate) continue;
      // The handler files it names go to the queue at once.
      const files = host.handlerFiles(result.facts.facts);
      handlers.set(result.path, files);
      for (const file of files) {
        if (attempted.has(file)) continue;
        attempted.add(file);
        pool.add('code', file);
      }
    }
  };
  // Started first, so the worker's bundle loads while the folders are walked.
  const pool = new FactsPool({ maxFileSize: options.maxFileSize, roots, worker: options.pool, compact: !!options.cache, codeCache: options.codeCache, cached: options.cached }, (kind, paths) => paths.map((path) => readForAnalysis(host, kind, path, options.maxFileSize, roots)), onDone);
  try {
    const scan = await scanWorkspace(roots, options);
    host.setFileList(scan.files);
    mark(`scanned ${scan.files.length} files`);
    const candidates = scan.files.filter((f) => isTemplateCandidate(f) && (!options.templateFilter || options.templateFilter(f)));
    templateCount = candidates.length;
    for (const path of candidates) pool.add('template', path);
    await pool.run(options.isCancelled);
    mark('read and parsed');
    options.onProgress?.(templatesDone, templateCount);
    // Templates in file order, then the handler files in the order the templates name them (each reported whatever kept it out).
    const order = [...candidates];
    const named = new Set<string>();
    for (const path of candidates) {
      for (const file of handlers.get(path) ?? []) {
        if (!named.has(file)) order.push(file);
        named.add(file);
      }
    }
    // Each snapshot carries the files skipped so far, so the last one is complete (callers need not make another).
    const apply = (changes: FileChange[]) => {
      host.noteSkipped(scan.skipped);
      return host.applyChanges(changes);
    };
    let analysis = apply(settle(order, results, scan, () => true));
    mark('applied');
    // Whatever else is needed (local modules the handlers import, definition files), until nothing new is.
    for (let round = 0; round < 50; round++) {
      const needed = analysis.neededFiles().filter((f) => !attempted.has(f));
      if (!needed.length || options.isCancelled?.()) break;
      for (const file of needed) {
        attempted.add(file);
        pool.add('code', file);
      }
      await pool.run(options.isCancelled);
      options.onProgress?.(needed.length, needed.length);
      analysis = apply(settle(needed, results, scan, (error) => !/binary|not a regular/.test(error)));
    }
    mark('loaded');
    return { analysis, scan };
  } finally {
    void pool.close();
  }
}

/**
 * Reads a file, hashes it and computes its facts, on either thread: a template candidate only if it looks like one.
 * No facts when `inCache` says the on-disk cache has them (the main thread takes them from there).
 */
export function readForAnalysis(host: Pick<Host, 'factsFor'>, kind: BatchKind, path: string, maxFileSize: number, roots: string[], inCache?: (path: string, hash: string) => boolean): PoolResult {
  const read = kind === 'template' ? readTemplate(path, maxFileSize, roots) : readTextFileSync(path, maxFileSize, roots);
  if (!('text' in read)) return { path, ...read };
  const hash = textHash(read.text);
  if (inCache?.(path, hash)) return { path, text: read.text, hash };
  return { path, text: read.text, hash, facts: host.factsFor(path, read.text, hash) };
}

/** The changes of these files (those read), in this order; the errors `report` accepts become skipped entries. */
function settle(paths: string[], results: Map<string, PoolResult>, scan: ScanResult, report: (error: string) => boolean): FileChange[] {
  const changes: FileChange[] = [];
  for (const path of paths) {
    const result = results.get(path);
    if (!result) continue;
    if ('text' in result) changes.push(result);
    else if ('error' in result && report(result.error)) scan.skipped.push({ path, reason: result.error });
  }
  return changes;
}

/** A template candidate's text; an error only when it should be reported; neither when it is not a template (or binary, or not a regular file). */
function readTemplate(path: string, maxFileSize: number, roots: string[]): { text: string } | { error?: string } {
  const result = readTextFileSync(path, maxFileSize, roots);
  if (!('error' in result)) return mightBeTemplate(result.text) ? result : {};
  // A large file is reported only when its start looks like a template.
  const relevant = !/^larger/.test(result.error) || mightBeTemplate(readHeadSync(path));
  return relevant && !/binary|not a regular/.test(result.error) ? result : {};
}

/**
 * `readTextFile` without promises, with the same checks and messages: for the loader's bulk reads, where
 * thousands of small files cost far more in promise machinery than in the system calls themselves.
 */
export function readTextFileSync(path: string, maxFileSize: number, roots?: string[]): { text: string } | { error: string } {
  let fd: number | undefined;
  try {
    if (roots && !isReallyInsideSync(roots, path)) return { error: 'outside the workspace folders (through a symbolic link), not read' };
    // Checked before opening: opening a FIFO would block.
    const stat = statSync(path);
    if (!stat.isFile()) return { error: 'not a regular file' };
    if (stat.size > maxFileSize) return tooLarge(maxFileSize, stat.size);
    fd = openSync(path, 'r');
    const chunks = [Buffer.allocUnsafe(stat.size)];
    let length = readAll(fd, chunks[0]);
    // The file may have grown since the stat: read on to its end, within the limit.
    for (let more = length === stat.size; more; ) {
      const read = readAll(fd, probe);
      if (read) chunks.push(Buffer.from(probe.subarray(0, read)));
      length += read;
      more = read === probe.length;
      if (length > maxFileSize) return tooLarge(maxFileSize, length);
    }
    const buffer = chunks.length === 1 ? chunks[0].subarray(0, length) : Buffer.concat(chunks, length);
    if (buffer.subarray(0, 8000).includes(0)) return { error: 'binary file' };
    return { text: buffer.toString('utf8') };
  } catch (error) {
    return { error: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Where a read past the size the file had when it was checked lands (almost always nothing: the end of the file). */
const probe = Buffer.allocUnsafe(65536);

function tooLarge(maxFileSize: number, size: number): { error: string } {
  return { error: `larger than ${Math.round(maxFileSize / 1024)} KB (${Math.round(size / 1024)} KB): skipped; raise samAtlas.maxFileSizeKb to index it` };
}

/** Fills `buffer` from the file's current position; the number of bytes read (fewer at the end of the file). */
function readAll(fd: number, buffer: Buffer): number {
  let offset = 0;
  while (offset < buffer.length) {
    const read = readSync(fd, buffer, offset, buffer.length - offset, null);
    if (read === 0) break;
    offset += read;
  }
  return offset;
}

/** `isReallyInside` without promises. */
function isReallyInsideSync(roots: string[], path: string): boolean {
  const real = normalizePath(realpathSync.native(path));
  for (const root of roots) {
    if (isInside(root, real)) return true;
    let realRoot = root;
    try {
      realRoot = realpathSync.native(root);
    } catch {
      // An unresolvable root is compared as written.
    }
    if (isInside(normalizePath(realRoot), real)) return true;
  }
  return false;
}

/** The first bytes of a file as text (to tell whether a skipped large file is a template). */
function readHeadSync(path: string, bytes = 65536): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.allocUnsafe(bytes);
    return buffer.subarray(0, readAll(fd, buffer)).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
