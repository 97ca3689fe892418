// Tests the managed policy documents (real actions), their ARNs with paths, and lookups from ARNs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  getManagedPolicy,
  managedPolicyArn,
  managedPolicyNameFromArn,
  managedPolicyNames,
  managedPolicyStatements,
  parseManagedPolicyArn,
} from '../../../server/src/core/iam/managedPolicies';
import { actionExists } from '../../../server/src/core/iam/iamData';
import { expandActionPattern, isGranted } from '../../../server/src/core/iam/match';

test('the commonly attached managed policies are known', () => {
  for (const name of [
    'AWSLambdaBasicExecutionRole', 'AWSLambdaVPCAccessExecutionRole', 'AWSXrayWriteOnlyAccess',
    'AWSXRayDaemonWriteAccess', 'AWSLambdaSQSQueueExecutionRole', 'AWSLambdaDynamoDBExecutionRole',
    'AWSLambdaKinesisExecutionRole', 'AWSLambdaRole', 'AWSLambdaExecute', 'AmazonS3ReadOnlyAccess',
    'AmazonS3FullAccess', 'AmazonDynamoDBReadOnlyAccess', 'AmazonDynamoDBFullAccess', 'AmazonSQSFullAccess',
    'AmazonSNSFullAccess', 'CloudWatchLogsFullAccess', 'AmazonEventBridgeFullAccess', 'AWSStepFunctionsFullAccess',
  ]) {
    assert.ok(managedPolicyNames().includes(name), name);
  }
});

test('every action in the managed policies is a real IAM action or matches one', () => {
  const unknown: string[] = [];
  for (const name of managedPolicyNames()) {
    for (const statement of managedPolicyStatements(name)!) {
      for (const action of statement.actions) {
        const real = /[*?]/.test(action) ? expandActionPattern(action).length > 0 : actionExists(action);
        if (!real) unknown.push(`${name}: ${action}`);
      }
    }
  }
  assert.deepEqual(unknown, []);
});

test('ARNs carry the service-role path where AWS puts it', () => {
  assert.equal(
    managedPolicyArn('AWSLambdaBasicExecutionRole'),
    'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  );
  assert.equal(
    managedPolicyArn('AWSLambdaSQSQueueExecutionRole', '${AWS::Partition}'),
    'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
  );
  assert.equal(managedPolicyArn('AWSLambdaExecute'), 'arn:aws:iam::aws:policy/AWSLambdaExecute');
  assert.equal(managedPolicyArn('AmazonS3ReadOnlyAccess', 'aws-cn'), 'arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess');
  assert.equal(managedPolicyArn('SomethingElse'), undefined);
});

test('ARNs map back to names, with or without the partition pseudo parameter', () => {
  assert.equal(
    managedPolicyNameFromArn('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'),
    'AWSLambdaVPCAccessExecutionRole',
  );
  assert.equal(managedPolicyNameFromArn('arn:aws:iam::aws:policy/AmazonSQSFullAccess'), 'AmazonSQSFullAccess');
  assert.equal(managedPolicyNameFromArn('arn:aws:iam::123456789012:policy/MyPolicy'), undefined);
  assert.equal(managedPolicyNameFromArn('AmazonSQSFullAccess'), undefined);
  for (const name of managedPolicyNames()) {
    assert.equal(managedPolicyNameFromArn(managedPolicyArn(name)!), name);
    assert.equal(parseManagedPolicyArn(managedPolicyArn(name)!)!.pathMatches, true, name);
  }
});

test('a wrong path and an unknown policy are told apart', () => {
  const wrongPath = parseManagedPolicyArn('arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole')!;
  assert.equal(wrongPath.known, true);
  assert.equal(wrongPath.pathMatches, false);
  const unknown = parseManagedPolicyArn('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')!;
  assert.deepEqual(
    { name: unknown.name, path: unknown.path, known: unknown.known },
    { name: 'ViewOnlyAccess', path: '/job-function/', known: false },
  );
  assert.equal(getManagedPolicy('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'), undefined);
  assert.equal(managedPolicyStatements('ViewOnlyAccess'), undefined);
});

test('lookups by name and by ARN give the same document, as independent copies', () => {
  const byName = managedPolicyStatements('AWSLambdaBasicExecutionRole')!;
  const byArn = managedPolicyStatements('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')!;
  assert.deepEqual(byName, byArn);
  assert.equal(byName[0].source, 'AWSLambdaBasicExecutionRole');
  byName[0].actions.push('iam:*');
  assert.ok(!managedPolicyStatements('AWSLambdaBasicExecutionRole')![0].actions.includes('iam:*'));
});

test('managed policies grant what AWS documents', () => {
  const basic = managedPolicyStatements('AWSLambdaBasicExecutionRole')!;
  const logStream = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/orders:log-stream:abc';
  assert.ok(isGranted(basic, 'logs:PutLogEvents', logStream));
  assert.ok(!isGranted(basic, 's3:GetObject', 'arn:aws:s3:::bucket/key'));

  const s3Read = managedPolicyStatements('AmazonS3ReadOnlyAccess')!;
  assert.ok(isGranted(s3Read, 's3:GetObject', 'arn:aws:s3:::bucket/key'));
  assert.ok(isGranted(s3Read, 's3:ListBucket', 'arn:aws:s3:::bucket'));
  assert.ok(!isGranted(s3Read, 's3:PutObject', 'arn:aws:s3:::bucket/key'));

  const execute = managedPolicyStatements('AWSLambdaExecute')!;
  assert.ok(isGranted(execute, 's3:PutObject', 'arn:aws:s3:::bucket/key'));
  assert.ok(!isGranted(execute, 's3:DeleteObject', 'arn:aws:s3:::bucket/key'));

  const dynamoRead = managedPolicyStatements('AmazonDynamoDBReadOnlyAccess')!;
  const table = 'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders';
  assert.ok(isGranted(dynamoRead, 'dynamodb:DescribeTable', table));
  assert.ok(!isGranted(dynamoRead, 'dynamodb:PutItem', table));
});
