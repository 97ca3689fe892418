// Seeded fuzzing of the core: mutated examples/shop and fixture files through createHost/applyChanges and every feature at random offsets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHost, diagnose } from '../../server/src/core/index';
import { analyseFiles, describeFailures, exerciseAll, WS } from './support/core';
import { FIXTURES, SHOP } from './support/hostile';
import { CODE_TOKENS, HOSTILE_TOKENS, Random, fuzzIterations, fuzzSeed, mutate } from './support/random';

const TIME_BUDGET_MS = Number(process.env.SAM_ATLAS_FUZZ_MS ?? 18_000);
const SLOW_ITERATION_MS = 15_000;

/** Every template and code file below `root`, keyed by its path under /ws/`prefix`. */
function readCorpus(root: string, prefix: string, out: Map<string, string>, folder = root): void {
  for (const name of readdirSync(folder)) {
    const full = join(folder, name);
    if (statSync(full).isDirectory()) readCorpus(root, prefix, out, full);
    else if (/\.(ya?ml|json|ts|js|py)$/.test(name) && name !== 'expect.json') out.set(`${WS}/${prefix}/${relative(root, full)}`, readFileSync(full, 'utf8'));
  }
}

/** examples/shop and the hostile fixtures, as one in-memory workspace. */
function corpus(): Map<string, string> {
  const files = new Map<string, string>();
  readCorpus(SHOP, 'shop', files);
  readCorpus(FIXTURES, 'fixtures', files);
  return files;
}

test('fuzz: mutated templates and handlers never make a core feature throw or hang', () => {
  const seed = fuzzSeed();
  const iterations = fuzzIterations(400);
  const random = new Random(seed);
  const original = corpus();
  const paths = [...original.keys()];
  const templates = paths.filter((p) => /\.(ya?ml|json)$/.test(p));
  const code = paths.filter((p) => /\.(ts|js|py)$/.test(p));
  assert.ok(templates.length >= 20 && code.length >= 20, `corpus too small: ${templates.length} templates, ${code.length} code files`);

  // One host for the whole run, as in the editor: each iteration changes a few files, then puts them back.
  const host = createHost({ roots: [WS] });
  analyseFiles(original, host);
  const started = Date.now();
  let done = 0;
  let calls = 0;
  for (; done < iterations && Date.now() - started < TIME_BUDGET_MS; done++) {
    const count = 1 + random.int(3);
    const changed = new Map<string, string>();
    const steps: string[] = [];
    for (let i = 0; i < count; i++) {
      const path = random.chance(0.6) ? random.pick(templates) : random.pick(code);
      const base = changed.get(path) ?? original.get(path)!;
      const other = original.get(random.pick(paths))!;
      const mutated = mutate(random, base, other, /\.(ya?ml|json)$/.test(path) ? HOSTILE_TOKENS : CODE_TOKENS);
      changed.set(path, mutated.text);
      steps.push(`${path}: ${mutated.steps.join(', ')}`);
    }
    const context = `seed ${seed} (SAM_ATLAS_FUZZ_SEED=${seed}), iteration ${done}:\n  ${steps.join('\n  ')}`;
    const iterationStarted = Date.now();
    let analysis;
    try {
      analysis = host.applyChanges([...changed].map(([path, text]) => ({ path, text })));
    } catch (error) {
      assert.fail(`applyChanges threw: ${String(error)}\n${context}`);
    }
    const result = exerciseAll(analysis, changed, random, 4);
    calls += result.calls;
    const internal = diagnose(analysis).filter((d) => d.code === 'internal-error');
    assert.deepEqual(result.failures, [], `${describeFailures(result.failures)}\n${context}`);
    assert.deepEqual(internal.map((d) => d.message), [], `a diagnostic rule threw\n${context}`);
    const elapsed = Date.now() - iterationStarted;
    assert.ok(elapsed < SLOW_ITERATION_MS, `iteration took ${elapsed} ms\n${context}`);
    host.applyChanges([...changed.keys()].map((path) => ({ path, text: original.get(path)! })));
  }
  console.log(`# core fuzz: seed ${seed}, ${done} iterations, ${calls} feature calls in ${Date.now() - started} ms`);
  assert.ok(done >= Math.min(iterations, 20), `only ${done} iterations ran in the time budget`);
});

test('fuzz: a template spliced from two others and cut at every 97th character parses without throwing', () => {
  const files = corpus();
  const shop = [...files].filter(([p]) => p.endsWith('template.yaml') && p.includes('/shop/'));
  const [a, b] = [shop[0][1], shop[shop.length - 1][1]];
  const spliced = a.slice(0, Math.floor(a.length / 2)) + b.slice(Math.floor(b.length / 2));
  const host = createHost({ roots: [WS] });
  for (let cut = 0; cut <= spliced.length; cut += 97) {
    const analysis = host.applyChanges([{ path: `${WS}/cut/template.yaml`, text: spliced.slice(0, cut) }]);
    assert.doesNotThrow(() => diagnose(analysis), `cut at ${cut}`);
  }
});
