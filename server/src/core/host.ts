// The analysis host: takes file contents and changes, keeps per-file facts cached by content hash, and makes snapshots.
import { Analysis, handlerFilesOf } from './analysis';
import { ChangeLog } from './changeLog';
import type { CodeFacts, TemplateFacts } from './model/types';
import { extractCodeFacts, isCodeFile } from './code/codeFacts';
import { isTemplateCandidate, parseTemplate } from './sam/parseTemplate';
import { contentHash } from './util/hash';
import { dirname, isInside, normalizePath } from './util/paths';

/** Version of the fact extractors: cached facts from another version are not reused. */
export const ANALYSER_VERSION = 2;

/** A file's new text, or `text: undefined` when it was deleted. */
export interface FileChange {
  path: string;
  text?: string;
  /** Facts already computed for this text (by a worker thread); trusted as the text's facts. */
  facts?: FileFacts;
  /** The text's `textHash`, when already computed (by the thread that read the file); trusted. */
  hash?: string;
}

export type FileFacts = { kind: 'template'; facts: TemplateFacts } | { kind: 'code'; facts: CodeFacts };

interface CachedFile {
  hash: string;
  facts: FileFacts;
}

export interface HostOptions {
  /** Workspace folders; nothing outside them is analysed. */
  roots: string[];
  /** Facts computed elsewhere (a worker thread, the on-disk cache), by path and content hash. */
  precomputed?: (path: string, hash: string) => FileFacts | undefined;
}

/** The entry point of the core: feed it files, get immutable Analysis snapshots back. */
export interface Host {
  /** Declares every file that exists in the workspace (paths only), so handler resolution can check existence. */
  setFileList(paths: Iterable<string>): void;
  /** Applies changed, added and deleted files, and returns the new snapshot. */
  applyChanges(changes: FileChange[]): Analysis;
  /** The latest snapshot. */
  current(): Analysis;
  /** Declares files that now exist (without reading them). */
  addKnownFiles(paths: Iterable<string>): void;
  /** Records files the loader skipped and why (too large, unreadable, a link out of the workspace); shown as diagnostics. */
  noteSkipped(skipped: { path: string; reason: string }[]): void;
  /** Facts of one file's text, computed the way the host would (or taken from `precomputed` when it has them); `hash` is the text's `textHash` when known. */
  factsFor(path: string, text: string, hash?: string): FileFacts;
  /** Every file's facts with its content hash (for the on-disk cache). */
  entries(): Iterable<{ path: string; hash: string; facts: FileFacts }>;
  /** The handler files a template's functions name (existing files only), before any snapshot is made. */
  handlerFiles(facts: TemplateFacts): string[];
}

let hostCount = 0;

/** Creates an analysis host for the given workspace folders. */
export function createHost(options: HostOptions): Host {
  const hostId = ++hostCount;
  const roots = options.roots.map(normalizePath);
  const files = new Map<string, CachedFile>();
  const known = new Set<string>();
  let version = 0;
  let fileListVersion = 0;
  let templatesVersion = 0;
  let skipped: { path: string; reason: string }[] = [];
  let snapshot: Analysis | undefined;
  const changes = new ChangeLog();
  /** Code files changed since the last snapshot. */
  let changedCode: string[] = [];

  let folders: Set<string> | undefined;
  const fileQuery = {
    roots,
    exists: (path: string) => known.has(path) || files.has(path),
    existsFolder: (path: string) => {
      if (!folders) {
        folders = new Set();
        for (const file of known) {
          for (let dir = dirname(file); dir.length > 1 && !folders.has(dir); dir = dirname(dir)) folders.add(dir);
        }
      }
      return folders.has(normalizePath(path));
    },
  };

  function makeSnapshot(): Analysis {
    const templates: TemplateFacts[] = [];
    const code = new Map<string, CodeFacts>();
    for (const [path, cached] of files) {
      if (cached.facts.kind === 'template') templates.push(cached.facts.facts);
      else code.set(path, cached.facts.facts);
    }
    changes.record(++version, changedCode);
    changedCode = [];
    snapshot = new Analysis({ hostId, version, fileListVersion, templatesVersion, roots, files: { ...fileQuery }, templates, code, skipped, changes });
    return snapshot;
  }

  return {
    setFileList(paths) {
      known.clear();
      folders = undefined;
      fileListVersion++;
      for (const path of paths) known.add(normalizePath(path));
      snapshot = undefined;
    },
    addKnownFiles(paths) {
      for (const path of paths) known.add(normalizePath(path));
      folders = undefined;
      fileListVersion++;
    },
    noteSkipped(list) {
      skipped = list.map((s) => ({ path: normalizePath(s.path), reason: s.reason }));
    },
    applyChanges(changes) {
      for (const change of changes) {
        const path = normalizePath(change.path);
        if (!roots.some((root) => isInside(root, path))) continue;
        if (change.text === undefined) {
          const kind = files.get(path)?.facts.kind;
          if (kind === 'template') templatesVersion++;
          else if (kind === 'code') changedCode.push(path);
          files.delete(path);
          if (known.delete(path)) fileListVersion++;
          folders = undefined;
          continue;
        }
        if (!known.has(path)) {
          folders = undefined;
          fileListVersion++;
        }
        known.add(path);
        const hash = change.hash ?? textHash(change.text);
        if (files.get(path)?.hash === hash) continue;
        const facts = change.facts ?? options.precomputed?.(path, hash) ?? computeFacts(path, change.text);
        if (facts.kind === 'template' || files.get(path)?.facts.kind === 'template') templatesVersion++;
        if (facts.kind === 'code' || files.get(path)?.facts.kind === 'code') changedCode.push(path);
        files.set(path, { hash, facts });
      }
      return makeSnapshot();
    },
    current() {
      return snapshot ?? makeSnapshot();
    },
    factsFor(path, text, hash) {
      return options.precomputed?.(normalizePath(path), hash ?? textHash(text)) ?? computeFacts(path, text);
    },
    *entries() {
      for (const [path, cached] of files) yield { path, hash: cached.hash, facts: cached.facts };
    },
    handlerFiles(facts) {
      return handlerFilesOf(facts, fileQuery, fileListVersion);
    },
  };
}

/** The cache key of a file's text: analyser version and content hash. */
export function textHash(text: string): string {
  return `${ANALYSER_VERSION}:${contentHash(text)}`;
}

/** Facts of one file: a template parse for template-like names, code facts for source files. */
function computeFacts(path: string, text: string): FileFacts {
  if (isCodeFile(path)) return { kind: 'code', facts: extractCodeFacts(path, text) };
  if (isTemplateCandidate(path)) return { kind: 'template', facts: parseTemplate(path, text) };
  return { kind: 'template', facts: parseTemplate(path, '') };
}

