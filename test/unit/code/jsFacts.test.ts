// Tests for the JavaScript/TypeScript fact extractor's module surface: exports, imports, functions, env reads, errors and limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeFacts } from '../../../server/src/core/model/types';
import { factsOf, onlyCall, slice } from './helpers';

const file = '/work/app/src/handler.ts';

function facts(source: string, path = file): CodeFacts {
  return factsOf(path, source);
}

test('ES exports point at the declared names', () => {
  const source = [
    'export const handler = async () => 1;',
    'export async function other(event) { return event; }',
    'function impl() {}',
    'export { impl as aliased };',
    "export { reexported, inner as outer } from './impl';",
    "export * from './all';",
    "export * as ns from './ns';",
    'export class Service {}',
    'export type T = string;',
  ].join('\n');
  const result = facts(source);
  const byName = new Map(result.exports.map((entry) => [entry.name, entry]));
  assert.deepEqual([...byName.keys()], ['handler', 'other', 'aliased', 'reexported', 'outer', '*', 'ns', 'Service']);
  assert.equal(slice(source, byName.get('handler')!.span), 'handler');
  assert.equal(slice(source, byName.get('other')!.span), 'other');
  const aliased = byName.get('aliased')!;
  assert.equal(aliased.localName, 'impl');
  assert.equal(aliased.span.start, source.indexOf('impl()'), 'the alias points at the local declaration');
  assert.deepEqual(byName.get('reexported')!.from, { module: './impl', name: 'reexported' });
  assert.deepEqual(byName.get('outer')!.from, { module: './impl', name: 'inner' });
  assert.deepEqual(byName.get('*')!.from, { module: './all', name: '*' });
  assert.deepEqual(byName.get('ns')!.from, { module: './ns', name: '*' });
});

test('default exports: named function, anonymous arrow, identifier, imported re-export', () => {
  const named = 'export default async function main(event) {}';
  const namedExport = facts(named).exports[0];
  assert.equal(namedExport.name, 'default');
  assert.equal(namedExport.localName, 'main');
  assert.equal(slice(named, namedExport.span), 'main');

  const arrow = 'export default async (event) => event;';
  const arrowExport = facts(arrow).exports[0];
  assert.equal(arrowExport.name, 'default');
  assert.equal(slice(arrow, arrowExport.span), 'default');

  const identifier = 'const run = () => 1;\nexport default run;';
  const identifierExport = facts(identifier).exports[0];
  assert.equal(identifierExport.localName, 'run');
  assert.equal(identifierExport.span.start, identifier.indexOf('run'));

  const imported = "import { impl } from './impl';\nexport { impl as handler };";
  const importedExport = facts(imported).exports[0];
  assert.deepEqual(importedExport.from, { module: './impl', name: 'impl' });
  assert.equal(importedExport.localName, 'impl');
});

test('CommonJS exports', () => {
  const source = [
    'async function impl(event) {}',
    'exports.handler = async (event) => {};',
    'module.exports.other = impl;',
    'const shared = () => 1;',
    'module.exports = { shared, renamed: impl, inline: async () => {} };',
  ].join('\n');
  const result = facts(source, '/w/index.js');
  assert.equal(result.language, 'javascript');
  const byName = new Map(result.exports.map((entry) => [entry.name, entry]));
  assert.deepEqual([...byName.keys()].sort(), ['handler', 'inline', 'other', 'renamed', 'shared']);
  assert.equal(byName.get('handler')!.span.start, source.indexOf('handler'));
  assert.equal(byName.get('other')!.localName, 'impl');
  assert.equal(byName.get('other')!.span.start, source.indexOf('impl'));
  assert.equal(byName.get('shared')!.span.start, source.indexOf('shared'));
  assert.equal(byName.get('renamed')!.localName, 'impl');
  assert.equal(slice(source, byName.get('inline')!.span), 'inline');

  const reexport = facts("module.exports = require('./impl');", '/w/index.cjs').exports;
  assert.deepEqual(reexport, [{ name: '*', span: reexport[0].span, from: { module: './impl', name: '*' } }]);
});

