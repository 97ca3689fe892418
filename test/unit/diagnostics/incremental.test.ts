// After each edit, the incrementally updated snapshot (reused per-function results) diagnoses and graphs exactly like a fresh one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHost, diagnose, graphOf, type Analysis, type Host } from '../../../server/src/core/index';
import { ChangeLog } from '../../../server/src/core/changeLog';
import { fn, sam } from '../impact/workspace';

const TEMPLATE = sam([
  fn('Alpha', { env: { QUEUE_URL: '!Ref Jobs', TARGET: '!Ref Beta' } }),
  fn('Beta', { env: { TABLE: '!Ref Items' }, extra: 'Policies:\n  - DynamoDBReadPolicy:\n      TableName: !Ref Items' }),
  fn('Gamma', { events: 'FromJobs:\n  Type: SQS\n  Properties:\n    Queue: !GetAtt Jobs.Arn' }),
  fn('Delta', { env: { TABLE: '!Ref Items' } }),
  'Jobs:\n  Type: AWS::SQS::Queue',
  'Items:\n  Type: AWS::DynamoDB::Table',
]);

const SHARED = "export const shared = () => 'shared';";
const OTHER = "export const other = () => 'other';";
const A = "import { shared } from './lib/shared';\nexport const handler = async () => shared();";
const B = "import { shared } from './lib/shared';\nexport const handler = async () => shared();";
const C = 'export const handler = async () => 1;';
const D = "import { other } from './lib/other';\nexport const handler = async () => other();";

const INITIAL: Record<string, string> = {
  '/ws/template.yaml': TEMPLATE,
  '/ws/src/alpha.ts': A,
  '/ws/src/beta.ts': B,
  '/ws/src/gamma.ts': C,
  '/ws/src/delta.ts': D,
  '/ws/src/lib/shared.ts': SHARED,
  '/ws/src/lib/other.ts': OTHER,
};

const SEND = [
  "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';",
  "import { shared } from './lib/shared';",
  'const sqs = new SQSClient({});',
  "export const handler = async () => sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: shared() }));",
].join('\n');

const PUT = [
  "import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';",
  'const db = new DynamoDBClient({});',
  "export const other = () => db.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {} }));",
].join('\n');

/** Each step: a label, the change, and what must hold afterwards (so the sequence exercises real changes). */
const STEPS: { label: string; path: string; text?: string; expect?: (analysis: Analysis, codes: string[]) => void }[] = [
  { label: 'Alpha sends to the queue Gamma reads', path: '/ws/src/alpha.ts', text: SEND, expect: (a) => assert.ok(graphOf(a).calls.some((c) => c.from.endsWith('#Alpha') && c.to.endsWith('#Gamma'))) },
  { label: 'the shared module reads an undefined variable', path: '/ws/src/lib/shared.ts', text: "export const shared = () => process.env.MISSING_ONE ?? process.env.MISSING_TWO;", expect: (_, codes) => assert.ok(codes.includes('undefined-env-var')) },
  { label: 'Beta switches to the other module (its closure changes)', path: '/ws/src/beta.ts', text: "import { other } from './lib/other';\nexport const handler = async () => other();" },
  { label: 'the other module writes the table: Beta and Delta lack the write', path: '/ws/src/lib/other.ts', text: PUT, expect: (_, codes) => assert.ok(codes.includes('missing-permission')) },
  { label: 'Gamma loses its handler export', path: '/ws/src/gamma.ts', text: 'export const notHandler = 1;', expect: (_, codes) => assert.ok(codes.includes('missing-handler')) },
  { label: 'Alpha goes back to its first text', path: '/ws/src/alpha.ts', text: A, expect: (a) => assert.ok(!graphOf(a).calls.some((c) => c.from.endsWith('#Alpha'))) },
  { label: 'the other module is deleted', path: '/ws/src/lib/other.ts', text: undefined },
  { label: 'the template gives Delta a variable', path: '/ws/template.yaml', text: TEMPLATE.replace("    Handler: delta.handler", "    Handler: delta.handler\n    Environment:\n      Variables:\n        EXTRA: x") },
  { label: 'the other module comes back', path: '/ws/src/lib/other.ts', text: PUT },
  { label: 'Gamma gets its export back', path: '/ws/src/gamma.ts', text: C, expect: (_, codes) => assert.ok(!codes.includes('missing-handler')) },
];

