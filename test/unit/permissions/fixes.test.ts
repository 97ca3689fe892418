// Quick fixes repair the template: applying the edit to the text and analysing again makes the diagnostic disappear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, diagnose, permissionFixes, type PermissionFix } from '../../../server/src/core/index';
import { HEAD, load, usageLines } from './helpers';
import type { Fixture } from '../../support/fixture';

const CODE = `//- /src/fn.ts
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({});
export const handler = async () => {
  await db.send(new GetItemCommand({ TableName: process.env.TABLE, Key: {} }));
  await db.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {} }));
};`;

function workspace(functionTail: string): string {
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
      Environment: { Variables: { TABLE: !Ref Orders } }
${functionTail}
${CODE}
`;
}

/** The fixes offered at the first diagnostic with `code` (requested at its span). */
function fixesAt(fixture: Fixture, code: string, inFile?: string): PermissionFix[] {
  const diagnostic = diagnose(fixture.analysis).find((d) => d.code === code && (!inFile || d.span.file.endsWith(inFile)));
  assert.ok(diagnostic, `expected a ${code} diagnostic`);
  return permissionFixes(fixture.analysis, diagnostic.span.file, diagnostic.span.start, diagnostic.span.end, (path) => fixture.files.get(path));
}

/** Applies a fix's edits to the fixture's files and loads the result again. */
function apply(fixture: Fixture, fix: PermissionFix): { fixture: Fixture; text: string } {
  const files = new Map(fixture.files);
  for (const file of new Set(fix.edits.map((e) => e.span.file))) {
    files.set(file, applyEdits(files.get(file)!, fix.edits.filter((e) => e.span.file === file)));
  }
  const text = [...files].map(([path, content]) => `#- ${path.replace('/ws', '')}\n${content}`).join('\n');
  return { fixture: load(text), text: files.get('/ws/template.yaml')! };
}

function codes(fixture: Fixture): string[] {
  return diagnose(fixture.analysis).map((d) => d.code).filter((c) => /permission|yaml|policies|policy/.test(c)).sort();
}

