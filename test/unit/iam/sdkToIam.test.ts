// Tests the SDK operation → IAM action table: documented exceptions, the default rule and name forms.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  exceptionTableActions,
  iamActionMapping,
  iamActionsFor,
  iamPrefixFor,
  normalizeOperation,
  serviceAliasTable,
} from '../../../server/src/core/iam/sdkToIam';
import { actionExists, serviceExists } from '../../../server/src/core/iam/iamData';

test('every action in the exception table is a real IAM action', () => {
  const unknown = exceptionTableActions().filter((action) => !actionExists(action));
  assert.deepEqual(unknown, []);
});

test('every aliased IAM prefix is a real IAM service', () => {
  const unknown = Object.values(serviceAliasTable()).filter((prefix) => !serviceExists(prefix));
  assert.deepEqual(unknown, []);
});

test('the documented exceptions', () => {
  const cases: [string, string, string[]][] = [
    ['s3', 'ListObjectsV2', ['s3:ListBucket']],
    ['s3', 'ListObjects', ['s3:ListBucket']],
    ['s3', 'HeadObject', ['s3:GetObject']],
    ['s3', 'GetObject', ['s3:GetObject']],
    ['s3', 'HeadBucket', ['s3:ListBucket']],
    ['s3', 'CopyObject', ['s3:PutObject', 's3:GetObject']],
    ['s3', 'CreateMultipartUpload', ['s3:PutObject']],
    ['s3', 'UploadPart', ['s3:PutObject']],
    ['s3', 'CompleteMultipartUpload', ['s3:PutObject']],
    ['s3', 'AbortMultipartUpload', ['s3:AbortMultipartUpload']],
    ['s3', 'DeleteObjects', ['s3:DeleteObject']],
    ['s3', 'PutObjectAcl', ['s3:PutObjectAcl']],
    ['dynamodb', 'TransactWriteItems', ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem']],
    ['dynamodb', 'TransactGetItems', ['dynamodb:GetItem']],
    ['dynamodb', 'BatchWriteItem', ['dynamodb:BatchWriteItem']],
    ['dynamodb', 'BatchGetItem', ['dynamodb:BatchGetItem']],
    ['sqs', 'SendMessageBatch', ['sqs:SendMessage']],
    ['sqs', 'DeleteMessageBatch', ['sqs:DeleteMessage']],
    ['sqs', 'ChangeMessageVisibilityBatch', ['sqs:ChangeMessageVisibility']],
    ['sns', 'PublishBatch', ['sns:Publish']],
    ['lambda', 'Invoke', ['lambda:InvokeFunction']],
    ['lambda', 'InvokeAsync', ['lambda:InvokeFunction']],
    ['lambda', 'InvokeWithResponseStream', ['lambda:InvokeFunction']],
    ['apigatewaymanagementapi', 'PostToConnection', ['execute-api:ManageConnections']],
    ['apigatewaymanagementapi', 'GetConnection', ['execute-api:ManageConnections']],
    ['apigatewaymanagementapi', 'DeleteConnection', ['execute-api:ManageConnections']],
    ['sts', 'GetCallerIdentity', []],
    ['kinesis', 'PutRecords', ['kinesis:PutRecords']],
    ['sfn', 'StartSyncExecution', ['states:StartSyncExecution']],
  ];
  for (const [service, operation, expected] of cases) {
    assert.deepEqual(iamActionsFor(service, operation), expected, `${service} ${operation}`);
  }
});

test('the default rule gives real actions for common calls, through the prefix aliases', () => {
  const calls: [string, string, string][] = [
    ['sqs', 'SendMessage', 'sqs:SendMessage'],
    ['sqs', 'ReceiveMessage', 'sqs:ReceiveMessage'],
    ['sns', 'Publish', 'sns:Publish'],
    ['eventbridge', 'PutEvents', 'events:PutEvents'],
    ['sfn', 'StartExecution', 'states:StartExecution'],
    ['sfn', 'SendTaskSuccess', 'states:SendTaskSuccess'],
    ['dynamodb', 'Query', 'dynamodb:Query'],
    ['dynamodb', 'PutItem', 'dynamodb:PutItem'],
    ['s3', 'PutObject', 's3:PutObject'],
    ['secretsmanager', 'GetSecretValue', 'secretsmanager:GetSecretValue'],
    ['ssm', 'GetParametersByPath', 'ssm:GetParametersByPath'],
    ['ses', 'SendRawEmail', 'ses:SendRawEmail'],
    ['sesv2', 'SendEmail', 'ses:SendEmail'],
    ['kms', 'GenerateDataKey', 'kms:GenerateDataKey'],
    ['cloudwatch', 'PutMetricData', 'cloudwatch:PutMetricData'],
    ['cognito-idp', 'AdminGetUser', 'cognito-idp:AdminGetUser'],
    ['firehose', 'PutRecordBatch', 'firehose:PutRecordBatch'],
    ['athena', 'StartQueryExecution', 'athena:StartQueryExecution'],
    ['cloudwatch-logs', 'PutLogEvents', 'logs:PutLogEvents'],
    ['scheduler', 'CreateSchedule', 'scheduler:CreateSchedule'],
    ['bedrock-runtime', 'InvokeModel', 'bedrock:InvokeModel'],
    ['iot-data-plane', 'Publish', 'iot:Publish'],
    ['sagemaker-runtime', 'InvokeEndpoint', 'sagemaker:InvokeEndpoint'],
    ['dynamodb-streams', 'GetRecords', 'dynamodb:GetRecords'],
    ['appconfigdata', 'StartConfigurationSession', 'appconfig:StartConfigurationSession'],
    ['timestream-write', 'WriteRecords', 'timestream:WriteRecords'],
    ['stepfunctions', 'StartExecution', 'states:StartExecution'],
    ['CognitoIdentityServiceProvider', 'ListUsers', 'cognito-idp:ListUsers'],
  ];
  for (const [service, operation, expected] of calls) {
    const actions = iamActionsFor(service, operation);
    assert.deepEqual(actions, [expected], `${service} ${operation}`);
    assert.ok(actionExists(expected), `${expected} is a real action`);
  }
});

test('operation names in any SDK spelling', () => {
  assert.equal(normalizeOperation('SendMessageCommand'), 'SendMessage');
  assert.equal(normalizeOperation('sendMessage'), 'SendMessage');
  assert.equal(normalizeOperation('send_message'), 'SendMessage');
  assert.equal(normalizeOperation('list_objects_v2'), 'ListObjectsV2');
  assert.equal(normalizeOperation('Command'), 'Command');
  assert.deepEqual(iamActionsFor('s3', 'list_objects_v2'), ['s3:ListBucket']);
  assert.deepEqual(iamActionsFor('sqs', 'sendMessageBatch'), ['sqs:SendMessage']);
  assert.deepEqual(iamActionsFor('dynamodb', 'put'), ['dynamodb:PutItem'], 'DocumentClient put');
  assert.deepEqual(iamActionsFor('dynamodb', 'BatchWrite'), ['dynamodb:BatchWriteItem'], 'lib-dynamodb BatchWrite');
});

test('prefixes, flags and the fallbacks', () => {
  assert.equal(iamPrefixFor('EventBridge'), 'events');
  assert.equal(iamPrefixFor('sfn'), 'states');
  assert.equal(iamPrefixFor('cognito-idp'), 'cognito-idp');
  assert.equal(iamPrefixFor('constructor'), 'constructor');
  assert.deepEqual(iamActionsFor('someservice', 'DoThing'), ['someservice:DoThing']);
  assert.deepEqual(iamActionsFor('s3', ''), []);
  assert.deepEqual(iamActionMapping('dynamodb', 'TransactWriteItems').dependsOnArguments, true);
  assert.deepEqual(iamActionMapping('sqs', 'SendMessageBatch'), {
    actions: ['sqs:SendMessage'],
    dependsOnArguments: false,
    exception: true,
  });
  assert.deepEqual(iamActionMapping('sqs', 'SendMessage').exception, false);
  assert.deepEqual(iamActionMapping('dynamodb', 'ExecuteStatement').actions.length, 4);
});
