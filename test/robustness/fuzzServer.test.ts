// Seeded fuzzing of the real server over stdio: random requests at random positions interleaved with random edits; every request answered.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { uri, type TestClient } from '../support/lspClient';
import { FIXTURES, SHOP, cleanup, tempFolder } from './support/hostile';
import { alarmingLines, ask, interestingOffsets, isAlive, positionAt, startLoggedServer, type Outcome, type ServerLog } from './support/lsp';
import { CODE_TOKENS, HOSTILE_TOKENS, Random, fuzzIterations, fuzzSeed, mutate } from './support/random';

const TIME_BUDGET_MS = Number(process.env.SAM_ATLAS_FUZZ_MS ?? 20_000);
const REQUEST_TIMEOUT_MS = 20_000;
const folders: string[] = [];
let client: TestClient | undefined;

after(async () => {
  await client?.stop();
  folders.forEach(cleanup);
});

function filesBelow(folder: string, out: string[] = []): string[] {
  for (const name of readdirSync(folder)) {
    const full = join(folder, name);
    if (statSync(full).isDirectory()) filesBelow(full, out);
    else if (/\.(ya?ml|json|ts|js|py)$/.test(name) && name !== 'expect.json') out.push(full);
  }
  return out;
}

interface OpenDocument {
  path: string;
  text: string;
  version: number;
}

/** A random position: usually inside the text near something interesting, sometimes past its end or negative-free nonsense. */
function randomPosition(random: Random, text: string): { line: number; character: number } {
  if (random.chance(0.05)) return { line: random.int(100_000), character: random.int(100_000) };
  const interesting = interestingOffsets(text);
  const offset = interesting.length && random.chance(0.6) ? random.pick(interesting) + random.int(8) - 2 : random.int(text.length + 1);
  return positionAt(text, offset);
}

/** One random request about `document` (or the workspace); returns the method and params. */
function randomRequest(random: Random, document: OpenDocument, hasCodeLens: boolean, lastItem: unknown): [string, unknown] {
  const textDocument = { uri: uri(document.path) };
  const position = randomPosition(random, document.text);
  const choices: [string, unknown][] = [
    ['textDocument/definition', { textDocument, position }],
    ['textDocument/hover', { textDocument, position }],
    ['textDocument/references', { textDocument, position, context: { includeDeclaration: random.chance(0.5) } }],
    ['textDocument/documentSymbol', { textDocument }],
    ['workspace/symbol', { query: random.pick(['', 'Fn', 'basket', 'GET /', 'Queue', '*', '(']) }],
    ['textDocument/prepareCallHierarchy', { textDocument, position }],
    ['samAtlas/graph', random.chance(0.5) ? {} : { depth: 1 + random.int(5) }],
    ['samAtlas/nodeAt', { uri: textDocument.uri, position }],
    ['samAtlas/functions', {}],
    ['samAtlas/endpoints', {}],
  ];
  if (lastItem) choices.push(['callHierarchy/incomingCalls', { item: lastItem }], ['callHierarchy/outgoingCalls', { item: lastItem }]);
  if (hasCodeLens) choices.push(['textDocument/codeLens', { textDocument }]);
  return random.pick(choices);
}

/**
 * A random edit of an open document: a mutation sent as a full replacement, a ranged edit, or a range past the end or reversed
 * (which the server's document store clamps; the same library keeps this side's copy in step).
 */
function randomEdit(random: Random, document: OpenDocument, other: string): { contentChanges: { range?: unknown; text: string }[]; steps: string } {
  const tokens = /\.(ya?ml|json)$/.test(document.path) ? HOSTILE_TOKENS : CODE_TOKENS;
  let contentChanges: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[];
  let steps: string;
  if (random.chance(0.4)) {
    const mutated = mutate(random, document.text, other, tokens);
    contentChanges = [{ text: mutated.text }];
    steps = `full ${mutated.steps.join(', ')}`;
  } else if (random.chance(0.1)) {
    const wild = () => ({ line: random.int(5000), character: random.int(500) });
    contentChanges = [{ range: { start: wild(), end: wild() }, text: random.pick(tokens) }];
    steps = `wild range ${JSON.stringify(contentChanges[0].range)}`;
  } else {
    const start = random.int(document.text.length + 1);
    const end = Math.min(document.text.length, start + random.int(30));
    const inserted = random.chance(0.7) ? random.pick(tokens) : '';
    contentChanges = [{ range: { start: positionAt(document.text, start), end: positionAt(document.text, end) }, text: inserted }];
    steps = `range ${start}-${end} ${JSON.stringify(inserted)}`;
  }
  const model = TextDocument.update(TextDocument.create('file:///model', 'plaintext', document.version, document.text), contentChanges as never, document.version + 1);
  document.text = model.getText();
  return { contentChanges, steps };
}

/** One fuzz run against a started server: its documents, what happened so far, and the answers counted. */
class FuzzRun {
  readonly history: string[] = [];
  readonly errors: string[] = [];
  results = 0;
  done = 0;
  private lastItem: unknown;

  constructor(
    private readonly client: TestClient,
    private readonly random: Random,
    private readonly root: string,
    private readonly documents: OpenDocument[],
    private readonly all: string[],
    private readonly hasCodeLens: boolean,
  ) {}

