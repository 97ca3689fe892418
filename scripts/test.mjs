// Runs the test suites: unit, LSP and robustness tests with Node's built-in runner, then the VS Code end-to-end suites.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const groups = args.length ? args : ['unit', 'lsp', 'robustness', 'e2e'];

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findTests(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

function run(cmd, cmdArgs) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
}

let failed = 0;
// Install the real VS Code first: the e2e suites need it, and the grammar tests also check VS Code's own YAML grammar.
if (groups.includes('e2e')) {
  const { setup } = await import('./e2e/setup.mjs');
  try {
    setup();
  } catch (error) {
    console.error(`e2e setup failed: ${error.message}`);
    failed++;
  }
}
const nodeGroups = groups.filter((g) => g !== 'e2e');
if (nodeGroups.length) {
  // Build first so the LSP tests run the real bundled server.
  if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
  const files = nodeGroups.flatMap((g) => findTests(join(root, 'test', g)));
  failed += run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files]) ? 1 : 0;
}
if (groups.includes('e2e')) {
  failed += run(process.execPath, ['scripts/e2e/run.mjs']) ? 1 : 0;
}
process.exit(failed ? 1 : 0);
