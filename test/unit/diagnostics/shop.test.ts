// The impact-related rules on examples/shop say exactly what the designed flows and templates imply, and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHost, diagnose, lineStartsOf, offsetToPosition, relativePath } from '../../../server/src/core/index';
import { loadWorkspace } from '../../../server/src/disk/loader';

const SHOP = join(__dirname, '..', '..', '..', 'examples', 'shop');
const CODES = ['undefined-env-var', 'unused-env-var', 'resource-limit', 'call-depth', 'call-cycle', 'fan-in', 'timeout-chain', 'duplicate-route', 'orphan-resource'];

function flows(): { from: string; to: string; sync: boolean }[] {
  const block = /```flows\n([\s\S]*?)```/.exec(readFileSync(join(SHOP, 'FLOWS.md'), 'utf8'))![1].trim().split('\n');
  return block.map((line) => {
    const m = /^(\S+) -> (\S+) via \S+ \((sync|async)\)$/.exec(line)!;
    return { from: m[1], to: m[2], sync: m[3] === 'sync' };
  });
}

test('the designed flows have no loop, no synchronous chain over 4 hops and no function with more than 5 synchronous callers', () => {
  const edges = flows();
  const callers = new Map<string, Set<string>>();
  for (const e of edges.filter((e) => e.sync)) callers.set(e.to, (callers.get(e.to) ?? new Set()).add(e.from));
  assert.equal(callers.get('auth/template.yaml#AuthFunction')!.size, 5, 'auth has five synchronous callers: the fan-in limit is not exceeded');
  assert.ok([...callers.values()].every((c) => c.size <= 5));
  const reachesItself = (start: string): boolean => {
    const stack = edges.filter((e) => e.from === start).map((e) => e.to);
    const seen = new Set<string>();
    while (stack.length) {
      const node = stack.pop()!;
      if (node === start) return true;
      if (!seen.has(node)) seen.add(node), stack.push(...edges.filter((e) => e.from === node).map((e) => e.to));
    }
    return false;
  };
  assert.deepEqual(edges.map((e) => e.from).filter(reachesItself), []);
  const syncDepth = (node: string): number => Math.max(0, ...edges.filter((e) => e.sync && e.from === node).map((e) => 1 + syncDepth(e.to)));
  assert.equal(Math.max(...edges.map((e) => syncDepth(e.from))), 2);
});

test('examples/shop: the impact rules report nothing: the design has no timeout chain, loop, fan-in or unused variable', async () => {
  const host = createHost({ roots: [SHOP] });
  const { analysis } = await loadWorkspace(host, [SHOP], { maxFileSize: 5 * 1024 * 1024 });
  const actual = diagnose(analysis)
    .filter((d) => CODES.includes(d.code))
    .map((d) => `${d.code} ${d.severity} ${relativePath(SHOP, d.span.file)} ${offsetToPosition(lineStartsOf(analysis, d.span.file), d.span.start).line + 1}: ${d.message}`);
  // Basket's Timeout (15 s) exceeds those of the functions it waits for (pricing 5, stock 10, promos 5, auth 3).
  assert.deepEqual(actual.sort(), []);
});
