// Memory stays bounded across thousands of edits: 3,000 didChange edits over stdio, the server's VmRSS checked against its warmed-up size.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uri, type TestClient } from '../support/lspClient';
import { SHOP, cleanup, tempFolder } from './support/hostile';
import { alarmingLines, ask, isAlive, positionAt, residentBytes, startLoggedServer } from './support/lsp';

const EDITS = 3000;
const EDITS_PER_ROUND = 25;
const WARM_UP_ROUNDS = 12;
const PADDING = 400;
const folders: string[] = [];
let client: TestClient | undefined;

after(async () => {
  await client?.stop();
  folders.forEach(cleanup);
});

/** A template of a few hundred resources, so every snapshot that leaked would hold megabytes of facts. */
function largeTemplate(base: string): string {
  const queues: string[] = [];
  for (let i = 0; i < PADDING; i++) {
    queues.push(`  Padding${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub "\${AWS::StackName}-padding-${i}"\n      Tags:\n        - Key: owner\n          Value: !Ref Padding${(i + 1) % PADDING}\n`);
  }
  return `${base.replace(/\n*$/, '\n')}${queues.join('')}# edit 000000\n`;
}

/** The open template and the edits made to it: a marker line rewritten in place, and every 7th edit a resource renamed back and forth. */
class EditedTemplate {
  version = 1;
  private readonly marker: number;
  private readonly renameAt: number;

  constructor(public text: string) {
    this.marker = text.lastIndexOf('# edit ');
    this.renameAt = text.indexOf('Padding1:');
  }

  /** The content changes of edit number `edit` (same length as what they replace), applied to `text` too. */
  edit(edit: number): unknown[] {
    const replace = (at: number, by: string) => {
      const change = { range: { start: positionAt(this.text, at), end: positionAt(this.text, at + by.length) }, text: by };
      this.text = this.text.slice(0, at) + by + this.text.slice(at + by.length);
      return change;
    };
    const changes = [replace(this.marker, `# edit ${String(edit).padStart(6, '0')}`)];
    if (edit % 7 === 0) changes.push(replace(this.renameAt, edit % 14 === 0 ? 'PaddinG1:' : 'Padding1:'));
    return changes;
  }
}

/** Asserts the RSS samples stayed bounded: the brief's peak bound, and a floor that does not climb (a leak lifts the floor of the saw). */
function assertBounded(samples: number[], warm: number, peak: number): void {
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const bound = 2 * warm + 100 * 1024 * 1024;
  const floor = Math.min(...samples.slice(Math.floor((samples.length * 2) / 3)));
  const floorBound = warm + 100 * 1024 * 1024;
  console.log(`# server RSS: warm ${mb(warm)} MB, peak after warm-up ${mb(peak)} MB (bound ${mb(bound)}), floor of the last third ${mb(floor)} MB (bound ${mb(floorBound)})`);
  const trace = `samples (MB): ${samples.map(mb).join(' ')}`;
  assert.ok(peak < bound, `RSS grew from ${mb(warm)} MB to ${mb(peak)} MB (bound ${mb(bound)} MB); ${trace}`);
  assert.ok(floor < floorBound, `RSS never came back down: ${mb(floor)} MB at best in the last third, warm ${mb(warm)} MB (old snapshots leak?); ${trace}`);
}

test(`memory stays bounded across ${EDITS} edits with requests between them (old snapshots do not leak)`, async () => {
  const root = tempFolder('memory');
  const cache = tempFolder('memory-cache');
  folders.push(root, cache);
  cpSync(SHOP, root, { recursive: true });
  const file = join(root, 'basket', 'template.yaml');
  const template = new EditedTemplate(largeTemplate(readFileSync(file, 'utf8')));
  const started = await startLoggedServer(root, cache);
  client = started.client;
  await client.whenReady(90_000);
  await client.open(file, template.text);
  const textDocument = { uri: uri(file) };
  const handlerAt = template.text.indexOf('Handler:') + 12;
  let warm = 0;
  let peak = 0;
  const samples: number[] = [];
  for (let edit = 0; edit < EDITS; edit++) {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { ...textDocument, version: ++template.version }, contentChanges: template.edit(edit) });
    if ((edit + 1) % EDITS_PER_ROUND !== 0) continue;
    // Let the debounced change apply, then ask things that memoise per snapshot (graph, hover, symbols).
    await new Promise((resolve) => setTimeout(resolve, 140));
    for (const [method, params] of [
      ['textDocument/hover', { textDocument, position: positionAt(template.text, handlerAt) }],
      ['textDocument/documentSymbol', { textDocument }],
      ['samAtlas/graph', {}],
    ] as [string, unknown][]) {
      const outcome = await ask(client, method, params, 30_000);
      assert.equal(outcome.kind, 'result', `${method} after edit ${edit}: ${JSON.stringify(outcome).slice(0, 300)}`);
    }
    const rss = residentBytes(client.process.pid!);
    if (rss === undefined) continue;
    samples.push(rss);
    const round = (edit + 1) / EDITS_PER_ROUND;
    if (round === WARM_UP_ROUNDS) warm = rss;
    if (round > WARM_UP_ROUNDS) peak = Math.max(peak, rss);
  }
  assert.ok(isAlive(client), 'the server died');
  // The last edits are applied: the outline shows the final name of the renamed resource.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const symbols = await ask(client, 'textDocument/documentSymbol', { textDocument });
  const lastRename = EDITS - 1 - ((EDITS - 1) % 7);
  assert.ok(JSON.stringify(symbols.kind === 'result' ? symbols.value : '').includes(lastRename % 14 === 0 ? '"PaddinG1"' : '"Padding1"'), 'the last edits were not applied');
  if (samples.length) assertBounded(samples, warm, peak);
  assert.deepEqual(alarmingLines(client, started.log), []);
});
