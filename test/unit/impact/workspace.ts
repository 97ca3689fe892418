// Builds small inline workspaces for the impact and diagnostics tests: SAM functions, their handler files and resources.
import { dedent, loadFixture, type Fixture } from '../../support/fixture';

export interface FunctionOptions {
  /** Handler file under src/ (default: the lower-cased name). */
  file?: string;
  env?: Record<string, string>;
  timeout?: number;
  /** YAML of the `Events` map, written at column 0 (indented by the helper). */
  events?: string;
  /** More YAML under Properties, written at column 0. */
  extra?: string;
}

/** The YAML of one `AWS::Serverless::Function` (two-space indented under Resources). */
export function fn(name: string, options: FunctionOptions = {}): string {
  const lines = [`${name}:`, '  Type: AWS::Serverless::Function', '  Properties:', `    Handler: ${options.file ?? name.toLowerCase()}.handler`];
  if (options.timeout !== undefined) lines.push(`    Timeout: ${options.timeout}`);
  if (options.env) lines.push('    Environment:', '      Variables:', ...Object.entries(options.env).map(([k, v]) => `        ${k}: ${v}`));
  if (options.events) lines.push('    Events:', ...indent(options.events, 6));
  if (options.extra) lines.push(...indent(options.extra, 4));
  return lines.join('\n');
}

/** A SAM template with Node.js functions whose code is under src/. */
export function sam(resources: string[], head = ''): string {
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Transform: AWS::Serverless-2016-10-31',
    head,
    'Globals:',
    '  Function:',
    '    Runtime: nodejs20.x',
    '    CodeUri: src/',
    'Resources:',
    ...resources.flatMap((r) => indent(r, 2)),
  ]
    .filter((l) => l !== '')
    .join('\n');
}

function indent(text: string, by: number): string[] {
  return dedent(text)
    .split('\n')
    .map((l) => (l ? ' '.repeat(by) + l : l));
}

/** Handler code: a synchronous Lambda invoke of the function named by an env var. */
export function invokes(...envNames: string[]): string {
  return [
    "import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';",
    'const lambda = new LambdaClient({});',
    'export const handler = async () => {',
    ...envNames.map((e) => `  await lambda.send(new InvokeCommand({ FunctionName: process.env.${e} }));`),
    '};',
  ].join('\n');
}

/** Handler code: sends one SQS message to the queue URL in an env var. */
export function sends(envName: string): string {
  return [
    "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';",
    'const sqs = new SQSClient({});',
    `export const handler = async () => sqs.send(new SendMessageCommand({ QueueUrl: process.env.${envName}, MessageBody: 'x' }));`,
  ].join('\n');
}

/** Handler code: writes (put) or reads (get) a DynamoDB item in the table named by an env var. */
export function table(mode: 'put' | 'get', envName: string): string {
  const command = mode === 'put' ? 'PutItemCommand' : 'GetItemCommand';
  const arg = mode === 'put' ? 'Item: {}' : 'Key: {}';
  return [
    `import { DynamoDBClient, ${command} } from '@aws-sdk/client-dynamodb';`,
    'const db = new DynamoDBClient({});',
    `export const handler = async () => db.send(new ${command}({ TableName: process.env.${envName}, ${arg} }));`,
  ].join('\n');
}

/** Loads files (path → text) as a fixture workspace under /ws. */
export function workspace(files: Record<string, string>): Fixture {
  const text = Object.entries(files)
    .map(([path, body]) => `${/\.(ya?ml|json)$/.test(path) ? '#' : '//'}- ${path}\n${body}`)
    .join('\n');
  return loadFixture(text);
}
