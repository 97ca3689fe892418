// The call graph of examples/shop must match the designed flows in FLOWS.md exactly: no edge missing, none invented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHost, graphOf, relId } from '../../../server/src/core/index';
import { loadWorkspace } from '../../../server/src/disk/loader';

const SHOP = join(__dirname, '..', '..', '..', 'examples', 'shop');

test('examples/shop calls equal the flows block of FLOWS.md', async () => {
  const host = createHost({ roots: [SHOP] });
  const { analysis } = await loadWorkspace(host, [SHOP], { maxFileSize: 5 * 1024 * 1024 });
  const flows = /```flows\n([\s\S]*?)```/.exec(readFileSync(join(SHOP, 'FLOWS.md'), 'utf8'))![1].trim().split('\n').sort();
  const actual = [
    ...new Set(graphOf(analysis).calls.map((c) => `${relId(SHOP, c.from)} -> ${relId(SHOP, c.to)} via ${c.via} (${c.sync ? 'sync' : 'async'})`)),
  ].sort();
  const missing = flows.filter((f) => !actual.includes(f));
  const invented = actual.filter((a) => !flows.includes(a));
  assert.deepEqual({ missing, invented }, { missing: [], invented: [] });
});
