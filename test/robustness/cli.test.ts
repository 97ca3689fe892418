// The CLI on hostile workspaces: exit 0 with valid JSON and diagnostics for bad input, exit 2 with one clear line for a bad command line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, uri } from '../support/lspClient';
import { ask, isAlive, startLoggedServer, alarmingLines } from './support/lsp';
import { FIXTURES, SAM_HEADER, bigTemplate, binaryBytes, cleanup, deepCode, deepYaml, functionYaml, tempFolder, writeManyTemplates, writeSymlinks, writeTree } from './support/hostile';

const CLI = join(REPO, 'dist', 'cli.js');
let root: string;
let outside: string;
let cache: string;

function run(args: string[], options: SpawnSyncOptions = {}) {
  const started = Date.now();
  const env = { ...process.env, SAM_ATLAS_CACHE_DIR: cache };
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024, env, ...options });
  return { code: result.status, signal: result.signal, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), ms: Date.now() - started };
}

/** Asserts a clean failure: exit 2, one line on stderr starting with `sam-atlas:`, no stack trace, nothing on stdout. */
function assertOneLineError(result: ReturnType<typeof run>, what: string, pattern?: RegExp): void {
  assert.equal(result.code, 2, `${what}: exit ${result.code} (${result.signal ?? ''}) ${result.stderr}`);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `${what}: ${result.stderr}`);
  assert.match(lines[0], /^sam-atlas: /, what);
  assert.doesNotMatch(result.stderr, /\n\s+at |Error:|TypeError|node:internal/, what);
  if (pattern) assert.match(lines[0], pattern, what);
}

before(() => {
  root = tempFolder('cli');
  outside = tempFolder('cli-outside');
  cache = tempFolder('cli-cache');
  writeTree(outside, { 'template.yaml': `${SAM_HEADER}Resources:\n  SecretQueue:\n    Type: AWS::SQS::Queue\n`, 'src/app.js': 'exports.handler = () => "SECRET-MARKER";\n' });
  const fn = `${SAM_HEADER}Resources:\n${functionYaml('Function', 'src', 'app.handler')}`;
  writeTree(root, {
    'big/template.yaml': bigTemplate(30 * 1024 * 1024),
    'binary/template.yaml': binaryBytes(),
    'deep-yaml/template.yaml': deepYaml(20_000, 'flow'),
    'deep-code/template.yaml': fn,
    'deep-code/src/app.js': deepCode(20_000, 'parens'),
    'outside/template.yaml': fn.replace('CodeUri: src', `CodeUri: ${outside}/src`),
    'empty/.keep': '',
  });
  writeSymlinks(join(root, 'symlinks'), outside);
  writeManyTemplates(join(root, 'many'), 500);
});

after(() => {
  cleanup(root);
  cleanup(outside);
  cleanup(cache);
});

const fixtureNames = readdirSync(FIXTURES).filter((name) => !name.includes('.')).sort();

test('index --json on the committed hostile fixtures: exit 0, valid JSON, the diagnostics of every case, under 60 s', () => {
  const result = run(['index', FIXTURES, '--json']);
  assert.equal(result.code, 0, `exit ${result.code} ${result.signal ?? ''} ${result.stderr}`);
  assert.equal(result.stderr, '');
  const report = JSON.parse(result.stdout);
  const byCase = new Map<string, Set<string>>();
  for (const d of report.diagnostics as { file: string; code: string }[]) {
    const name = d.file.split('/')[0];
    byCase.set(name, (byCase.get(name) ?? new Set()).add(d.code));
  }
  for (const name of fixtureNames) {
    const expected = (JSON.parse(readFileSync(join(FIXTURES, name, 'expect.json'), 'utf8')).diagnostics ?? []) as string[];
    for (const code of expected) assert.ok(byCase.get(name)?.has(code), `${name}: no ${code} (got ${[...(byCase.get(name) ?? [])].join(', ')})`);
  }
  assert.ok(!report.diagnostics.some((d: { code: string }) => d.code === 'internal-error'), result.stdout.slice(0, 2000));
  for (const name of ['alias-bomb', 'outside-workspace']) {
    const single = run(['index', join(FIXTURES, name), '--json']);
    assert.equal(single.code, 0, `${name}: ${single.stderr}`);
    assert.ok(JSON.parse(single.stdout).templates.length >= 1, name);
  }
});

test('index --json on generated hostile workspaces: exit 0, valid JSON, under 60 s, nothing from outside', () => {
  const result = run(['index', root, '--json', '--max-file-size-kb', '2048']);
  assert.equal(result.code, 0, `exit ${result.code} ${result.signal ?? ''} ${result.stderr}`);
  assert.ok(result.ms < 60_000, `${result.ms} ms`);
  assert.doesNotMatch(result.stdout, /SECRET-MARKER|SecretQueue/, 'something outside the workspace was read');
  const report = JSON.parse(result.stdout) as { templates: { path: string }[]; diagnostics: { file: string; code: string; message: string }[] };
  const about = (folder: string) => report.diagnostics.filter((d) => d.file.startsWith(`${folder}/`));
  assert.ok(about('big').some((d) => d.code === 'file-skipped' && /larger than 2048 KB/.test(d.message)), 'the 30 MB template was not reported as skipped');
  assert.ok(about('deep-yaml').some((d) => d.code === 'yaml-syntax'));
  assert.ok(about('outside').some((d) => /outside the workspace/.test(d.message)));
  assert.ok(about('symlinks').some((d) => /dangling or looping/.test(d.message)));
  assert.ok(about('symlinks').some((d) => /symbolic link to outside the workspace/.test(d.message)));
  assert.equal(report.templates.filter((t) => t.path.startsWith('many/')).length, 500);
  assert.ok(!report.templates.some((t) => t.path.startsWith('binary/')), 'a binary file was taken for a template');
  const empty = run(['index', join(root, 'empty'), '--json']);
  assert.equal(empty.code, 0, empty.stderr);
  assert.deepEqual(JSON.parse(empty.stdout).templates, []);
});

