// Seeded generator of a realistic SAM monorepo: N functions in N/10 services, TypeScript handlers, shared modules, cross-stack flows.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small deterministic PRNG (mulberry32), so the same seed writes the same workspace. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['api', 'invoke', 'queue', 'events', 'table', 'topic'] as const;

export interface GeneratedWorkspace {
  root: string;
  functions: number;
  templates: number;
  handlers: number;
}

/** Writes a workspace of `functions` functions under `root` (deleted first). */
export function generateWorkspace(root: string, functions: number, seed = 42): GeneratedWorkspace {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'lib'), { recursive: true });
  const rand = random(seed);
  const services = Math.max(1, Math.round(functions / 10));
  writeShared(root);
  let handlers = 0;
  for (let s = 0; s < services; s++) {
    const count = Math.min(10, functions - s * 10);
    if (count <= 0) break;
    handlers += writeService(root, s, count, services, rand);
  }
  return { root, functions, templates: services, handlers };
}

function writeShared(root: string): void {
  writeFileSync(
    join(root, 'lib', 'events.ts'),
    `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
const client = new EventBridgeClient({});
export async function publish(detailType: string, detail: unknown) {
  await client.send(new PutEventsCommand({ Entries: [{ Source: 'bench.app', DetailType: detailType, EventBusName: process.env.BUS_NAME, Detail: JSON.stringify(detail) }] }));
}
`,
  );
  writeFileSync(
    join(root, 'lib', 'invoke.ts'),
    `import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
const lambda = new LambdaClient({});
export async function call(name: string | undefined, payload: unknown) {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(payload)) }));
  return out.Payload;
}
`,
  );
  writeFileSync(join(root, 'lib', 'log.ts'), `export function log(message: string, data?: unknown) {\n  console.log(JSON.stringify({ message, data }));\n}\n`);
}

function writeService(root: string, s: number, count: number, services: number, rand: () => number): number {
  const dir = join(root, `svc${s}`);
  mkdirSync(join(dir, 'src', 'handlers'), { recursive: true });
  const resources: string[] = [];
  const outputs: string[] = [];
  const next = (s + 1) % services;
  for (let f = 0; f < count; f++) {
    const kind = KINDS[Math.floor(rand() * KINDS.length)];
    const name = `F${s}x${f}`;
    resources.push(functionYaml(name, kind, s, f, next));
    writeFileSync(join(dir, 'src', 'handlers', `${name}.ts`), handlerCode(name, kind, rand));
  }
  outputs.push(`  FirstFunctionName:\n    Value: !Ref F${s}x0\n    Export:\n      Name: bench-svc${s}-first`);
  outputs.push(`  TableName:\n    Value: !Ref Table\n    Export:\n      Name: !Sub \${AWS::StackName}-table`);
  const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Bench service ${s}
Parameters:
  Stage:
    Type: String
    Default: dev
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
    CodeUri: ./
    Environment:
      Variables:
        NEXT_FUNCTION: !ImportValue bench-svc${next}-first
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
  Topic:
    Type: AWS::SNS::Topic
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: !Sub bench-\${Stage}-svc${s}
${resources.join('\n')}
Outputs:
${outputs.join('\n')}
`;
  writeFileSync(join(dir, 'template.yaml'), template);
  return count;
}

function functionYaml(name: string, kind: (typeof KINDS)[number], s: number, f: number, next: number): string {
  const events: string[] = [];
  if (kind === 'api') events.push(`        Api${f}:\n          Type: Api\n          Properties:\n            Path: /svc${s}/items${f}/{id}\n            Method: get`);
  if (f === 1) events.push(`        FromQueue:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Queue.Arn`);
  if (f === 2) events.push(`        FromTopic:\n          Type: SNS\n          Properties:\n            Topic: !Ref Topic`);
  if (f === 3) events.push(`        OnEvent:\n          Type: EventBridgeRule\n          Properties:\n            EventBusName: !Ref Bus\n            Pattern:\n              source: [bench.app]\n              detail-type: [Thing${s}]`);
  if (f === 4) events.push(`        FromStream:\n          Type: DynamoDB\n          Properties:\n            Stream: !GetAtt Table.StreamArn\n            StartingPosition: LATEST`);
  const needs = NEEDS[kind];
  const env = needs.env.length ? `\n      Environment:\n        Variables:\n${needs.env.map((e) => `          ${e}`).join('\n')}` : '';
  const policies = needs.policies(next).map((p) => `        - ${p}`).join('\n');
  return `  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/handlers/${name}.handler${env}
      Policies:
${policies}${events.length ? `\n      Events:\n${events.join('\n')}` : ''}`;
}

/** What each kind of handler reads and needs: only those env vars and policies, as a careful team would write them. */
const NEEDS: Record<(typeof KINDS)[number], { env: string[]; policies: (next: number) => string[] }> = {
  api: { env: ['TABLE_NAME: !Ref Table'], policies: () => ['DynamoDBReadPolicy:\n            TableName: !Ref Table'] },
  invoke: { env: [], policies: (next) => [`LambdaInvokePolicy:\n            FunctionName: !ImportValue bench-svc${next}-first`] },
  queue: { env: ['QUEUE_URL: !Ref Queue'], policies: () => ['SQSSendMessagePolicy:\n            QueueName: !GetAtt Queue.QueueName'] },
  events: { env: ['BUS_NAME: !Ref Bus'], policies: () => ['EventBridgePutEventsPolicy:\n            EventBusName: !Ref Bus'] },
  table: { env: ['TABLE_NAME: !Ref Table'], policies: () => ['DynamoDBWritePolicy:\n            TableName: !Ref Table'] },
  topic: { env: ['TOPIC_ARN: !Ref Topic'], policies: () => ['SNSPublishMessagePolicy:\n            TopicName: !GetAtt Topic.TopicName'] },
};

function handlerCode(name: string, kind: (typeof KINDS)[number], rand: () => number): string {
  const body: Record<(typeof KINDS)[number], string> = {
    api: `const item = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { id: event.pathParameters?.id } }));\n  return { statusCode: 200, body: JSON.stringify(item.Item ?? null) };`,
    invoke: `const result = await call(process.env.NEXT_FUNCTION, event);\n  return result;`,
    queue: `const command = new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(event) });\n  await sqs.send(command);`,
    events: `await publish('Thing${Math.floor(rand() * 10)}', event);`,
    table: `await doc.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { id: String(Date.now()), event } }));`,
    topic: `const { TOPIC_ARN } = process.env;\n  await sns.send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: JSON.stringify(event) }));`,
  };
  const imports: Record<(typeof KINDS)[number], string> = {
    api: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';\nconst doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));`,
    table: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';\nconst doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));`,
    invoke: `import { call } from '../../../lib/invoke';`,
    queue: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\nconst sqs = new SQSClient({});`,
    events: `import { publish } from '../../../lib/events';`,
    topic: `import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';\nconst sns = new SNSClient({});`,
  };
  return `${imports[kind]}
import { log } from '../../../lib/log';

interface Input {
  pathParameters?: { id?: string };
  [key: string]: unknown;
}

/** Handler ${name} (${kind}). */
export const handler = async (event: Input) => {
  log('start ${name}', { keys: Object.keys(event) });
  ${body[kind]}
};
`;
}
