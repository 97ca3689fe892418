// The server's state: open documents, the analysis host, the current snapshot, indexing and change handling.
import type { Connection } from 'vscode-languageserver/node';
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createHost, graphOf, isCodeFile, isTemplateCandidate, type Analysis, type FileChange, type Host, type RuleOptions, type SeverityOverrides } from '../core/index';
import { DEFAULT_MAX_FILE_SIZE, loadWorkspace, readTextFile, type ScanResult } from '../disk/loader';
import { FactsCache } from '../disk/factsCache';
import { mark } from '../boot/timings';
import { outputWritten } from './output';
import { IndexStatusNotification, type IndexStatus } from '../protocol/index';
import { uriToPath } from './convert';

export interface Settings {
  /** False when the editor says the workspace is not trusted: then git is never run. */
  trusted: boolean;
  maxFileSize: number;
  excludeFolders: string[];
  severities: SeverityOverrides;
  /** `samAtlas.maxCallDepth` and `samAtlas.maxFanIn`, for the call-depth and fan-in rules. */
  rules: RuleOptions;
}

/** Reads settings from `initializationOptions` or a `samAtlas` configuration section; wrong types fall back to defaults. */
export function readSettings(raw: unknown): Settings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const kb = typeof value.maxFileSizeKb === 'number' && value.maxFileSizeKb > 0 ? value.maxFileSizeKb : DEFAULT_MAX_FILE_SIZE / 1024;
  const exclude = Array.isArray(value.exclude) ? value.exclude.filter((x): x is string => typeof x === 'string') : [];
  const severities = severityOverrides(value.diagnostics);
  const positive = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) && x > 0 ? x : undefined);
  const rules: RuleOptions = { maxCallDepth: positive(value.maxCallDepth), maxFanIn: positive(value.maxFanIn) };
  return { maxFileSize: kb * 1024, excludeFolders: exclude.map((g) => g.replace(/^\*\*\//, '').replace(/\/\*\*$/, '')), severities, rules, trusted: value.trusted !== false };
}

const SEVERITY_SETTINGS = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** The `samAtlas.diagnostics` entries whose value is a severity or `off`; anything else is dropped (the rule keeps its default). */
function severityOverrides(raw: unknown): SeverityOverrides {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter(([, severity]) => typeof severity === 'string' && SEVERITY_SETTINGS.has(severity))) as SeverityOverrides;
}

/** While typing goes on, queued changes are applied at most this often. */
const THROTTLE_MS = 100;
/** Changes on disk and template edits are applied once they pause for this long. */
const DISK_DEBOUNCE_MS = 120;

/** Everything a request handler needs: the latest snapshot and the open documents. */
export class Session {
  readonly documents = new TextDocuments(TextDocument);
  host: Host;
  analysis: Analysis;
  roots: string[] = [];
  settings: Settings = readSettings({});
  status: IndexStatus = { state: 'indexing', templates: 0, functions: 0 };
  scan: ScanResult = { files: [], skipped: [] };
  private readonly listeners: ((analysis: Analysis) => void)[] = [];
  private pending = new Map<string, FileChange>();
  private timer: NodeJS.Timeout | undefined;
  /** When queued changes were last applied (for the typing throttle). */
  private lastFlush = 0;
  private cancelled = false;
  private refreshSoon = false;
  /** Open documents over the size limit: not analysed, reported like files the loader skipped. */
  private readonly oversized = new Map<string, string>();

  constructor(private readonly connection: Connection) {
    this.host = createHost({ roots: [] });
    this.analysis = this.host.current();
  }

  /** Registers a callback run after every new snapshot (diagnostics, refresh notifications). */
  onAnalysis(listener: (analysis: Analysis) => void): void {
    this.listeners.push(listener);
  }

  /** The text of an open document by path, if it is open. */
  openText(path: string): string | undefined {
    for (const document of this.documents.all()) if (uriToPath(document.uri) === path) return document.getText();
    return undefined;
  }

  /** Indexes the workspace folders from disk, reporting progress; open documents win over disk content. */
  async index(roots: string[], reportProgress: (message: string, percentage?: number) => void): Promise<void> {
    const started = Date.now();
    this.roots = roots;
    mark('indexing');
    const cache = FactsCache.open(roots);
    mark('cache opened');
    this.host = createHost({ roots, precomputed: (path, hash) => cache.get(path, hash) });
    this.setStatus({ state: 'indexing', templates: 0, functions: 0 });
    try {
      const { analysis, scan } = await loadWorkspace(this.host, roots, {
        maxFileSize: this.settings.maxFileSize,
        excludeFolders: this.settings.excludeFolders,
        cached: cache.hashes(),
        // The worker compacts what it parsed for the cache while loading; this thread's share waits until after `ready`.
        cache: { prepare: (facts, json) => json !== undefined && cache.prepare(facts, json) },
        isCancelled: () => this.cancelled,
        onProgress: (done, total) => reportProgress(`${done}/${total} files`, total ? Math.round((100 * done) / total) : undefined),
      });
      this.scan = scan;
      this.host.noteSkipped(scan.skipped);
      const open = this.documents.all().flatMap((d) => {
        const path = uriToPath(d.uri);
        return path && (isTemplateCandidate(path) || isCodeFile(path)) ? [{ path, text: d.getText() }] : [];
      }).filter((change) => !this.tooLarge(change));
      this.publish(open.length ? this.host.applyChanges(open) : analysis);
      await this.loadNeeded();
    } catch (error) {
      // Whatever went wrong, the server leaves the indexing state: it answers from what it has and applies edits.
      this.connection.console.error(`SAM Atlas: indexing failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
    // The graph is complete when the server says it is ready (diagnostics follow, rule by rule, between requests).
    try {
      graphOf(this.analysis);
      mark('graph');
    } catch (error) {
      this.connection.console.error(`SAM Atlas: the graph failed: ${String(error)}`);
    }
    this.setStatus({ state: 'ready', templates: this.analysis.templates.length, functions: this.analysis.functions.length, elapsedMs: Date.now() - started, fromCache: cache.hits });
    // Edits and disk changes that arrived while indexing.
    await this.flush();
    const host = this.host;
    setTimeout(() => void this.saveCache(cache, host), 1000);
  }

  /** Writes the facts cache, compacting the facts a hundred files at a time between requests (a second of work at 5,000 functions). */
  private async saveCache(cache: FactsCache, host: Host): Promise<void> {
    let count = 0;
    for (const entry of host.entries()) {
      cache.prepare(entry.facts);
      if (++count % 100 !== 0) continue;
      await new Promise((resolve) => setImmediate(resolve));
      await outputWritten();
      // Indexed again meanwhile (a folder was added): that index saves its own cache.
      if (this.host !== host || this.cancelled) return;
    }
    cache.save(host.entries());
  }

  /**
   * Queues a change of one file. A code change after a quiet moment is applied at once (on the next turn of the event
   * loop, so changes sent together are applied together); while typing goes on, changes are applied at most once per
   * `THROTTLE_MS`, together. Template changes and changes on disk wait until they pause.
   */
  queueChange(change: FileChange, source: 'editor' | 'disk' = 'editor'): void {
    if (this.tooLarge(change)) return;
    this.pending.set(change.path, change);
    // A template edit re-derives every function's results (a second at 5,000 functions): it waits for a pause in typing.
    this.scheduleFlush(source === 'editor' && !isTemplateCandidate(change.path) ? 'throttle' : 'debounce');
  }

  /**
   * Schedules a flush. `throttle` (code typed in the editor): right away after a quiet moment, else when the throttle
   * window ends. `debounce` (a checkout, a build, or template typing, whose snapshots are costly): once the burst pauses.
   */
  private scheduleFlush(mode: 'throttle' | 'debounce'): void {
    if (mode === 'debounce') {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), DISK_DEBOUNCE_MS);
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + THROTTLE_MS - Date.now());
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  /** Applies queued changes now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = Date.now();
    // While indexing, edits wait: the index applies every open document when it finishes.
    if (this.status.state === 'indexing') return;
    if (!this.pending.size && !this.refreshSoon) return;
    this.refreshSoon = false;
    const changes = [...this.pending.values()];
    this.pending.clear();
    this.publish(this.host.applyChanges(changes));
    await this.loadNeeded();
  }

  /** A file changed on disk (watcher): re-read it unless it is open in the editor. */
  async fileChangedOnDisk(path: string, deleted: boolean): Promise<void> {
    if (this.openText(path) !== undefined) return;
    if (deleted) return this.queueChange({ path, text: undefined }, 'disk');
    if (!isTemplateCandidate(path) && !(isCodeFile(path) && (this.analysis.code.has(path) || this.analysis.neededFiles().includes(path)))) {
      this.host.addKnownFiles([path]);
      this.refreshSoon = true;
      this.scheduleFlush('debounce');
      return;
    }
    const result = await readTextFile(path, this.settings.maxFileSize, this.roots);
    if ('text' in result) this.queueChange({ path, text: result.text }, 'disk');
  }

  /** Runs the snapshot listeners again on the current snapshot (after a settings change: diagnostics are recomputed and resent). */
  republish(): void {
    if (this.status.state === 'ready') this.publish(this.analysis);
  }

  /** Stops background indexing (on shutdown). */
  cancel(): void {
    this.cancelled = true;
  }

  private async loadNeeded(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const needed = this.analysis.neededFiles().filter((f) => this.openText(f) === undefined);
      if (!needed.length) return;
      const changes: FileChange[] = [];
      for (const path of needed) {
        const result = await readTextFile(path, this.settings.maxFileSize, this.roots);
        changes.push({ path, text: 'text' in result ? result.text : '' });
      }
      this.publish(this.host.applyChanges(changes));
    }
  }

  /** Whether a change's text is over `samAtlas.maxFileSizeKb`: it is then not analysed (a 30 MB file would stall every request), only reported. */
  private tooLarge(change: FileChange): boolean {
    const text = change.text ?? '';
    const limit = this.settings.maxFileSize;
    const size = text.length > limit || text.length * 3 <= limit ? text.length : Buffer.byteLength(text);
    const wasTooLarge = this.oversized.has(change.path);
    if (size > limit) this.oversized.set(change.path, `larger than ${Math.round(limit / 1024)} KB (${Math.round(size / 1024)} KB) in the editor: skipped; raise samAtlas.maxFileSizeKb to index it`);
    else this.oversized.delete(change.path);
    if (wasTooLarge !== size > limit) {
      const skipped = this.scan.skipped.filter((s) => !this.oversized.has(s.path));
      this.host.noteSkipped([...skipped, ...[...this.oversized].map(([path, reason]) => ({ path, reason }))]);
      this.refreshSoon = true;
      this.scheduleFlush('throttle');
    }
    return size > limit;
  }

  private publish(analysis: Analysis): void {
    if (listsMayDiffer(this.analysis, analysis)) this.listsVersion++;
    this.analysis = analysis;
    for (const listener of this.listeners) {
      try {
        listener(analysis);
      } catch (error) {
        this.connection.console.error(`SAM Atlas: ${String(error)}`);
      }
    }
    if (this.status.state === 'ready') this.setStatus({ ...this.status, templates: analysis.templates.length, functions: analysis.functions.length });
  }

  private listsVersion = 0;

  private setStatus(status: IndexStatus): void {
    this.status = { ...status, listsVersion: this.listsVersion };
    void this.connection.sendNotification(IndexStatusNotification.type, status);
  }
}

/**
 * Whether the endpoint and function lists of two snapshots may differ: they depend on the templates, the file list, and
 * the handler files (where each handler export is); a change in any other code file leaves them as they were.
 */
function listsMayDiffer(before: Analysis, after: Analysis): boolean {
  if (before.hostId !== after.hostId || before.modelKey !== after.modelKey) return true;
  const changed = after.changes.between(before.version, after.version);
  return !changed || changed.some((file) => after.functionsForHandlerFile(file).length > 0);
}
