// Bundles the extension-host test suite (test/e2e/suite) with esbuild, one file per test, `vscode` and `mocha` left external.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The project root (the extension folder). */
export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
/** Where the bundled suite goes; inside the project so `require('mocha')` resolves to its node_modules. */
export const suiteOutput = join(root, 'out', 'e2e', 'suite');

/** Bundles the suite and returns the path of the module exporting `run()`. */
export async function bundleSuite() {
  const source = join(root, 'test', 'e2e', 'suite');
  const tests = readdirSync(source).filter((name) => name.endsWith('.test.ts')).sort();
  rmSync(suiteOutput, { recursive: true, force: true });
  await build({
    entryPoints: [join(source, 'index.ts'), ...tests.map((name) => join(source, name))],
    outdir: suiteOutput,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(suiteOutput, 'index.js');
}
