// The shared work queue: each batch is analysed exactly once by one of the two threads, results come back in full even when the worker dies, and the real worker computes the same facts as this thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, textHash } from '../../../server/src/core/index';
import { FactsPool, workerPaysOff, type BatchKind, type PoolResult } from '../../../server/src/disk/factsPool';
import { readForAnalysis } from '../../../server/src/disk/loader';

const REPO = join(__dirname, '..', '..', '..');

/** A worker script in a temporary folder. */
function workerScript(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sam-atlas-pool-')), 'worker.js');
  writeFileSync(file, `const { parentPort } = require('node:worker_threads');\n${body}\n`);
  return file;
}

function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

/** Runs the pool with a main thread that takes `mainMs` a batch (ten times that until the worker has answered once, so it has time to start). */
async function runPool(worker: string | false, paths: { kind: BatchKind; path: string }[], mainMs: number): Promise<Map<string, string[]>> {
  const seen = new Map<string, string[]>();
  let workerAnswered = false;
  const pool = new FactsPool({ maxFileSize: 1e6, roots: ['/'], worker }, (kind, batch) => {
    busy(workerAnswered ? mainMs : 10 * mainMs);
    return batch.map((path) => ({ path, error: 'main' }));
  }, (kind, results) => {
    for (const result of results) {
      const by = 'error' in result ? result.error : '?';
      workerAnswered ||= by === 'worker';
      seen.set(result.path, [...(seen.get(result.path) ?? []), by]);
    }
  });
  for (const { kind, path } of paths) pool.add(kind, path);
  await pool.run();
  await pool.close();
  return seen;
}

const PATHS = [
  ...Array.from({ length: 40 }, (_, i) => ({ kind: 'template' as const, path: `/t/${i}.yaml` })),
  ...Array.from({ length: 1600 }, (_, i) => ({ kind: 'code' as const, path: `/c/${i}.ts` })),
];

test('every file is analysed exactly once when a worker and the main thread share the batches', async () => {
  const worker = workerScript(`parentPort.on('message', (r) => {
    if (Atomics.compareExchange(r.claim, 0, 0, 1) !== 0) return;
    const until = Date.now() + 5; while (Date.now() < until);
    parentPort.postMessage({ batch: r.batch, results: r.paths.map((path) => ({ path, error: 'worker' })) });
  });`);
  const seen = await runPool(worker, PATHS, 5);
  assert.equal(seen.size, PATHS.length);
  for (const [path, by] of seen) assert.equal(by.length, 1, `${path} analysed by ${by.join(' and ')}`);
  const counts = [...seen.values()].reduce((n, [by]) => ({ ...n, [by]: (n[by] ?? 0) + 1 }), {} as Record<string, number>);
  assert.ok(counts.worker > 0 && counts.main > 0, JSON.stringify(counts));
});

test('batches a worker took and never answered are analysed by the main thread', async () => {
  const worker = workerScript(`parentPort.on('message', (r) => {
    if (Atomics.compareExchange(r.claim, 0, 0, 1) !== 0) return;
    throw new Error('the worker fails');
  });`);
  const seen = await runPool(worker, PATHS, 1);
  assert.equal(seen.size, PATHS.length);
  for (const [path, by] of seen) assert.deepEqual(by, ['main'], path);
});

test('without a worker, files queued while results come in are analysed too', async () => {
  const seen: string[] = [];
  const pool = new FactsPool({ maxFileSize: 1e6, roots: ['/'], worker: false }, (kind, batch) => batch.map((path) => ({ path })), (kind, results) => {
    for (const { path } of results) {
      seen.push(path);
      if (kind === 'template') pool.add('code', `${path}.ts`);
    }
  });
  for (let i = 0; i < 10; i++) pool.add('template', `/t/${i}.yaml`);
  await pool.run();
  assert.equal(seen.length, 20);
  assert.deepEqual(seen.filter((p) => p.endsWith('.ts')).sort(), Array.from({ length: 10 }, (_, i) => `/t/${i}.yaml.ts`).sort());
});

