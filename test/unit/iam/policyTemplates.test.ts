// Tests the SAM policy template data (names, parameters, real actions) and its expansion with parameters.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  expandPolicyTemplate,
  getPolicyTemplate,
  policyTemplateNames,
} from '../../../server/src/core/iam/policyTemplates';
import { actionExists } from '../../../server/src/core/iam/iamData';
import { expandActionPattern, isGranted } from '../../../server/src/core/iam/match';

const pseudo = { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '123456789012' };

function placeholders(text: string): string[] {
  return [...text.matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1]);
}

function actionIsReal(action: string): boolean {
  return /[*?]/.test(action) ? expandActionPattern(action).length > 0 : actionExists(action);
}

test('the documented templates are all there, once each', () => {
  const names = policyTemplateNames();
  assert.equal(names.length, 81);
  assert.equal(new Set(names).size, names.length);
  for (const name of [
    'DynamoDBCrudPolicy', 'DynamoDBReadPolicy', 'DynamoDBWritePolicy', 'DynamoDBStreamReadPolicy', 'SQSPollerPolicy',
    'SQSSendMessagePolicy', 'SNSPublishMessagePolicy', 'LambdaInvokePolicy', 'EventBridgePutEventsPolicy',
    'StepFunctionsExecutionPolicy', 'S3ReadPolicy', 'S3WritePolicy', 'S3CrudPolicy', 'S3FullAccessPolicy',
    'KMSDecryptPolicy', 'SSMParameterReadPolicy', 'SSMParameterWithSlashPrefixReadPolicy',
    'AWSSecretsManagerGetSecretValuePolicy', 'SESBulkTemplatedCrudPolicy_v2', 'EFSWriteAccessPolicy',
    'Route53ChangeResourceRecordSetsPolicy', 'AcmGetCertificatePolicy', 'CostExplorerReadOnlyPolicy',
  ]) {
    assert.ok(getPolicyTemplate(name), `${name} is encoded`);
  }
  assert.equal(getPolicyTemplate('dynamodbcrudpolicy'), undefined, 'names are case-sensitive');
});

test('every placeholder is a declared parameter or a pseudo parameter, and every parameter is used', () => {
  for (const name of policyTemplateNames()) {
    const template = getPolicyTemplate(name)!;
    const used = new Set<string>();
    for (const statement of template.statements) {
      const texts = [
        ...statement.resources,
        ...Object.values(statement.condition ?? {}).flatMap((keys) => Object.values(keys).flat()),
      ];
      for (const key of texts.flatMap(placeholders)) {
        if (!key.startsWith('AWS::')) used.add(key);
        else assert.ok(['AWS::Partition', 'AWS::Region', 'AWS::AccountId'].includes(key), `${name}: ${key}`);
      }
    }
    assert.deepEqual([...used].sort(), [...template.parameters].sort(), name);
  }
});

test('every action in the templates is a real IAM action, except the batch ones SAM lists for SQS', () => {
  const unknown = new Set<string>();
  for (const name of policyTemplateNames()) {
    for (const statement of getPolicyTemplate(name)!.statements) {
      assert.ok(statement.actions.length > 0, name);
      for (const action of statement.actions) if (!actionIsReal(action)) unknown.add(action);
    }
  }
  // SQSPollerPolicy names these although IAM authorises the batch APIs through the single-message actions.
  assert.deepEqual([...unknown].sort(), ['sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessageBatch']);
});

test('DynamoDBCrudPolicy expands to the CRUD actions on the table and its indexes', () => {
  const expansion = expandPolicyTemplate('DynamoDBCrudPolicy', { TableName: 'Orders' })!;
  assert.deepEqual(expansion.missing, []);
  assert.equal(expansion.statements.length, 1);
  const [statement] = expansion.statements;
  assert.equal(statement.effect, 'Allow');
  assert.equal(statement.source, 'DynamoDBCrudPolicy');
  assert.deepEqual([...statement.actions].sort(), [
    'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem',
    'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan',
    'dynamodb:UpdateItem',
  ]);
  assert.deepEqual(statement.resources, [
    'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/Orders',
    'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/Orders/index/*',
  ]);
});

