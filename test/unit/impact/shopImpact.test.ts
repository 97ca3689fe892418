// The designed impacts of examples/shop: every function's callers and reaching endpoints follow from FLOWS.md; shared modules reach their users.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHost, impactCounts, impactView, relId, type Analysis } from '../../../server/src/core/index';
import { loadWorkspace } from '../../../server/src/disk/loader';

const SHOP = join(__dirname, '..', '..', '..', 'examples', 'shop');
const FLOWS = readFileSync(join(SHOP, 'FLOWS.md'), 'utf8');

function block(name: string): string[] {
  return new RegExp('```' + name + '\\n([\\s\\S]*?)```').exec(FLOWS)![1].trim().split('\n');
}

const calls = block('flows').map((line) => /^(\S+) -> (\S+) via (\S+)/.exec(line)!).map((m) => ({ from: m[1], to: m[2], via: m[3] }));
const endpoints = block('endpoints').map((line) => /^(\S+ \S+) -> (\S+)$/.exec(line)!).map((m) => ({ route: m[1], fn: m[2] }));

/** Everything upstream of `node` in the designed flows. */
function designedUpstream(node: string): Set<string> {
  const seen = new Set<string>();
  const stack = [node];
  while (stack.length) {
    const current = stack.pop()!;
    for (const call of calls.filter((c) => c.to === current && !seen.has(c.from) && c.from !== node)) {
      seen.add(call.from);
      stack.push(call.from);
    }
  }
  return seen;
}

async function load(): Promise<Analysis> {
  const host = createHost({ roots: [SHOP] });
  return (await loadWorkspace(host, [SHOP], { maxFileSize: 5 * 1024 * 1024 })).analysis;
}

test('every function and state machine: its callers and the endpoints reaching it are those of the designed flows', async () => {
  const analysis = await load();
  const nodes = [...analysis.functions.map((f) => f.id), ...analysis.stateMachines.map((s) => s.id)];
  assert.equal(nodes.length, 25);
  for (const id of nodes) {
    const rel = relId(SHOP, id);
    const upstream = designedUpstream(rel);
    const reaching = endpoints.filter((e) => e.fn === rel || upstream.has(e.fn)).map((e) => e.route);
    const counts = impactCounts(analysis, id);
    assert.deepEqual({ id: rel, callers: counts.callers, endpoints: counts.endpoints }, { id: rel, callers: upstream.size, endpoints: reaching.length });
    const view = impactView(analysis, { id });
    const shown = new Set<string>();
    const walk = (nodesOf: typeof view.upstream) => nodesOf.forEach((n) => (shown.add(n.kind === 'endpoint' ? n.label : relId(SHOP, n.id)), walk(n.children)));
    walk(view.upstream);
    for (const caller of upstream) assert.ok(shown.has(caller), `${rel}: ${caller} missing from the upstream tree`);
    for (const route of reaching) assert.ok(shown.has(route), `${rel}: ${route} missing from the upstream tree`);
  }
});

test('AuthFunction: its direct callers are the distinct callers of the flows', async () => {
  const analysis = await load();
  const direct = new Set(calls.filter((c) => c.to === 'auth/template.yaml#AuthFunction').map((c) => c.from));
  assert.equal(impactCounts(analysis, `${SHOP}/auth/template.yaml#AuthFunction`).directCallers, direct.size);
});

test('lib/auth.ts reaches exactly the functions that call auth (through authorize()), and their endpoints', async () => {
  const analysis = await load();
  const view = impactView(analysis, { file: join(SHOP, 'lib', 'auth.ts') });
  const functions = new Set<string>();
  const walk = (nodes: typeof view.upstream, underModule: boolean) =>
    nodes.forEach((n) => {
      if (n.kind === 'function' && underModule) functions.add(relId(SHOP, n.id));
      walk(n.children, n.kind === 'module');
    });
  walk(view.upstream, true);
  const callersOfAuth = new Set(calls.filter((c) => c.to === 'auth/template.yaml#AuthFunction').map((c) => c.from));
  assert.deepEqual([...functions].sort(), [...callersOfAuth].sort());
  assert.equal(view.counts!.directCallers, callersOfAuth.size);
});

test('lib/events.ts reaches the publishers of order events: the event senders of the flows and ConfirmOrderFunction', async () => {
  const analysis = await load();
  const view = impactView(analysis, { file: join(SHOP, 'lib', 'events.ts') });
  const publishers = new Set(calls.filter((c) => c.via === 'eventbridge').map((c) => c.from));
  assert.match(FLOWS, /`checkout\/template\.yaml#ConfirmOrderFunction` publishes `OrderConfirmed`/);
  publishers.add('checkout/template.yaml#ConfirmOrderFunction');
  const functions = new Set<string>();
  const walk = (nodes: typeof view.upstream, underModule: boolean) =>
    nodes.forEach((n) => {
      if (n.kind === 'function' && underModule) functions.add(relId(SHOP, n.id));
      walk(n.children, n.kind === 'module');
    });
  walk(view.upstream, true);
  assert.deepEqual([...functions].sort(), [...publishers].sort());
});