/** Has the bundled worker analyse `files` (this thread claims none of them) and returns its results. */
async function byBundledWorker(files: { kind: BatchKind; path: string }[], roots: string[], codeCache: string, cached?: Map<string, string>): Promise<Map<string, PoolResult>> {
  const results = new Map<string, PoolResult>();
  const pool = new FactsPool({ maxFileSize: 1e6, roots, worker: join(REPO, 'dist', 'factsWorker.js'), codeCache, cached }, (kind, batch) => {
    throw new Error(`the main thread was given ${batch.join(', ')}`);
  }, (kind, done) => done.forEach((r) => results.set(r.path, r)));
  for (const { kind, path } of files) pool.add(kind, path);
  // The partial batches go to the worker; this thread does not `run`, so it claims none of them.
  pool.flush();
  const deadline = Date.now() + 30_000;
  while (results.size < files.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  // Once idle, the worker writes its code cache (the first time).
  while (!readdirSync(codeCache).some((name) => name.endsWith('.v8')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await pool.close();
  assert.equal(results.size, files.length, 'the worker did not answer');
  return results;
}

test('the bundled worker reads and analyses files exactly as this thread does, with or without its code cache', { skip: !existsSync(join(REPO, 'dist', 'factsWorker.js')) && 'dist/ is not built' }, async () => {
  const shop = join(REPO, 'examples', 'shop');
  const host = createHost({ roots: [shop] });
  const files = [
    { kind: 'code' as const, path: join(shop, 'orders', 'src', 'handlers', 'create.ts') },
    { kind: 'code' as const, path: join(shop, 'lib', 'events.ts') },
    { kind: 'code' as const, path: join(shop, 'orders', 'src', 'handlers', 'get.ts') },
    { kind: 'code' as const, path: join(shop, 'missing.ts') },
  ];
  for (const { path } of files.slice(0, 3)) assert.ok(existsSync(path), `examples/shop changed: ${path} is gone`);
  const codeCache = mkdtempSync(join(tmpdir(), 'sam-atlas-code-'));
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
  const written: number[] = [];
  for (const run of ['compiled', 'from the code cache']) {
    const results = await byBundledWorker(files, [shop], codeCache);
    const caches = readdirSync(codeCache).filter((name) => name.endsWith('.v8'));
    assert.equal(caches.length, 1, `${run}: no code cache written`);
    written.push(statSync(join(codeCache, caches[0])).ino);
    assert.ok('facts' in results.get(files[0].path)! && 'error' in results.get(files[3].path)!);
    for (const { kind, path } of files) assert.deepEqual(plain(results.get(path)), plain(readForAnalysis(host, kind, path, 1e6, [shop])), `${run}: ${path}`);
  }
  assert.equal(written[1], written[0], 'the code cache was rejected and written again');
});

test('given the on-disk cache\'s hashes, the bundled worker only reads and hashes the files it has, and analyses the changed ones', { skip: !existsSync(join(REPO, 'dist', 'factsWorker.js')) && 'dist/ is not built' }, async () => {
  const shop = join(REPO, 'examples', 'shop');
  const unchanged = [join(shop, 'orders', 'src', 'handlers', 'get.ts'), join(shop, 'lib', 'events.ts')];
  const changed = join(shop, 'orders', 'src', 'handlers', 'create.ts');
  const cached = new Map(unchanged.map((path) => [path, textHash(readFileSync(path, 'utf8'))]));
  cached.set(changed, `${textHash(readFileSync(changed, 'utf8'))}-older`);
  const files = [{ kind: 'code' as const, path: unchanged[0] }, { kind: 'code' as const, path: unchanged[1] }, { kind: 'code' as const, path: changed }];
  const results = await byBundledWorker(files, [shop], mkdtempSync(join(tmpdir(), 'sam-atlas-code-')), cached);
  for (const { path } of files) {
    const result = results.get(path)!;
    assert.ok('text' in result, path);
    assert.equal(result.hash, textHash(readFileSync(path, 'utf8')), `${path}: the hash of what was read`);
    assert.equal(result.facts === undefined, path !== changed, `${path}: facts only for the changed file`);
  }
});

test('templates are parsed on the main thread only (their facts cost more to copy than to compute); code goes to the worker too', { skip: !existsSync(join(REPO, 'dist', 'factsWorker.js')) && 'dist/ is not built' }, async () => {
  const shop = join(REPO, 'examples', 'shop');
  const host = createHost({ roots: [shop] });
  const template = join(shop, 'orders', 'template.yaml');
  const notTemplate = join(shop, 'package.json');
  const code = join(shop, 'orders', 'src', 'handlers', 'create.ts');
  const byMain: string[] = [];
  const results = new Map<string, PoolResult>();
  const pool = new FactsPool({ maxFileSize: 1e6, roots: [shop], worker: join(REPO, 'dist', 'factsWorker.js'), codeCache: false }, (kind, batch) => {
    byMain.push(...batch);
    return batch.map((path) => readForAnalysis(host, kind, path, 1e6, [shop]));
  }, (kind, done) => done.forEach((r) => results.set(r.path, r)));
  pool.add('template', template);
  pool.add('template', notTemplate);
  pool.add('code', code);
  pool.flush();
  // The worker answers the code batch while this thread does nothing; it is never given the templates.
  const deadline = Date.now() + 30_000;
  while (!results.has(code) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(results.has(code), 'the worker did not answer the code batch');
  assert.ok(!results.has(template) && !results.has(notTemplate), 'the worker took a template batch');
  await pool.run();
  await pool.close();
  assert.deepEqual(byMain, [template, notTemplate]);
  assert.ok('facts' in results.get(template)! && !('text' in results.get(notTemplate)!));
});

test('closing the pool lets the worker finish writing its code cache: a whole .v8 file, no half-written one left', { skip: !existsSync(join(REPO, 'dist', 'factsWorker.js')) && 'dist/ is not built' }, async () => {
  const shop = join(REPO, 'examples', 'shop');
  const codeCache = mkdtempSync(join(tmpdir(), 'sam-atlas-code-'));
  const results = new Map<string, PoolResult>();
  const pool = new FactsPool({ maxFileSize: 1e6, roots: [shop], worker: join(REPO, 'dist', 'factsWorker.js'), codeCache }, () => {
    throw new Error('the main thread claimed a batch');
  }, (kind, done) => done.forEach((r) => results.set(r.path, r)));
  const file = join(shop, 'orders', 'src', 'handlers', 'create.ts');
  pool.add('code', file);
  pool.flush();
  const deadline = Date.now() + 30_000;
  while (!results.has(file) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(results.has(file), 'the worker did not answer');
  // At once, as the loader does when the last answer is in (the worker is writing its cache about now).
  await pool.close();
  const names = readdirSync(codeCache);
  assert.deepEqual(names.filter((name) => name.endsWith('.tmp')), [], 'a half-written code cache was left');
  assert.equal(names.filter((name) => name.endsWith('.v8')).length, 1, `no code cache: ${names.join(', ')}`);
});

test('a worker is started only where it pays off: more than two processors, unless SAM_ATLAS_WORKER says on or off', () => {
  assert.equal(workerPaysOff(2, undefined), false);
  assert.equal(workerPaysOff(1, undefined), false);
  assert.equal(workerPaysOff(4, undefined), true);
  assert.equal(workerPaysOff(2, 'on'), true);
  assert.equal(workerPaysOff(8, 'off'), false);
  assert.equal(workerPaysOff(8, 'maybe'), true);
});
