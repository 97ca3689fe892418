// Starts code-server (a real VS Code) for one test run, in a fresh folder and its own process group, and stops it.
import { createServer } from 'node:net';
import { mkdirSync, openSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { exitOf, spawnGroup, stopGroup, waitFor } from './processes.mjs';

/** User settings that keep the workbench quiet and predictable. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.hover.delay': 200,
  'editor.cursorBlinking': 'solid',
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
};

/** Asks the kernel for a free port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Creates the per-run folders and the environment every process of the run gets. */
export function prepareRunFolder(runDir, extraEnv = {}) {
  const folders = ['tmp', 'data', 'config', 'cache', 'user-data/User', 'extensions', 'logs'];
  for (const folder of folders) mkdirSync(join(runDir, folder), { recursive: true });
  writeFileSync(join(runDir, 'user-data', 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  const env = {
    ...process.env,
    TMPDIR: join(runDir, 'tmp'),
    XDG_DATA_HOME: join(runDir, 'data'),
    XDG_CONFIG_HOME: join(runDir, 'config'),
    XDG_CACHE_HOME: join(runDir, 'cache'),
    ...extraEnv,
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  return env;
}

async function healthy(baseUrl) {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function startOnce(codeServer, runDir, env, port) {
  const configFile = join(runDir, 'config.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = join(runDir, 'logs', 'code-server.log');
  const logFd = openSync(logFile, 'a');
  const args = [
    codeServer,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--config', configFile,
    '--user-data-dir', join(runDir, 'user-data'),
    '--extensions-dir', join(runDir, 'extensions'),
  ];
  const child = spawnGroup(process.execPath, args, { env, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  let exited = false;
  exitOf(child).then(() => (exited = true));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`code-server on ${baseUrl}/healthz`, async () => exited || (await healthy(baseUrl)), { timeoutMs: 60_000, intervalMs: 250 });
  } catch (error) {
    await stopGroup(child.pid);
    throw new Error(`${error.message} (see ${logFile})`);
  }
  if (exited) {
    await stopGroup(child.pid);
    return undefined;
  }
  return { baseUrl, port, pgid: child.pid, logFile, stop: () => stopGroup(child.pid) };
}

/**
 * Starts code-server on a free port and waits until `/healthz` answers.
 * Tries another port if the chosen one was taken in between.
 */
export async function startCodeServer({ codeServer, runDir, env }) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const started = await startOnce(codeServer, runDir, env, await freePort());
    if (started) return started;
    console.error(`[e2e] code-server exited during start-up (attempt ${attempt}); see ${join(runDir, 'logs', 'code-server.log')}`);
  }
  throw new Error(`code-server would not start; see ${join(runDir, 'logs', 'code-server.log')}`);
}

/** The `payload` query parameter that loads the extension under development (and, optionally, a test module). */
export function workbenchUrl({ baseUrl, port, workspace, extensionPath, testsPath }) {
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${baseUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
