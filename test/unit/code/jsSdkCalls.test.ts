// Tests for SDK, HTTP and helper-call extraction from JavaScript/TypeScript, with traced arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeFacts } from '../../../server/src/core/model/types';
import { factsOf, onlyCall, slice } from './helpers';

const file = '/work/app/src/handler.ts';

function facts(source: string, path = file): CodeFacts {
  return factsOf(path, source);
}

test('SDK v3: send with inline command, command variable, and lib-dynamodb operations', () => {
  const source = `
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
const sqs = new SQSClient({});
const TABLE = process.env.TABLE ?? 'orders';
export async function handler(event, client) {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: 'x' }));
  const put = new PutCommand({ TableName: TABLE, Item: {} });
  await client.send(put);
  await client.send(new QueryCommand({ TableName: 'literal-table', Key: { id: 1 } }));
  await new SFNClient({}).send(new StartExecutionCommand({ stateMachineArn: \`\${process.env.SM_ARN}\` }));
}`;
  const result = facts(source);
  const send = onlyCall(result, 'SendMessage');
  assert.equal(send.service, 'sqs');
  assert.equal(send.sdk, 'v3');
  assert.equal(send.inFunction, 'handler');
  assert.deepEqual(send.args, { QueueUrl: { kind: 'env', name: 'QUEUE_URL' } });
  assert.ok(slice(source, send.span).startsWith('sqs.send('));

  const put = onlyCall(result, 'PutItem');
  assert.equal(put.sdk, 'lib-dynamodb');
  assert.equal(put.service, 'dynamodb');
  assert.deepEqual(put.args, { TableName: { kind: 'env', name: 'TABLE' } });
  assert.equal(slice(source, put.span), 'client.send(put)');

  assert.deepEqual(onlyCall(result, 'Query').args, { TableName: { kind: 'literal', value: 'literal-table' } });
  const start = onlyCall(result, 'StartExecution');
  assert.equal(start.service, 'sfn');
  assert.deepEqual(start.args.stateMachineArn, { kind: 'env', name: 'SM_ARN' });
  assert.equal(result.sdkCalls.length, 4, 'a command sent once is reported once');
});

test('SDK v3: command built by a local helper is traced through the helper arguments', () => {
  const source = `
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
const lambda = new LambdaClient({});
function invokeCommand(name, type = 'RequestResponse') {
  return new InvokeCommand({ FunctionName: name, InvocationType: type, Payload: '{}' });
}
export const handler = async () => {
  await lambda.send(invokeCommand(process.env.AUTH_FUNCTION, 'Event'));
  await lambda.send(invokeCommand('pricing'));
};`;
  const calls = facts(source).sdkCalls.filter((call) => call.operation === 'Invoke');
  assert.deepEqual(
    calls.map((call) => [call.service, call.inFunction, call.args]),
    [
      ['lambda', 'handler', { FunctionName: { kind: 'env', name: 'AUTH_FUNCTION' }, InvocationType: { kind: 'literal', value: 'Event' } }],
      ['lambda', 'handler', { FunctionName: { kind: 'literal', value: 'pricing' }, InvocationType: { kind: 'literal', value: 'RequestResponse' } }],
    ],
  );
});

test('SDK v3: helper parameters stay symbolic for callers to resolve', () => {
  const source = `
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
const client = new EventBridgeClient({});
const BUS = process.env.EVENT_BUS;
export const publish = async (detailType: string, detail: unknown) => {
  await client.send(new PutEventsCommand({
    Entries: [{ EventBusName: BUS, Source: 'shop', DetailType: detailType, Detail: JSON.stringify(detail) }],
  }));
};`;
  const call = onlyCall(facts(source), 'PutEvents');
  assert.equal(call.inFunction, 'publish');
  assert.deepEqual(call.entries, [
    { EventBusName: { kind: 'env', name: 'EVENT_BUS' }, Source: { kind: 'literal', value: 'shop' }, DetailType: { kind: 'param', index: 0, name: 'detailType' } },
  ]);
  assert.deepEqual(call.args.DetailType, { kind: 'param', index: 0, name: 'detailType' });
});

