// The on-disk cache of per-file facts (keyed by path, content hash and analyser version) that makes a re-opened workspace ready at once.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cacheRoot } from './cacheRoot';
import { ANALYSER_VERSION, type FileFacts, type MapEntry, type ScalarValue, type Span, type TemplateFacts, type TemplateValue } from '../core/index';

/** One line per file: `path \t hash \t compact JSON facts`; facts are parsed only when asked for. */
export class FactsCache {
  /** The file's lines; `used` once `get` has returned its facts (so the line is known good and can be written again as is). */
  private lines = new Map<string, { hash: string; json: string; used?: boolean }>();
  /** Facts objects `get` returned (their line is written again as it is). */
  private readonly served = new WeakSet<object>();
  /** Compact JSON of facts computed since the cache was opened, made while loading (see `prepare`). */
  private readonly prepared = new WeakMap<object, string>();
  hits = 0;

  private constructor(readonly file: string) {}

  /** The cache of a set of workspace folders (empty when there is none, or it is from another analyser version). */
  static open(roots: string[], folder = cacheRoot()): FactsCache {
    const key = createHash('sha1').update(roots.join('\n')).digest('hex').slice(0, 16);
    const cache = new FactsCache(join(folder, `${key}-facts-${buildId()}.tsv`));
    try {
      if (existsSync(cache.file)) {
        for (const line of readFileSync(cache.file, 'utf8').split('\n')) {
          const first = line.indexOf('\t');
          const second = line.indexOf('\t', first + 1);
          if (first > 0 && second > first) cache.lines.set(line.slice(0, first), { hash: line.slice(first + 1, second), json: line.slice(second + 1) });
        }
      }
    } catch {
      cache.lines.clear();
    }
    return cache;
  }

  /** The cached facts of `path` when its content hash is still `hash`. */
  get(path: string, hash: string): FileFacts | undefined {
    const entry = this.lines.get(path);
    if (!entry || entry.hash !== hash) return undefined;
    try {
      const facts = reviveFacts(JSON.parse(entry.json));
      entry.used = true;
      this.served.add(facts);
      this.hits++;
      return facts;
    } catch {
      return undefined;
    }
  }

  /**
   * Compacts facts now (or takes `json`, their compact JSON made on another thread), so that `save` only joins lines:
   * the loader calls this while both threads are busy, instead of leaving the work to the end. Facts from `get` need nothing.
   */
  prepare(facts: FileFacts, json?: string): void {
    if (!this.served.has(facts) && (json !== undefined || !this.prepared.has(facts))) this.prepared.set(facts, json ?? compactFacts(facts));
  }

  /** The content hash of each file the cache has facts for, by path (for the worker thread, which then only reads those files). */
  hashes(): Map<string, string> {
    const hashes = new Map<string, string>();
    for (const [path, line] of this.lines) hashes.set(path, line.hash);
    return hashes;
  }

  /**
   * Replaces the cache with these files' facts (written to a temporary file, then renamed). Never throws.
   * Files whose facts came from this cache keep their line as it was; when that is every file, nothing is written.
   */
  save(entries: Iterable<{ path: string; hash: string; facts: FileFacts }>): void {
    try {
      const lines = new Map<string, { hash: string; json: string; used?: boolean }>();
      let changed = false;
      for (const entry of entries) {
        const old = this.lines.get(entry.path);
        const same = old?.used && old.hash === entry.hash;
        if (!same) changed = true;
        lines.set(entry.path, same ? old : { hash: entry.hash, json: this.prepared.get(entry.facts) ?? compactFacts(entry.facts), used: true });
      }
      if (!changed && lines.size === this.lines.size && existsSync(this.file)) return;
      const out: string[] = [];
      for (const [path, line] of lines) out.push(`${path}\t${line.hash}\t${line.json}`);
      mkdirSync(join(this.file, '..'), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, out.join('\n'));
      renameSync(temporary, this.file);
      this.lines = lines;
      // Caches of the same workspace written by other builds are stale now.
      const prefix = basename(this.file).slice(0, basename(this.file).indexOf('-facts-') + 7);
      for (const name of readdirSync(dirname(this.file))) {
        if (name.startsWith(prefix) && name !== basename(this.file)) rmSync(join(dirname(this.file), name), { force: true });
      }
    } catch {
      // A cache that cannot be written only costs the next start its speed.
    }
  }
}

/**
 * The analyser's identity: its version plus the size and time of the running bundle, so a rebuilt
 * or upgraded extension never trusts facts an older extractor wrote.
 */
