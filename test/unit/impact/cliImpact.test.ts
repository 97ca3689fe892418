// `sam-atlas impact` on a temporary git repository: a changed shared module lists its functions, callers and endpoints; no git, a clear error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fn, invokes, sam } from './workspace';

const REPO = join(__dirname, '..', '..', '..');
const MAIN = join(REPO, 'server', 'src', 'cli', 'main.ts');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Api → Front ─sync→ Worker; Worker's handler imports src/lib/shared.ts; Other has nothing to do with it. */
function makeRepo(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'sam-atlas-impact-')));
  write(root, {
    'template.yaml': sam([
      fn('Front', { env: { NEXT: '!Ref Worker' }, events: 'Get:\n  Type: Api\n  Properties:\n    Path: /front\n    Method: get' }),
      fn('Worker'),
      fn('Other', { events: 'Get:\n  Type: Api\n  Properties:\n    Path: /other\n    Method: get' }),
    ]),
    'src/front.ts': invokes('NEXT'),
    'src/worker.ts': "import { shared } from './lib/shared';\nexport const handler = async () => shared();",
    'src/other.ts': 'export const handler = async () => 1;',
    'src/lib/shared.ts': 'export const shared = () => 1;',
  });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'start');
  return root;
}

test('impact lists the functions using a changed module, their callers and endpoints (json)', (t) => {
  const root = makeRepo();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  write(root, { 'src/lib/shared.ts': 'export const shared = () => 2;', 'notes.txt': 'untracked' });
  const { code, stdout, stderr } = cli('impact', root, '--format', 'json');
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout);
  assert.deepEqual(report.files, [
    { path: 'notes.txt', kind: 'other', functions: [] },
    { path: 'src/lib/shared.ts', kind: 'code', functions: ['template.yaml#Worker'] },
  ]);
  assert.deepEqual(report.affected, [
    { id: 'template.yaml#Worker', kind: 'function', reason: 'changed', because: ['src/lib/shared.ts'] },
    { id: 'template.yaml#Front', kind: 'function', reason: 'caller', because: ['template.yaml#Worker'] },
  ]);
  assert.deepEqual(report.endpoints, [{ method: 'GET', path: '/front', api: 'ServerlessRestApi', function: 'template.yaml#Front' }]);
  assert.deepEqual(report.templates, ['template.yaml']);
});

test('impact --base compares a branch from its merge base, and prints text', (t) => {
  const root = makeRepo();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  git(root, 'checkout', '-q', '-b', 'feature');
  write(root, { 'src/other.ts': 'export const handler = async () => 2;' });
  git(root, 'commit', '-q', '-am', 'change other');
  assert.match(cli('impact', root).stdout, /^No changes since HEAD\.$/m);
  const { code, stdout } = cli('impact', root, '--base', 'main');
  assert.equal(code, 0);
  assert.match(stdout, /^Changed since main: 1 file$/m);
  assert.match(stdout, /^ {2}changed {2}template\.yaml#Other {2}← src\/other\.ts$/m);
  assert.match(stdout, /^ {2}GET \/other {2}ServerlessRestApi {2}→ template\.yaml#Other$/m);
  assert.doesNotMatch(stdout, /Worker|Front/);
});

test('impact outside a git repository, or with an unknown ref, fails with one line and exit code 2', (t) => {
  const plain = realpathSync(mkdtempSync(join(tmpdir(), 'sam-atlas-nogit-')));
  t.after(() => rmSync(plain, { recursive: true, force: true }));
  write(plain, { 'template.yaml': sam([fn('Lonely')]) });
  const outside = cli('impact', plain);
  assert.equal(outside.code, 2);
  assert.equal(outside.stdout, '');
  assert.match(outside.stderr, /^sam-atlas: .* is not inside a git repository; impact needs git to list changed files\n$/);
  const root = makeRepo();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const unknown = cli('impact', root, '--base', 'no-such-branch');
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr, 'sam-atlas: unknown git ref no-such-branch\n');
});