test('SDK v3: several PutEvents entries, TransactWrite and BatchWrite tables', () => {
  const source = `
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { TransactWriteCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
const { ORDERS, STOCK } = process.env;
export async function handler(db, bus) {
  await bus.send(new PutEventsCommand({ Entries: [{ DetailType: 'A', Source: 's' }, { DetailType: 'B', Source: 's' }] }));
  await db.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: ORDERS } }, { Update: { TableName: STOCK } }] }));
  await db.send(new BatchWriteCommand({ RequestItems: { [ORDERS]: [] } }));
}`;
  const result = facts(source);
  const events = onlyCall(result, 'PutEvents');
  assert.deepEqual(events.entries?.map((entry) => entry.DetailType), [
    { kind: 'literal', value: 'A' },
    { kind: 'literal', value: 'B' },
  ]);
  assert.deepEqual(onlyCall(result, 'TransactWriteItems').entries, [
    { TableName: { kind: 'env', name: 'ORDERS' } },
    { TableName: { kind: 'env', name: 'STOCK' } },
  ]);
  assert.deepEqual(onlyCall(result, 'BatchWriteItem').args, { TableName: { kind: 'env', name: 'ORDERS' } });
});

test('SDK v3: aggregated clients, namespace imports, DynamoDBDocument and lib-storage Upload', () => {
  const source = `
import { SQS } from '@aws-sdk/client-sqs';
import * as sns from '@aws-sdk/client-sns';
import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
const doc = DynamoDBDocument.from(new DynamoDBClient({}));
export const handler = async () => {
  await new SQS({}).sendMessage({ QueueUrl: 'https://q', MessageBody: '' });
  await new sns.SNSClient({}).send(new sns.PublishCommand({ TopicArn: process.env.TOPIC }));
  await doc.put({ TableName: 'things', Item: {} });
  await new Upload({ client: new S3Client({}), params: { Bucket: process.env.BUCKET, Key: 'a/b.txt', Body: '' } }).done();
};`;
  const result = facts(source);
  assert.deepEqual(onlyCall(result, 'SendMessage').args, { QueueUrl: { kind: 'literal', value: 'https://q' } });
  assert.equal(onlyCall(result, 'SendMessage').sdk, 'v3');
  const publish = onlyCall(result, 'Publish');
  assert.equal(publish.service, 'sns');
  assert.deepEqual(publish.args, { TopicArn: { kind: 'env', name: 'TOPIC' } });
  const put = onlyCall(result, 'PutItem');
  assert.equal(put.sdk, 'lib-dynamodb');
  assert.deepEqual(put.args, { TableName: { kind: 'literal', value: 'things' } });
  const upload = onlyCall(result, 'PutObject');
  assert.equal(upload.service, 's3');
  assert.deepEqual(upload.args, { Bucket: { kind: 'env', name: 'BUCKET' }, Key: { kind: 'literal', value: 'a/b.txt' } });
});

test('SDK v3: a command handed to a send wrapper is still reported where it is built', () => {
  const source = `
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { send } from '../lib/aws';
export const handler = async () => {
  await send(new SendMessageCommand({ QueueUrl: process.env.Q }));
};`;
  const result = facts(source);
  const call = onlyCall(result, 'SendMessage');
  assert.equal(slice(source, call.span), 'new SendMessageCommand({ QueueUrl: process.env.Q })');
  assert.equal(result.localCalls[0].imported, 'send');
});

test('SDK v2: client in a variable, inline client, DocumentClient, named import, typed class field', () => {
  const source = `
const AWS = require('aws-sdk');
const { SNS } = require('aws-sdk');
import { Kinesis } from 'aws-sdk';
const sqs = new AWS.SQS({ apiVersion: '2012-11-05' });
const docs = new AWS.DynamoDB.DocumentClient();
const params = { QueueUrl: process.env.QUEUE, MessageBody: 'hi' };
exports.handler = async (event) => {
  await sqs.sendMessage(params).promise();
  await new AWS.StepFunctions().startExecution({ stateMachineArn: 'arn:sm' }).promise();
  await docs.put({ TableName: process.env.TABLE, Item: {} }).promise();
  await new SNS().publish({ TopicArn: 'arn:topic', Message: '' }).promise();
  await new Kinesis().putRecord({ StreamName: 'stream', Data: '' }).promise();
};
const settings = new AWS.Config({ region: 'eu-west-1' });
settings.update({ region: 'us-east-1' });
class Store {
  private readonly s3: AWS.S3;
  constructor() { this.s3 = new AWS.S3(); }
  save() { return this.s3.putObject({ Bucket: 'b', Key: 'k' }).promise(); }
}`;
  const result = facts(source);
  for (const call of result.sdkCalls) assert.equal(call.sdk, 'v2');
  assert.deepEqual(onlyCall(result, 'SendMessage').args, { QueueUrl: { kind: 'env', name: 'QUEUE' } });
  assert.equal(onlyCall(result, 'SendMessage').inFunction, 'handler');
  assert.equal(onlyCall(result, 'StartExecution').service, 'sfn');
  assert.deepEqual(onlyCall(result, 'PutItem').args, { TableName: { kind: 'env', name: 'TABLE' } });
  assert.equal(onlyCall(result, 'PutItem').service, 'dynamodb');
  assert.equal(onlyCall(result, 'Publish').service, 'sns');
  assert.equal(onlyCall(result, 'PutRecord').service, 'kinesis');
  const putObject = onlyCall(result, 'PutObject');
  assert.equal(putObject.service, 's3');
  assert.equal(putObject.inFunction, undefined);
  assert.equal(result.sdkCalls.length, 6, 'promise() and constructors are not operations');
});

