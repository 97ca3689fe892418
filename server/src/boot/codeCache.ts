// Runs a bundled CommonJS file compiled through V8's code cache, so the 15 MB bundles start several times faster after the first run.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** A started bundle: `save` writes its compiled code once (only when the cache was missing or rejected; never throws). */
export interface CachedRun {
  save(): void;
}

/**
 * Compiles `file` with the code cache kept in `cacheFolder` (per file, size, time, Node version and architecture;
 * V8 itself rejects a cache that does not match the source) and runs it as a CommonJS module. Without a folder, or
 * when anything about the cache fails, the file still runs, only compiled from scratch.
 */
export function runCached(file: string, cacheFolder: string | undefined): CachedRun {
  const name = basename(file, '.js');
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  if (cacheFolder) {
    try {
      const stat = statSync(file);
      cacheFile = join(cacheFolder, `${name}-${stat.size.toString(36)}-${Math.round(stat.mtimeMs).toString(36)}-${process.version}-${process.arch}.v8`);
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const fresh = !cachedData || script.cachedDataRejected === true;
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  let saved = !fresh || !cacheFile;
  return {
    save() {
      if (saved) return;
      saved = true;
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        mkdirSync(cacheFolder!, { recursive: true });
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile!);
        // Caches of this bundle from other builds or Node versions are stale now, and so are halves left by runs that ended while writing.
        for (const other of readdirSync(cacheFolder!)) {
          if (other.startsWith(`${name}-`) && (other.endsWith('.v8') || other.endsWith('.tmp')) && other !== basename(cacheFile!)) rmSync(join(cacheFolder!, other), { force: true });
        }
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // A cache folder that cannot even be cleaned only costs the next start its speed.
        }
      }
    },
  };
}
