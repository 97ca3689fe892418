// Installs, on demand and idempotently, what the end-to-end tests need: Debian packages and code-server in a cache folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The code-server release that bundles VS Code 1.100.3, the newest that runs on Node 20. */
export const codeServerVersion = '4.100.3';
/** Debian packages the tests need: the browser, ripgrep for code-server's search, and Kerberos headers for its native modules. */
const debianPackages = ['chromium', 'ripgrep', 'libkrb5-dev'];
/** Packages inside code-server whose install scripts must run (npm may soon require approving them). */
const scriptedPackages = ['code-server', 'argon2', 'node-pty', '@vscode/ripgrep', '@vscode/spdlog', '@vscode/deviceid', '@parcel/watcher', 'kerberos', 'native-watchdog'];
/** The ripgrep archive `@vscode/ripgrep` would download from GitHub; we seed it with Debian's binary. */
const ripgrepCache = { folder: 'vscode-ripgrep-cache-1.15.11', version: 'v13.0.0-10' };
/** Bumped when the verification below changes, so older installs are checked again. */
const markerVersion = '2';

/** The folder code-server is installed into, outside the project's dependency tree. */
export function cacheFolder() {
  const base = process.env.SAM_ATLAS_E2E_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sam-atlas-e2e');
  return join(base, 'code-server');
}

/** The code-server launcher inside the cache folder. */
export function codeServerBin() {
  return join(cacheFolder(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** The Chromium executable installed from Debian. */
export const chromiumPath = '/usr/bin/chromium';

function log(message) {
  console.log(`[e2e setup] ${message}`);
}

function missingDebianPackages() {
  return debianPackages.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return !(result.status === 0 && result.stdout.includes('install ok installed'));
  });
}

function runOrThrow(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${result.error?.message ?? `exit code ${result.status}`}`);
  }
}

function installDebianPackages() {
  const missing = missingDebianPackages();
  if (!missing.length) {
    log(`Debian packages present: ${debianPackages.join(', ')}`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`Debian packages missing: ${missing.join(', ')}. Install them as root: apt-get update && apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  runOrThrow('apt-get', ['update', '-q'], { env });
  runOrThrow('apt-get', ['install', '-y', '-q', ...missing], { env });
}

/** Writes the tarball of Debian's `rg` where `@vscode/ripgrep`'s postinstall looks for its download. */
function seedRipgrepCache(tmpFolder) {
  const target = process.arch === 'arm64' ? 'aarch64-unknown-linux-gnu' : 'x86_64-unknown-linux-musl';
  const folder = join(tmpFolder, ripgrepCache.folder);
  const archive = join(folder, `ripgrep-${ripgrepCache.version}-${target}.tar.gz`);
  if (existsSync(archive)) return;
  mkdirSync(folder, { recursive: true });
  runOrThrow('tar', ['-czf', archive, '-C', '/usr/bin', 'rg']);
  log(`seeded ripgrep cache ${archive}`);
}

/** Checks that code-server runs and that its native parts, built by install scripts, are present. */
function verifyCodeServer(folder) {
  const problems = [];
  const version = spawnSync(process.execPath, [codeServerBin(), '--version'], { encoding: 'utf8', timeout: 60_000 });
  if (version.status !== 0 || !version.stdout.includes(codeServerVersion)) {
    problems.push(`code-server --version failed: ${(version.stderr || version.stdout || version.error?.message || '').trim().slice(0, 500)}`);
  }
  const vscodeModules = join(folder, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  const required = [
    join(vscodeModules, 'node-pty', 'build', 'Release', 'pty.node'),
    join(vscodeModules, '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    join(vscodeModules, 'native-watchdog', 'build', 'Release', 'watchdog.node'),
    join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg'),
  ];
  for (const file of required) {
    if (!existsSync(file)) problems.push(`missing ${file} (an install script did not run)`);
  }
  return problems;
}

function installCodeServer(folder) {
  const tmpFolder = join(folder, 'tmp');
  mkdirSync(tmpFolder, { recursive: true });
  seedRipgrepCache(tmpFolder);
  const allowScripts = Object.fromEntries(scriptedPackages.map((name) => [name, true]));
  const manifest = { name: 'sam-atlas-e2e-code-server', private: true, dependencies: { 'code-server': codeServerVersion }, allowScripts };
  writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const env = {
    ...process.env,
    TMPDIR: tmpFolder,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_foreground_scripts: 'true',
    npm_config_ignore_scripts: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    CI: 'true',
  };
  log(`installing code-server@${codeServerVersion} into ${folder} (a few minutes)`);
  const logFile = join(folder, 'install.log');
  const result = spawnSync('npm', ['install', '--no-package-lock', '--loglevel=warn'], {
    cwd: folder,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  writeFileSync(logFile, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`npm install code-server@${codeServerVersion} failed (full log: ${logFile}):\n${tail}`);
  }
}

/**
 * Makes sure Chromium, ripgrep and code-server are installed; returns where code-server and Chromium are.
 * Installs only what is missing; a verified install is remembered by a marker file.
 */
export function setup() {
  const started = Date.now();
  installDebianPackages();
  const folder = cacheFolder();
  const marker = join(folder, '.verified');
  const expectedMarker = `${codeServerVersion}/${markerVersion}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === expectedMarker) {
    log(`code-server@${codeServerVersion} cached in ${folder}`);
  } else {
    mkdirSync(folder, { recursive: true });
    rmSync(marker, { force: true });
    let problems = existsSync(codeServerBin()) ? verifyCodeServer(folder) : ['not installed'];
    if (problems.length) {
      installCodeServer(folder);
      problems = verifyCodeServer(folder);
    }
    if (problems.length) {
      throw new Error(`code-server installed but not usable:\n  ${problems.join('\n  ')}\nSee ${join(folder, 'install.log')}`);
    }
    writeFileSync(marker, expectedMarker + '\n');
    log(`code-server@${codeServerVersion} verified`);
  }
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found after installing chromium`);
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { codeServer: codeServerBin(), chromium: chromiumPath };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    setup();
  } catch (error) {
    console.error(`[e2e setup] ${error.message}`);
    process.exit(1);
  }
}
