// Runs the end-to-end suites in a real VS Code (code-server + headless Chromium) and stops everything it started.
// Usage: node scripts/e2e/run.mjs [--suite=host|ui] [--grep=TEXT] [--keep] [--no-build]
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSuite, root } from './bundle.mjs';
import { prepareRunFolder, startCodeServer, workbenchUrl } from './codeServer.mjs';
import { exitOf, spawnGroup, stopAll, stopEverythingOnInterrupt, stopGroup, wasInterrupted } from './processes.mjs';
import { chromiumPath, setup } from './setup.mjs';

const options = {
  suites: process.argv.filter((arg) => arg.startsWith('--suite=')).map((arg) => arg.slice('--suite='.length)),
  grep: process.argv.find((arg) => arg.startsWith('--grep='))?.slice('--grep='.length),
  keep: process.argv.includes('--keep'),
  build: !process.argv.includes('--no-build'),
};
const suites = options.suites.length ? options.suites : ['host', 'ui'];
const workspace = join(root, 'examples', 'shop');
const artifacts = join(root, 'test-output', 'e2e');
const suiteTimeoutMs = 10 * 60_000;
const started = Date.now();

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function log(message) {
  console.log(`[e2e] ${message}`);
}

async function buildExtension() {
  if (options.build) {
    const child = spawn(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    if ((await exitOf(child)) !== 0) throw new Error('node scripts/build.mjs failed');
  }
  const missing = ['dist/client.js', 'dist/server.js'].filter((file) => !existsSync(join(root, file)));
  if (missing.length && options.build) throw new Error(`the build produced no ${missing.join(', ')} (is client/src/extension.ts or server/src/lsp/main.ts missing?)`);
  if (missing.length) log(`warning: ${missing.join(', ')} missing (--no-build)`);
}

function readRecords(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

function printRecords(records) {
  for (const entry of records) {
    const mark = entry.state === 'passed' ? 'ok  ' : 'FAIL';
    console.log(`  ${mark} ${entry.title} (${(entry.durationMs / 1000).toFixed(1)} s)`);
    if (entry.error) console.log(entry.error.split('\n').map((line) => `         ${line}`).join('\n'));
    for (const artifact of entry.artifacts ?? []) console.log(`         screenshot: ${artifact}`);
  }
}

/** Runs one browser driver (test/e2e/<entry>) as a child in its own process group and returns its records. */
async function runDriver(name, entry, env) {
  const suiteStarted = Date.now();
  const child = spawnGroup(process.execPath, ['--import', 'tsx', entry], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  log(`${name} suite: started`);
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), suiteTimeoutMs + 60_000)));
  let code = await Promise.race([exitOf(child), timeout]);
  clearTimeout(timer);
  if (code === 'timeout') {
    code = 124;
    log(`${name} suite: no exit after ${suiteTimeoutMs / 60_000 + 1} min; stopping it`);
  }
  await stopGroup(child.pid);
  const records = readRecords(env.SAM_ATLAS_E2E_RESULTS);
  if (code !== 0 && !records.some((entry) => entry.state === 'failed')) {
    records.push({ title: `${name} suite`, state: 'failed', durationMs: Date.now() - suiteStarted, error: `the ${name} suite exited with code ${code} without a failed test; see ${join(artifacts, 'logs')}` });
  }
  if (code === 0 && records.length === 0) {
    records.push({ title: `${name} suite`, state: 'failed', durationMs: Date.now() - suiteStarted, error: 'no test ran' });
  }
  log(`${name} suite: finished in ${seconds(suiteStarted)} (exit code ${code})`);
  printRecords(records);
  return records;
}

/** Stops what the run started, saves its logs and removes its folder; set once the run folder exists. */
let finishRun = stopAll;

/** Wraps an async function so that it runs at most once; later calls share the first call's promise. */
function once(action) {
  let running;
  return () => (running ??= action());
}

