// IAM findings on statements real templates write: VPC network-interface writes, resources the deployer passes in, invoking a published version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAM_HEAD, diagnosticsOf, load } from './support';

const INLINE = `Runtime: nodejs20.x
          Handler: index.handler
          InlineCode: "exports.handler = async () => 1"`;

test('wildcard-permission: the network-interface writes of a VPC function on * are AWS’s own recipe, other writes on * are not', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Consumer:
        Type: AWS::Serverless::Function
        Properties:
          ${INLINE}
          Policies:
            - Statement:
                - Effect: Allow
                  Resource: '*'
                  Action:
                    - ec2:CreateNetworkInterface
                    - ec2:DescribeNetworkInterfaces
                    - ec2:DeleteNetworkInterface
                - Effect: Allow
                  Resource: '*'
                  Action: sqs:SendMessage
    `);
  assert.deepEqual(diagnosticsOf(fixture, ['wildcard-permission']), ["/template.yaml:19:25 ''*'' wildcard-permission"]);
});

test('wildcard-permission: a Resource the deployer passes as a parameter (default *) is not the template’s choice', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Parameters:
      TargetFunctions:
        Type: String
        Default: '*'
    Resources:
      Tuner:
        Type: AWS::Serverless::Function
        Properties:
          ${INLINE}
          Policies:
            - Statement:
                - Effect: Allow
                  Action: [lambda:UpdateFunctionConfiguration, lambda:PublishVersion]
                  Resource: !Ref TargetFunctions
    `);
  assert.deepEqual(diagnosticsOf(fixture, ['wildcard-permission']), []);
});

test('missing-permission: invoking the version `!Ref Fn.Version` names is covered by a grant on `${Fn.Arn}:*`', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Live:
        Type: AWS::Serverless::Function
        Properties:
          ${INLINE}
          AutoPublishAlias: live
      PreTraffic:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: hook.handler
          Environment:
            Variables:
              TARGET_VERSION: !Ref Live.Version
          Policies:
            - Statement:
                - Effect: Allow
                  Action: lambda:InvokeFunction
                  Resource: !Sub
                    - \${FunctionArn}:*
                    - FunctionArn: !GetAtt Live.Arn
    //- /hook.js
    const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
    const lambda = new LambdaClient({});
    exports.handler = async () => lambda.send(new InvokeCommand({ FunctionName: process.env.TARGET_VERSION }));
    `);
  assert.deepEqual(diagnosticsOf(fixture, ['missing-permission', 'unknown-reference']), []);
});
