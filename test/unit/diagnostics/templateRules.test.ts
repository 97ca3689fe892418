// The template rules on inline workspaces: resource-limit (the estimate and its thresholds), duplicate-route and orphan-resource.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, estimateResources, hover } from '../../../server/src/core/index';
import { showSpan, type Fixture } from '../../support/fixture';
import { fn, sam, table, workspace } from '../impact/workspace';

function found(fixture: Fixture, code: string): string[] {
  return diagnose(fixture.analysis)
    .filter((d) => d.code === code)
    .map((d) => `${showSpan(fixture, d.span)} ${d.severity}: ${d.message}`);
}

/** `count` functions with one implicit-API event each: 3 resources per function, plus the implicit API (3). */
function apiFunctions(count: number, extra = ''): Fixture {
  const resources = Array.from({ length: count }, (_, i) => fn(`Fn${i}`, { events: `Get:\n  Type: Api\n  Properties:\n    Path: /r${i}\n    Method: get`, extra }));
  return workspace({ '/template.yaml': sam(resources) });
}

test('resource-limit estimates the SAM transform: function, role, permission per event, the implicit API once, aliases', () => {
  const template = (fixture: Fixture) => fixture.analysis.templates[0];
  const plain = apiFunctions(10);
  assert.equal(estimateResources(plain.analysis, template(plain)).estimated, 10 * 3 + 3);
  const aliased = apiFunctions(10, 'AutoPublishAlias: live');
  assert.equal(estimateResources(aliased.analysis, template(aliased)).estimated, 10 * 5 + 3);
  const withRoles = apiFunctions(10, 'Role: arn:aws:iam::123456789012:role/given');
  assert.equal(estimateResources(withRoles.analysis, template(withRoles)).estimated, 10 * 2 + 3);
});

test('resource-limit: info from 80%, warning from 90%, error over 500, on the Resources key', () => {
  assert.deepEqual(found(apiFunctions(132), 'resource-limit'), []);
  const info = found(apiFunctions(134), 'resource-limit');
  assert.equal(info.length, 1);
  assert.match(info[0], /^\/template\.yaml:7:1 'Resources' info: About 405 resources after the SAM transform: 81% of the limit of 500/);
  assert.match(found(apiFunctions(150), 'resource-limit')[0], /'Resources' warning: About 453 resources .*: 91% of the limit of 500/);
  assert.match(found(apiFunctions(170), 'resource-limit')[0], /'Resources' error: About 513 resources .*: over the limit of 500; CloudFormation will refuse it/);
});

test('resource-limit: outputs, parameters and mappings against 200', () => {
  const outputs = Array.from({ length: 205 }, (_, i) => `  O${i}:\n    Value: v`).join('\n');
  const fixture = workspace({ '/template.yaml': `Resources:\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n${outputs}` });
  assert.deepEqual(
    found(fixture, 'resource-limit').map((l) => l.split(':').slice(0, 4).join(':')),
    ["/template.yaml:4:1 'Outputs' error: 205 outputs"],
  );
});

test('hover on Resources shows the estimate and where it comes from', () => {
  const fixture = apiFunctions(4, 'AutoPublishAlias: live');
  const text = fixture.files.get('/ws/template.yaml')!;
  const card = hover(fixture.analysis, '/ws/template.yaml', text.indexOf('Resources:') + 3)!.markdown;
  assert.match(card, /about 23 of 500/);
  assert.match(card, /Written in the template: 4/);
  assert.match(card, /Versions and aliases \(`AutoPublishAlias`\): \+8/);
  assert.match(card, /Implicit APIs .*: \+3/);
});

test('duplicate-route: the same method and path twice on one API, parameter names aside', () => {
  const fixture = workspace({
    '/template.yaml': sam([
      fn('GetItem', { events: 'Get:\n  Type: Api\n  Properties:\n    Path: /items/{id}\n    Method: get' }),
      fn('ReadItem', { events: 'Get:\n  Type: Api\n  Properties:\n    Path: /items/{itemId}/\n    Method: GET' }),
      fn('PutItem', { events: 'Put:\n  Type: Api\n  Properties:\n    Path: /items/{id}\n    Method: put' }),
      fn('Other', { events: 'Get:\n  Type: Api\n  Properties:\n    RestApiId: !Ref Admin\n    Path: /items/{id}\n    Method: get' }),
      'Admin:\n  Type: AWS::Serverless::Api\n  Properties:\n    StageName: prod',
    ]),
  });
  assert.deepEqual(found(fixture, 'duplicate-route'), [
    "/template.yaml:26:19 '/items/{itemId}/' error: GET /items/{itemId}/ is already routed on ServerlessRestApi to GetItem (template.yaml:16): the SAM transform rejects the second one (\"integration already exists\"). Remove one route or change its method or path.",
  ]);
});

test('duplicate-route: functions under a condition are alternatives, not duplicates', () => {
  const fixture = workspace({
    '/template.yaml': sam(
      [fn('Old', { events: 'Get:\n  Type: Api\n  Properties:\n    Path: /x\n    Method: get' }), fn('New', { events: 'Get:\n  Type: Api\n  Properties:\n    Path: /x\n    Method: get' }) + '\n  Condition: UseNew'],
      'Conditions:\n  UseNew: !Equals [a, b]',
    ),
  });
  assert.deepEqual(found(fixture, 'duplicate-route'), []);
});

test('orphan-resource: only a queue, topic or table nothing uses at all', () => {
  const fixture = workspace({
    '/template.yaml': sam([
      fn('Reader', { env: { TABLE: '!Ref ReadOnlyTable' } }),
      'ReadOnlyTable:\n  Type: AWS::DynamoDB::Table',
      'Forgotten:\n  Type: AWS::SQS::Queue',
      'PolicyOnly:\n  Type: AWS::SQS::Queue',
      'PolicyOnlyPolicy:\n  Type: AWS::SQS::QueuePolicy\n  Properties:\n    Queues: [!Ref PolicyOnly]\n    PolicyDocument: {}',
      'Main:\n  Type: AWS::SQS::Queue\n  Properties:\n    RedrivePolicy:\n      deadLetterTargetArn: !GetAtt Dead.Arn\n      maxReceiveCount: 3',
      'Dead:\n  Type: AWS::SQS::Queue',
      'Named:\n  Type: AWS::SNS::Topic\n  Properties:\n    TopicName: alerts',
      'Exported:\n  Type: AWS::SNS::Topic',
      'Connected:\n  Type: AWS::DynamoDB::Table',
      'Link:\n  Type: AWS::Serverless::Connector\n  Properties:\n    Source: {Id: Reader}\n    Destination: {Id: Connected}\n    Permissions: [Read]',
    ]) + '\nOutputs:\n  TopicArn:\n    Value: !Ref Exported',
    '/src/reader.ts': table('get', 'TABLE'),
  });
  assert.deepEqual(
    found(fixture, 'orphan-resource').map((l) => l.split(': ')[0]),
    ["/template.yaml:17:3 'Forgotten' info", "/template.yaml:19:3 'PolicyOnly' info", "/template.yaml:26:3 'Main' info"],
  );
});

