// Go to definition through the core facade, written as inline fixtures with `$0` cursors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definition } from '../../../server/src/core/index';
import { loadFixture, showSpan } from '../../support/fixture';

function check(fixtureText: string, expected: string[]): void {
  const fixture = loadFixture(fixtureText);
  assert.ok(fixture.cursor, 'fixture needs a $0 cursor');
  const spans = definition(fixture.analysis, fixture.cursor.file, fixture.cursor.offset);
  assert.deepEqual(spans.map((s) => showSpan(fixture, s)), expected);
}

const TEMPLATE_HEAD = `
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: AWS::Serverless-2016-10-31`;

test('Handler value goes to the exported handler function', () => {
  check(
    `
    #- /template.yaml${TEMPLATE_HEAD}
    Resources:
      GetFunction:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          CodeUri: src/
          Handler: handlers/get.ha$0ndler
    //- /src/handlers/get.ts
    import { x } from './x';
    export const handler = async () => x;
    `,
    ["/src/handlers/get.ts:2:14 'handler'"],
  );
});

test('Handler through Globals runtime, CommonJS export and esbuild entry points', () => {
  check(
    `
    #- /template.yaml${TEMPLATE_HEAD}
    Globals:
      Function:
        Runtime: nodejs20.x
    Resources:
      Create$0Function:
        Type: AWS::Serverless::Function
        Properties:
          CodeUri: ./
          Handler: create.handler
        Metadata:
          BuildMethod: esbuild
          BuildProperties:
            EntryPoints: [src/create.ts]
    //- /src/create.ts
    async function main() {}
    export { main as handler };
    `,
    ["/src/create.ts:1:16 'main'"],
  );
});

test('re-exported handler is followed to its declaration', () => {
  check(
    `
    #- /template.yaml${TEMPLATE_HEAD}
    Resources:
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: a.handl$0er
    //- /a.ts
    export { handler } from './impl/b';
    //- /impl/b.ts
    export async function handler() {}
    `,
    ["/impl/b.ts:1:23 'handler'"],
  );
});

test('Python handler goes to the def', () => {
  check(
    `
    #- /template.yaml${TEMPLATE_HEAD}
    Resources:
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          CodeUri: app
          Handler: pkg.main.lambda_han$0dler
    //- /app/pkg/main.py
    import os

    def lambda_handler(event, context):
        return os.environ['X']
    `,
    ["/app/pkg/main.py:3:5 'lambda_handler'"],
  );
});

test('Ref, GetAtt, Sub, DependsOn and Condition go to their definitions', () => {
  const base = (cursorLine: string) => `
    #- /template.yaml${TEMPLATE_HEAD}
    Parameters:
      Stage:
        Type: String
    Conditions:
      IsProd: !Equals [!Ref Stage, prod]
    Resources:
      Table:
        Type: AWS::DynamoDB::Table
      Queue:
        Type: AWS::SQS::Queue
        ${cursorLine}
  `;
  check(base('Condition: IsP$0rod'), ["/template.yaml:7:3 'IsProd'"]);
  check(base('DependsOn: [Tab$0le]'), ["/template.yaml:9:3 'Table'"]);
  check(base('Properties: { QueueName: !Sub "${St$0age}-q" }'), ["/template.yaml:4:3 'Stage'"]);
  check(base('Properties: { QueueName: !GetAtt Tab$0le.Arn }'), ["/template.yaml:9:3 'Table'"]);
  check(base('Properties: { QueueName: !GetAtt [Tab$0le, Arn] }'), ["/template.yaml:9:3 'Table'"]);
  check(base('Properties: { QueueName: {"Fn::Sub": ["${X}-${Tab$0le}", {X: !Ref Stage}]} }'), ["/template.yaml:9:3 'Table'"]);
  check(base('Properties: { QueueName: !Sub "${AWS::Reg$0ion}" }'), []);
});

test('GetAtt of a SAM-generated role goes to the function it comes from', () => {
  check(
    `
    #- /template.yaml${TEMPLATE_HEAD}
    Resources:
      Fn:
        Type: AWS::Serverless::Function
        Properties: { Runtime: nodejs20.x, Handler: a.handler, InlineCode: "exports.handler = 1" }
    Outputs:
      RoleArn:
        Value: !GetAtt FnR$0ole.Arn
    `,
    ["/template.yaml:4:3 'Fn'"],
  );
});

test('JSON templates use long-form intrinsics', () => {
  check(
    `
    //- /stack.json
    {
      "AWSTemplateFormatVersion": "2010-09-09",
      "Resources": {
        "Bucket": { "Type": "AWS::S3::Bucket" },
        "Policy": { "Type": "AWS::S3::BucketPolicy", "Properties": { "Bucket": { "Ref": "Buc$0ket" } } }
      }
    }
    `,
    ["/stack.json:4:6 'Bucket'"],
  );
});

test('process.env.X and destructured env reads go to Environment.Variables, Globals included', () => {
  const fixture = (code: string) => `
    #- /template.yaml${TEMPLATE_HEAD}
    Globals:
      Function:
        Runtime: nodejs20.x
        Environment:
          Variables:
            STAGE: prod
    Resources:
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Handler: app.handler
          Environment:
            Variables:
              TABLE: !Ref Table
      Table:
        Type: AWS::DynamoDB::Table
    //- /app.ts
    ${code}
    export const handler = async () => {};
  `;
  check(fixture('const t = process.env.TA$0BLE;'), ["/template.yaml:16:11 'TABLE'"]);
  check(fixture('const { ST$0AGE } = process.env;'), ["/template.yaml:8:9 'STAGE'"]);
});

test('ImportValue goes to the Outputs entry that exports the name in another template', () => {
  check(
    `
    #- /a/template.yaml${TEMPLATE_HEAD}
    Resources:
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: x.handler
          Environment:
            Variables:
              AUTH: !ImportValue shop-au$0th-name
    #- /b/template.yaml${TEMPLATE_HEAD}
    Resources:
      Auth:
        Type: AWS::Serverless::Function
        Properties: { Runtime: nodejs20.x, Handler: y.handler }
    Outputs:
      AuthName:
        Value: !Ref Auth
        Export:
          Name: shop-auth-name
    `,
    ["/b/template.yaml:8:3 'AuthName'"],
  );
});

test('an endpoint Path goes to the handler, and the handler export goes back to the template', () => {
  const text = (path: string, code: string) => `
    #- /template.yaml${TEMPLATE_HEAD}
    Resources:
      GetBasket:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: get.handler
          Events:
            Get:
              Type: Api
              Properties:
                Path: ${path}
                Method: get
    //- /get.ts
    ${code}
  `;
  check(text('/basket/{i$0d}', 'export const handler = 1;'), ["/get.ts:1:14 'handler'"]);
  check(text('/basket/{id}', 'export const hand$0ler = 1;'), ["/template.yaml:8:16 'get.handler'"]);
});
