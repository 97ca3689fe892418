// The call-graph rules on inline workspaces: call-depth, call-cycle, fan-in and timeout-chain, each firing and staying quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, type RuleOptions } from '../../../server/src/core/index';
import { showSpan, type Fixture } from '../../support/fixture';
import { fn, invokes, sam, sends, workspace } from '../impact/workspace';

function found(fixture: Fixture, code: string, options?: RuleOptions): { at: string; severity: string; message: string }[] {
  return diagnose(fixture.analysis, {}, options)
    .filter((d) => d.code === code)
    .map((d) => ({ at: showSpan(fixture, d.span), severity: d.severity, message: d.message }));
}

/** Functions F0 → F1 → ... each invoking the next synchronously; `asyncAfter` makes that hop go through a queue. */
function chain(length: number, asyncAfter?: number): Fixture {
  const names = Array.from({ length }, (_, i) => `F${i}`);
  const files: Record<string, string> = {};
  const resources = names.map((name, i) => {
    const next = names[i + 1];
    if (!next) return fn(name, { timeout: 900 - i });
    if (i === asyncAfter) return fn(name, { timeout: 900 - i, env: { QUEUE_URL: '!Ref Hop' } });
    return fn(name, { timeout: 900 - i, env: { NEXT: `!Ref ${next}` }, events: i === asyncAfter! + 1 ? 'Hop:\n  Type: SQS\n  Properties:\n    Queue: !GetAtt Hop.Arn' : undefined });
  });
  if (asyncAfter !== undefined) resources.push('Hop:\n  Type: AWS::SQS::Queue\n  Properties:\n    VisibilityTimeout: 900');
  files['/template.yaml'] = sam(resources);
  names.forEach((name, i) => (files[`/src/${name.toLowerCase()}.ts`] = !names[i + 1] ? 'export const handler = async () => 1;' : i === asyncAfter ? sends('QUEUE_URL') : invokes('NEXT')));
  return workspace(files);
}

test('call-depth fires once, at the head of a synchronous chain longer than the limit, naming the chain', () => {
  const fixture = chain(6);
  const results = found(fixture, 'call-depth');
  assert.deepEqual(results.map((r) => `${r.at} ${r.severity}`), ["/template.yaml:8:3 'F0' warning"]);
  assert.match(results[0].message, /5 hops \(more than 4\): F0 → F1 → F2 → F3 → F4 → F5/);
});

test('call-depth stays quiet at the limit, with a higher setting, and when a hop is asynchronous', () => {
  assert.deepEqual(found(chain(5), 'call-depth'), []);
  assert.deepEqual(found(chain(6), 'call-depth', { maxCallDepth: 5 }), []);
  assert.equal(found(chain(6), 'call-depth', { maxCallDepth: 3 }).length, 1);
  assert.deepEqual(found(chain(8, 3), 'call-depth'), []);
});

test('call-cycle: a function that sends to the queue it consumes', () => {
  const fixture = workspace({
    '/template.yaml': sam([
      fn('Worker', { env: { QUEUE_URL: '!Ref Jobs' }, events: 'Jobs:\n  Type: SQS\n  Properties:\n    Queue: !GetAtt Jobs.Arn' }),
      'Jobs:\n  Type: AWS::SQS::Queue',
    ]),
    '/src/worker.ts': sends('QUEUE_URL'),
  });
  const results = found(fixture, 'call-cycle');
  assert.deepEqual(results.map((r) => `${r.at} ${r.severity}`), ["/template.yaml:8:3 'Worker' warning"]);
  assert.match(results[0].message, /Call loop: Worker → \(sqs Jobs\) Worker\./);
});

