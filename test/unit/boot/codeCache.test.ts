// The start files' code cache: a bundle runs as a CommonJS module with or without a cache, and a bad cache never stops it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCached } from '../../../server/src/boot/codeCache';

const folders: string[] = [];
after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function temp(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** A bundle that records what CommonJS gave it. */
function bundle(folder: string, body = ''): string {
  const file = join(folder, 'bundle.js');
  writeFileSync(file, `${body}\nglobalThis.codeCacheProbe = { file: __filename, dir: __dirname, path: typeof require('node:path').join, exports: typeof module.exports };`);
  return file;
}

const probe = () => (globalThis as { codeCacheProbe?: Record<string, string> }).codeCacheProbe;

test('runs the file as a CommonJS module, writes its cache once, and uses it on the next start', () => {
  const code = temp('sam-atlas-bundle-');
  const cache = temp('sam-atlas-v8-');
  const file = bundle(code);
  runCached(file, cache).save();
  assert.deepEqual(probe(), { file, dir: code, path: 'function', exports: 'object' });
  const written = readdirSync(cache);
  assert.equal(written.length, 1);
  assert.match(written[0], /^bundle-.*\.v8$/);
  // Second start: the cache is accepted, so there is nothing to write.
  const second = runCached(file, cache);
  rmSync(join(cache, written[0]));
  second.save();
  assert.deepEqual(readdirSync(cache), []);
});

/** Starts the bundle in a fresh process (V8 keeps compiled code per process, so a cache is only consulted in a new one). */
function startFresh(file: string, cache: string): void {
  const module = join(__dirname, '..', '..', '..', 'server', 'src', 'boot', 'codeCache.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', `require(${JSON.stringify(module)}).runCached(${JSON.stringify(file)}, ${JSON.stringify(cache)}).save()`], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
}

test('a damaged cache is rejected and rewritten; a changed bundle replaces the stale cache', () => {
  const code = temp('sam-atlas-bundle-');
  const cache = temp('sam-atlas-v8-');
  const file = bundle(code);
  startFresh(file, cache);
  const [name] = readdirSync(cache);
  writeFileSync(join(cache, name), 'not a code cache');
  startFresh(file, cache);
  assert.deepEqual(readdirSync(cache), [name]);
  assert.notEqual(readFileSync(join(cache, name), 'utf8'), 'not a code cache');
  bundle(code, '// a new build, one line longer');
  startFresh(file, cache);
  const after = readdirSync(cache);
  assert.equal(after.length, 1);
  assert.notEqual(after[0], name);
});

test('without a cache folder, or with one that cannot be written, the bundle still runs and nothing throws', () => {
  const code = temp('sam-atlas-bundle-');
  const file = bundle(code);
  (globalThis as { codeCacheProbe?: unknown }).codeCacheProbe = undefined;
  runCached(file, undefined).save();
  assert.equal(probe()?.file, file);
  const blocked = join(code, 'a-file-not-a-folder');
  writeFileSync(blocked, '');
  assert.doesNotThrow(() => runCached(file, blocked).save());
});
