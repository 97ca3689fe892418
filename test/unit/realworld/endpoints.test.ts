// Endpoints as real templates declare them: an event repeated in the API's OpenAPI body, plain API Gateway methods and HTTP API routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAM_HEAD, diagnosticsOf, endpointsOf, load } from './support';

test('a route both in a function event and in the DefinitionBody of its API is one endpoint', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          DefinitionBody:
            swagger: '2.0'
            paths:
              /orders/{id}:
                get:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${GetOrder.Arn}/invocations
              /health:
                get:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${GetOrder.Arn}/invocations
      GetOrder:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          InlineCode: "exports.handler = async () => 1"
          Events:
            Get:
              Type: Api
              Properties:
                RestApiId: !Ref Api
                Path: /orders/{id}
                Method: GET
    `);
  assert.deepEqual(endpointsOf(fixture), ['GetOrder: GET /health', 'GetOrder: GET /orders/{id}']);
});

test('plain REST API methods: the root resource and nested path parts, when the integration invokes a function', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      RestApi:
        Type: AWS::ApiGateway::RestApi
        Properties:
          Name: plain
      Items:
        Type: AWS::ApiGateway::Resource
        Properties:
          RestApiId: !Ref RestApi
          ParentId: !GetAtt RestApi.RootResourceId
          PathPart: items
      Item:
        Type: AWS::ApiGateway::Resource
        Properties:
          RestApiId: !Ref RestApi
          ParentId: !Ref Items
          PathPart: '{id}'
      RootGet:
        Type: AWS::ApiGateway::Method
        Properties:
          RestApiId: !Ref RestApi
          ResourceId: !GetAtt RestApi.RootResourceId
          HttpMethod: GET
          AuthorizationType: NONE
          Integration:
            Type: AWS_PROXY
            IntegrationHttpMethod: POST
            Uri: !Join ['', ['arn:aws:apigateway:', !Ref AWS::Region, ':lambda:path/2015-03-31/functions/', !GetAtt Reader.Arn, '/invocations']]
      ItemDelete:
        Type: AWS::ApiGateway::Method
        Properties:
          RestApiId: !Ref RestApi
          ResourceId: !Ref Item
          HttpMethod: DELETE
          AuthorizationType: NONE
          Integration:
            Type: AWS
            IntegrationHttpMethod: POST
            Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Reader.Arn}/invocations
      ItemsToQueue:
        Type: AWS::ApiGateway::Method
        Properties:
          RestApiId: !Ref RestApi
          ResourceId: !Ref Items
          HttpMethod: POST
          AuthorizationType: NONE
          Integration:
            Type: AWS
            IntegrationHttpMethod: POST
            Uri: !Sub arn:aws:apigateway:\${AWS::Region}:sqs:path/\${AWS::AccountId}/queue
      Reader:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          InlineCode: "exports.handler = async () => 1"
    `);
  assert.deepEqual(endpointsOf(fixture), ['Reader: DELETE /items/{id}', 'Reader: GET /']);
  assert.deepEqual(diagnosticsOf(fixture, ['duplicate-route', 'unknown-reference']), []);
});

test('plain HTTP API routes through their integration; WebSocket routes are not HTTP endpoints', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Http:
        Type: AWS::ApiGatewayV2::Api
        Properties:
          Name: http
          ProtocolType: HTTP
      Socket:
        Type: AWS::ApiGatewayV2::Api
        Properties:
          Name: socket
          ProtocolType: WEBSOCKET
          RouteSelectionExpression: $request.body.action
      HttpIntegration:
        Type: AWS::ApiGatewayV2::Integration
        Properties:
          ApiId: !Ref Http
          IntegrationType: AWS_PROXY
          IntegrationUri: !GetAtt Handler.Arn
          PayloadFormatVersion: '2.0'
      SocketIntegration:
        Type: AWS::ApiGatewayV2::Integration
        Properties:
          ApiId: !Ref Socket
          IntegrationType: AWS_PROXY
          IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Handler.Arn}/invocations
      ListRoute:
        Type: AWS::ApiGatewayV2::Route
        Properties:
          ApiId: !Ref Http
          RouteKey: GET /things/{id}
          Target: !Join [/, [integrations, !Ref HttpIntegration]]
      DefaultRoute:
        Type: AWS::ApiGatewayV2::Route
        Properties:
          ApiId: !Ref Http
          RouteKey: $default
          Target: !Sub integrations/\${HttpIntegration}
      ConnectRoute:
        Type: AWS::ApiGatewayV2::Route
        Properties:
          ApiId: !Ref Socket
          RouteKey: $connect
          Target: !Sub integrations/\${SocketIntegration}
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          InlineCode: "exports.handler = async () => 1"
    `);
  assert.deepEqual(endpointsOf(fixture), ['Handler: ANY $default', 'Handler: GET /things/{id}']);
});

test('a quick-created HTTP API (`Target` on the API) routes `$default` to its function', () => {
  const fixture = load(`
    #- /template.yaml
    AWSTemplateFormatVersion: '2010-09-09'
    Resources:
      Quick:
        Type: AWS::ApiGatewayV2::Api
        Properties:
          Name: quick
          ProtocolType: HTTP
          Target: !GetAtt Echo.Arn
      Echo:
        Type: AWS::Lambda::Function
        Properties:
          Runtime: python3.12
          Handler: main.handler
          Role: arn:aws:iam::123456789012:role/echo
          Code: src/
    #- /src/main.py
    def handler(event, context):
        return event
    `);
  assert.deepEqual(endpointsOf(fixture), ['Echo: ANY $default']);
});

test('an Api event path written `!Sub /${Name}` inside Fn::ForEach is the expanded path', () => {
  const fixture = load(`
    #- /template.yaml
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
    Resources:
      Fn::ForEach::Routes:
        - Name
        - [alpha, beta]
        - \${Name}Function:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: main.handler
              InlineCode: "def handler(e, c): pass"
              Events:
                Get:
                  Type: Api
                  Properties:
                    Path: !Sub /\${Name}
                    Method: get
    `);
  assert.deepEqual(endpointsOf(fixture), ['alphaFunction: GET /alpha', 'betaFunction: GET /beta']);
});
