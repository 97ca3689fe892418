// Each permission rule fires on its mistake and stays silent on valid templates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEAD, diagnosticsOf, load } from './helpers';

const CODE = `//- /src/fn.ts
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({});
export const handler = async () => {
  await db.send(new GetItemCommand({ TableName: process.env.TABLE, Key: {} }));
  await db.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {} }));
};`;

function workspace(policies: string, extra = ''): string {
  return `
#- /template.yaml
${HEAD}
Resources:
  Orders: { Type: AWS::DynamoDB::Table }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/fn.handler
      Runtime: nodejs20.x
      Environment: { Variables: { TABLE: !Ref Orders } }${extra}
      Policies:
${policies}
${CODE}
`;
}

test('missing-permission: on the call in code and on the logical ID, naming the action, resource and template', () => {
  const fixture = load(workspace('        - DynamoDBReadPolicy: { TableName: !Ref Orders }'));
  assert.deepEqual(diagnosticsOf(fixture, 'missing-permission'), [
    '/src/fn.ts:5 Fn is not allowed to call PutItem: its role does not grant dynamodb:PutItem on Orders. DynamoDBWritePolicy (TableName: Orders) would grant it.',
    '/template.yaml:5 Fn lacks dynamodb:PutItem on Orders (used at src/fn.ts:5). DynamoDBWritePolicy (TableName: Orders) would grant it.',
  ]);
});

test('missing-permission: silent when granted, when the role is unknown, and when a resource cannot be resolved', () => {
  assert.deepEqual(diagnosticsOf(load(workspace('        - DynamoDBCrudPolicy: { TableName: !Ref Orders }')), 'missing-permission'), []);
  assert.deepEqual(diagnosticsOf(load(workspace('        - MyCompanyPolicy')), 'missing-permission'), []);
  assert.deepEqual(diagnosticsOf(load(workspace('        - DynamoDBCrudPolicy: { TableName: !Ref TableParam }')), 'missing-permission'), []);
  const external = workspace('        - DynamoDBReadPolicy: { TableName: !Ref Orders }', '\n      Role: arn:aws:iam::123456789012:role/r');
  assert.deepEqual(diagnosticsOf(load(external), 'missing-permission'), []);
});

test('unused-permission: a policy the code never uses, and a service wildcard wider than the calls', () => {
  const fixture = load(
    workspace(`        - DynamoDBCrudPolicy: { TableName: !Ref Orders }
        - SQSSendMessagePolicy: { QueueName: jobs }
        - Statement:
            - Effect: Allow
              Action: 'dynamodb:*'
              Resource: !GetAtt Orders.Arn`),
  );
  assert.deepEqual(diagnosticsOf(fixture, 'unused-permission'), [
    "/template.yaml:13 Fn: SQSSendMessagePolicy is not used by the function's code; remove it if nothing else needs it.",
    "/template.yaml:16 Fn: 'dynamodb:*' allows every dynamodb action, but the code only uses dynamodb:GetItem, dynamodb:PutItem.",
  ]);
  assert.deepEqual(diagnosticsOf(load(workspace('        - DynamoDBCrudPolicy: { TableName: !Ref Orders }')), 'unused-permission'), []);
});

test('unused-permission: silent for event-source permissions, unknown code and services the analysis does not trace', () => {
  const fixture = load(`
#- /template.yaml
${HEAD}
Resources:
  Queue: { Type: AWS::SQS::Queue }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/fn.handler
      Runtime: nodejs20.x
      Events:
        Jobs: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }
      Policies:
        - SQSPollerPolicy: { QueueName: !GetAtt Queue.QueueName }
        - SSMParameterReadPolicy: { ParameterName: config }
  NoCode:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/missing.handler
      Runtime: nodejs20.x
      Policies:
        - DynamoDBCrudPolicy: { TableName: t }
//- /src/fn.ts
export const handler = async () => 1;
`);
  assert.deepEqual(diagnosticsOf(fixture, 'unused-permission'), []);
});

test('wildcard-permission: Action *, service:* and writes on Resource *; not for scoped statements or policy templates', () => {
  const fixture = load(
    workspace(`        - Statement:
            - Effect: Allow
              Action: '*'
              Resource: !GetAtt Orders.Arn
            - Effect: Allow
              Action: [sqs:SendMessage]
              Resource: '*'
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: '*'
            - Effect: Allow
              Action: xray:PutTraceSegments
              Resource: '*'
            - Effect: Allow
              Action: s3:*
              Resource: arn:aws:s3:::b/*
        - DynamoDBCrudPolicy: { TableName: !Ref Orders }
        - TextractPolicy: {}`),
  );
  assert.deepEqual(
    diagnosticsOf(fixture, 'wildcard-permission').map((d) => d.replace(/ The code uses .*$/, '')),
    [
      "/template.yaml:14 Fn: this statement allows Action '*' (every action of every service).",
      "/template.yaml:18 Fn: this statement lets sqs:SendMessage write to every resource (Resource '*').",
      "/template.yaml:26 Fn: this statement allows 's3:*' (every s3 action).",
    ],
  );
  assert.match(diagnosticsOf(fixture, 'wildcard-permission')[0], /The code uses dynamodb:GetItem on Orders, dynamodb:PutItem on Orders; narrow/);
});

