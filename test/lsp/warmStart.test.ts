// The server writes its facts cache after indexing (between requests), and a second server started on it answers the same.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphRequest } from '../../server/src/protocol/index';
import { REPO, startServer } from '../support/lspClient';

const folders: string[] = [];
after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

async function until<T>(check: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a re-opened workspace starts from the facts cache the first server wrote, with the same graph', async () => {
  const root = mkdtempSync(join(tmpdir(), 'sam-atlas-warm-'));
  const cache = mkdtempSync(join(tmpdir(), 'sam-atlas-warm-cache-'));
  folders.push(root, cache);
  cpSync(join(REPO, 'examples', 'shop'), root, { recursive: true });
  const saved = process.env.SAM_ATLAS_CACHE_DIR;
  process.env.SAM_ATLAS_CACHE_DIR = cache;
  try {
    const graphs: string[] = [];
    const fromCache: (number | undefined)[] = [];
    for (let start = 0; start < 2; start++) {
      const client = await startServer(root);
      try {
        fromCache.push((await client.whenReady(60_000)).fromCache);
        const graph = await client.connection.sendRequest(GraphRequest.type, {});
        graphs.push(JSON.stringify(graph.edges.filter((e) => e.kind === 'call').map((e) => `${e.from}>${e.to}`).sort()));
        // The cache is written a second after indexing, a hundred files per turn.
        const file = await until(() => readdirSync(cache).find((name) => name.endsWith('.tsv')), 'the facts cache');
        const lines = readFileSync(join(cache, file), 'utf8').split('\n').filter(Boolean);
        assert.ok(lines.some((line) => line.startsWith(join(root, 'basket', 'template.yaml'))), 'the cache holds a template');
        assert.ok(lines.some((line) => /\.ts\t/.test(line)), 'the cache holds handler code');
      } finally {
        await client.stop();
      }
    }
    assert.equal(graphs[1], graphs[0]);
    // The first start parsed everything; the second took every file from the cache (9 templates and their code).
    assert.equal(fromCache[0], 0);
    assert.ok((fromCache[1] ?? 0) >= 20, `files from the cache on the second start: ${fromCache[1]}`);
    assert.ok(JSON.parse(graphs[0]).length >= 20, 'the shop has its calls');
  } finally {
    process.env.SAM_ATLAS_CACHE_DIR = saved;
  }
});
