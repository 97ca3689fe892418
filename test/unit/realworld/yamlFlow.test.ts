// Multi-line flow collections whose closing bracket is no deeper than their key: deployable, so no yaml-syntax and the template is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAM_HEAD, diagnosticsOf, load } from './support';

test('a `[{ ... }]` list of statements closed at the key indentation parses, with every value in place', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          Auth:
            ResourcePolicy:
              CustomStatements: [{
                "Effect": "Allow",
                "Principal": "*",
                "Action": "execute-api:Invoke"
              }]
          EndpointConfiguration: PRIVATE
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          InlineCode: "exports.handler = async () => 1"
          Events:
            Get:
              Type: Api
              Properties: {RestApiId: !Ref Api, Path: /items, Method: get}
    `);
  assert.deepEqual(diagnosticsOf(fixture, ['yaml-syntax', 'unknown-reference']), []);
  const api = fixture.analysis.templates[0].resources.find((r) => r.logicalId === 'Api');
  const endpoint = api?.properties?.entries.find((e) => e.key === 'EndpointConfiguration');
  assert.equal(endpoint?.value.kind === 'scalar' && endpoint.value.value, 'PRIVATE');
  assert.deepEqual(fixture.analysis.endpoints.map((e) => `${e.method} ${e.path}`), ['GET /items']);
});

test('a conditional map inside `!If [...]` spanning lines under Globals, with a comment inside, keeps the functions', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Parameters:
      Subnets:
        Type: CommaDelimitedList
        Default: ''
    Conditions:
      HasSubnets: !Not [!Equals [!Join ['', !Ref Subnets], '']]
    Globals:
      Function:
        Runtime: python3.12
        VpcConfig: !If [HasSubnets, {
          SubnetIds: !Ref Subnets, # the deployer's subnets
          SecurityGroupIds: []
        }, !Ref AWS::NoValue]
        Timeout: 30
    Resources:
      Worker:
        Type: AWS::Serverless::Function
        Properties:
          Handler: app.handler
          InlineCode: "def handler(e, c): pass"
    `);
  assert.deepEqual(diagnosticsOf(fixture, ['yaml-syntax', 'unknown-reference']), []);
  assert.deepEqual(
    fixture.analysis.functions.map((fn) => `${fn.logicalId} ${fn.timeout}`),
    ['Worker 30'],
  );
});

test('braces in a block scalar are text, and a flow collection that is really unclosed is still reported where it breaks', () => {
  const fine = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          InlineCode: |
            exports.handler = async () => {
              return { items: [
            ] };
            };
          Tags: {team: a,
            owner: b
          }
    `);
  assert.deepEqual(diagnosticsOf(fine, ['yaml-syntax']), []);
  const broken = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Layers: [!Ref A,
          Runtime: nodejs20.x
    `);
  const errors = diagnosticsOf(broken, ['yaml-syntax']);
  assert.ok(errors.length > 0);
  assert.match(errors[0], /^\/template\.yaml:(7|8|9):/);
});

test('resources indented one level too deep are a syntax error shown on the misplaced key, not on the blank line before it', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Stream:
          Type: AWS::Kinesis::Stream
          Properties:
            ShardCount: 1
    $0  
        Listener:
          Type: AWS::SQS::Queue
    `);
  assert.deepEqual(diagnosticsOf(fixture, ['yaml-syntax']), ["/template.yaml:9:5 'L' yaml-syntax"]);
});