test('pseudo parameters are replaced when supplied', () => {
  const expansion = expandPolicyTemplate('DynamoDBReadPolicy', { TableName: 'Orders', ...pseudo })!;
  assert.deepEqual(expansion.statements[0].resources, [
    'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders',
    'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/index/*',
  ]);
  assert.deepEqual(expansion.unexpected, []);
});

test('a missing parameter is reported and its placeholder kept', () => {
  const expansion = expandPolicyTemplate('DynamoDBStreamReadPolicy', { TableName: 'Orders' })!;
  assert.deepEqual(expansion.missing, ['StreamName']);
  assert.equal(
    expansion.statements[0].resources[0],
    'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/Orders/stream/${StreamName}',
  );
  assert.deepEqual(expandPolicyTemplate('SQSPollerPolicy', {})!.missing, ['QueueName']);
  assert.deepEqual(expandPolicyTemplate('CloudWatchPutMetricPolicy', {})!.missing, []);
});

test('unknown templates give undefined and unknown parameters are reported', () => {
  assert.equal(expandPolicyTemplate('NoSuchPolicy', {}), undefined);
  const expansion = expandPolicyTemplate('SQSSendMessagePolicy', { QueueName: 'jobs', Queue: 'typo' })!;
  assert.deepEqual(expansion.unexpected, ['Queue']);
});

test('conditions are expanded too', () => {
  const expansion = expandPolicyTemplate('EFSWriteAccessPolicy', { FileSystem: 'fs-1', AccessPoint: 'fsap-2', ...pseudo })!;
  const [statement] = expansion.statements;
  assert.deepEqual(statement.resources, ['arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1']);
  assert.deepEqual(statement.condition, {
    StringEquals: { 'elasticfilesystem:AccessPointArn': ['arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-2'] },
  });
});

test('expansion does not change the template data', () => {
  const first = expandPolicyTemplate('S3ReadPolicy', { BucketName: 'one' })!;
  first.statements[0].actions.push('s3:DeleteObject');
  const second = expandPolicyTemplate('S3ReadPolicy', { BucketName: 'two' })!;
  assert.ok(!second.statements[0].actions.includes('s3:DeleteObject'));
  assert.ok(second.statements[0].resources.every((resource) => resource.includes(':::two')));
});

test('expanded templates grant what they say, and only there', () => {
  const crud = expandPolicyTemplate('DynamoDBCrudPolicy', { TableName: 'Orders', ...pseudo })!.statements;
  const table = 'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders';
  assert.ok(isGranted(crud, 'dynamodb:PutItem', table));
  assert.ok(isGranted(crud, 'dynamodb:Query', `${table}/index/byCustomer`));
  assert.ok(!isGranted(crud, 'dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:123456789012:table/Other'));
  assert.ok(!isGranted(crud, 'dynamodb:DeleteTable', table));

  const read = expandPolicyTemplate('S3ReadPolicy', { BucketName: 'media', ...pseudo })!.statements;
  assert.ok(isGranted(read, 's3:GetObject', 'arn:aws:s3:::media/photos/cat.jpg'));
  assert.ok(isGranted(read, 's3:ListBucket', 'arn:aws:s3:::media'));
  assert.ok(!isGranted(read, 's3:PutObject', 'arn:aws:s3:::media/photos/cat.jpg'));

  const send = expandPolicyTemplate('SQSSendMessagePolicy', { QueueName: 'jobs', ...pseudo })!.statements;
  assert.ok(isGranted(send, 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:123456789012:jobs'));
  assert.ok(!isGranted(send, 'sqs:ReceiveMessage', 'arn:aws:sqs:eu-west-1:123456789012:jobs'));

  const invoke = expandPolicyTemplate('LambdaInvokePolicy', { FunctionName: 'auth', ...pseudo })!.statements;
  assert.ok(isGranted(invoke, 'lambda:InvokeFunction', 'arn:aws:lambda:eu-west-1:123456789012:function:auth:live'));
});