test('call-cycle: a function that writes to the table whose stream triggers it; a queue nobody loops back from is fine', () => {
  const fixture = workspace({
    '/template.yaml': sam([
      fn('Writer', { env: { TABLE: '!Ref Items' }, events: 'Changes:\n  Type: DynamoDB\n  Properties:\n    Stream: !GetAtt Items.StreamArn\n    StartingPosition: LATEST' }),
      'Items:\n  Type: AWS::DynamoDB::Table\n  Properties:\n    StreamSpecification:\n      StreamViewType: NEW_IMAGE',
      fn('Ping', { env: { NEXT: '!Ref Pong' } }),
      fn('Pong', { env: { QUEUE_URL: '!Ref Back' } }),
      fn('Sink', { events: 'Back:\n  Type: SQS\n  Properties:\n    Queue: !GetAtt Back.Arn' }),
      'Back:\n  Type: AWS::SQS::Queue',
    ]),
    '/src/writer.ts': "import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = async () => db.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {} }));",
    '/src/ping.ts': invokes('NEXT'),
    '/src/pong.ts': sends('QUEUE_URL'),
    '/src/sink.ts': 'export const handler = async () => 1;',
  });
  const results = found(fixture, 'call-cycle');
  assert.deepEqual(results.map((r) => r.message.split('.')[0]), ['Call loop: Writer → (dynamodb-stream Items) Writer']);
});

test('call-cycle: a loop of two functions is reported once, and a chain without a loop is not', () => {
  const noLoop = workspace({
    '/template.yaml': sam([fn('Ping', { env: { NEXT: '!Ref Pong' } }), fn('Pong', { env: { QUEUE_URL: '!Ref Back' } }), 'Back:\n  Type: AWS::SQS::Queue']),
    '/src/ping.ts': invokes('NEXT'),
    '/src/pong.ts': sends('QUEUE_URL'),
  });
  assert.deepEqual(found(noLoop, 'call-cycle'), []);
  assert.equal(found(chain(4), 'call-cycle').length, 0);
  const twoWay = workspace({
    '/template.yaml': sam([
      fn('Ping', { env: { NEXT: '!Ref Pong' }, events: 'Back:\n  Type: SQS\n  Properties:\n    Queue: !GetAtt Back.Arn' }),
      fn('Pong', { env: { QUEUE_URL: '!Ref Back' } }),
      'Back:\n  Type: AWS::SQS::Queue',
    ]),
    '/src/ping.ts': invokes('NEXT'),
    '/src/pong.ts': sends('QUEUE_URL'),
  });
  const results = found(twoWay, 'call-cycle');
  assert.equal(results.length, 1);
  assert.match(results[0].message, /Call loop: Ping → \(lambda-invoke\) Pong → \(sqs Back\) Ping\./);
});

/** `count` functions each invoking `Shared` synchronously, plus one that only queues work for it. */
function fanIn(count: number): Fixture {
  const files: Record<string, string> = {};
  const resources = [fn('Shared', { events: 'Work:\n  Type: SQS\n  Properties:\n    Queue: !GetAtt Work.Arn' }), 'Work:\n  Type: AWS::SQS::Queue', fn('Queuer', { env: { QUEUE_URL: '!Ref Work' } })];
  files['/src/shared.ts'] = 'export const handler = async () => 1;';
  files['/src/queuer.ts'] = sends('QUEUE_URL');
  for (let i = 0; i < count; i++) {
    resources.push(fn(`Caller${i}`, { env: { SHARED: '!Ref Shared' } }));
    files[`/src/caller${i}.ts`] = invokes('SHARED');
  }
  files['/template.yaml'] = sam(resources);
  return workspace(files);
}

test('fan-in fires above the limit on the callee, naming its synchronous callers only', () => {
  const results = found(fanIn(6), 'fan-in');
  assert.deepEqual(results.map((r) => `${r.at} ${r.severity}`), ["/template.yaml:8:3 'Shared' info"]);
  assert.match(results[0].message, /called synchronously by 6 functions \(more than 5\): Caller0, Caller1, Caller2, Caller3, Caller4, Caller5\./);
  assert.doesNotMatch(results[0].message, /Queuer/);
});

test('fan-in stays quiet at the limit and with a higher setting', () => {
  assert.deepEqual(found(fanIn(5), 'fan-in'), []);
  assert.deepEqual(found(fanIn(6), 'fan-in', { maxFanIn: 6 }), []);
  assert.equal(found(fanIn(3), 'fan-in', { maxFanIn: 2 }).length, 1);
});

