// Entry point VS Code's test runner loads in the extension host: runs every bundled *.test.js with Mocha.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { gitStatus } from './helpers';

/** One finished test, as the harness (scripts/e2e/run.mjs) reads it from the results file. */
interface TestRecord {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

function recordTo(file: string | undefined, record: TestRecord): void {
  if (!file) return;
  try {
    appendFileSync(file, JSON.stringify(record) + '\n');
  } catch (error) {
    console.error(`cannot write test results to ${file}: ${String(error)}`);
  }
}

/** Runs the suite; resolves when every test passed, rejects otherwise (VS Code turns that into the exit code). */
export function run(): Promise<void> {
  const resultsFile = process.env.SAM_ATLAS_E2E_HOST_RESULTS;
  const grep = process.env.SAM_ATLAS_E2E_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, ...(grep ? { grep } : {}) });
  for (const name of readdirSync(__dirname).filter((file) => file.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, name));
  }
  // What git says about the workspace before any test runs; the last test checks that the tests left it so.
  (globalThis as { samAtlasGitBefore?: Promise<string | undefined> }).samAtlasGitBefore = gitStatus();
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
      runner.on('pass', (test) => recordTo(resultsFile, { title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
      runner.on('fail', (test, error: Error) =>
        recordTo(resultsFile, {
          title: test.fullTitle(),
          state: 'failed',
          durationMs: test.duration ?? 0,
          error: (error?.stack ?? String(error)).split('\n').slice(0, 12).join('\n'),
        }),
      );
    } catch (error) {
      reject(error);
    }
  });
}
