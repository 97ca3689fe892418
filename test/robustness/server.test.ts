// The real server over stdio on a hostile workspace: indexes, answers every request, reports skipped files, and survives bad requests.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { safe } from '../../server/src/lsp/handlers/safe';
import { uri, type TestClient } from '../support/lspClient';
import { SAM_HEADER, bigHandler, bigTemplate, binaryBytes, cleanup, copyFixtures, deepCode, deepYaml, functionYaml, tempFolder, writeManyTemplates, writeSymlinks, writeTree } from './support/hostile';
import { alarmingLines, ask, interestingOffsets, isAlive, positionAt, startLoggedServer, type ServerLog } from './support/lsp';

let root: string;
let outside: string;
let cache: string;
let client: TestClient;
let log: ServerLog;
let hasCodeLens = false;

const fn = `${SAM_HEADER}Resources:\n${functionYaml('Function', 'src', 'app.handler')}`;

before(async () => {
  root = tempFolder('server');
  outside = tempFolder('server-outside');
  cache = tempFolder('server-cache');
  writeTree(outside, { 'template.yaml': `${SAM_HEADER}Resources:\n  SecretQueue:\n    Type: AWS::SQS::Queue\n`, 'src/app.js': 'exports.handler = () => "SECRET";\n' });
  copyFixtures(root);
  writeTree(root, {
    'big/template.yaml': bigTemplate(3 * 1024 * 1024),
    'big-handler/template.yaml': fn,
    'big-handler/src/app.ts': bigHandler(3 * 1024 * 1024),
    'binary/template.yaml': binaryBytes(),
    'deep/template.yaml': fn,
    'deep/src/app.js': deepCode(20_000, 'calls'),
    'deep-yaml/template.yaml': deepYaml(20_000, 'flow'),
    'outside/template.yaml': fn.replace('CodeUri: src', 'CodeUri: ../../../../../../../../../../../../../../../etc'),
  });
  writeSymlinks(root, outside);
  writeManyTemplates(join(root, 'many'), 200);
  ({ client, log } = await startLoggedServer(root, cache, { maxFileSizeKb: 1024 }));
  const status = await client.whenReady(90_000);
  assert.ok(status.templates > 200, `only ${status.templates} templates indexed`);
  // CodeLens is asked for only when this build handles it (the test client does not keep the initialize result).
  const lens = await ask(client, 'textDocument/codeLens', { textDocument: { uri: uri(join(root, 'shop/basket/template.yaml')) } });
  hasCodeLens = !(lens.kind === 'error' && lens.code === ErrorCodes.MethodNotFound);
});

after(async () => {
  await client?.stop();
  for (const folder of [root, outside, cache]) if (folder) cleanup(folder);
});

test('files over samAtlas.maxFileSizeKb and links out of the workspace are published as file-skipped diagnostics', async () => {
  const skipped = (file: string) => client.diagnostics.get(uri(join(root, file)))?.diagnostics.find((d) => d.code === 'file-skipped');
  const big = await client.waitFor(() => skipped('big/template.yaml'), 20_000, 'file-skipped on the big template');
  assert.match(big.message, /larger than 1024 KB/);
  assert.match((await client.waitFor(() => skipped('big-handler/src/app.ts'), 20_000, 'file-skipped on the big handler')).message, /maxFileSizeKb/);
  assert.match((await client.waitFor(() => skipped('links/etc'), 20_000, 'file-skipped on a link out')).message, /outside the workspace/);
});