function callerCallee(callerTimeout: number | undefined, calleeTimeout: number | undefined): Fixture {
  return workspace({
    '/template.yaml': sam([fn('Caller', { timeout: callerTimeout, env: { NEXT: '!Ref Callee' } }), fn('Callee', { timeout: calleeTimeout })]),
    '/src/caller.ts': invokes('NEXT'),
    '/src/callee.ts': 'export const handler = async () => 1;',
  });
}

test('timeout-chain: a synchronous caller whose Timeout is not greater than its callee', () => {
  const equal = found(callerCallee(10, 10), 'timeout-chain');
  assert.deepEqual(equal.map((r) => `${r.at} ${r.severity}`), ["/template.yaml:8:3 'Caller' warning"]);
  assert.match(equal[0].message, /Caller \(Timeout 10 s\) waits synchronously for Callee \(Timeout 10 s\)/);
  const defaults = found(callerCallee(undefined, undefined), 'timeout-chain');
  assert.match(defaults[0].message, /Caller \(Timeout 3 s, the default\) waits synchronously for Callee \(Timeout 3 s, the default\)/);
  assert.equal(found(callerCallee(5, undefined), 'timeout-chain').length, 0);
  assert.equal(found(callerCallee(11, 10), 'timeout-chain').length, 0);
  assert.equal(found(callerCallee(undefined, 2), 'timeout-chain').length, 0);
});

test('timeout-chain: a Timeout from a parameter default counts; one computed with !If is not judged', () => {
  const withTimeout = (value: string) =>
    workspace({
      '/template.yaml': sam([fn('Caller', { env: { NEXT: '!Ref Callee' }, extra: `Timeout: ${value}` }), fn('Callee', { timeout: 10 })], 'Parameters:\n  Seconds:\n    Type: Number\n    Default: 8\nConditions:\n  Long: !Equals [a, b]'),
      '/src/caller.ts': invokes('NEXT'),
      '/src/callee.ts': 'export const handler = async () => 1;',
    });
  assert.match(found(withTimeout('!Ref Seconds'), 'timeout-chain')[0].message, /Caller \(Timeout 8 s\) waits/);
  assert.deepEqual(found(withTimeout('!If [Long, 30, 5]'), 'timeout-chain'), []);
});

function consumer(timeout: number, queueProperties: string, head = ''): Fixture {
  return workspace({
    '/template.yaml': sam([fn('Consumer', { timeout, events: 'Jobs:\n  Type: SQS\n  Properties:\n    Queue: !GetAtt Jobs.Arn' }), `Jobs:\n  Type: AWS::SQS::Queue${queueProperties}`], head),
    '/src/consumer.ts': 'export const handler = async () => 1;',
  });
}

test("timeout-chain: an SQS consumer whose Timeout exceeds the queue's VisibilityTimeout is an error on the event", () => {
  const unset = found(consumer(60, ''), 'timeout-chain');
  assert.deepEqual(unset.map((r) => `${r.at} ${r.severity}`), ["/template.yaml:14:9 'Jobs' error"]);
  assert.match(unset[0].message, /Timeout \(60 s\) is longer than Jobs's VisibilityTimeout \(30 s\)/);
  assert.equal(found(consumer(60, '\n  Properties:\n    VisibilityTimeout: 120'), 'timeout-chain').length, 0);
  assert.equal(found(consumer(30, ''), 'timeout-chain').length, 0);
  const parameter = found(consumer(25, '\n  Properties:\n    VisibilityTimeout: !Ref Visibility', 'Parameters:\n  Visibility:\n    Type: Number\n    Default: 20'), 'timeout-chain');
  assert.match(parameter[0].message, /VisibilityTimeout \(20 s\)/);
});

test('a severity override in the settings wins over the severity a rule gives a finding', () => {
  const overridden = diagnose(consumer(60, '').analysis, { 'timeout-chain': 'hint' }).filter((d) => d.code === 'timeout-chain');
  assert.deepEqual(overridden.map((d) => d.severity), ['hint']);
  assert.deepEqual(diagnose(consumer(60, '').analysis, { 'timeout-chain': 'off' }).filter((d) => d.code === 'timeout-chain'), []);
});
