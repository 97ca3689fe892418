// The on-disk facts cache returns exactly the facts it was given, only for the same content, and survives a corrupt file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost } from '../../../server/src/core/index';
import { FactsCache } from '../../../server/src/disk/factsCache';
import { loadWorkspace } from '../../../server/src/disk/loader';

const SHOP = join(__dirname, '..', '..', '..', 'examples', 'shop');

test('facts of examples/shop round-trip through the cache unchanged', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'sam-atlas-cache-'));
  const host = createHost({ roots: [SHOP] });
  await loadWorkspace(host, [SHOP], { maxFileSize: 5e6, pool: false });
  const entries = [...host.entries()];
  FactsCache.open([SHOP], folder).save(entries);
  const cache = FactsCache.open([SHOP], folder);
  assert.ok(cache.isWarm);
  for (const entry of entries) {
    // JSON drops keys whose value is undefined; compare what the facts mean, not how they were spelled.
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
    assert.deepEqual(plain(cache.get(entry.path, entry.hash)), plain(entry.facts), entry.path);
    assert.equal(cache.get(entry.path, `${entry.hash}x`), undefined);
  }
  assert.equal(cache.hits, entries.length);
});

test('a warm start gives the same analysis as a cold one', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'sam-atlas-cache-'));
  const cold = createHost({ roots: [SHOP] });
  const { analysis: first } = await loadWorkspace(cold, [SHOP], { maxFileSize: 5e6, pool: false });
  FactsCache.open([SHOP], folder).save(cold.entries());
  const cache = FactsCache.open([SHOP], folder);
  const warm = createHost({ roots: [SHOP], precomputed: (path, hash) => cache.get(path, hash) });
  const { analysis: second } = await loadWorkspace(warm, [SHOP], { maxFileSize: 5e6, pool: false });
  assert.equal(cache.hits, [...cold.entries()].length);
  assert.deepEqual(second.functions.map((f) => [f.id, f.resolution]), first.functions.map((f) => [f.id, f.resolution]));
  assert.deepEqual(second.endpoints, first.endpoints);
});

test('a corrupt cache file is ignored, not fatal', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sam-atlas-cache-'));
  FactsCache.open(['/x'], folder).save([]);
  const file = join(folder, readdirSync(folder)[0]);
  writeFileSync(file, `/x/a.yaml\tHASH\t{not json\n\u0000\u0001garbage`);
  const cache = FactsCache.open(['/x'], folder);
  assert.equal(cache.get('/x/a.yaml', 'HASH'), undefined);
  assert.ok(readFileSync(file, 'utf8').length > 0);
});
