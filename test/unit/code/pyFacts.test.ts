// Tests for the Python fact extractor: defs, imports, env reads, boto3 clients/resources, HTTP and helper calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeFacts } from '../../../server/src/core/model/types';
import { factsOf, onlyCall, slice } from './helpers';

const file = '/work/app/orders/app.py';

function facts(source: string): CodeFacts {
  return factsOf(file, source);
}

test('top-level defs are functions and exports; methods and nested defs are not', () => {
  const source = [
    'import json',
    '',
    '@decorator(option=True)',
    'def handler(event, context):',
    '    def inner(x):',
    '        return x',
    '    return inner(event)',
    '',
    'async def worker(record, *args, retries: int = 3, **kwargs) -> None:',
    '    pass',
    '',
    'class Service:',
    '    def method(self, y):',
    '        pass',
    '',
    'handler_alias = Mangum(app)',
    "text = '''",
    'def not_a_function():',
    "'''",
  ].join('\n');
  const result = facts(source);
  assert.deepEqual(
    result.functions.map((fn) => [fn.name, fn.params]),
    [
      ['handler', ['event', 'context']],
      ['worker', ['record', 'args', 'retries', 'kwargs']],
    ],
  );
  assert.equal(slice(source, result.functions[0].span), 'handler');
  assert.deepEqual(result.exports.map((entry) => entry.name), ['handler', 'worker', 'handler_alias', 'text']);
  assert.equal(slice(source, result.exports[2].span), 'handler_alias');
  assert.equal(result.problems.length, 0);
});

test('imports: plain, aliased, dotted, relative, parenthesised; project re-exports become exports', () => {
  const source = [
    'import os, json as j',
    'import botocore.exceptions',
    'from .lib.events import publish, emit as send',
    'from .. import shared',
    'from app.main import (',
    '    handler,',
    '    other,',
    ')',
    'from os import environ',
  ].join('\n');
  const result = facts(source);
  assert.deepEqual(
    result.imports.map((entry) => [entry.module, entry.names]),
    [
      ['os', [{ imported: '*', local: 'os' }]],
      ['json', [{ imported: '*', local: 'j' }]],
      ['botocore.exceptions', [{ imported: '*', local: 'botocore' }]],
      ['.lib.events', [{ imported: 'publish', local: 'publish' }, { imported: 'emit', local: 'send' }]],
      ['..', [{ imported: 'shared', local: 'shared' }]],
      ['app.main', [{ imported: 'handler', local: 'handler' }, { imported: 'other', local: 'other' }]],
      ['os', [{ imported: 'environ', local: 'environ' }]],
    ],
  );
  assert.equal(slice(source, result.imports[3].span), '.lib.events');
  const handler = result.exports.find((entry) => entry.name === 'handler');
  assert.deepEqual(handler?.from, { module: 'app.main', name: 'handler' });
  assert.equal(result.exports.some((entry) => entry.name === 'environ'), false, 'library names are not re-exports');
});

test('env reads: os.environ[], .get(), os.getenv(), environ[] and getenv() imported from os', () => {
  const source = [
    'import os',
    'from os import environ, getenv',
    "A = os.environ['TABLE_NAME']",
    'B = os.environ.get("QUEUE_URL", "default")',
    "C = os.getenv('BUS')",
    "D = environ['TOPIC']",
    "E = getenv('STATE_MACHINE')",
    "F = os.environ[name]",
    "G = other['NOT_ENV']",
  ].join('\n');
  const reads = facts(source).envReads;
  // Only `.get` and `getenv` with a second argument give a fallback.
  assert.deepEqual(reads.filter((read) => read.hasDefault).map((read) => read.name), ['QUEUE_URL']);
  assert.deepEqual(
    reads.map((read) => [read.name, slice(source, read.span)]),
    [
      ['TABLE_NAME', 'TABLE_NAME'],
      ['QUEUE_URL', 'QUEUE_URL'],
      ['BUS', 'BUS'],
      ['TOPIC', 'TOPIC'],
      ['STATE_MACHINE', 'STATE_MACHINE'],
    ],
  );
});