test('unknown-iam-action: typos, unknown services and wildcards that match nothing, anywhere a policy is written', () => {
  const fixture = load(`
#- /template.yaml
${HEAD}
Resources:
  Queue: { Type: AWS::SQS::Queue }
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: sns.amazonaws.com }, Action: sqs:SendMesage, Resource: '*' }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: [dynamodb:GetItem, dynamodb:Get*, 'dynamo:GetItem', 'dynamodb:Xyz*', '*', s3:getobject, !Sub '\${AWS::Partition}:x']
              Resource: '*'
`);
  assert.deepEqual(diagnosticsOf(fixture, 'unknown-iam-action'), [
    '/template.yaml:11 Unknown IAM action "sqs:SendMesage": sqs has no action "SendMesage"; did you mean sqs:SendMessage?',
    '/template.yaml:20 Unknown IAM action "dynamo:GetItem": no AWS service has the IAM prefix "dynamo".',
    '/template.yaml:20 Unknown IAM action "dynamodb:Xyz*": the wildcard matches no action.',
  ]);
});

test('ignored-policies: Role and Policies together; not for Role alone or Policies alone', () => {
  const both = load(workspace('        - DynamoDBCrudPolicy: { TableName: !Ref Orders }', '\n      Role: arn:aws:iam::123456789012:role/r'));
  assert.deepEqual(diagnosticsOf(both, 'ignored-policies'), [
    '/template.yaml:12 Fn: Policies is ignored because Role is set (arn:aws:iam::123456789012:role/r); SAM only applies Policies to the role it generates. Put these permissions on the role, or remove Role.',
  ]);
  assert.deepEqual(diagnosticsOf(load(workspace('        - DynamoDBCrudPolicy: { TableName: !Ref Orders }')), 'ignored-policies'), []);
  const conditional = workspace('        - DynamoDBCrudPolicy: { TableName: !Ref Orders }', '\n      Role: !If [UseShared, arn:aws:iam::123456789012:role/r, !Ref AWS::NoValue]');
  assert.deepEqual(diagnosticsOf(load(conditional), 'ignored-policies'), []);
});

test('policy-template-parameter: missing and unknown parameters; a complete template is silent', () => {
  const fixture = load(
    workspace(`        - DynamoDBCrudPolicy: { TabelName: !Ref Orders }
        - SQSPollerPolicy: {}
        - AMIDescribePolicy: {}
        - S3ReadPolicy: { BucketName: b }`),
  );
  assert.deepEqual(diagnosticsOf(fixture, 'policy-template-parameter'), [
    '/template.yaml:12 DynamoDBCrudPolicy needs the parameter TableName; SAM fails to transform the template without it.',
    '/template.yaml:12 DynamoDBCrudPolicy has no parameter "TabelName" (it takes TableName).',
    '/template.yaml:13 SQSPollerPolicy needs the parameter QueueName; SAM fails to transform the template without it.',
  ]);
});

test('wildcard-permission: a statement of a role shared by two functions is reported once, with what both use', () => {
  const fixture = load(`
#- /template.yaml
${HEAD}
Resources:
  Orders: { Type: AWS::DynamoDB::Table }
  Shared:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: data
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: 'dynamodb:*', Resource: !GetAtt Orders.Arn }
  Reader:
    Type: AWS::Serverless::Function
    Properties: { Handler: src/read.handler, Runtime: nodejs20.x, Role: !GetAtt Shared.Arn, Environment: { Variables: { TABLE: !Ref Orders } } }
  Writer:
    Type: AWS::Serverless::Function
    Properties: { Handler: src/write.handler, Runtime: nodejs20.x, Role: !GetAtt Shared.Arn, Environment: { Variables: { TABLE: !Ref Orders } } }
//- /src/read.ts
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({});
export const handler = async () => db.send(new GetItemCommand({ TableName: process.env.TABLE, Key: {} }));
//- /src/write.ts
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({});
export const handler = async () => db.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {} }));
`);
  assert.deepEqual(diagnosticsOf(fixture, 'wildcard-permission'), [
    "/template.yaml:13 Reader, Writer: this statement allows 'dynamodb:*' (every dynamodb action). The code uses dynamodb:GetItem on Orders, dynamodb:PutItem on Orders; narrow the statement to that.",
  ]);
});