function fresh(files: Map<string, string>): Analysis {
  const host = createHost({ roots: ['/ws'] });
  host.setFileList(files.keys());
  return host.applyChanges([...files].map(([path, text]) => ({ path, text })));
}

function diagnostics(analysis: Analysis): string[] {
  return diagnose(analysis).map((d) => `${d.code}|${d.span.file}:${d.span.start}-${d.span.end}|${d.severity}|${d.message}`).sort();
}

function graph(analysis: Analysis): { nodes: string[]; edges: string[]; calls: string[]; signature: string } {
  const g = graphOf(analysis);
  return {
    nodes: g.nodes.map((n) => `${n.id}:${n.kind}`).sort(),
    edges: g.edges.map((e) => `${e.from}>${e.to}:${e.kind}:${e.label}@${e.evidence?.file}:${e.evidence?.start}`).sort(),
    calls: g.calls.map((c) => `${c.from}>${c.to}:${c.via}:${c.sync}@${c.evidence.file}:${c.evidence.start}`).sort(),
    signature: g.signature,
  };
}

test('every edit leaves the incremental snapshot equal to a fresh analysis of the same files', () => {
  const files = new Map(Object.entries(INITIAL));
  const host: Host = createHost({ roots: ['/ws'] });
  host.setFileList(files.keys());
  let analysis = host.applyChanges([...files].map(([path, text]) => ({ path, text })));
  assert.deepEqual(diagnostics(analysis), diagnostics(fresh(files)));
  const seen = new Set<string>([diagnostics(analysis).join('\n')]);
  for (const step of STEPS) {
    if (step.text === undefined) files.delete(step.path);
    else files.set(step.path, step.text);
    analysis = host.applyChanges([{ path: step.path, text: step.text }]);
    const expected = fresh(files);
    assert.deepEqual(diagnostics(analysis), diagnostics(expected), step.label);
    assert.deepEqual(graph(analysis), graph(expected), step.label);
    step.expect?.(analysis, diagnostics(analysis).map((d) => d.split('|')[0]));
    seen.add(diagnostics(analysis).join('\n'));
  }
  // The steps changed the diagnostics again and again: the comparison is not between two empty lists.
  assert.ok(seen.size >= 6, `only ${seen.size} distinct diagnostic sets`);
});

test('an edit that changes no call keeps the graph signature; one that adds a call changes it', () => {
  const files = new Map(Object.entries(INITIAL));
  const host = createHost({ roots: ['/ws'] });
  host.setFileList(files.keys());
  const first = host.applyChanges([...files].map(([path, text]) => ({ path, text })));
  const signature = graphOf(first).signature;
  const comment = host.applyChanges([{ path: '/ws/src/alpha.ts', text: `${A}\n// a comment` }]);
  assert.equal(graphOf(comment).signature, signature);
  const send = host.applyChanges([{ path: '/ws/src/alpha.ts', text: SEND }]);
  assert.notEqual(graphOf(send).signature, signature);
});

test('the change log answers between any two versions, and says it cannot tell once they are forgotten', () => {
  const log = new ChangeLog(2);
  log.record(2, ['/a.ts']);
  log.record(3, ['/b.ts']);
  assert.deepEqual(log.between(1, 3)?.sort(), ['/a.ts', '/b.ts']);
  assert.deepEqual(log.between(3, 2), ['/b.ts']);
  assert.ok(log.unchanged(2, 3, new Set(['/a.ts'])));
  assert.ok(!log.unchanged(3, 1, new Set(['/a.ts'])));
  log.record(5, ['/c.ts']);
  assert.equal(log.between(1, 5), undefined);
  assert.ok(!log.unchanged(1, 5, new Set(['/z.ts'])));
  assert.deepEqual(log.between(2, 5)?.sort(), ['/b.ts', '/c.ts']);
});
