// `npm start`: builds the extension and opens the example workspace in a real VS Code (code-server) with SAM Atlas loaded.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup } from './e2e/setup.mjs';
import { prepareRunFolder, startCodeServer, workbenchUrl } from './e2e/codeServer.mjs';
import { stopEverythingOnInterrupt } from './e2e/processes.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const workspace = process.argv[2] ? join(process.cwd(), process.argv[2]) : join(root, 'examples', 'shop');

const { codeServer } = setup();
if (spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1);
const runDir = mkdtempSync(join(tmpdir(), 'sam-atlas-start-'));
const env = prepareRunFolder(runDir);
const server = await startCodeServer({ codeServer, runDir, env });
stopEverythingOnInterrupt(async () => server.stop());
const url = workbenchUrl({ baseUrl: server.baseUrl, port: server.port, workspace, extensionPath: root });
console.log(`\nSAM Atlas is running in VS Code on ${workspace}.\nOpen this address in a browser (Ctrl+C to stop):\n\n  ${url}\n`);
