// Handler resolution on layouts real templates use: `Code` as a local folder on a plain Lambda function, runtimes that are not analysed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAM_HEAD, diagnosticsOf, handlersOf, load } from './support';

test('`Code: .` on an AWS::Lambda::Function is the local folder `aws cloudformation package` uploads', () => {
  const fixture = load(`
    #- /template.yaml
    AWSTemplateFormatVersion: '2010-09-09'
    Resources:
      Echo:
        Type: AWS::Lambda::Function
        Properties:
          Code: '.'
          Handler: main.echo
          Runtime: python3.12
          Role: arn:aws:iam::123456789012:role/echo
      Stored:
        Type: AWS::Lambda::Function
        Properties:
          Code:
            S3Bucket: artifacts
            S3Key: stored.zip
          Handler: main.echo
          Runtime: python3.12
          Role: arn:aws:iam::123456789012:role/echo
    #- /main.py
    def echo(event, context):
        return event
    `);
  assert.deepEqual(handlersOf(fixture), ['Echo -> /main.py#echo', 'Stored -> none']);
  assert.deepEqual(diagnosticsOf(fixture, ['missing-handler', 'missing-code-uri']), []);
});

test('Java, .NET and custom runtimes report no handler with a reason, never a missing file', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Java:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: java21
          CodeUri: TicketsFunction
          Handler: com.example.TicketFunction::handleRequest
      Dotnet:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: dotnet8
          CodeUri: Api/
          Handler: Api::Api.LambdaEntryPoint::FunctionHandlerAsync
      Rust:
        Type: AWS::Serverless::Function
        Metadata:
          BuildMethod: rust-cargolambda
        Properties:
          Runtime: provided.al2023
          CodeUri: .
          Handler: bootstrap
    #- /TicketsFunction/pom.xml
    <project/>
    #- /Api/Api.csproj
    <Project/>
    #- /Cargo.toml
    [package]
    `);
  assert.deepEqual(handlersOf(fixture), ['Java -> none', 'Dotnet -> none', 'Rust -> none']);
  for (const fn of fixture.analysis.functions) assert.ok(fn.resolution.status === 'none' && fn.resolution.reason.length > 0);
  assert.deepEqual(diagnosticsOf(fixture, ['missing-handler', 'missing-code-uri']), []);
});

test('`Runtime: !Ref Param` takes the parameter default, so the handler is looked up in that language', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Parameters:
      NodeRuntime:
        Type: String
        Default: nodejs20.x
    Globals:
      Function:
        Runtime: !Ref NodeRuntime
    Resources:
      Api:
        Type: AWS::Serverless::Function
        Properties:
          CodeUri: src/
          Handler: app.handler
    #- /src/app.py
    def handler(event, context):
        return 1
    #- /src/app.js
    exports.handler = async () => 1;
    `);
  assert.deepEqual(handlersOf(fixture), ['Api -> /src/app.js#handler']);
  assert.equal(fixture.analysis.functions[0].runtime, 'nodejs20.x');
});

test('a Java-style handler with a Runtime taken from a parameter without default is not reported missing', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Parameters:
      JavaRuntime:
        Type: String
    Resources:
      Tickets:
        Type: AWS::Serverless::Function
        Properties:
          CodeUri: .
          Runtime: !Ref JavaRuntime
          Handler: com.example.Tickets::handleRequest
    #- /pom.xml
    <project/>
    `);
  assert.deepEqual(handlersOf(fixture), ['Tickets -> none']);
  assert.deepEqual(diagnosticsOf(fixture, ['missing-handler']), []);
});

test('a Python handler defined in a package `__init__.py`, and a CodeUri that is a built archive', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Worker:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          CodeUri: src/
          Handler: worker.handler
      Packaged:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          CodeUri: dist/packaged.zip
          Handler: index.handler
    #- /src/worker/__init__.py
    def handler(event, context):
        return event
    `);
  assert.deepEqual(handlersOf(fixture), ['Worker -> /src/worker/__init__.py#handler', 'Packaged -> none']);
  assert.deepEqual(diagnosticsOf(fixture, ['missing-handler', 'missing-code-uri']), []);
});