function saveLogs(runDir) {
  const target = join(artifacts, 'logs');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(join(runDir, 'logs'), target, { recursive: true });
  const vscodeLogs = join(runDir, 'user-data', 'logs');
  if (existsSync(vscodeLogs)) cpSync(vscodeLogs, join(target, 'vscode'), { recursive: true });
  return target;
}

async function main() {
  const { codeServer } = setup();
  let phase = Date.now();
  await buildExtension();
  const testsPath = await bundleSuite();
  log(`built the extension and bundled the suite in ${seconds(phase)}`);
  if (!existsSync(join(workspace, 'basket', 'template.yaml'))) throw new Error(`the demo workspace is missing: ${join(workspace, 'basket', 'template.yaml')}`);
  mkdirSync(artifacts, { recursive: true });
  for (const name of readdirSync(artifacts)) {
    if (name.endsWith('.png') || name.endsWith('-results.jsonl')) rmSync(join(artifacts, name), { force: true });
  }
  const runDir = mkdtempSync(join(tmpdir(), 'sam-atlas-e2e-'));
  const env = prepareRunFolder(runDir, {
    SAM_ATLAS_E2E_HOST_RESULTS: join(artifacts, 'host-results.jsonl'),
    ...(options.grep ? { SAM_ATLAS_E2E_GREP: options.grep } : {}),
  });
  const records = [];
  finishRun = once(async () => {
    await stopAll();
    log(`logs saved in ${saveLogs(runDir)}`);
    if (options.keep) log(`run folder kept: ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
  });
  try {
    phase = Date.now();
    const server = await startCodeServer({ codeServer, runDir, env });
    log(`code-server ${server.baseUrl} ready in ${seconds(phase)} (run folder ${runDir})`);
    const common = { ...env, SAM_ATLAS_E2E_WORKSPACE: workspace, SAM_ATLAS_E2E_ARTIFACTS: artifacts, SAM_ATLAS_E2E_CHROMIUM: chromiumPath, SAM_ATLAS_E2E_TIMEOUT_MS: String(suiteTimeoutMs) };
    if (suites.includes('host')) {
      const url = workbenchUrl({ baseUrl: server.baseUrl, port: server.port, workspace, extensionPath: root, testsPath });
      const driverEnv = { ...common, SAM_ATLAS_E2E_URL: url, SAM_ATLAS_E2E_RESULTS: env.SAM_ATLAS_E2E_HOST_RESULTS, SAM_ATLAS_E2E_LOG: join(runDir, 'logs', 'host-browser.log') };
      records.push(...(await runDriver('host', 'test/e2e/hostDriver.ts', driverEnv)));
    }
    if (suites.includes('ui')) {
      const url = workbenchUrl({ baseUrl: server.baseUrl, port: server.port, workspace, extensionPath: root });
      const driverEnv = { ...common, SAM_ATLAS_E2E_URL: url, SAM_ATLAS_E2E_RESULTS: join(artifacts, 'ui-results.jsonl'), SAM_ATLAS_E2E_LOG: join(runDir, 'logs', 'ui-browser.log') };
      records.push(...(await runDriver('ui', 'test/e2e/ui/main.ts', driverEnv)));
    }
  } finally {
    await finishRun();
  }
  return records;
}

stopEverythingOnInterrupt(() => finishRun());
main().then(
  (records) => {
    const passed = records.filter((entry) => entry.state === 'passed').length;
    const failed = records.length - passed;
    console.log(`\n[e2e] ${passed} passed, ${failed} failed in ${seconds(started)}`);
    process.exit(wasInterrupted() ? 130 : failed ? 1 : 0);
  },
  async (error) => {
    await stopAll();
    console.error(`\n[e2e] ${error.message}`);
    console.log(`[e2e] 0 passed, 1 failed in ${seconds(started)}`);
    process.exit(wasInterrupted() ? 130 : 1);
  },
);