function buildId(): string {
  try {
    const stat = statSync(__filename);
    return `v${ANALYSER_VERSION}-${stat.size.toString(36)}-${Math.round(stat.mtimeMs).toString(36)}`;
  } catch {
    return `v${ANALYSER_VERSION}`;
  }
}

/*
 * The compact JSON of facts: every span of the file is written `"\u0000start,end"`; a value that is also a section of
 * the template or an entry of one (a resource's node, the globals) is written once, in `root`, and elsewhere as
 * `"\u0001i"` or `"\u0001i.j"` (its place there); a template value (whose spans are all in the file) is an array that
 * starts with `"\u0003"` and a letter (see `writeNode`); strings that start with one of these marks get a `\u0002` in
 * front; resource `properties` are left out (derived from the node).
 */
/** The marks (first character of a string): a span (`\u0000`), a place, an escaped string, a template value. */
const PLACE = 1;
const ESCAPE = 2;
const NODE = 3;

/** JSON of an object key with its colon, kept for the model's few property names. */
const keys = new Map<string, string>();

/** Facts as compact JSON (see above): a hand-written walk into an array of parts, as fast as `JSON.stringify` with a replacer. */
export function compactFacts(facts: FileFacts): string {
  const file = facts.facts.file;
  const places = placesOf(facts);
  const out: string[] = [];
  const write = (value: unknown, inRoot: boolean): void => {
    if (typeof value === 'string') out.push(JSON.stringify(value.charCodeAt(0) <= NODE ? `\u0002${value}` : value));
    else if (typeof value === 'number') out.push(Number.isFinite(value) ? String(value) : 'null');
    else if (typeof value !== 'object' || value === null) out.push(typeof value === 'boolean' ? String(value) : 'null');
    else if (!inRoot && places.size && places.has(value)) out.push(`"\\u0001${places.get(value)}"`);
    else if (Array.isArray(value)) {
      out.push('[');
      for (let i = 0; i < value.length; i++) {
        if (i) out.push(',');
        write(value[i], inRoot);
      }
      out.push(']');
    } else {
      const record = value as Record<string, unknown>;
      if (record.file === file && typeof record.start === 'number' && typeof record.end === 'number' && keyCount(record) === 3) {
        out.push(`"\\u0000${record.start},${record.end}"`);
        return;
      }
      if (writeNode(record as unknown as TemplateValue, file, out, (item) => write(item, inRoot))) return;
      const resource = 'node' in record && 'logicalId' in record;
      let first = true;
      out.push('{');
      for (const key in record) {
        const item = record[key];
        if (item === undefined || typeof item === 'function' || (resource && key === 'properties')) continue;
        let name = keys.get(key);
        if (name === undefined) {
          name = `${JSON.stringify(key)}:`;
          if (keys.size < 10_000) keys.set(key, name);
        }
        if (!first) out.push(',');
        first = false;
        out.push(name);
        write(item, inRoot || (key === 'root' && record === (facts.facts as object)));
      }
      out.push('}');
    }
  };
  write(facts, false);
  return out.join('');
}

/**
 * A template value as an array, when its spans are all in `file` (half the size of its JSON, and quicker to read):
 * `["\u0003s", start, end, value]`, `["\u0003q", start, end, ...items]`, `["\u0003m", start, end, ...(key, keyStart,
 * keyEnd, value)]`, `["\u0003i", start, end, name, short (1 or 0), nameStart, nameEnd, argument]`. False for anything else.
 */
function writeNode(value: TemplateValue, file: string, out: string[], write: (item: unknown) => void): boolean {
  const inFile = (span: Span | undefined) => span?.file === file && typeof span.start === 'number' && typeof span.end === 'number';
  if (!inFile(value.span)) return false;
  const head = `,${value.span.start},${value.span.end}`;
  switch (value.kind) {
    case 'scalar':
      if (keyCount(value) !== 3) return false;
      out.push(`["\\u0003s"${head},`);
      write(value.value);
      break;
    case 'seq':
      if (keyCount(value) !== 3 || !Array.isArray(value.items)) return false;
      out.push(`["\\u0003q"${head}`);
      for (const item of value.items) {
        out.push(',');
        write(item);
      }
      break;
    case 'map':
      if (keyCount(value) !== 3 || !Array.isArray(value.entries) || !value.entries.every((e) => typeof e.key === 'string' && inFile(e.keySpan) && keyCount(e) === 3)) return false;
      out.push(`["\\u0003m"${head}`);
      for (const entry of value.entries) {
        out.push(`,${JSON.stringify(entry.key)},${entry.keySpan.start},${entry.keySpan.end},`);
        write(entry.value);
      }
      break;
    case 'intrinsic':
      if (keyCount(value) !== 6 || typeof value.name !== 'string' || !inFile(value.nameSpan)) return false;
      out.push(`["\\u0003i"${head},${JSON.stringify(value.name)},${value.short ? 1 : 0},${value.nameSpan.start},${value.nameSpan.end},`);
      write(value.argument);
      break;
    default:
      return false;
  }
  out.push(']');
  return true;
}

