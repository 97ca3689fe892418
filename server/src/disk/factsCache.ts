// The on-disk cache of per-file facts (keyed by path, content hash and analyser version) that makes a re-opened workspace ready at once.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ANALYSER_VERSION, type FileFacts } from '../core/index';

/** Where caches live: `$SAM_ATLAS_CACHE_DIR`, else `$XDG_CACHE_HOME/sam-atlas`, else `~/.cache/sam-atlas`. */
export function cacheRoot(): string {
  return process.env.SAM_ATLAS_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sam-atlas');
}

/** One line per file: `path \t hash \t compact JSON facts`; facts are parsed only when asked for. */
export class FactsCache {
  private readonly lines = new Map<string, { hash: string; json: string }>();
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
      this.hits++;
      return facts;
    } catch {
      return undefined;
    }
  }

  /** Whether the cache had anything at all (a warm start). */
  get isWarm(): boolean {
    return this.lines.size > 0;
  }

  /** Replaces the cache with these files' facts (written to a temporary file, then renamed). Never throws. */
  save(entries: Iterable<{ path: string; hash: string; facts: FileFacts }>): void {
    try {
      const out: string[] = [];
      for (const entry of entries) out.push(`${entry.path}\t${entry.hash}\t${compactFacts(entry.facts)}`);
      mkdirSync(join(this.file, '..'), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, out.join('\n'));
      renameSync(temporary, this.file);
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

/** JSON of facts with every span of the file written as `"\u0000start,end"` and derivable fields left out. */
function compactFacts(facts: FileFacts): string {
  const file = facts.facts.file;
  return JSON.stringify(facts, function (this: Record<string, unknown>, key, value) {
    if (key === 'properties' && this && 'node' in this && 'logicalId' in this) return undefined;
    if (value && typeof value === 'object' && value.file === file && typeof value.start === 'number' && typeof value.end === 'number' && Object.keys(value).length === 3) {
      return `\u0000${value.start},${value.end}`;
    }
    return value;
  });
}

/** The inverse of `compactFacts`: spans restored, `properties` recomputed from each resource's node. */
function reviveFacts(raw: FileFacts): FileFacts {
  const file = raw.facts.file;
  const revive = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (value.charCodeAt(0) !== 0) return value;
      const comma = value.indexOf(',');
      return { file, start: Number(value.slice(1, comma)), end: Number(value.slice(comma + 1)) };
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
      return value;
    }
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) record[key] = revive(record[key]);
      return value;
    }
    return value;
  };
  revive(raw.facts);
  if (raw.kind === 'template') {
    for (const resource of raw.facts.resources) {
      const entry = [...resource.node.entries].reverse().find((e) => e.key === 'Properties');
      resource.properties = entry?.value.kind === 'map' ? entry.value : undefined;
    }
  }
  return raw;
}
