// Impact computations on an inline workspace: function trees and counts, resources, shared modules, variables, changed files, CodeLens and hover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeLenses, hover, impactCounts, impactOfChangedFiles, impactView, resolveCodeLens, type ImpactNode } from '../../../server/src/core/index';
import { showSpan } from '../../support/fixture';
import { fn, invokes, sam, sends, table, workspace } from './workspace';

// Api GET /orders → A ─sync→ B ─sync→ C;  Schedule → D ─sqs Q→ B;  SNS Alerts (no publisher) → E ─sync→ C;
// B writes table T, C reads it, D writes queue Q; B's handler imports lib/util directly, C's through helpers.
const fixture = workspace({
  '/template.yaml': sam([
    fn('A', { env: { NEXT: '!Ref B' }, events: 'Get:\n  Type: Api\n  Properties:\n    Path: /orders\n    Method: get' }),
    fn('B', { env: { NEXT: '!Ref C', TABLE: '!Ref T' }, events: 'Jobs:\n  Type: SQS\n  Properties:\n    Queue: !GetAtt Q.Arn' }),
    fn('C', { env: { TABLE: '!Ref T' } }),
    fn('D', { env: { QUEUE_URL: '!Ref Q' }, events: 'Hourly:\n  Type: Schedule\n  Properties:\n    Schedule: rate(1 hour)' }),
    fn('E', { env: { NEXT: '!Ref C' }, events: 'Alert:\n  Type: SNS\n  Properties:\n    Topic: !Ref Alerts' }),
    'Q:\n  Type: AWS::SQS::Queue',
    'T:\n  Type: AWS::DynamoDB::Table',
    'Alerts:\n  Type: AWS::SNS::Topic',
  ]),
  '/src/a.ts': invokes('NEXT'),
  '/src/b.ts': `${invokes('NEXT').replace('export const handler', 'const call')}\n${table('put', 'TABLE').replace('export const handler', 'const put')}\nimport { tag } from './lib/util';\nexport const handler = async () => [await call(), await put(), tag()];`,
  '/src/c.ts': `${table('get', 'TABLE').replace('export const handler', 'const get')}\nimport { helper } from './helpers';\nexport const handler = async () => [await get(), helper()];`,
  '/src/helpers.ts': "import { tag } from './lib/util';\nexport const helper = () => tag();",
  '/src/lib/util.ts': "export const tag = () => 'v1';",
  '/src/d.ts': sends('QUEUE_URL'),
  '/src/e.ts': invokes('NEXT'),
});
const analysis = fixture.analysis;
const id = (name: string) => `/ws/template.yaml#${name}`;