test('every request on every hostile file is answered (a result or an error, never a hang)', async () => {
  const files = ['fixtures/alias-bomb/template.yaml', 'fixtures/bad-intrinsics/template.yaml', 'fixtures/wrong-shapes/template.yaml', 'fixtures/duplicates/template.yaml', 'fixtures/cycles/template.yaml', 'fixtures/cycles/src/ping.mts', 'fixtures/syntax-error-handler/src/broken.mts', 'fixtures/syntax-error-handler/src/broken_py.py', 'fixtures/bom/template.yaml', 'fixtures/invalid-utf8/template.yaml', 'fixtures/outside-workspace/app/template.yaml', 'deep/src/app.js', 'deep-yaml/template.yaml', 'shop/checkout/template.yaml'];
  let asked = 0;
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const textDocument = { uri: uri(join(root, file)) };
    const offsets = [0, text.length, ...interestingOffsets(text).slice(0, 6)];
    const requests: [string, unknown][] = [['textDocument/documentSymbol', { textDocument }]];
    if (hasCodeLens) requests.push(['textDocument/codeLens', { textDocument }]);
    for (const offset of offsets) {
      const position = positionAt(text, offset);
      requests.push(['textDocument/definition', { textDocument, position }], ['textDocument/hover', { textDocument, position }]);
      requests.push(['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }], ['textDocument/prepareCallHierarchy', { textDocument, position }]);
    }
    for (const [method, params] of requests) {
      const outcome = await ask(client, method, params);
      asked++;
      assert.notEqual(outcome.kind, 'timeout', `${method} on ${file} hung`);
      assert.notEqual(outcome.kind, 'error', `${method} on ${file}: ${outcome.kind === 'error' ? outcome.message : ''}`);
    }
  }
  for (const [method, params] of [
    ['workspace/symbol', { query: '' }],
    ['workspace/symbol', { query: 'Queue' }],
    ['samAtlas/graph', {}],
    ['samAtlas/functions', {}],
    ['samAtlas/endpoints', {}],
  ] as [string, unknown][]) {
    const outcome = await ask(client, method, params, 60_000);
    assert.equal(outcome.kind, 'result', `${method}: ${JSON.stringify(outcome).slice(0, 300)}`);
    assert.doesNotMatch(JSON.stringify(outcome.kind === 'result' ? outcome.value : ''), /SecretQueue|SECRET/, `${method} shows something from outside the workspace`);
  }
  assert.ok(asked > 100);
  assert.ok(isAlive(client));
});

test('malformed requests fail alone: an error response for that request, and the next one is answered', async () => {
  const good = { textDocument: { uri: uri(join(root, 'shop/basket/template.yaml')) }, position: { line: 0, character: 0 } };
  const bad: [string, unknown][] = [
    ['textDocument/definition', {}],
    ['textDocument/hover', { textDocument: { uri: 42 }, position: null }],
    ['textDocument/references', { textDocument: good.textDocument, position: { line: -5, character: 1e12 } }],
    ['textDocument/documentSymbol', { textDocument: { uri: 'not a uri at all' } }],
    ['textDocument/definition', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } }],
    ['textDocument/hover', { textDocument: { uri: uri('/etc/passwd') }, position: { line: 0, character: 3 } }],
    ['callHierarchy/incomingCalls', { item: null }],
    ['callHierarchy/outgoingCalls', { item: { data: { id: 12 } } }],
    ['workspace/symbol', { query: { not: 'a string' } }],
    ['samAtlas/graph', { focus: `${root}/nothing.yaml#Nope`, depth: 1e9 }],
    ['samAtlas/graph', null],
    ['samAtlas/nodeAt', { uri: 17 }],
    ['codeLens/resolve', { range: null, data: { id: { nested: true } } }],
    ['samAtlas/noSuchRequest', {}],
  ];
  let errors = 0;
  for (const [method, params] of bad) {
    const outcome = await ask(client, method, params);
    assert.notEqual(outcome.kind, 'timeout', `${method} hung`);
    if (process.env.DEBUG_ROBUSTNESS) console.log(method, JSON.stringify(outcome).slice(0, 200));
    if (outcome.kind === 'error') {
      errors++;
      assert.ok(!/at .*\.js:\d+/.test(outcome.message), `${method}: a stack trace in the message: ${outcome.message}`);
    }
    const next = await ask(client, 'textDocument/hover', good);
    assert.equal(next.kind, 'result', `after ${method} the server stopped answering: ${JSON.stringify(next)}`);
  }
  assert.ok(errors >= 3, `only ${errors} of the bad requests were refused`);
  const unknown = await ask(client, 'samAtlas/noSuchRequest', {});
  assert.equal(unknown.kind === 'error' && unknown.code, ErrorCodes.MethodNotFound);
  assert.ok(isAlive(client));
});

test('a 30 MB document opened in the editor is not analysed (file-skipped), and requests stay fast', async () => {
  const file = join(root, 'opened/template.yaml');
  const text = bigTemplate(30 * 1024 * 1024);
  await client.open(file, text);
  const skipped = await client.waitFor(() => client.diagnostics.get(uri(file))?.diagnostics.find((d) => d.code === 'file-skipped'), 30_000, 'file-skipped on the opened 30 MB document');
  assert.match(skipped.message, /larger than 1024 KB .*in the editor/);
  const hover = await ask(client, 'textDocument/hover', { textDocument: { uri: uri(join(root, 'shop/basket/template.yaml')) }, position: { line: 5, character: 4 } }, 15_000);
  assert.equal(hover.kind, 'result');
  const symbols = await ask(client, 'textDocument/documentSymbol', { textDocument: { uri: uri(file) } }, 15_000);
  assert.equal(symbols.kind, 'result');
  // Shrinking it below the limit analyses it and clears the message.
  await client.change(file, fn, 2);
  await client.waitFor(() => !client.diagnostics.get(uri(file))?.diagnostics.some((d) => d.code === 'file-skipped') || undefined, 30_000, 'file-skipped cleared');
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(file) } });
});

test('documents outside the workspace are never analysed, even when opened', async () => {
  const file = join(outside, 'template.yaml');
  await client.open(file, readFileSync(file, 'utf8'));
  const symbols = await ask(client, 'workspace/symbol', { query: 'SecretQueue' });
  assert.equal(symbols.kind, 'result');
  assert.deepEqual(symbols.kind === 'result' ? symbols.value : undefined, []);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(file) } });
});