test('boto3 clients: inline, module-level and function-level variables, service names mapped', () => {
  const source = `
import os
import boto3

sqs = boto3.client('sqs')
QUEUE_URL = os.environ['QUEUE_URL']

def handler(event, context):
    sqs.send_message(QueueUrl=QUEUE_URL, MessageBody='x')
    boto3.client("stepfunctions").start_execution(stateMachineArn=os.getenv('SM_ARN'), input='{}')
    lam = boto3.client('lambda', region_name='eu-west-1')
    lam.invoke(FunctionName='pricing', InvocationType='RequestResponse', Payload=b'{}')
    sns = boto3.session.Session().client(service_name='sns')
    sns.publish(TopicArn=f"arn:aws:sns:{os.environ['REGION']}:123:orders", Message='hi')
    paginator = sqs.get_paginator('list_queues')
`;
  const result = facts(source);
  for (const call of result.sdkCalls) {
    assert.equal(call.sdk, 'boto3');
    assert.equal(call.inFunction, 'handler');
  }
  const send = onlyCall(result, 'SendMessage');
  assert.equal(send.service, 'sqs');
  assert.deepEqual(send.args, { QueueUrl: { kind: 'env', name: 'QUEUE_URL' } });
  assert.equal(slice(source, send.span), "sqs.send_message(QueueUrl=QUEUE_URL, MessageBody='x')");
  const start = onlyCall(result, 'StartExecution');
  assert.equal(start.service, 'sfn');
  assert.deepEqual(start.args, { stateMachineArn: { kind: 'env', name: 'SM_ARN' } });
  assert.deepEqual(onlyCall(result, 'Invoke').args, { FunctionName: { kind: 'literal', value: 'pricing' }, InvocationType: { kind: 'literal', value: 'RequestResponse' } });
  assert.deepEqual(onlyCall(result, 'Publish').args.TopicArn, {
    kind: 'concat',
    parts: [{ kind: 'literal', value: 'arn:aws:sns:' }, { kind: 'env', name: 'REGION' }, { kind: 'literal', value: ':123:orders' }],
  });
  assert.equal(result.sdkCalls.length, 4, 'get_paginator is not an operation');
});

test('boto3 resources: tables, batch writers, buckets, queues and resource clients', () => {
  const source = `
import os
import boto3

dynamodb = boto3.resource('dynamodb')
table = dynamodb.Table(os.environ['ORDERS_TABLE'])
s3 = boto3.resource('s3')

def handler(event, context):
    table.put_item(Item={'id': '1'})
    dynamodb.Table('audit').query(KeyConditionExpression='x')
    with table.batch_writer() as batch:
        batch.delete_item(Key={'id': '1'})
    s3.Bucket(os.environ['BUCKET']).put_object(Key='a.txt', Body=b'')
    s3.Object('reports', 'daily.csv').get()
    boto3.resource('sqs').Queue(os.environ['QUEUE']).send_message(MessageBody='m')
    s3.meta.client.upload_file('/tmp/x', 'uploads', 'x.bin')
`;
  const result = facts(source);
  assert.deepEqual(onlyCall(result, 'PutItem').args, { TableName: { kind: 'env', name: 'ORDERS_TABLE' } });
  assert.deepEqual(onlyCall(result, 'Query').args, { TableName: { kind: 'literal', value: 'audit' } });
  assert.deepEqual(onlyCall(result, 'BatchWriteItem').args, { TableName: { kind: 'env', name: 'ORDERS_TABLE' } });
  const objects = result.sdkCalls.filter((call) => call.service === 's3').map((call) => [call.operation, call.args]);
  assert.deepEqual(objects, [
    ['PutObject', { Key: { kind: 'literal', value: 'a.txt' }, Bucket: { kind: 'env', name: 'BUCKET' } }],
    ['GetObject', { Bucket: { kind: 'literal', value: 'reports' }, Key: { kind: 'literal', value: 'daily.csv' } }],
    ['PutObject', { Bucket: { kind: 'literal', value: 'uploads' }, Key: { kind: 'literal', value: 'x.bin' } }],
  ]);
  assert.deepEqual(onlyCall(result, 'SendMessage').args, { QueueUrl: { kind: 'env', name: 'QUEUE' } });
});

test('EventBridge entries, transactions and a params dict spread with **', () => {
  const source = `
import os
import boto3

events = boto3.client('events')
ddb = boto3.client('dynamodb')
BUS = os.environ.get('BUS_NAME') or 'default'

def publish(detail_type, detail):
    events.put_events(Entries=[
        {'Source': 'shop', 'DetailType': detail_type, 'EventBusName': BUS, 'Detail': detail},
        {'Source': 'shop', 'DetailType': 'Audit', 'EventBusName': BUS, 'Detail': detail},
    ])

def write(order):
    ddb.transact_write_items(TransactItems=[{'Put': {'TableName': 'orders'}}, {'Update': {'TableName': os.environ['STOCK']}}])
    params = {'TableName': os.environ['AUDIT'], 'Item': {}}
    ddb.put_item(**params)
`;
  const result = facts(source);
  const events = onlyCall(result, 'PutEvents');
  assert.equal(events.service, 'eventbridge');
  assert.equal(events.inFunction, 'publish');
  assert.deepEqual(events.entries, [
    { Source: { kind: 'literal', value: 'shop' }, DetailType: { kind: 'param', index: 0, name: 'detail_type' }, EventBusName: { kind: 'env', name: 'BUS_NAME' } },
    { Source: { kind: 'literal', value: 'shop' }, DetailType: { kind: 'literal', value: 'Audit' }, EventBusName: { kind: 'env', name: 'BUS_NAME' } },
  ]);
  assert.deepEqual(onlyCall(result, 'TransactWriteItems').entries, [
    { TableName: { kind: 'literal', value: 'orders' } },
    { TableName: { kind: 'env', name: 'STOCK' } },
  ]);
  const put = onlyCall(result, 'PutItem');
  assert.equal(put.inFunction, 'write');
  assert.deepEqual(put.args, { TableName: { kind: 'env', name: 'AUDIT' } });
});

