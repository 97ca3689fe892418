// Broken input gives diagnostics, never a crash or a hang: each committed hostile fixture through the disk loader and every core feature.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { createHost, definition, diagnose, isInside, type Analysis } from '../../server/src/core/index';
import { loadWorkspace } from '../../server/src/disk/loader';
import { describeFailures, exerciseAll } from './support/core';
import { FIXTURES } from './support/hostile';
import { Random, fuzzSeed } from './support/random';
import { spyOnReads } from './support/readSpy';

interface Expectation {
  why: string;
  /** Diagnostic codes that must appear. */
  diagnostics?: string[];
  /** Codes that must not appear. */
  absent?: string[];
  /** Text some diagnostic message must contain. */
  messages?: string[];
  /** Functions (logical IDs) whose handler must resolve. */
  resolved?: string[];
}

/** Loads a folder through the real loader (on this thread), recording every file it reads. */
async function load(root: string): Promise<{ analysis: Analysis; reads: string[]; elapsedMs: number }> {
  const started = Date.now();
  const host = createHost({ roots: [root] });
  const spy = spyOnReads();
  try {
    const { scan } = await loadWorkspace(host, [root], { maxFileSize: 5 * 1024 * 1024, pool: false });
    host.noteSkipped(scan.skipped);
  } finally {
    spy.stop();
  }
  return { analysis: host.applyChanges([]), reads: spy.paths, elapsedMs: Date.now() - started };
}

/** The text of every file the analysis holds, for exercising features at offsets inside it. */
function textsOf(analysis: Analysis): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of [...analysis.templates.map((t) => t.file), ...analysis.code.keys()]) {
    files.set(file, readFileSync(file, 'utf8'));
  }
  return files;
}

const names = readdirSync(FIXTURES).filter((name) => !name.includes('.')).sort();

test('the hostile fixture set is present', () => {
  assert.ok(names.length >= 12, `only ${names.length} fixtures in ${FIXTURES}`);
});

for (const name of names) {
  test(`fixture ${name}: diagnostics, no exception, nothing read outside, features answer`, async () => {
    const root = realpathSync(join(FIXTURES, name));
    const expect = JSON.parse(readFileSync(join(root, 'expect.json'), 'utf8')) as Expectation;
    const { analysis, reads, elapsedMs } = await load(root);
    assert.ok(elapsedMs < 10_000, `${name} took ${elapsedMs} ms to load`);
    assert.deepEqual(reads.filter((path) => !isInside(root, path)), [], `${name}: read outside the workspace`);
    assert.equal(analysis.templates.length >= 1, true, `${name}: the template was not recognised (${expect.why})`);

    const diagnostics = diagnose(analysis);
    const codes = new Set(diagnostics.map((d) => d.code));
    const messages = diagnostics.map((d) => d.message);
    assert.ok(!codes.has('internal-error'), `${name}: a rule failed: ${messages.filter((m) => /failed/.test(m)).join('; ')}`);
    for (const code of expect.diagnostics ?? []) assert.ok(codes.has(code), `${name}: no ${code} diagnostic (got ${[...codes].join(', ')})`);
    for (const code of expect.absent ?? []) assert.ok(!codes.has(code), `${name}: unexpected ${code}: ${messages.join('; ')}`);
    for (const text of expect.messages ?? []) assert.ok(messages.some((m) => m.includes(text)), `${name}: no message with ${text} in:\n${messages.join('\n')}`);
    for (const logicalId of expect.resolved ?? []) {
      const fn = analysis.functions.find((f) => f.logicalId === logicalId);
      assert.equal(fn?.resolution.status, 'resolved', `${name}: ${logicalId} did not resolve`);
    }
    for (const d of diagnostics) {
      assert.ok(d.span.start <= d.span.end && d.span.start >= 0, `${name}: bad span ${JSON.stringify(d.span)}`);
    }

    const seed = fuzzSeed();
    const { calls, failures } = exerciseAll(analysis, textsOf(analysis), new Random(seed), 40);
    assert.ok(calls > 50);
    assert.deepEqual(failures.length, 0, `${name} (seed ${seed}):\n${describeFailures(failures)}`);
  });
}

test('a byte-order mark keeps offsets: !Ref goes to the resource key', async () => {
  const root = realpathSync(join(FIXTURES, 'bom'));
  const { analysis } = await load(root);
  const file = join(root, 'template.yaml');
  const text = readFileSync(file, 'utf8');
  assert.equal(text.charCodeAt(0), 0xfeff, 'the fixture starts with a BOM');
  const at = text.indexOf('!Ref Queue') + '!Ref Q'.length;
  const [target] = definition(analysis, file, at);
  assert.ok(target, 'no definition for !Ref Queue');
  assert.equal(text.slice(target.start, target.end), 'Queue');
  assert.equal(text.slice(target.start - 2, target.start), '  ', 'the target is the key under Resources');
});

test('invalid UTF-8 is read with replacement characters, the template still parses and the handler resolves', async () => {
  const root = realpathSync(join(FIXTURES, 'invalid-utf8'));
  const { analysis } = await load(root);
  const fn = analysis.functions.find((f) => f.logicalId === 'Function');
  assert.equal(fn?.resolution.status, 'resolved');
  assert.equal(analysis.templates[0].resources.length, 2);
});

test('the alias bomb is cut off fast: few nodes built, the rest of the template is analysed', async () => {
  const root = realpathSync(join(FIXTURES, 'alias-bomb'));
  const before = process.memoryUsage().heapUsed;
  const { analysis, elapsedMs } = await load(root);
  assert.ok(elapsedMs < 3000, `took ${elapsedMs} ms`);
  assert.ok(process.memoryUsage().heapUsed - before < 300 * 1024 * 1024, 'heap grew by more than 300 MB');
  assert.deepEqual(analysis.templates[0].resources.map((r) => r.logicalId), ['Queue']);
});

test('duplicate keys are reported at the second occurrence', async () => {
  const root = realpathSync(join(FIXTURES, 'duplicates'));
  const { analysis } = await load(root);
  const file = join(root, 'template.yaml');
  const text = readFileSync(file, 'utf8');
  const duplicate = diagnose(analysis).find((d) => d.message.includes('Duplicate key "Queue"'));
  assert.ok(duplicate);
  assert.equal(duplicate.span.start, text.indexOf('  Queue:', text.indexOf('  Queue:') + 1) + 2);
});
