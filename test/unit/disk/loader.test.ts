// The loader's synchronous reads refuse what the promise-based reads refuse, with the same messages; a load reports, orders and cancels as documented; the worker path gives the same index.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, indexReport } from '../../../server/src/core/index';
import { loadWorkspace, readTextFile, readTextFileSync } from '../../../server/src/disk/loader';

const REPO = join(__dirname, '..', '..', '..');
const folders: string[] = [];
after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'sam-atlas-loader-'));
  folders.push(path);
  return path;
}

const TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      CodeUri: src\n      Handler: app.handler\n';

test('synchronous reads give what readTextFile gives: text, too large, binary, folder, FIFO, missing, link out of the workspace', async () => {
  const root = folder();
  const outside = folder();
  writeFileSync(join(root, 'ok.ts'), 'export const a = "é";\n');
  writeFileSync(join(root, 'big.ts'), 'x'.repeat(30_000));
  writeFileSync(join(root, 'bin.js'), Buffer.from([0x41, 0, 0x42]));
  writeFileSync(join(root, 'late-nul.js'), `${'é'.repeat(5000)}\u0000`);
  mkdirSync(join(root, 'dir'));
  writeFileSync(join(outside, 'secret.ts'), 'export const secret = 1;\n');
  symlinkSync(join(outside, 'secret.ts'), join(root, 'link.ts'));
  symlinkSync(join(root, 'ok.ts'), join(root, 'inside-link.ts'));
  const fifo = spawnSync('mkfifo', [join(root, 'fifo')]).status === 0;
  const names = ['ok.ts', 'big.ts', 'bin.js', 'late-nul.js', 'dir', 'missing.ts', 'link.ts', 'inside-link.ts', ...(fifo ? ['fifo'] : [])];
  for (const name of names) {
    const path = join(root, name);
    const expected = await readTextFile(path, 16_384, [root]);
    assert.deepEqual(readTextFileSync(path, 16_384, [root]), expected, name);
  }
  assert.deepEqual(readTextFileSync(join(root, 'ok.ts'), 16_384, [root]), { text: 'export const a = "é";\n' });
  assert.match((readTextFileSync(join(root, 'big.ts'), 16_384) as { error: string }).error, /^larger than 16 KB \(29 KB\)/);
  assert.deepEqual(readTextFileSync(join(root, 'bin.js'), 16_384), { error: 'binary file' });
  // The NUL is the 5,001st character but past the first 8,000 bytes: text, as before.
  assert.ok('text' in readTextFileSync(join(root, 'late-nul.js'), 16_384));
  assert.match((readTextFileSync(join(root, 'link.ts'), 16_384, [root]) as { error: string }).error, /outside the workspace/);
  if (fifo) assert.deepEqual(readTextFileSync(join(root, 'fifo'), 16_384), { error: 'not a regular file' });
});

test('a load reports progress to the end, skips a binary handler with a reason, and applies files in a fixed order', async () => {
  const root = folder();
  for (const name of ['b', 'a', 'c']) {
    mkdirSync(join(root, name, 'src'), { recursive: true });
    writeFileSync(join(root, name, 'template.yaml'), TEMPLATE);
    writeFileSync(join(root, name, 'src', 'app.ts'), name === 'c' ? Buffer.from([1, 0, 2]) : 'export const handler = async () => 1;\n');
  }
  writeFileSync(join(root, 'notes.yaml'), 'just: notes\n');
  const progress: [number, number][] = [];
  const host = createHost({ roots: [root] });
  const { analysis, scan } = await loadWorkspace(host, [root], { maxFileSize: 1e6, pool: false, onProgress: (done, total) => progress.push([done, total]) });
  assert.deepEqual(progress.at(-1), [4, 4]);
  assert.deepEqual(analysis.templates.map((t) => t.file), ['a', 'b', 'c'].map((n) => join(root, n, 'template.yaml')));
  assert.deepEqual([...analysis.code.keys()], ['a', 'b'].map((n) => join(root, n, 'src', 'app.ts')));
  assert.deepEqual(scan.skipped, [{ path: join(root, 'c', 'src', 'app.ts'), reason: 'binary file' }]);
});