  /** Checks one answer: never a timeout or an unhandled method; error responses are collected. */
  check(method: string, outcome: Outcome): void {
    const seed = this.random.seed;
    const context = `seed ${seed} (SAM_ATLAS_FUZZ_SEED=${seed}), step ${this.done}; last steps:\n  ${this.history.slice(-8).join('\n  ')}`;
    assert.notEqual(outcome.kind, 'timeout', `${method} was not answered within ${REQUEST_TIMEOUT_MS} ms\n${context}`);
    if (outcome.kind === 'error') {
      assert.notEqual(outcome.code, ErrorCodes.MethodNotFound, `${method} is not handled\n${context}`);
      this.errors.push(`${method}: ${outcome.message} (${context.split(';')[0]})`);
    } else this.results++;
    if (method === 'textDocument/prepareCallHierarchy' && outcome.kind === 'result' && Array.isArray(outcome.value) && outcome.value.length) this.lastItem = outcome.value[0];
  }

  /** One random step: an edit, a request, a burst of requests, a pause, a reopen, or notes about unopened documents. */
  async step(): Promise<void> {
    const { client, random } = this;
    const document = random.pick(this.documents);
    const roll = random.next();
    if (roll < 0.35) {
      const { contentChanges, steps } = randomEdit(random, document, readFileSync(random.pick(this.all), 'utf8'));
      this.history.push(`edit ${document.path.slice(this.root.length)} v${document.version + 1}: ${steps}`);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(document.path), version: ++document.version }, contentChanges });
    } else if (roll < 0.4) {
      // A burst of requests without waiting in between, as an editor sends them while the user types.
      const burst = Array.from({ length: 2 + random.int(4) }, () => randomRequest(random, document, this.hasCodeLens, this.lastItem));
      this.history.push(`burst ${burst.map(([m]) => m).join(' ')}`);
      const answers = await Promise.all(burst.map(([method, params]) => ask(client, method, params, REQUEST_TIMEOUT_MS)));
      answers.forEach((outcome, i) => this.check(burst[i][0], outcome));
    } else if (roll < 0.44) {
      // A pause long enough for the debounced edits to become a new snapshot.
      this.history.push('pause');
      await new Promise((resolve) => setTimeout(resolve, 130 + random.int(150)));
    } else if (roll < 0.45) {
      // Notifications about documents that are not open: ignored, never a crash.
      const stranger = { uri: uri(join(this.root, `never-opened-${random.int(3)}.yaml`)), version: 9 };
      this.history.push('change and close an unopened document');
      await client.connection.sendNotification('textDocument/didChange', { textDocument: stranger, contentChanges: [{ text: 'Resources: {' }] });
      await client.connection.sendNotification('textDocument/didClose', { textDocument: stranger });
    } else if (roll < 0.47) {
      this.history.push(`reopen ${document.path.slice(this.root.length)}`);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(document.path) } });
      document.text = readFileSync(document.path, 'utf8');
      document.version = 1;
      await client.open(document.path, document.text);
    } else {
      const [method, params] = randomRequest(random, document, this.hasCodeLens, this.lastItem);
      this.history.push(`${method} ${JSON.stringify(params).slice(0, 160)}`);
      this.check(method, await ask(client, method, params, REQUEST_TIMEOUT_MS));
    }
  }
}

/** Copies examples/shop and the hostile fixtures, starts the server on them and opens ten random files. */
async function setUp(random: Random): Promise<{ run: FuzzRun; log: ServerLog }> {
  const root = tempFolder('fuzz-server');
  const cache = tempFolder('fuzz-server-cache');
  folders.push(root, cache);
  cpSync(SHOP, join(root, 'shop'), { recursive: true });
  cpSync(FIXTURES, join(root, 'fixtures'), { recursive: true });
  const started = await startLoggedServer(root, cache);
  client = started.client;
  await client.whenReady(90_000);
  const lens = await ask(client, 'textDocument/codeLens', { textDocument: { uri: uri(join(root, 'shop/basket/template.yaml')) } });
  const hasCodeLens = !(lens.kind === 'error' && lens.code === ErrorCodes.MethodNotFound);
  const all = filesBelow(root);
  const documents: OpenDocument[] = [];
  for (const path of [...all].sort(() => random.next() - 0.5).slice(0, 10)) {
    const document = { path, text: readFileSync(path, 'utf8'), version: 1 };
    documents.push(document);
    await client.open(path, document.text);
  }
  return { run: new FuzzRun(client, random, root, documents, all, hasCodeLens), log: started.log };
}

test('fuzz: random requests interleaved with random edits are all answered, and the server survives', async () => {
  const seed = fuzzSeed();
  const iterations = fuzzIterations(2000);
  const { run, log } = await setUp(new Random(seed));
  const begun = Date.now();
  for (; run.done < iterations && Date.now() - begun < TIME_BUDGET_MS; run.done++) await run.step();
  console.log(`# server fuzz: seed ${seed}, ${run.done} steps, ${run.results} results, ${run.errors.length} error responses in ${Date.now() - begun} ms`);
  assert.ok(isAlive(client!), `the server died (seed ${seed})`);
  const status = await ask(client!, 'samAtlas/indexStatusRequest', {});
  assert.equal(status.kind, 'result', `the server stopped answering (seed ${seed})`);
  assert.deepEqual(alarmingLines(client!, log), [], `seed ${seed}`);
  assert.deepEqual(run.errors.slice(0, 5), [], `requests failed with an error response (seed ${seed}): the server survived, but a feature threw`);
  assert.ok(run.done >= Math.min(iterations, 100), `only ${run.done} steps ran in the time budget`);
});
