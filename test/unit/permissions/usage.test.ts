// What the code uses against what the role grants: granted, missing, cannot tell; resources matched by logical ID across stacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEAD, load, usageLines } from './helpers';

const FUNCTION = (name: string, policies: string, extra = '') => `
  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/${name}.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          TABLE: !Ref Orders
          QUEUE_URL: !Ref Jobs
          BUCKET: !Ref Files${extra}
      Policies:
${policies}`;

const CODE = `
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { S3Client, PutObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
const db = new DynamoDBClient({});
const sqs = new SQSClient({});
const s3 = new S3Client({});
export const handler = async (id: string) => {
  await db.send(new GetItemCommand({ TableName: process.env.TABLE, Key: {} }));
  await db.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {} }));
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: id }));
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: 'out/' + id, Body: id }));
  await s3.send(new ListObjectsV2Command({ Bucket: process.env.BUCKET }));
};`;

const RESOURCES = `
Resources:
  Orders: { Type: AWS::DynamoDB::Table }
  Jobs: { Type: AWS::SQS::Queue }
  Other: { Type: AWS::SQS::Queue }
  Files: { Type: AWS::S3::Bucket }`;

function check(policies: string, expected: string[]): void {
  const { analysis } = load(`
#- /template.yaml
${HEAD}${RESOURCES}${FUNCTION('Fn', policies)}
//- /src/Fn.ts
${CODE}
`);
  assert.deepEqual(usageLines(analysis, 'Fn'), expected);
}

test('policy templates grant by logical ID; actions the templates lack are missing', () => {
  check(
    `        - DynamoDBReadPolicy: { TableName: !Ref Orders }
        - SQSSendMessagePolicy: { QueueName: !GetAtt Other.QueueName }
        - S3ReadPolicy: { BucketName: !Ref Files }`,
    [
      'granted dynamodb:GetItem Orders',
      'missing dynamodb:PutItem Orders',
      'missing sqs:SendMessage Jobs',
      'missing s3:PutObject Files/out/*',
      'granted s3:ListBucket Files',
    ],
  );
});

test('inline statements: GetAtt, Sub with index and object suffixes, wildcards, and Deny', () => {
  check(
    `        - Statement:
            - Effect: Allow
              Action: ['dynamodb:*']
              Resource: !Sub '\${Orders.Arn}/index/*'
            - Effect: Allow
              Action: [dynamodb:GetItem, dynamodb:PutItem]
              Resource: !GetAtt Orders.Arn
            - Effect: Allow
              Action: sqs:Send*
              Resource: '*'
            - Effect: Allow
              Action: s3:*
              Resource: !Sub 'arn:aws:s3:::\${Files}/*'
            - Effect: Deny
              Action: dynamodb:PutItem
              Resource: '*'`,
    [
      'granted dynamodb:GetItem Orders',
      'missing dynamodb:PutItem Orders',
      'granted sqs:SendMessage Jobs',
      'granted s3:PutObject Files/out/*',
      'missing s3:ListBucket Files',
    ],
  );
});

test('an unknown managed policy or an unresolved resource makes the answer "cannot tell", never missing', () => {
  check(
    `        - SomeCustomerPolicy
        - SQSSendMessagePolicy: { QueueName: !Ref QueueNameParameter }`,
    [
      'unknown dynamodb:GetItem Orders',
      'unknown dynamodb:PutItem Orders',
      'unknown sqs:SendMessage Jobs',
      'unknown s3:PutObject Files/out/*',
      'unknown s3:ListBucket Files',
    ],
  );
});

