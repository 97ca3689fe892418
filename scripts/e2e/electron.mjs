// Runs the extension-host suite in desktop VS Code through @vscode/test-electron, for machines that can download VS Code.
// Usage: node scripts/e2e/electron.mjs [--version=1.100.3] [--grep=TEXT]   (VSCODE_EXECUTABLE=path uses a local VS Code)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleSuite, root } from './bundle.mjs';
import { exitOf } from './processes.mjs';

const version = process.argv.find((arg) => arg.startsWith('--version='))?.slice('--version='.length) ?? 'stable';
const grep = process.argv.find((arg) => arg.startsWith('--grep='))?.slice('--grep='.length);
const workspace = join(root, 'examples', 'shop');
const artifacts = join(root, 'test-output', 'e2e');
const resultsFile = join(artifacts, 'electron-results.jsonl');
const started = Date.now();

/** Network failures that mean "VS Code could not be downloaded", as opposed to a failing test. */
const downloadErrors = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|socket hang up|certificate|update\.code\.visualstudio\.com|Failed to get JSON|Failed to download|downloading/i;

function summary() {
  const records = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
  for (const entry of records) {
    console.log(`  ${entry.state === 'passed' ? 'ok  ' : 'FAIL'} ${entry.title}`);
    if (entry.error) console.log(entry.error.split('\n').map((line) => `         ${line}`).join('\n'));
  }
  const passed = records.filter((entry) => entry.state === 'passed').length;
  return { passed, failed: records.length - passed };
}

async function main() {
  const build = spawn(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if ((await exitOf(build)) !== 0) throw new Error('node scripts/build.mjs failed');
  const extensionTestsPath = await bundleSuite();
  mkdirSync(artifacts, { recursive: true });
  rmSync(resultsFile, { force: true });
  const userData = mkdtempSync(join(tmpdir(), 'sam-atlas-electron-'));
  try {
    await runTests({
      version,
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      extensionTestsEnv: { SAM_ATLAS_E2E_HOST_RESULTS: resultsFile, ...(grep ? { SAM_ATLAS_E2E_GREP: grep } : {}) },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${join(userData, 'user-data')}`],
    });
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
}

main().then(
  () => {
    const { passed, failed } = summary();
    console.log(`\n[electron] ${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exit(failed ? 1 : 0);
  },
  (error) => {
    const message = error instanceof Error ? error.message : String(error);
    const { passed, failed } = summary();
    if (passed + failed === 0 && downloadErrors.test(`${message} ${error?.cause ?? ''}`)) {
      console.error(
        `\n[electron] Could not download VS Code (${version}): ${message}\n` +
          '[electron] This machine cannot reach update.code.visualstudio.com. Use `npm run test:e2e` (code-server, works offline),\n' +
          '[electron] or point VSCODE_EXECUTABLE at an installed VS Code binary.',
      );
    } else {
      console.error(`\n[electron] ${message}`);
    }
    console.log(`[electron] ${passed} passed, ${Math.max(failed, 1)} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exit(1);
  },
);
