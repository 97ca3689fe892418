// examples/shop against FLOWS.md: each function's code uses exactly the listed IAM actions, and only the designed mistakes are flagged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHost, diagnose, relId, usagesOf, type Analysis } from '../../../server/src/core/index';
import { loadWorkspace } from '../../../server/src/disk/loader';

const SHOP = join(__dirname, '..', '..', '..', 'examples', 'shop');
const FLOWS = readFileSync(join(SHOP, 'FLOWS.md'), 'utf8');

function block(name: string): string[] {
  return new RegExp('```' + name + '\\n([\\s\\S]*?)```').exec(FLOWS)![1].trim().split('\n');
}

let loaded: Promise<Analysis> | undefined;
function shop(): Promise<Analysis> {
  loaded ??= (async () => {
    const host = createHost({ roots: [SHOP] });
    return (await loadWorkspace(host, [SHOP], { maxFileSize: 5 * 1024 * 1024 })).analysis;
  })();
  return loaded;
}

test('each function uses the IAM actions of the actions block, and all but the marked one are granted', async () => {
  const analysis = await shop();
  const expected = new Map(block('actions').map((line) => {
    const [id, actions] = line.split(': ');
    return [id, actions.split(' ').sort()];
  }));
  const actual = new Map<string, string[]>();
  for (const fn of analysis.functions) {
    const usages = usagesOf(analysis, fn);
    const actions = [...new Set(usages.map((u) => `${u.action}${u.status === 'missing' ? '(missing)' : ''}`))].sort();
    if (actions.length) actual.set(relId(SHOP, fn.id), actions);
    for (const usage of usages) assert.notEqual(usage.status, 'unknown', `${fn.logicalId} ${usage.action} on ${usage.targetText} should be decided`);
  }
  assert.deepEqual(Object.fromEntries([...actual].sort()), Object.fromEntries([...expected].sort()));
});

test('missing-permission and wildcard-permission flag exactly the deliberate mistakes', async () => {
  const analysis = await shop();
  const mistakes = block('mistakes').map((line) => line.split(' ').slice(0, 2));
  const diagnostics = diagnose(analysis);
  const flagged = (code: string) => {
    const ids = new Set<string>();
    for (const d of diagnostics.filter((x) => x.code === code)) {
      const fn = analysis.functions.find((f) => d.message.startsWith(`${f.logicalId} `) || d.message.startsWith(`${f.logicalId}:`));
      assert.ok(fn, `diagnostic names a function: ${d.message}`);
      ids.add(relId(SHOP, fn.id));
    }
    return [...ids].sort();
  };
  const expected = (kind: string) => mistakes.filter(([, k]) => k.startsWith(kind)).map(([id]) => id).sort();
  assert.deepEqual(flagged('missing-permission'), expected('missing-permission'));
  assert.deepEqual(flagged('wildcard-permission'), expected('wildcard'));
  const missing = diagnostics.filter((d) => d.code === 'missing-permission');
  assert.deepEqual(missing.map((d) => d.span.file.slice(SHOP.length + 1)).sort(), ['orders/src/handlers/cancel.ts', 'orders/template.yaml']);
  assert.ok(missing.every((d) => d.message.includes('dynamodb:PutItem on OrdersTable')));
  for (const code of ['unknown-iam-action', 'ignored-policies', 'policy-template-parameter']) {
    assert.deepEqual(diagnostics.filter((d) => d.code === code).map((d) => d.message), [], code);
  }
});
