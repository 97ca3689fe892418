// Truth tables for IAM action and resource matching, and the Allow/Deny decision.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actionMatches,
  evaluate,
  expandActionPattern,
  isGranted,
  resourceMatches,
  wildcardMatch,
} from '../../../server/src/core/iam/match';
import { actionsForService } from '../../../server/src/core/iam/iamData';
import type { Statement } from '../../../server/src/core/iam/statement';

test('action patterns', () => {
  const table: [string, string, boolean][] = [
    ['dynamodb:*Item', 'dynamodb:PutItem', true],
    ['dynamodb:*Item', 'dynamodb:BatchWriteItem', true],
    ['dynamodb:*Item', 'dynamodb:Query', false],
    ['dynamodb:Get*Item', 'dynamodb:GetItem', true],
    ['s3:Get*', 's3:GetObject', true],
    ['s3:Get*', 's3:getobjectacl', true],
    ['s3:Get*', 's3:PutObject', false],
    ['s3:Get*', 'sqs:GetQueueUrl', false],
    ['s3:Get', 's3:GetObject', false],
    ['S3:GETOBJECT', 's3:GetObject', true],
    ['s3:GetObject', 'S3:getObject', true],
    ['sqs:SendMessage?atch', 'sqs:SendMessageBatch', true],
    ['sqs:?endMessage', 'sqs:SendMessage', true],
    ['sqs:SendMessage?', 'sqs:SendMessage', false],
    ['*', 'kms:Decrypt', true],
    ['s3:*', 's3:ListBucket', true],
    ['s3:*', 's3-object-lambda:GetObject', false],
    ['*:GetObject', 's3:GetObject', true],
    ['s3*', 's3:GetObject', false],
    ['s3:*', 's3', false],
  ];
  for (const [pattern, action, expected] of table) {
    assert.equal(actionMatches(pattern, action), expected, `${pattern} vs ${action}`);
  }
});