/** The template value `writeNode` wrote, its parts revived with `revive`. */
function readNode(raw: unknown[], file: string, revive: (value: unknown) => unknown): TemplateValue {
  const span = { file, start: raw[1] as number, end: raw[2] as number };
  switch ((raw[0] as string)[1]) {
    case 's':
      return { kind: 'scalar', value: revive(raw[3]) as ScalarValue['value'], span };
    case 'q': {
      const items: TemplateValue[] = [];
      for (let i = 3; i < raw.length; i++) items.push(revive(raw[i]) as TemplateValue);
      return { kind: 'seq', items, span };
    }
    case 'm': {
      const entries: MapEntry[] = [];
      for (let i = 3; i + 3 < raw.length; i += 4) {
        entries.push({ key: raw[i] as string, keySpan: { file, start: raw[i + 1] as number, end: raw[i + 2] as number }, value: revive(raw[i + 3]) as TemplateValue });
      }
      return { kind: 'map', entries, span };
    }
    case 'i':
      return { kind: 'intrinsic', name: raw[3] as string, short: raw[4] === 1, nameSpan: { file, start: raw[5] as number, end: raw[6] as number }, argument: revive(raw[7]) as TemplateValue, span };
    default:
      throw new Error(`unknown template value ${String(raw[0]).slice(1)}`);
  }
}

function keyCount(record: object): number {
  let count = 0;
  for (const _ in record) count++;
  return count;
}

/** The template's sections and their entries' values, by place (`i` or `i.j` in `root.entries`). */
function placesOf(facts: FileFacts): Map<unknown, string> {
  const places = new Map<unknown, string>();
  if (facts.kind !== 'template' || facts.facts.root?.kind !== 'map') return places;
  facts.facts.root.entries.forEach((section, i) => {
    places.set(section.value, String(i));
    if (section.value.kind === 'map') section.value.entries.forEach((entry, j) => places.set(entry.value, `${i}.${j}`));
  });
  return places;
}

/** The inverse of `compactFacts`: spans restored, shared values put back (the same object), `properties` recomputed from each resource's node. */
export function reviveFacts(raw: FileFacts): FileFacts {
  const facts = raw.facts as unknown as Record<string, unknown>;
  const file = raw.facts.file;
  const revive = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const mark = value.charCodeAt(0);
      if (mark > NODE || Number.isNaN(mark)) return value;
      if (mark === NODE) throw new Error('a template value mark out of place');
      if (mark === ESCAPE) return value.slice(1);
      if (mark === PLACE) return placeIn(raw.facts as TemplateFacts, value.slice(1));
      // What is left starts with \u0000: a span.
      const comma = value.indexOf(',');
      return { file, start: Number(value.slice(1, comma)), end: Number(value.slice(comma + 1)) };
    }
    if (Array.isArray(value)) {
      if (typeof value[0] === 'string' && value[0].charCodeAt(0) === NODE) return readNode(value, file, revive);
      for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
      return value;
    }
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key in record) record[key] = revive(record[key]);
      return value;
    }
    return value;
  };
  // The root first: places elsewhere point into it.
  if (facts.root !== undefined) facts.root = revive(facts.root);
  for (const key in facts) if (key !== 'root') facts[key] = revive(facts[key]);
  if (raw.kind === 'template') {
    for (const resource of raw.facts.resources) {
      const entry = [...resource.node.entries].reverse().find((e) => e.key === 'Properties');
      resource.properties = entry?.value.kind === 'map' ? entry.value : undefined;
    }
  }
  return raw;
}

/** The value at a place written by `compactFacts`; throws when there is none (a damaged line is then not used). */
function placeIn(facts: TemplateFacts, place: string): TemplateValue {
  const [i, j] = place.split('.').map(Number);
  const section = facts.root?.entries[i]?.value;
  const value = j === undefined ? section : section?.kind === 'map' ? section.entries[j]?.value : undefined;
  if (!value) throw new Error(`no value at ${place}`);
  return value;
}