test('check and graph on the hostile fixtures end cleanly (exit 0 or 1), never a stack trace', () => {
  for (const args of [['check', FIXTURES], ['check', FIXTURES, '--format', 'sarif'], ['graph', FIXTURES, '--format', 'dot'], ['check', join(root, 'symlinks'), '--format', 'json']]) {
    const result = run(args);
    assert.ok(result.code === 0 || result.code === 1, `${args.join(' ')}: exit ${result.code} ${result.stderr}`);
    assert.equal(result.stderr, '', args.join(' '));
    assert.ok(result.stdout.length > 0, args.join(' '));
  }
});

test('a single broken template file: exit 0 with a yaml-syntax diagnostic', () => {
  const file = join(root, 'single.yaml');
  writeFileSync(file, `${SAM_HEADER}Resources:\n  A: [unclosed\n`);
  const result = run(['index', file, '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(JSON.parse(result.stdout).diagnostics.some((d: { code: string }) => d.code === 'yaml-syntax'));
});

test('bad command lines, missing paths and non-templates exit 2 with one line and no stack trace (beyond test/lsp/cli.test.ts)', () => {
  const notTemplate = join(root, 'notes.txt');
  writeFileSync(notTemplate, 'hello');
  const cases: [string[], RegExp?][] = [
    [['index', '/no/such/path', '--json'], /no such file or folder/],
    [['index', root, 'extra'], /unexpected argument/],
    [['index', root, '--max-file-size-kb', 'lots'], /max-file-size-kb/],
    [['check', join(FIXTURES, 'bom'), '--format', 'xml'], /unknown format/],
    [['graph', join(FIXTURES, 'cycles'), '--focus', 'nothing.yaml#Nope'], /no node/],
    [['index', notTemplate], /not a CloudFormation or SAM template/],
    [['index', '/dev/null'], /not a CloudFormation or SAM template/],
  ];
  for (const [args, pattern] of cases) assertOneLineError(run(args), args.join(' '), pattern);
});

test('an unreadable root exits 2 with one line', (t) => {
  const locked = join(root, 'locked');
  mkdirSync(locked);
  writeFileSync(join(locked, 'template.yaml'), `${SAM_HEADER}Resources:\n  A:\n    Type: AWS::SQS::Queue\n`);
  chmodSync(root, 0o755);
  chmodSync(locked, 0);
  const asRoot = process.getuid?.() === 0;
  // Root reads everything: run the CLI as the unprivileged `nobody` user instead, when this process may switch users.
  const options: SpawnSyncOptions = asRoot ? { uid: 65534, gid: 65534 } : {};
  const probe = run(['--help'], options);
  if (probe.code !== 0) {
    t.skip(`cannot run the CLI as an unprivileged user here (${probe.stderr.trim() || probe.signal}), and chmod 000 does not stop root`);
    return;
  }
  assertOneLineError(run(['index', locked, '--json'], options), 'unreadable folder', /cannot read .*EACCES/);
  assertOneLineError(run(['check', locked], options), 'unreadable folder', /cannot read/);
  chmodSync(locked, 0o755);
  chmodSync(join(locked, 'template.yaml'), 0);
  assertOneLineError(run(['index', join(locked, 'template.yaml'), '--json'], options), 'unreadable file', /cannot read .*EACCES/);
  // An unreadable file inside a readable root is a diagnostic, not a failure.
  const inside = run(['index', locked, '--json'], options);
  assert.equal(inside.code, 0, inside.stderr);
  assert.ok(JSON.parse(inside.stdout).diagnostics.some((d: { code: string; message: string }) => d.code === 'file-skipped' && /unreadable/.test(d.message)), inside.stdout);
});

test('sam-atlas lsp --stdio on the hostile fixtures: indexes, answers, shuts down', async () => {
  const { client, log } = await startLoggedServer(FIXTURES, cache, {}, [CLI, 'lsp', '--stdio']);
  try {
    const status = await client.whenReady(60_000);
    assert.ok(status.templates >= fixtureNames.length, `only ${status.templates} templates`);
    for (const name of ['alias-bomb/template.yaml', 'bad-intrinsics/template.yaml', 'cycles/src/ping.mts']) {
      const textDocument = { uri: uri(join(FIXTURES, name)) };
      for (const [method, params] of [
        ['textDocument/documentSymbol', { textDocument }],
        ['textDocument/hover', { textDocument, position: { line: 3, character: 4 } }],
        ['textDocument/definition', { textDocument, position: { line: 8, character: 20 } }],
      ] as [string, unknown][]) {
        const outcome = await ask(client, method, params);
        assert.equal(outcome.kind, 'result', `${method} on ${name}: ${JSON.stringify(outcome).slice(0, 200)}`);
      }
    }
    assert.ok(isAlive(client));
    assert.deepEqual(alarmingLines(client, log), []);
  } finally {
    await client.stop();
  }
});