test('managed policies with Resource * grant everything of their actions; literal ARNs are matched to literal names', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/fn.handler
      Runtime: nodejs20.x
      Policies:
        - AmazonSQSFullAccess
        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders
//- /src/fn.ts
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const db = new DynamoDBClient({});
const sqs = new SQSClient({});
export const handler = async () => {
  await sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs', MessageBody: 'x' }));
  await db.send(new GetItemCommand({ TableName: 'orders', Key: {} }));
  await db.send(new GetItemCommand({ TableName: 'arn:aws:dynamodb:us-east-1:123456789012:table/other', Key: {} }));
};
`);
  assert.deepEqual(usageLines(analysis, 'Fn'), [
    'granted sqs:SendMessage https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
    'unknown dynamodb:GetItem orders',
    'missing dynamodb:GetItem arn:aws:dynamodb:us-east-1:123456789012:table/other',
  ]);
});

test('cross-stack: an ImportValue in the policy and in the environment name the same table', () => {
  const { analysis } = load(`
#- /orders/template.yaml
${HEAD}
Resources:
  Orders: { Type: AWS::DynamoDB::Table }
  Bus: { Type: AWS::Events::EventBus }
Outputs:
  Name:
    Value: !Ref Orders
    Export: { Name: orders-table }
#- /app/template.yaml
${HEAD}
Resources:
  Local: { Type: AWS::DynamoDB::Table }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: fn.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          ORDERS: !ImportValue orders-table
          LOCAL: !Ref Local
      Policies:
        - DynamoDBCrudPolicy: { TableName: !ImportValue orders-table }
        - EventBridgePutEventsPolicy: { EventBusName: default }
//- /app/fn.ts
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
const db = new DynamoDBClient({});
const events = new EventBridgeClient({});
export const handler = async () => {
  await db.send(new PutItemCommand({ TableName: process.env.ORDERS, Item: {} }));
  await db.send(new PutItemCommand({ TableName: process.env.LOCAL, Item: {} }));
  await events.send(new PutEventsCommand({ Entries: [{ Source: 'app', DetailType: 'x', Detail: '{}' }] }));
};
`);
  assert.deepEqual(usageLines(analysis, 'Fn'), [
    'granted dynamodb:PutItem Orders',
    'missing dynamodb:PutItem Local',
    'granted events:PutEvents default',
  ]);
});

test('calls through a helper module use the arguments each function passes', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Resources:
  A: { Type: AWS::SQS::Queue }
  B: { Type: AWS::SQS::Queue }
  FnA:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/a.handler
      Runtime: nodejs20.x
      Environment: { Variables: { URL: !Ref A } }
      Policies: [{ SQSSendMessagePolicy: { QueueName: !GetAtt A.QueueName } }]
  FnB:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/b.handler
      Runtime: nodejs20.x
      Environment: { Variables: { URL: !Ref B } }
      Policies: [{ SQSSendMessagePolicy: { QueueName: !GetAtt A.QueueName } }]
//- /src/send.ts
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export async function send(url: string) {
  await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
}
//- /src/a.ts
import { send } from './send';
export const handler = async () => send(process.env.URL!);
//- /src/b.ts
import { send } from './send';
export const handler = async () => send(process.env.URL!);
`);
  assert.deepEqual(usageLines(analysis, 'FnA'), ['granted sqs:SendMessage A']);
  assert.deepEqual(usageLines(analysis, 'FnB'), ['missing sqs:SendMessage B']);
});

test('a resource of a type whose identity is not known (a nested stack output) is never proved missing', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Resources:
  Orders: { Type: AWS::DynamoDB::Table }
  Nested:
    Type: AWS::Serverless::Application
    Properties: { Location: ./nested.yaml }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/fn.handler
      Runtime: nodejs20.x
      Environment: { Variables: { TABLE: !GetAtt Nested.Outputs.TableName, LOCAL: !Ref Orders } }
      Policies:
        - DynamoDBCrudPolicy: { TableName: !Ref Orders }
//- /src/fn.ts
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({});
export const handler = async () => {
  await db.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {} }));
  await db.send(new PutItemCommand({ TableName: process.env.LOCAL, Item: {} }));
};
`);
  assert.deepEqual(usageLines(analysis, 'Fn'), ['unknown dynamodb:PutItem Nested', 'granted dynamodb:PutItem Orders']);
});