test('clients held on self, created in __init__', () => {
  const source = `
import boto3

class Repository:
    def __init__(self):
        self.client = boto3.client('kinesis')

    def save(self, record):
        self.client.put_record(StreamName='events', Data=record, PartitionKey='k')
`;
  const call = onlyCall(facts(source), 'PutRecord');
  assert.equal(call.service, 'kinesis');
  assert.deepEqual(call.args, { StreamName: { kind: 'literal', value: 'events' } });
  assert.equal(call.inFunction, undefined);
});

test('class attributes reached through self', () => {
  const source = `
import boto3

class Notifier:
    sns = boto3.client('sns')

    def notify(self, message):
        self.sns.publish(TopicArn='arn:aws:sns:eu-west-1:1:alerts', Message=message)
`;
  assert.deepEqual(onlyCall(facts(source), 'Publish').args, { TopicArn: { kind: 'literal', value: 'arn:aws:sns:eu-west-1:1:alerts' } });
});

test('HTTP calls with requests and httpx', () => {
  const source = `
import os
import requests
import httpx

API = os.environ['API_URL']

def handler(event, context):
    requests.get(API + '/items', timeout=3)
    httpx.post(url=f'{API}/orders', json={})
    requests.request('delete', 'https://example.com/x')
`;
  const calls = facts(source).sdkCalls;
  assert.deepEqual(
    calls.map((call) => [call.service, call.sdk, call.operation, call.args.url]),
    [
      ['http', 'requests', 'GET', { kind: 'concat', parts: [{ kind: 'env', name: 'API_URL' }, { kind: 'literal', value: '/items' }] }],
      ['http', 'httpx', 'POST', { kind: 'concat', parts: [{ kind: 'env', name: 'API_URL' }, { kind: 'literal', value: '/orders' }] }],
      ['http', 'requests', 'DELETE', { kind: 'literal', value: 'https://example.com/x' }],
    ],
  );
});

test('local calls: relative and project imports, module attributes, same-file functions', () => {
  const source = `
import json
from .lib.events import publish
from shared import auth
import shared.audit as audit

def helper(value):
    return value

def handler(event, context):
    publish('OrderPlaced', event)
    auth.check(event['user'])
    audit.record('x')
    helper(1)
    json.dumps(event)
`;
  const calls = facts(source).localCalls;
  assert.deepEqual(
    calls.map((call) => [call.callee, call.module, call.imported, call.inFunction]),
    [
      ['publish', '.lib.events', 'publish', 'handler'],
      ['auth.check', 'shared.auth', 'check', 'handler'],
      ['audit.record', 'shared.audit', 'record', 'handler'],
      ['helper', '', 'helper', 'handler'],
    ],
  );
  assert.deepEqual(calls[0].args, [{ kind: 'literal', value: 'OrderPlaced' }, { kind: 'param', index: 0, name: 'event' }]);
  assert.equal(slice(source, calls[0].span), "publish('OrderPlaced', event)");
});

test('odd input: continuations, tabs, unterminated strings and deep nesting do not throw', () => {
  const source = "import boto3\ns3 = boto3.client('s3')\n\ndef handler(e, c):\n\ts3.put_object(Bucket='b', \\\n\t\tKey='k')\n\tx = 'unterminated\n\treturn x\n";
  const result = facts(source);
  assert.deepEqual(onlyCall(result, 'PutObject').args, { Bucket: { kind: 'literal', value: 'b' }, Key: { kind: 'literal', value: 'k' } });

  const unclosed = facts("import os\nx = call(1,\n\ndef handler(event, context):\n    return os.environ['AFTER']\n");
  assert.deepEqual(unclosed.functions.map((fn) => fn.name), ['handler'], 'an unclosed bracket does not swallow the next def');
  assert.deepEqual(unclosed.envReads.map((read) => read.name), ['AFTER']);

  const parens = `x = ${'('.repeat(20000)}1${')'.repeat(20000)}\ny = os.environ['AFTER']\n`;
  const nested = facts(parens);
  assert.deepEqual(nested.envReads.map((read) => read.name), ['AFTER']);
  assert.ok(nested.problems.some((problem) => problem.code === 'code-too-deep'));

  const chain = `x = ${Array.from({ length: 20000 }, () => 'a').join(' + ')}\nimport os\ny = os.environ['AFTER']\n`;
  const chained = facts(chain);
  assert.ok(chained.problems.some((problem) => problem.code === 'code-too-deep'));
  assert.deepEqual(chained.envReads.map((read) => read.name), ['AFTER']);
  assert.deepEqual(JSON.parse(JSON.stringify(chained)), chained);
});