/** A tree as indented `kind label` lines, repeated nodes marked with `*`. */
function lines(nodes: ImpactNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.kind} ${n.label}${n.repeated ? ' *' : ''}`, ...lines(n.children, depth + 1)]);
}

test('a function: callers up to the endpoint, the schedule and the outside event source; callees and resources below', () => {
  const view = impactView(analysis, { id: id('C') });
  assert.deepEqual(lines(view.upstream), ['function B', '  function A', '    endpoint GET /orders', '  function D', '    schedule Schedule rate(1 hour)', 'function E', '  event SNS Alerts']);
  assert.equal(view.upstream[0].detail, 'via lambda-invoke · template.yaml');
  assert.equal(view.upstream[0].children[1].detail, 'via sqs (async) through Q · template.yaml');
  assert.deepEqual(lines(view.downstream), ['resource T']);
  assert.match(view.downstream[0].detail!, /^reads GetItem/);
  assert.deepEqual(lines(impactView(analysis, { id: id('A') }).downstream), ['function B', '  function C', '    resource T', '  resource T']);
});

test('counts: transitive callers, downstream functions and resources, endpoints that reach the function', () => {
  assert.deepEqual(impactCounts(analysis, id('C')), { callers: 4, directCallers: 2, downstream: 1, endpoints: 1, directEndpoints: 0 });
  assert.deepEqual(impactCounts(analysis, id('B')), { callers: 2, directCallers: 2, downstream: 2, endpoints: 1, directEndpoints: 0 });
  assert.deepEqual(impactCounts(analysis, id('A')), { callers: 0, directCallers: 0, downstream: 3, endpoints: 1, directEndpoints: 1 });
  assert.deepEqual(impactCounts(analysis, id('D')), { callers: 0, directCallers: 0, downstream: 4, endpoints: 0, directEndpoints: 0 });
});

test('a resource: who writes to it upstream, who reads it and what it triggers downstream', () => {
  const tableView = impactView(analysis, { id: id('T') });
  assert.deepEqual(lines(tableView.upstream), ['function B', '  function A', '    endpoint GET /orders', '  function D', '    schedule Schedule rate(1 hour)']);
  assert.deepEqual(lines(tableView.downstream), ['function C']);
  assert.match(tableView.downstream[0].detail!, /^reads GetItem/);
  const queueView = impactView(analysis, { id: id('Q') });
  assert.deepEqual(lines(queueView.upstream), ['function D', '  schedule Schedule rate(1 hour)']);
  assert.deepEqual(lines(queueView.downstream), ['function B', '  function C', '    resource T', '  resource T']);
});

test('a shared module: the import chain up to each handler, then the functions and their callers', () => {
  const view = impactView(analysis, { file: '/ws/src/lib/util.ts' });
  assert.deepEqual(lines(view.upstream), [
    'module src/b.ts',
    '  function B',
    '    function A',
    '      endpoint GET /orders',
    '    function D',
    '      schedule Schedule rate(1 hour)',
    'module src/helpers.ts',
    '  module src/c.ts',
    '    function C',
    '      function B *',
    '      function E',
    '        event SNS Alerts',
  ]);
  assert.equal(showSpan(fixture, view.upstream[0].evidence!), "/src/b.ts:9:22 './lib/util'");
  assert.deepEqual(view.counts, { callers: 5, directCallers: 2, downstream: 0, endpoints: 1, directEndpoints: 0 });
});

test('an environment variable: the functions defining it, the code reading it, the resource it names', () => {
  const view = impactView(analysis, { id: 'env:TABLE' });
  assert.deepEqual(lines(view.upstream), ['function B', '  module src/b.ts', 'function C', '  module src/c.ts']);
  assert.deepEqual(lines(view.downstream), ['resource T']);
  assert.equal(impactView(analysis, { id: '/ws/template.yaml#Nothing' }).error, 'Nothing in the workspace is named /ws/template.yaml#Nothing.');
});

test('changed files: the functions they run, their callers, endpoints and templates', () => {
  const impact = impactOfChangedFiles(analysis, ['/ws/src/helpers.ts', '/ws/README.md']);
  assert.deepEqual(impact.files, [
    { file: '/ws/README.md', kind: 'other', nodes: [] },
    { file: '/ws/src/helpers.ts', kind: 'code', nodes: [id('C')] },
  ]);
  assert.deepEqual(
    impact.affected.map((a) => `${a.reason} ${a.id.split('#')[1]} ${a.because.map((b) => b.split(/[#/]/).pop()).join(',')}`),
    ['changed C helpers.ts', 'caller A C', 'caller B C', 'caller D C', 'caller E C'],
  );
  assert.deepEqual(impact.endpoints.map((e) => `${e.method} ${e.path}`), ['GET /orders']);
  assert.deepEqual(impact.templates, ['/ws/template.yaml']);
  const template = impactOfChangedFiles(analysis, ['/ws/template.yaml']);
  assert.deepEqual(template.affected.filter((a) => a.reason === 'changed').map((a) => a.id.split('#')[1]), ['A', 'B', 'C', 'D', 'E']);
});

test('CodeLens: above each function logical ID and handler export, counts filled on resolve', () => {
  const inTemplate = codeLenses(analysis, '/ws/template.yaml');
  assert.deepEqual(inTemplate.map((l) => showSpan(fixture, l.span)), ["/template.yaml:8:3 'A'", "/template.yaml:21:3 'B'", "/template.yaml:34:3 'C'", "/template.yaml:41:3 'D'", "/template.yaml:53:3 'E'"]);
  assert.deepEqual(resolveCodeLens(analysis, inTemplate[2].id), { title: '4 callers · 1 downstream · 1 endpoint', command: 'samAtlas.showImpact', arguments: [id('C')] });
  assert.equal(resolveCodeLens(analysis, inTemplate[0].id)!.title, '0 callers · 3 downstream · 1 endpoint');
  const inCode = codeLenses(analysis, '/ws/src/b.ts');
  assert.deepEqual(inCode.map((l) => `${showSpan(fixture, l.span)} ${l.id}`), [`/src/b.ts:10:14 'handler' ${id('B')}`]);
  assert.deepEqual(codeLenses(analysis, '/ws/src/lib/util.ts'), []);
  assert.equal(resolveCodeLens(analysis, '/ws/template.yaml#Gone'), undefined);
});

test('CodeLens: one handler shared by two functions gets a lens per function, named; a re-exported handler shows on both files', () => {
  const shared = workspace({
    '/template.yaml': sam([fn('First', { file: 'entry' }), fn('Second', { file: 'entry' })]),
    '/src/entry.ts': "export { handler } from './impl';",
    '/src/impl.ts': 'export const handler = async () => 1;',
  });
  const entry = codeLenses(shared.analysis, '/ws/src/entry.ts');
  assert.deepEqual(entry.map((l) => `${showSpan(shared, l.span)} ${l.label}`), ["/src/entry.ts:1:10 'handler' First", "/src/entry.ts:1:10 'handler' Second"]);
  assert.equal(resolveCodeLens(shared.analysis, entry[0].id, entry[0].label)!.title, 'First: 0 callers · 0 downstream · 0 endpoints');
  assert.deepEqual(codeLenses(shared.analysis, '/ws/src/impl.ts').map((l) => showSpan(shared, l.span)), ["/src/impl.ts:1:14 'handler'", "/src/impl.ts:1:14 'handler'"]);
});

test("hover: a function's card says how many functions and endpoints depend on it", () => {
  const text = fixture.files.get('/ws/template.yaml')!;
  const card = hover(analysis, '/ws/template.yaml', text.indexOf('\n  C:') + 3)!.markdown;
  assert.match(card, /Blast radius: 4 functions depend on it \(2 directly\) · 1 endpoint reaches it \(0 directly\)/);
});