test('a cancelled load stops early without throwing', async () => {
  const root = folder();
  for (let i = 0; i < 30; i++) {
    mkdirSync(join(root, `s${i}`, 'src'), { recursive: true });
    writeFileSync(join(root, `s${i}`, 'template.yaml'), TEMPLATE);
    writeFileSync(join(root, `s${i}`, 'src', 'app.ts'), 'export const handler = async () => 1;\n');
  }
  let calls = 0;
  const host = createHost({ roots: [root] });
  const { analysis } = await loadWorkspace(host, [root], { maxFileSize: 1e6, pool: false, isCancelled: () => ++calls > 3 });
  assert.ok(analysis.templates.length < 30, `${analysis.templates.length} templates loaded after cancelling`);
});

/** `services` folders of `functions` functions each, with handlers that import a shared module. */
function writeWorkspace(root: string, services: number, functions: number): void {
  mkdirSync(join(root, 'lib'));
  writeFileSync(join(root, 'lib', 'log.ts'), 'export function log(message: string) { console.log(message); }\n');
  for (let s = 0; s < services; s++) {
    mkdirSync(join(root, `svc${s}`, 'src'), { recursive: true });
    const resources = [`  Table:\n    Type: AWS::DynamoDB::Table\n`];
    for (let f = 0; f < functions; f++) {
      resources.push(`  F${f}:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src\n      Handler: f${f}.handler\n      Environment:\n        Variables:\n          TABLE: !Ref Table\n      Events:\n        Api:\n          Type: Api\n          Properties:\n            Path: /s${s}/f${f}\n            Method: get\n`);
      writeFileSync(join(root, `svc${s}`, 'src', `f${f}.ts`), `import { log } from '../../lib/log';\nexport const handler = async (event: { id?: string }) => {\n  log(process.env.TABLE ?? '');\n  return { statusCode: 200, body: JSON.stringify({ id: event.id, n: ${f} }) };\n};\n`);
    }
    writeFileSync(join(root, `svc${s}`, 'template.yaml'), `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: nodejs20.x\nResources:\n${resources.join('')}`);
  }
}

test('the CLI (worker thread, on-disk cache) gives the same index as a load on this thread alone, cold, warm, and warm after changes', { skip: !existsSync(join(REPO, 'dist', 'cli.js')) && 'dist/ is not built' }, async () => {
  const root = folder();
  writeWorkspace(root, 150, 10);
  const expected = async () => {
    const host = createHost({ roots: [root] });
    const { scan } = await loadWorkspace(host, [root], { maxFileSize: 5 * 1024 * 1024, pool: false });
    host.noteSkipped(scan.skipped);
    return `${JSON.stringify(indexReport(host.applyChanges([]), root), null, 2)}\n`;
  };
  const cache = folder();
  for (const run of ['cold', 'warm', 'warm after changes']) {
    if (run === 'warm after changes') {
      // The worker parses what changed (the cache has other hashes for these files) and only reads the rest.
      for (let s = 0; s < 150; s += 7) writeFileSync(join(root, `svc${s}`, 'src', 'f3.ts'), `export const handler = async () => ({ statusCode: 204, body: process.env.GONE_${s} });\n`);
      const template = join(root, 'svc4', 'template.yaml');
      writeFileSync(template, readFileSync(template, 'utf8').replace('Path: /s4/f2', 'Path: /moved/{id}'));
    }
    const want = await expected();
    const cli = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'index', root, '--json'], { encoding: 'utf8', env: { ...process.env, SAM_ATLAS_CACHE_DIR: cache, SAM_ATLAS_WORKER: 'on' }, maxBuffer: 1e9, timeout: 120_000 });
    assert.equal(cli.status, 0, cli.stderr);
    assert.ok(cli.stdout === want, `${run} run differs from a load on one thread`);
    if (run === 'warm after changes') assert.ok(want.includes('/moved/{id}') && want.includes('GONE_7'), 'the changes are in the index');
  }
});