test('resource patterns', () => {
  const table: [string, string, boolean][] = [
    ['*', 'arn:aws:sqs:eu-west-1:123456789012:jobs', true],
    ['*', 'anything at all', true],
    ['arn:aws:s3:::media/*', 'arn:aws:s3:::media/a/b.txt', true],
    ['arn:aws:s3:::media/*', 'arn:aws:s3:::media', false],
    ['arn:aws:s3:::Media/*', 'arn:aws:s3:::media/a', false],
    ['arn:aws:s3:::*', 'arn:aws:s3:::media/a', true],
    ['arn:aws:dynamodb:*:*:table/Orders', 'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders', true],
    ['arn:aws:dynamodb:*:*:table/Orders', 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders', false],
    ['arn:aws:dynamodb:*:123456789012:table/Orders', 'arn:aws:dynamodb:eu-west-1:999999999999:table/Orders', false],
    ['arn:aws:dynamodb:eu-*:*:table/Orders', 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders', false],
    ['arn:aws:logs:*:*:*', 'arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/x:log-stream:y', true],
    ['arn:aws:sqs:eu-west-1:123:queue-?', 'arn:aws:sqs:eu-west-1:123:queue-1', true],
    ['arn:aws:sqs:eu-west-1:123:queue-?', 'arn:aws:sqs:eu-west-1:123:queue-12', false],
    // A wildcard stays inside its ARN segment: the region `*` cannot also swallow the account.
    ['arn:aws:lambda:*:function:f', 'arn:aws:lambda:eu-west-1:123:function:f', false],
    ['arn:aws:lambda:*:*:function:f*', 'arn:aws:lambda:eu-west-1:123:function:f:live', true],
  ];
  for (const [pattern, arn, expected] of table) {
    assert.equal(resourceMatches(pattern, arn), expected, `${pattern} vs ${arn}`);
  }
});

test('placeholders are literal unless asked to be wildcards', () => {
  const pattern = 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs';
  const arn = 'arn:aws:sqs:eu-west-1:123456789012:jobs';
  assert.equal(resourceMatches(pattern, arn), false);
  assert.equal(resourceMatches(pattern, arn, { placeholdersAsWildcards: true }), true);
  assert.equal(resourceMatches(pattern, 'arn:aws:sqs:eu-west-1:123456789012:other', { placeholdersAsWildcards: true }), false);
  assert.equal(resourceMatches(pattern, pattern), true);
});

test('the glob does not blow up on many stars', () => {
  const started = Date.now();
  assert.equal(wildcardMatch('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000)), false);
  assert.ok(Date.now() - started < 1000);
});

const allow = (actions: string[], resources: string[], extra: Partial<Statement> = {}): Statement => ({
  effect: 'Allow', actions, resources, ...extra,
});
const deny = (actions: string[], resources: string[], extra: Partial<Statement> = {}): Statement => ({
  effect: 'Deny', actions, resources, ...extra,
});
const table = 'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders';
const object = 'arn:aws:s3:::media/a.jpg';

test('allow by pattern, and implicit deny otherwise', () => {
  const statements = [allow(['dynamodb:*Item'], [table])];
  assert.equal(isGranted(statements, 'dynamodb:PutItem', table), true);
  assert.equal(isGranted(statements, 'dynamodb:Query', table), false);
  assert.equal(isGranted(statements, 'dynamodb:PutItem', `${table}2`), false);
  assert.equal(evaluate([], 's3:GetObject', object).decision, 'implicitDeny');
});

test('an explicit Deny wins over any Allow', () => {
  const statements = [allow(['s3:*'], ['*']), deny(['s3:DeleteObject'], ['arn:aws:s3:::media/*'])];
  const result = evaluate(statements, 's3:DeleteObject', object);
  assert.equal(result.decision, 'denied');
  assert.deepEqual(result.deniedBy, [statements[1]]);
  assert.deepEqual(result.allowedBy, [statements[0]]);
  assert.equal(isGranted(statements, 's3:GetObject', object), true);
  assert.equal(isGranted(statements, 's3:DeleteObject', 'arn:aws:s3:::other/a.jpg'), true);
});

test('NotAction and NotResource', () => {
  const everythingButIam = [allow([], ['*'], { notActions: ['iam:*'] })];
  assert.equal(isGranted(everythingButIam, 's3:GetObject', object), true);
  assert.equal(isGranted(everythingButIam, 'iam:CreateUser', '*'), false);

  const onlyGetObject = [allow(['s3:*'], ['*']), deny([], ['*'], { notActions: ['s3:GetObject'] })];
  assert.equal(isGranted(onlyGetObject, 's3:GetObject', object), true);
  assert.equal(isGranted(onlyGetObject, 's3:PutObject', object), false);

  const notSecret = [allow(['s3:GetObject'], [], { notResources: ['arn:aws:s3:::secret/*'] })];
  assert.equal(isGranted(notSecret, 's3:GetObject', object), true);
  assert.equal(isGranted(notSecret, 's3:GetObject', 'arn:aws:s3:::secret/key'), false);
});

test('conditions: optimistic by default, pessimistic or literal on request', () => {
  const condition = { StringEquals: { 'aws:SourceVpc': ['vpc-1'] } };
  const conditionalAllow = [allow(['s3:GetObject'], ['*'], { condition })];
  const optimistic = evaluate(conditionalAllow, 's3:GetObject', object);
  assert.equal(optimistic.decision, 'allowed');
  assert.equal(optimistic.conditional, true);
  assert.equal(isGranted(conditionalAllow, 's3:GetObject', object, { conditions: 'pessimistic' }), false);

  const guarded = [allow(['s3:*'], ['*']), deny(['s3:*'], ['*'], { condition })];
  assert.equal(isGranted(guarded, 's3:GetObject', object), true);
  assert.equal(isGranted(guarded, 's3:GetObject', object, { conditions: 'pessimistic' }), false);
  assert.equal(isGranted(guarded, 's3:GetObject', object, { conditions: 'literal' }), false);
  assert.equal(evaluate([allow(['s3:*'], ['*'])], 's3:GetObject', object).conditional, false);
});

test('expanding action patterns with the IAM data', () => {
  const send = expandActionPattern('sqs:SendMessage*');
  assert.ok(send.includes('sqs:SendMessage'));
  assert.ok(!send.includes('sqs:ReceiveMessage'));
  assert.ok(send.every((action) => actionMatches('sqs:SendMessage*', action)));
  assert.deepEqual(expandActionPattern('SQS:sendmessage'), ['sqs:SendMessage']);

  const items = expandActionPattern('dynamodb:*Item');
  for (const action of ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem',
    'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem']) {
    assert.ok(items.includes(action), action);
  }
  assert.ok(!items.includes('dynamodb:Query'));

  assert.equal(expandActionPattern('textract:*').length, actionsForService('textract').length);
  const across = expandActionPattern('s3*:GetObject');
  assert.ok(across.includes('s3:GetObject') && across.includes('s3-object-lambda:GetObject'));
  assert.deepEqual(expandActionPattern('nosuchservice:*'), []);
  assert.deepEqual(expandActionPattern('no-colon'), []);
});
