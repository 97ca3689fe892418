// The on-disk facts cache returns exactly the facts it was given, only for the same content, and survives a corrupt file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
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
  assert.deepEqual([...cache.hashes()].sort(), entries.map((e) => [e.path, e.hash]).sort());
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

/** A template whose strings start with the cache's own marks, whose resources share their nodes with the root. */
const MARKED = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 3
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: "\\x01looks like a place"
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: "\\0app.handler"
      Description: "\\x02escaped"
      Runtime: "\\x01" 
      Tags:
        Mark: "\\x03looks like a template value"
        Refs: [!Ref Queue, !Sub "\\x03\${Queue}", { "Fn::GetAtt": [Queue, Arn] }]
`;

test('strings that start with the marks the cache uses come back unchanged, and shared values come back shared', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sam-atlas-cache-'));
  const host = createHost({ roots: ['/ws'] });
  host.applyChanges([{ path: '/ws/template.yaml', text: MARKED }]);
  const [entry] = [...host.entries()];
  assert.equal(entry.facts.kind, 'template');
  FactsCache.open(['/ws'], folder).save([entry]);
  const revived = FactsCache.open(['/ws'], folder).get(entry.path, entry.hash);
  assert.ok(revived?.kind === 'template');
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
  assert.deepEqual(plain(revived), plain(entry.facts));
  const values = JSON.stringify(revived.facts.root);
  for (const text of ['\\u0001looks like a place', '\\u0000app.handler', '\\u0002escaped', '\\u0003looks like a template value', '\\u0003${Queue}']) assert.ok(values.includes(text), text);
  const resources = revived.facts.root!.entries.find((e) => e.key === 'Resources')!.value;
  assert.ok(resources.kind === 'map');
  for (const resource of revived.facts.resources) {
    assert.equal(resource.node, resources.entries.find((e) => e.key === resource.logicalId)!.value, resource.logicalId);
    assert.equal(resource.properties, resource.node.entries.find((e) => e.key === 'Properties')!.value);
  }
  assert.equal(revived.facts.globals, revived.facts.root!.entries.find((e) => e.key === 'Globals')!.value);
});

test('a warm start whose files all hit the cache does not rewrite it; a changed file does', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'sam-atlas-cache-'));
  const cold = createHost({ roots: [SHOP] });
  await loadWorkspace(cold, [SHOP], { maxFileSize: 5e6, pool: false });
  FactsCache.open([SHOP], folder).save(cold.entries());
  const file = join(folder, readdirSync(folder)[0]);
  const written = { ino: statSync(file).ino, text: readFileSync(file, 'utf8') };
  const cache = FactsCache.open([SHOP], folder);
  const warm = createHost({ roots: [SHOP], precomputed: (path, hash) => cache.get(path, hash) });
  await loadWorkspace(warm, [SHOP], { maxFileSize: 5e6, pool: false, cache });
  cache.save(warm.entries());
  assert.equal(statSync(file).ino, written.ino, 'rewritten though nothing changed');
  // One file edited: the cache is written again, with the other lines as they were.
  const [first] = [...warm.entries()].filter((e) => e.facts.kind === 'code');
  warm.applyChanges([{ path: first.path, text: `${readFileSync(first.path, 'utf8')}\nexport const added = 1;\n` }]);
  cache.save(warm.entries());
  const text = readFileSync(file, 'utf8');
  assert.notEqual(text, written.text);
  const lines = (t: string) => new Map(t.split('\n').map((l) => [l.slice(0, l.indexOf('\t')), l]));
  const before = lines(written.text);
  const after = lines(text);
  assert.equal(after.size, before.size);
  for (const [path, line] of after) if (path !== first.path) assert.equal(line, before.get(path), path);
  assert.notEqual(after.get(first.path), before.get(first.path));
  const reopened = FactsCache.open([SHOP], folder);
  const changed = [...warm.entries()].find((e) => e.path === first.path)!;
  assert.ok(reopened.get(changed.path, changed.hash)?.facts);
});

test('a damaged line is computed again and written afresh, not kept', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sam-atlas-cache-'));
  const host = createHost({ roots: ['/ws'] });
  host.applyChanges([{ path: '/ws/template.yaml', text: MARKED }]);
  const [entry] = [...host.entries()];
  FactsCache.open(['/ws'], folder).save([entry]);
  const file = join(folder, readdirSync(folder)[0]);
  writeFileSync(file, `${entry.path}\t${entry.hash}\t{"kind":"template","facts":{"file":"/ws/template.yaml","resources":["\\u00019.9"]}}`);
  const cache = FactsCache.open(['/ws'], folder);
  const warm = createHost({ roots: ['/ws'], precomputed: (path, hash) => cache.get(path, hash) });
  warm.applyChanges([{ path: '/ws/template.yaml', text: MARKED }]);
  assert.equal(cache.hits, 0);
  cache.save(warm.entries());
  assert.ok(FactsCache.open(['/ws'], folder).get(entry.path, entry.hash), 'the damaged line is still there');
});

test('save writes the JSON prepared while loading instead of compacting the facts again', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sam-atlas-cache-'));
  const host = createHost({ roots: ['/ws'] });
  host.applyChanges([{ path: '/ws/a.ts', text: 'export const handler = async () => 1;\n' }]);
  const [entry] = [...host.entries()];
  const cache = FactsCache.open(['/ws'], folder);
  const prepared = '{"kind":"code","facts":{"file":"/ws/a.ts","prepared":true}}';
  cache.prepare(entry.facts, prepared);
  cache.save([entry]);
  const file = join(folder, readdirSync(folder)[0]);
  assert.equal(readFileSync(file, 'utf8'), `${entry.path}\t${entry.hash}\t${prepared}`);
});
