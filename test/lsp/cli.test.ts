// The built `sam-atlas` CLI on examples/shop and on bad input: the JSON contract, handlers against FLOWS.md, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../support/lspClient';

const CLI = join(REPO, 'dist', 'cli.js');
const SHOP = join(REPO, 'examples', 'shop');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function flowsBlock(name: string): string[] {
  const text = readFileSync(join(SHOP, 'FLOWS.md'), 'utf8');
  return new RegExp('```' + name + '\\n([\\s\\S]*?)```').exec(text)![1].trim().split('\n');
}

test('index --json follows the contract and resolves every handler of the example', () => {
  const { code, stdout } = run('index', SHOP, '--json');
  assert.equal(code, 0);
  const report = JSON.parse(stdout);
  assert.equal(report.version, 1);
  assert.equal(report.templates.length, 9);
  assert.ok(report.templates.every((t: { path: string }) => !t.path.startsWith('/')));
  const actual = report.functions
    .map((f: { id: string; handler: { file: string; export: string } | null }) => (f.handler ? `${f.id} -> ${f.handler.file}#${f.handler.export}` : `${f.id} -> missing`))
    .sort();
  // FLOWS.md names the entry file and, where different, where the export is defined: the CLI reports the definition.
  const expected = flowsBlock('handlers')
    .map((line) => {
      const m = /^(\S+) -> (missing \S+|(\S+)#(\w+))(?: defined in (\S+))?/.exec(line)!;
      if (m[2].startsWith('missing')) return `${m[1]} -> missing`;
      return `${m[1]} -> ${m[5] ?? m[3]}#${m[4]}`;
    })
    .sort();
  assert.deepEqual(actual, expected);
  const get = report.functions.find((f: { logicalId: string }) => f.logicalId === 'GetBasketFunction');
  assert.deepEqual(get.endpoints, [{ method: 'GET', path: '/basket/{id}' }]);
  const source = readFileSync(join(SHOP, get.handler.file), 'utf8').split('\n');
  assert.match(source[get.handler.line - 1], /handler/);
  assert.ok(report.stateMachines.some((s: { logicalId: string }) => s.logicalId === 'CheckoutStateMachine'));
  // Evidence in a state machine definition is on the line of its task state, not on line 1.
  const definitionCalls = report.calls.filter((c: { evidence: { file: string } }) => c.evidence.file.endsWith('.asl.json'));
  assert.ok(definitionCalls.length > 0);
  for (const call of definitionCalls) {
    const line = readFileSync(join(SHOP, call.evidence.file), 'utf8').split('\n')[call.evidence.line - 1];
    assert.match(line, /^\s+"\w+": \{/, `${call.to}: line ${call.evidence.line}`);
  }
  assert.ok(report.diagnostics.some((d: { code: string; file: string }) => d.code === 'missing-handler' && d.file === 'pricing/template.yaml'));
});

test('index of a single template file uses paths relative to its folder', () => {
  const { code, stdout } = run('index', join(SHOP, 'basket', 'template.yaml'), '--json');
  assert.equal(code, 0);
  const report = JSON.parse(stdout);
  assert.deepEqual(report.templates, [{ path: 'template.yaml', resourceCount: 5 }]);
  assert.equal(report.functions[0].handler.file, 'src/handlers/get.ts');
});

test('check exits 1 on errors and prints text, json and sarif', () => {
  const text = run('check', SHOP);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /pricing\/template\.yaml:\d+:\d+: error missing-handler/);
  const json = JSON.parse(run('check', SHOP, '--format', 'json').stdout);
  assert.ok(json.diagnostics.length >= 1);
  const sarif = JSON.parse(run('check', SHOP, '--format', 'sarif').stdout);
  assert.equal(sarif.version, '2.1.0');
});

test('bad command lines and missing paths exit 2 with one line and no stack trace', () => {
  for (const args of [['index', '/no/such/path', '--json'], ['frobnicate'], ['index', SHOP, '--bogus'], ['check']]) {
    const result = run(...args);
    assert.equal(result.code, 2, args.join(' '));
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
});

test('a broken template gives exit 0 with a yaml-syntax diagnostic from index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sam-atlas-cli-'));
  writeFileSync(join(dir, 'template.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: [unclosed\n');
  const { code, stdout } = run('index', dir, '--json');
  assert.equal(code, 0);
  const report = JSON.parse(stdout);
  assert.ok(report.diagnostics.some((d: { code: string }) => d.code === 'yaml-syntax'));
});
