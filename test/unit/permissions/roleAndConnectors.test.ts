// Effective permissions from a Role (of the template or from outside) and from SAM connectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEAD, grantLines, load, permissions } from './helpers';

test('Role of the template: its Policies, ManagedPolicyArns, attached IAM policies and boundary; Policies ignored', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: sqs:SendMessage, Resource: '*' }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - !Ref Managed
      PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary
      Policies:
        - PolicyName: table
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: dynamodb:GetItem, Resource: !GetAtt Table.Arn }
  Attached:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: attached
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: sns:Publish, Resource: '*' }
  NotAttached:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: other
      Roles: [SomeOtherRole]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: s3:GetObject, Resource: '*' }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt Role.Arn
      Policies:
        - AmazonS3FullAccess
`);
  const p = permissions(analysis, 'Fn');
  assert.equal(p.role, 'template');
  assert.equal(p.roleName, 'Role');
  assert.equal(p.permissionsBoundary, 'arn:aws:iam::123456789012:policy/boundary');
  assert.ok(p.ignoredPolicies);
  assert.deepEqual(p.managedPolicies.map((m) => m.name), ['AWSLambdaBasicExecutionRole', 'Managed']);
  assert.deepEqual(grantLines(p, ['rolePolicy', 'attachedPolicy']), [
    'table: dynamodb:GetItem on ${Table.Arn}',
    'Managed: sqs:SendMessage on *',
    'Attached (Policy): sns:Publish on *',
  ]);
  assert.ok(!p.grants.some((g) => g.source.label === 'AmazonS3FullAccess'), 'Policies must be ignored when Role is set');
  assert.deepEqual(p.unknowns, []);
});

test('a Role from outside the workspace makes the role external and unknown', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Parameters:
  RoleArn: { Type: String }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x, Role: arn:aws:iam::123456789012:role/x }
  Fn2:
    Type: AWS::Lambda::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x, Role: !Ref RoleArn, Code: { ZipFile: x } }
`);
  const p = permissions(analysis, 'Fn');
  assert.equal(p.role, 'external');
  assert.equal(p.roleName, 'arn:aws:iam::123456789012:role/x');
  assert.equal(p.unknowns.length, 1);
  assert.equal(permissions(analysis, 'Fn2').role, 'external');
});

test('connectors: Function to table, queue, topic, bucket, bus, state machine and function; queue, topic, rule and API to a function', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Resources:
  Table: { Type: AWS::Serverless::SimpleTable }
  Queue: { Type: AWS::SQS::Queue }
  Topic: { Type: AWS::SNS::Topic }
  Bucket: { Type: AWS::S3::Bucket }
  Bus: { Type: AWS::Events::EventBus }
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties: { Definition: {} }
  Rule: { Type: AWS::Events::Rule }
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod }
  Target:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x }
    Connectors:
      FromQueue:
        Properties:
          Destination: { Id: Other }
          Permissions: [Write]
  Other:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x }
  Fn:
    Type: AWS::Serverless::Function
    Connectors:
      Data:
        Properties:
          Destination: [{ Id: Table }, { Id: Queue }, { Id: Bucket }]
          Permissions: [Read, Write]
    Properties: { Handler: index.handler, Runtime: nodejs20.x }
  ToTopic:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: Fn }
      Destination: [{ Id: Topic }, { Id: Bus }, { Id: Machine }, { Id: Target }]
      Permissions: [Write]
  QueueIn:
    Type: AWS::Serverless::Connector
    Properties: { Source: { Id: Queue }, Destination: { Id: Fn }, Permissions: [Read, Write] }
  TopicIn:
    Type: AWS::Serverless::Connector
    Properties: { Source: { Id: Topic }, Destination: { Id: Fn }, Permissions: [Write] }
  RuleIn:
    Type: AWS::Serverless::Connector
    Properties: { Source: { Id: Rule }, Destination: { Id: Fn }, Permissions: [Write] }
  ApiIn:
    Type: AWS::Serverless::Connector
    Properties: { Source: { Id: Api }, Destination: { Id: Fn }, Permissions: [Write] }
`);
  const p = permissions(analysis, 'Fn');
  const lines = grantLines(p, ['connector']).map((l) => l.replace(/: (\S+?)(,\S+)? on/, ': $1… on'));
  assert.deepEqual(lines, [
    'connector Data (Read): dynamodb:GetItem… on ${Table.Arn} ${Table.Arn}/index/*',
    'connector Data (Write): dynamodb:PutItem… on ${Table.Arn} ${Table.Arn}/index/*',
    'connector Data (Read): sqs:ReceiveMessage… on ${Queue.Arn}',
    'connector Data (Write): sqs:DeleteMessage… on ${Queue.Arn}',
    'connector Data (Read): s3:GetObject… on ${Bucket.Arn} ${Bucket.Arn}/*',
    'connector Data (Write): s3:AbortMultipartUpload… on ${Bucket.Arn} ${Bucket.Arn}/*',
    'connector ToTopic (Write): sns:Publish… on ${Topic.Arn}',
    'connector ToTopic (Write): events:PutEvents… on ${Bus.Arn}',
    'connector ToTopic (Write): states:StartExecution… on ${Machine.Arn}',
    'connector ToTopic (Write): states:StopExecution… on arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Machine.Name}:*',
    'connector ToTopic (Write): lambda:InvokeAsync… on ${Target.Arn}',
    'connector QueueIn (Read): sqs:ReceiveMessage… on ${Queue.Arn}',
    'connector QueueIn (Write): sqs:DeleteMessage… on ${Queue.Arn}',
  ]);
  assert.deepEqual(p.invokePermissions.map((i) => `${i.principal} ${i.source}`), [
    'sns.amazonaws.com connector TopicIn',
    'events.amazonaws.com connector RuleIn',
    'apigateway.amazonaws.com connector ApiIn',
  ]);
  assert.deepEqual(grantLines(permissions(analysis, 'Target'), ['connector']), ['connector FromQueue (Write): lambda:InvokeAsync,lambda:InvokeFunction on ${Other.Arn}']);
  assert.deepEqual(grantLines(permissions(analysis, 'Other'), ['connector']), []);
});