test('missing permission in a block Policies list: add the narrowest template, or the one covering every call', () => {
  const fixture = load(workspace(`      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref Orders # read only`));
  const fixes = fixesAt(fixture, 'missing-permission', 'fn.ts');
  assert.deepEqual(fixes.map((f) => `${f.title}${f.preferred ? ' *' : ''}`), [
    "Add DynamoDBWritePolicy (TableName: Orders) to Fn's Policies *",
    "Add DynamoDBCrudPolicy (TableName: Orders) to Fn's Policies",
  ]);
  const { fixture: repaired, text } = apply(fixture, fixes[0]);
  assert.match(text, /        - DynamoDBReadPolicy:\n            TableName: !Ref Orders # read only\n        - DynamoDBWritePolicy:\n            TableName: !Ref Orders(\n|$)/);
  assert.deepEqual(codes(repaired), []);
  assert.deepEqual(usageLines(repaired.analysis, 'Fn'), ['granted dynamodb:GetItem Orders', 'granted dynamodb:PutItem Orders']);
  assert.deepEqual(codes(apply(fixture, fixes[1]).fixture), []);
});

test('no Policies yet: the fix creates the key at the indentation of the other properties', () => {
  const fixture = load(workspace('      Timeout: 3'));
  const fixes = fixesAt(fixture, 'missing-permission', 'template.yaml');
  assert.equal(fixes[0].title, "Add DynamoDBReadPolicy (TableName: Orders) to Fn's Policies");
  const { fixture: once, text } = apply(fixture, fixes[0]);
  assert.match(text, /      Timeout: 3\n      Policies:\n        - DynamoDBReadPolicy:\n            TableName: !Ref Orders(\n|$)/);
  const again = fixesAt(once, 'missing-permission', 'fn.ts');
  const { fixture: twice } = apply(once, again[0]);
  assert.deepEqual(codes(twice), []);
});

test('a flow list and a single scalar policy are extended in their own style', () => {
  const flow = load(workspace('      Policies: [{ DynamoDBReadPolicy: { TableName: !Ref Orders } }]'));
  const flowFix = fixesAt(flow, 'missing-permission')[0];
  const flowResult = apply(flow, flowFix);
  assert.match(flowResult.text, /Policies: \[\{ DynamoDBReadPolicy: \{ TableName: !Ref Orders \} \}, \{DynamoDBWritePolicy: \{TableName: !Ref Orders\}\}\]/);
  assert.deepEqual(codes(flowResult.fixture), []);
  const scalar = load(workspace('      Policies: AWSLambdaExecute'));
  const scalarFixes = fixesAt(scalar, 'missing-permission');
  const crud = scalarFixes.find((f) => f.title.includes('Crud'))!;
  const scalarResult = apply(scalar, crud);
  assert.match(scalarResult.text, /      Policies:\n        - AWSLambdaExecute\n        - DynamoDBCrudPolicy:\n            TableName: !Ref Orders/);
  assert.deepEqual(codes(scalarResult.fixture), []);
});

test('a table of another stack is written the way the function names it (ImportValue)', () => {
  const fixture = load(`
#- /orders/template.yaml
${HEAD}
Resources:
  Orders: { Type: AWS::DynamoDB::Table }
Outputs:
  Name: { Value: !Ref Orders, Export: { Name: orders-table } }
#- /template.yaml
${HEAD}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/fn.handler
      Runtime: nodejs20.x
      Environment: { Variables: { TABLE: !ImportValue orders-table } }
      Policies:
        - DynamoDBReadPolicy: { TableName: !ImportValue orders-table }
${CODE}
`);
  const fix = fixesAt(fixture, 'missing-permission')[0];
  const { fixture: repaired, text } = apply(fixture, fix);
  assert.match(text, /        - DynamoDBWritePolicy:\n            TableName: !ImportValue orders-table(\n|$)/);
  assert.deepEqual(codes(repaired), []);
});

test('a wildcard statement is narrowed to the actions and resources the code uses', () => {
  const fixture = load(workspace(`      Policies:
        - Statement:
            - Effect: Allow
              Action: 'dynamodb:*'
              Resource: '*'`));
  const fixes = fixesAt(fixture, 'wildcard-permission');
  assert.deepEqual(fixes.map((f) => f.title), ['Narrow the statement to dynamodb:GetItem, dynamodb:PutItem on Orders']);
  const { fixture: repaired, text } = apply(fixture, fixes[0]);
  assert.match(text, /Action: \['dynamodb:GetItem', 'dynamodb:PutItem'\]\n              Resource: \[!GetAtt Orders.Arn\]/);
  assert.deepEqual(codes(repaired), []);
  assert.deepEqual(usageLines(repaired.analysis, 'Fn'), ['granted dynamodb:GetItem Orders', 'granted dynamodb:PutItem Orders']);
});

test('no fix is offered where Policies would not apply (a Role is set)', () => {
  const fixture = load(workspace(`      Role: !GetAtt Role.Arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }`));
  assert.deepEqual(fixesAt(fixture, 'missing-permission').map((f) => f.title), []);
});

test('a wildcard statement of a JSON template is narrowed with JSON syntax', () => {
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Resources: {
      Orders: { Type: 'AWS::DynamoDB::Table' },
      Fn: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Handler: 'src/fn.handler',
          Runtime: 'nodejs20.x',
          Environment: { Variables: { TABLE: { Ref: 'Orders' } } },
          Policies: [{ Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] }],
        },
      },
    },
  };
  const fixture = load(`#- /template.json\n${JSON.stringify(template, null, 2)}\n${CODE}`);
  const fixes = fixesAt(fixture, 'wildcard-permission');
  const files = new Map(fixture.files);
  files.set('/ws/template.json', applyEdits(files.get('/ws/template.json')!, fixes[0].edits));
  const repairedText = files.get('/ws/template.json')!;
  const parsed = JSON.parse(repairedText);
  assert.deepEqual(parsed.Resources.Fn.Properties.Policies[0].Statement[0], {
    Effect: 'Allow',
    Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
    Resource: [{ 'Fn::GetAtt': ['Orders', 'Arn'] }],
  });
  const repaired = load([...files].map(([path, content]) => `#- ${path.replace('/ws', '')}\n${content}`).join('\n'));
  assert.deepEqual(codes(repaired), []);
});