test('calls are attributed to CommonJS object exports, and not to top-level non-function bindings', () => {
  const source = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const client = new SQSClient({});
const warmup = await client.send(new SendMessageCommand({ QueueUrl: 'warm' }));
module.exports = {
  handler: async (event) => client.send(new SendMessageCommand({ QueueUrl: event.queue })),
};`;
  const calls = facts(source, '/w/index.mjs').sdkCalls;
  assert.deepEqual(
    calls.map((call) => [call.inFunction, call.args.QueueUrl]),
    [
      [undefined, { kind: 'literal', value: 'warm' }],
      ['handler', { kind: 'unknown', reason: 'event.queue is not a constant' }],
    ],
  );
});

test('imports: ES, namespace, require with destructuring and property, dynamic import', () => {
  const source = [
    "import AWS from 'aws-sdk';",
    "import { SQSClient as Client, SendMessageCommand } from '@aws-sdk/client-sqs';",
    "import * as events from '../lib/events';",
    "import './side-effect';",
    "const { publish, check: verify } = require('./lib');",
    "const axios = require('axios');",
    "const Bucket = require('./names').Bucket;",
    "async function later() { const m = await import('./lazy'); }",
  ].join('\n');
  const imports = facts(source).imports;
  const byModule = new Map(imports.map((entry) => [entry.module, entry]));
  assert.deepEqual(byModule.get('aws-sdk')!.names, [{ imported: 'default', local: 'AWS' }]);
  assert.deepEqual(byModule.get('@aws-sdk/client-sqs')!.names, [
    { imported: 'SQSClient', local: 'Client' },
    { imported: 'SendMessageCommand', local: 'SendMessageCommand' },
  ]);
  assert.deepEqual(byModule.get('../lib/events')!.names, [{ imported: '*', local: 'events' }]);
  assert.deepEqual(byModule.get('./side-effect')!.names, []);
  assert.deepEqual(byModule.get('./lib')!.names, [
    { imported: 'publish', local: 'publish' },
    { imported: 'check', local: 'verify' },
  ]);
  assert.deepEqual(byModule.get('axios')!.names, [{ imported: '*', local: 'axios' }]);
  assert.deepEqual(byModule.get('./names')!.names, [{ imported: 'Bucket', local: 'Bucket' }]);
  assert.deepEqual(byModule.get('./lazy')!.names, [{ imported: '*', local: 'm' }]);
  assert.equal(slice(source, byModule.get('../lib/events')!.span), '../lib/events');
});

test('top-level functions with parameter names, including wrapped handlers', () => {
  const source = [
    'function plain(a, b) {}',
    'const arrow = async (event, context) => {};',
    'const expression = function (x) {};',
    'export const wrapped = middy(async (event) => {}).use(cors());',
    'exports.cjs = async function (evt) {};',
    'const notAFunction = 42;',
    'class Ignored { method(y) {} }',
    'const destructured = ({ body, headers }) => body;',
  ].join('\n');
  const functions = facts(source).functions;
  assert.deepEqual(
    functions.map((fn) => [fn.name, fn.params]),
    [
      ['plain', ['a', 'b']],
      ['arrow', ['event', 'context']],
      ['expression', ['x']],
      ['wrapped', ['event']],
      ['cjs', ['evt']],
      ['destructured', ['{ body, headers }']],
    ],
  );
  assert.equal(slice(source, functions[1].span), 'arrow');
});

test('env reads: property, element and destructuring, spans on the names', () => {
  const source = [
    'const a = process.env.TABLE_NAME;',
    "const b = process.env['QUEUE_URL'];",
    'const { BUS, TOPIC: topic, ...rest } = process.env;',
    'const dynamic = process.env[key];',
  ].join('\n');
  const reads = facts(source).envReads;
  assert.deepEqual(
    reads.map((read) => [read.name, slice(source, read.span)]),
    [
      ['TABLE_NAME', 'TABLE_NAME'],
      ['QUEUE_URL', 'QUEUE_URL'],
      ['BUS', 'BUS'],
      ['TOPIC', 'TOPIC'],
    ],
  );
});

test('syntax errors are reported and the facts found are still returned', () => {
  const source = "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\nexport const handler = async () => {\n  await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: 'q' }));\n  const broken = ;\n};\n";
  const result = facts(source);
  assert.ok(result.problems.some((problem) => problem.code === 'code-syntax' && problem.severity === 'error'));
  const problem = result.problems.find((entry) => entry.code === 'code-syntax')!;
  assert.ok(problem.span.start >= source.indexOf('= ;') && problem.span.start <= source.indexOf(';\n};'));
  assert.equal(result.exports[0].name, 'handler');
  assert.equal(onlyCall(result, 'SendMessage').service, 'sqs');
});

test('deep nesting neither throws nor overflows the stack', () => {
  const chain = `export const handler = () => ${Array.from({ length: 20000 }, () => 'a').join(' + ')};\nconst after = process.env.AFTER;`;
  const chained = facts(chain);
  assert.ok(chained.problems.some((problem) => problem.code === 'code-too-deep'));
  assert.equal(chained.exports[0].name, 'handler');
  assert.deepEqual(chained.envReads.map((read) => read.name), ['AFTER'], 'the rest of the file is still walked');

  const parens = `const x = ${'('.repeat(20000)}1${')'.repeat(20000)};`;
  const nested = facts(parens);
  assert.ok(nested.problems.some((problem) => problem.code === 'code-parse' || problem.code === 'code-too-deep'));
  assert.deepEqual(facts('const y = process.env.NEXT;').envReads.map((read) => read.name), ['NEXT'], 'the parser recovers for the next file');
});

test('JSX files parse, and facts are plain data without syntax trees', () => {
  const source = "import React from 'react';\nexport const View = () => <div>{process.env.TITLE}</div>;";
  const result = facts(source, '/w/view.tsx');
  assert.equal(result.problems.length, 0);
  assert.deepEqual(result.envReads.map((read) => read.name), ['TITLE']);
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
  assert.deepEqual(result.lineStarts, [0, source.indexOf('\n') + 1]);
});