test('HTTP calls: fetch, axios methods, axios config and axios instances', () => {
  const source = `
import axios from 'axios';
const api = axios.create({ baseURL: process.env.API_URL });
export async function handler(id) {
  await fetch(\`\${process.env.AUTH_URL}/check\`, { method: 'post' });
  await fetch('https://example.com');
  await axios.get('https://pricing/' + id);
  await axios({ url: 'https://stock', method: 'put' });
  await api.delete('/items');
}`;
  const calls = facts(source).sdkCalls;
  assert.ok(calls.every((call) => call.service === 'http'));
  assert.deepEqual(
    calls.map((call) => [call.sdk, call.operation, call.args.url]),
    [
      ['fetch', 'POST', { kind: 'concat', parts: [{ kind: 'env', name: 'AUTH_URL' }, { kind: 'literal', value: '/check' }] }],
      ['fetch', 'GET', { kind: 'literal', value: 'https://example.com' }],
      ['axios', 'GET', { kind: 'concat', parts: [{ kind: 'literal', value: 'https://pricing/' }, { kind: 'param', index: 0, name: 'id' }] }],
      ['axios', 'PUT', { kind: 'literal', value: 'https://stock' }],
      ['axios', 'DELETE', { kind: 'concat', parts: [{ kind: 'env', name: 'API_URL' }, { kind: 'literal', value: '/items' }] }],
    ],
  );
});

test('tracing: constants, shorthand, spreads, function-level consts, fallbacks and unknowns', () => {
  const source = `
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { TOPIC_FROM_CONFIG } from './config';
const sns = new SNSClient({});
const PREFIX = 'arn:aws:sns:';
const base = { TopicArn: PREFIX + 'base' };
export async function handler(event) {
  const TopicArn = process.env.TOPIC || 'fallback';
  await sns.send(new PublishCommand({ TopicArn }));
  await sns.send(new PublishCommand({ ...base, Message: '' }));
  const local = \`\${PREFIX}\${process.env.REGION}:topic\`;
  await sns.send(new PublishCommand({ TopicArn: local }));
  await sns.send(new PublishCommand({ TopicArn: TOPIC_FROM_CONFIG }));
  await sns.send(new PublishCommand({ TopicArn: event.detail.topic }));
  await sns.send(new PublishCommand({ TopicArn: \`plain\` }));
}`;
  const arns = facts(source).sdkCalls.map((call) => call.args.TopicArn);
  assert.deepEqual(arns.slice(0, 3), [
    { kind: 'env', name: 'TOPIC' },
    { kind: 'literal', value: 'arn:aws:sns:base' },
    { kind: 'concat', parts: [{ kind: 'literal', value: 'arn:aws:sns:' }, { kind: 'env', name: 'REGION' }, { kind: 'literal', value: ':topic' }] },
  ]);
  assert.equal(arns[3].kind, 'unknown');
  assert.match((arns[3] as { reason: string }).reason, /\.\/config/);
  assert.equal(arns[4].kind, 'unknown');
  assert.match((arns[4] as { reason: string }).reason, /event\.detail\.topic/);
  assert.deepEqual(arns[5], { kind: 'literal', value: 'plain' });
});

test('local calls: named and namespace imports from relative modules, and same-file helpers', () => {
  const source = `
import { publish } from '../../lib/events';
import * as auth from './auth';
import { external } from 'some-package';
const QUEUE = process.env.QUEUE;
function helper(name) { return name; }
export const handler = async (event) => {
  await publish('OrderPlaced', QUEUE);
  await auth.check(event.user);
  external('x');
  helper('y');
};`;
  const calls = facts(source).localCalls;
  assert.deepEqual(
    calls.map((call) => [call.callee, call.module, call.imported, call.inFunction, call.args[0]]),
    [
      ['publish', '../../lib/events', 'publish', 'handler', { kind: 'literal', value: 'OrderPlaced' }],
      ['auth.check', './auth', 'check', 'handler', { kind: 'unknown', reason: 'event.user is not a constant' }],
      ['helper', '', 'helper', 'handler', { kind: 'literal', value: 'y' }],
    ],
  );
  assert.deepEqual(calls[0].args[1], { kind: 'env', name: 'QUEUE' });
  assert.equal(slice(source, calls[0].span), "publish('OrderPlaced', QUEUE)");
});