test('malformed notifications are dropped without taking the server down', async () => {
  const notifications: [string, unknown][] = [
    ['textDocument/didOpen', { textDocument: null }],
    ['textDocument/didOpen', {}],
    ['textDocument/didChange', { textDocument: { uri: 5 }, contentChanges: 'nope' }],
    ['textDocument/didClose', null],
    ['workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///', type: 99 }, { uri: null, type: 1 }, { uri: uri(join(root, 'nothing.yaml')), type: 3 }] }],
    ['workspace/didChangeConfiguration', { settings: { samAtlas: { maxFileSizeKb: 'huge', exclude: 7, diagnostics: 'all' } } }],
    ['$/cancelRequest', { id: 'nothing' }],
    ['samAtlas/unknownNotification', { x: 1 }],
  ];
  for (const [method, params] of notifications) await client.connection.sendNotification(method, params);
  const hover = await ask(client, 'textDocument/hover', { textDocument: { uri: uri(join(root, 'shop/basket/template.yaml')) }, position: { line: 5, character: 4 } });
  assert.equal(hover.kind, 'result', JSON.stringify(hover));
  assert.ok(isAlive(client));
  // The bad configuration fell back to defaults rather than switching the size limit off.
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { samAtlas: { maxFileSizeKb: 1024 } } });
});

/** Asks for a hover until its text matches `pattern` (or 30 s pass); returns the last answer. */
async function waitForHover(params: unknown, pattern: RegExp): Promise<unknown> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const outcome = await ask(client, 'textDocument/hover', params);
    if ((outcome.kind === 'result' && pattern.test(JSON.stringify(outcome.value))) || Date.now() > deadline) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a file that appears later as a symbolic link to outside the workspace is not read when the watcher reports it', async () => {
  const secret = "const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');\nexports.secretMarkerFunction = async () => new SQSClient({}).send(new SendMessageCommand({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/secretMarkerQueue', MessageBody: 'x' }));\nexports.handler = exports.secretMarkerFunction;\n";
  writeTree(outside, { 'late/secret.js': secret });
  writeTree(root, { 'late/template.yaml': fn });
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(join(root, 'late/template.yaml')), type: 1 }] });
  mkdirSync(join(root, 'late/src'), { recursive: true });
  symlinkSync(join(outside, 'late/secret.js'), join(root, 'late/src/app.js'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(join(root, 'late/src/app.js')), type: 1 }] });
  // Wait until the function resolves to the new file (then the server has tried to read it).
  const hoverParams = { textDocument: { uri: uri(join(root, 'late/template.yaml')) }, position: positionAt(fn, fn.indexOf('app.handler') + 5) };
  const resolved = await waitForHover(hoverParams, /late\/src\/app\.js/);
  assert.match(JSON.stringify(resolved), /late\/src\/app\.js/, 'the function never resolved to the new handler file');
  // The read follows the snapshot in which the file resolves: give it time, then look.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const hover = await ask(client, 'textDocument/hover', hoverParams);
  const symbols = await ask(client, 'workspace/symbol', { query: 'secretMarker' });
  assert.equal(symbols.kind, 'result');
  assert.deepEqual(symbols.kind === 'result' ? symbols.value : undefined, []);
  const outline = await ask(client, 'textDocument/documentSymbol', { textDocument: { uri: uri(join(root, 'late/src/app.js')) } });
  assert.doesNotMatch(JSON.stringify(outline), /secretMarker/);
  // Read, the handler's SDK call would show on the hover card of the function.
  assert.doesNotMatch(JSON.stringify(hover), /secretMarker|SendMessage/);
});

test('the server is alive at the end and reported nothing unhandled', async () => {
  const status = await ask(client, 'samAtlas/indexStatusRequest', {});
  assert.equal(status.kind, 'result');
  assert.ok(isAlive(client));
  assert.deepEqual(alarmingLines(client, log), []);
});

test('safe(): an exception in a handler becomes an error response for that request only', async () => {
  const throwing = safe('probe', (params: { fail: string }) => {
    if (params.fail === 'sync') throw new TypeError('boom');
    if (params.fail === 'value') throw 'a string';
    return { ok: true };
  });
  const rejecting = safe('async probe', async () => Promise.reject(new RangeError('Maximum call stack size exceeded')));
  const sync = await throwing({ fail: 'sync' });
  assert.ok(sync instanceof ResponseError);
  assert.equal(sync.code, ErrorCodes.InternalError);
  assert.equal(sync.message, 'SAM Atlas probe failed: boom');
  const value = await throwing({ fail: 'value' });
  assert.ok(value instanceof ResponseError && value.message.endsWith('a string'));
  const rejected = await rejecting(undefined);
  assert.ok(rejected instanceof ResponseError && /Maximum call stack/.test(rejected.message));
  assert.deepEqual(await throwing({ fail: 'no' }), { ok: true });
});

test('a workspace folder that does not exist still gives a ready server that answers', async () => {
  for (const missing of ['/nonexistent/sam-atlas-root', join(cache, 'no-such-folder')]) {
    const started = await startLoggedServer(missing, cache);
    try {
      const status = await started.client.whenReady(30_000);
      assert.equal(status.templates, 0);
      const symbols = await ask(started.client, 'workspace/symbol', { query: '' });
      assert.equal(symbols.kind, 'result');
      assert.ok(isAlive(started.client));
      assert.deepEqual(alarmingLines(started.client, started.log), []);
    } finally {
      await started.client.stop();
    }
  }
});
