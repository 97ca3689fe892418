// Effective permissions of functions with a generated role: managed policies SAM adds, event sources, Policies in every form, destinations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEAD, grantLines, load, permissions } from './helpers';

test('a generated role always gets AWSLambdaBasicExecutionRole; Tracing, VpcConfig and pull events add their managed policies', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Globals:
  Function:
    Tracing: Active
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Table:
    Type: AWS::DynamoDB::Table
  Stream:
    Type: AWS::Kinesis::Stream
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      VpcConfig:
        SubnetIds: [subnet-1]
        SecurityGroupIds: [sg-1]
      Events:
        Q: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }
        D: { Type: DynamoDB, Properties: { Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST } }
        K: { Type: Kinesis, Properties: { Stream: !GetAtt Stream.Arn, StartingPosition: LATEST } }
        M: { Type: MSK, Properties: { Stream: arn:aws:kafka:us-east-1:123456789012:cluster/c/1, StartingPosition: LATEST, Topics: [t] } }
  Plain:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
`);
  const fn = permissions(analysis, 'Fn');
  assert.equal(fn.role, 'generated');
  assert.deepEqual(fn.managedPolicies.map((m) => `${m.name}${m.known ? '' : '?'}`), [
    'AWSLambdaBasicExecutionRole',
    'AWSXrayWriteOnlyAccess',
    'AWSLambdaVPCAccessExecutionRole',
    'AWSLambdaSQSQueueExecutionRole',
    'AWSLambdaDynamoDBExecutionRole',
    'AWSLambdaKinesisExecutionRole',
    'AWSLambdaMSKExecutionRole',
  ]);
  assert.deepEqual(fn.unknowns, []);
  assert.ok(fn.grants.some((g) => g.source.label === 'AWSLambdaSQSQueueExecutionRole' && g.actions.includes('sqs:ReceiveMessage')));
  const plain = permissions(analysis, 'Plain');
  assert.deepEqual(plain.managedPolicies.map((m) => m.name), ['AWSLambdaBasicExecutionRole', 'AWSXrayWriteOnlyAccess']);
});

test('MQ, self-managed Kafka and DocumentDB events add the inline statements SAM writes', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Events:
        Mq:
          Type: MQ
          Properties:
            Broker: arn:aws:mq:us-east-1:123456789012:broker:b:b-1
            Queues: [q]
            SourceAccessConfigurations:
              - Type: BASIC_AUTH
                URI: !Ref Secret
            SecretsManagerKmsKeyId: key-1
        Kafka:
          Type: SelfManagedKafka
          Properties:
            KafkaBootstrapServers: [abc:9092]
            Topics: [t]
            SourceAccessConfigurations:
              - { Type: SASL_SCRAM_512_AUTH, URI: arn:aws:secretsmanager:us-east-1:123456789012:secret:k }
              - { Type: VPC_SUBNET, URI: subnet:subnet-1 }
              - { Type: VPC_SECURITY_GROUP, URI: security_group:sg-1 }
        Docs:
          Type: DocumentDB
          Properties:
            Cluster: arn:aws:rds:us-east-1:123456789012:cluster:docs
            DatabaseName: db
            SourceAccessConfigurations:
              - { Type: BASIC_AUTH, URI: arn:aws:secretsmanager:us-east-1:123456789012:secret:d }
`);
  const lines = grantLines(permissions(analysis, 'Fn'), ['eventSource']);
  assert.deepEqual(lines, [
    'MQ event Mq: secretsmanager:GetSecretValue on ${Secret}',
    'MQ event Mq: mq:DescribeBroker on arn:aws:mq:us-east-1:123456789012:broker:b:b-1',
    'MQ event Mq: kms:Decrypt on arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/key-1',
    'SelfManagedKafka event Kafka: secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:k',
    'SelfManagedKafka event Kafka: ec2:CreateNetworkInterface,ec2:DescribeNetworkInterfaces,ec2:DeleteNetworkInterface,ec2:DescribeVpcs,ec2:DescribeSubnets,ec2:DescribeSecurityGroups on *',
    'DocumentDB event Docs: secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:d',
    'DocumentDB event Docs: rds:DescribeDBClusterParameters on arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*',
    'DocumentDB event Docs: rds:DescribeDBSubnetGroups on arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*',
    'DocumentDB event Docs: rds:DescribeDBClusters on arn:aws:rds:us-east-1:123456789012:cluster:docs',
    'DocumentDB event Docs: ec2:CreateNetworkInterface,ec2:DescribeNetworkInterfaces,ec2:DeleteNetworkInterface,ec2:DescribeVpcs,ec2:DescribeSubnets,ec2:DescribeSecurityGroups on *',
  ]);
});

test('Policies: managed names and ARNs, intrinsics shown as written, inline documents, templates with resolved parameters', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Parameters:
  ExtraPolicyArn:
    Type: String
  Prefix:
    Type: String
    Default: app
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Policies:
        - AmazonS3ReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonSQSFullAccess
        - !Ref ExtraPolicyArn
        - Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action: [dynamodb:GetItem, dynamodb:Query]
              Resource:
                - !GetAtt Orders.Arn
                - !Sub '\${Orders.Arn}/index/*'
            - Effect: Deny
              Action: s3:DeleteObject
              Resource: !Sub 'arn:aws:s3:::\${Prefix}-bucket/*'
        - DynamoDBCrudPolicy:
            TableName: !Ref Orders
        - SSMParameterReadPolicy:
            ParameterName: !Sub '\${Prefix}/config'
`);
  const p = permissions(analysis, 'Fn');
  assert.deepEqual(p.managedPolicies.map((m) => `${m.name}:${m.known}:${m.reason}`), [
    'AWSLambdaBasicExecutionRole:true:generated role',
    'AmazonS3ReadOnlyAccess:true:Policies',
    'AmazonSQSFullAccess:true:Policies',
    '!Ref ExtraPolicyArn:false:Policies',
  ]);
  assert.deepEqual(p.unknowns.map((u) => u.reason), ['managed policy !Ref ExtraPolicyArn is not known offline']);
  assert.deepEqual(grantLines(p, ['inline', 'template']), [
    'inline policy: dynamodb:GetItem,dynamodb:Query on ${Orders.Arn} ${Orders.Arn}/index/*',
    'DENY inline policy: s3:DeleteObject on arn:aws:s3:::app-bucket/*',
    'DynamoDBCrudPolicy: dynamodb:GetItem,dynamodb:DeleteItem,dynamodb:PutItem,dynamodb:Scan,dynamodb:Query,dynamodb:UpdateItem,dynamodb:BatchWriteItem,dynamodb:BatchGetItem,dynamodb:DescribeTable,dynamodb:ConditionCheckItem on arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Orders} arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Orders}/index/*',
    'SSMParameterReadPolicy: ssm:DescribeParameters on *',
    'SSMParameterReadPolicy: ssm:GetParameters,ssm:GetParameter,ssm:GetParametersByPath on arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/config',
  ]);
  const crud = p.grants.find((g) => g.source.label === 'DynamoDBCrudPolicy')!;
  assert.deepEqual(crud.resources.map((r) => r.pattern), [
    { kind: 'resource', id: '/ws/template.yaml#Orders', logicalId: 'Orders', resourceType: 'AWS::DynamoDB::Table', suffix: '' },
    { kind: 'resource', id: '/ws/template.yaml#Orders', logicalId: 'Orders', resourceType: 'AWS::DynamoDB::Table', suffix: '/index/*' },
  ]);
  assert.deepEqual(p.templates.map((t) => `${t.name}(${t.parameters.map((x) => `${x.name}=${x.text}`).join(',')})`), [
    'DynamoDBCrudPolicy(TableName=${Orders})',
    'SSMParameterReadPolicy(ParameterName=app/config)',
  ]);
});

test('Policies: !If gives both branches with their condition; a missing template parameter stays a placeholder', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Conditions:
  IsProd: !Equals [a, b]
Resources:
  Live:
    Type: AWS::DynamoDB::Table
  Test:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Policies:
        - !If
          - IsProd
          - DynamoDBReadPolicy:
              TableName: !Ref Live
          - !Ref AWS::NoValue
        - DynamoDBWritePolicy:
            TableName: !If [IsProd, !Ref Live, !Ref Test]
        - SQSSendMessagePolicy: {}
`);
  const p = permissions(analysis, 'Fn');
  assert.deepEqual(grantLines(p, ['template']).map((l) => l.replace(/arn:\$\{AWS::Partition\}:[a-z]+:\$\{AWS::Region\}:\$\{AWS::AccountId\}:/g, 'arn:')), [
    'DynamoDBReadPolicy: dynamodb:GetItem,dynamodb:Scan,dynamodb:Query,dynamodb:BatchGetItem,dynamodb:DescribeTable on arn:table/${Live} arn:table/${Live}/index/* [if IsProd]',
    'DynamoDBWritePolicy: dynamodb:PutItem,dynamodb:UpdateItem,dynamodb:BatchWriteItem on arn:table/${Live} arn:table/${Test} arn:table/${Live}/index/* arn:table/${Test}/index/*',
    'SQSSendMessagePolicy: sqs:SendMessage* on arn:${QueueName}',
  ]);
  assert.deepEqual(p.templates.map((t) => `${t.name} missing=${t.missing.join(',')}`), ['DynamoDBReadPolicy missing=', 'DynamoDBWritePolicy missing=', 'SQSSendMessagePolicy missing=QueueName']);
  const send = p.grants.find((g) => g.source.label === 'SQSSendMessagePolicy')!;
  assert.equal(send.resources[0].pattern.kind, 'arn');
});

test('DeadLetterQueue and EventInvokeConfig destinations add SendMessage, Publish, InvokeFunction, PutEvents and PutObject', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
  Bucket:
    Type: AWS::S3::Bucket
  Bus:
    Type: AWS::Events::EventBus
  Other:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt Dlq.Arn
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess:
            Type: Lambda
            Destination: !GetAtt Other.Arn
          OnFailure:
            Type: S3
            Destination: !GetAtt Bucket.Arn
  Fn2:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      DeadLetterQueue: { Type: SNS, TargetArn: !Ref Topic }
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess: { Type: EventBridge, Destination: !GetAtt Bus.Arn }
          OnFailure: { Type: SQS }
`);
  assert.deepEqual(grantLines(permissions(analysis, 'Fn'), ['deadLetterQueue', 'destination']), [
    'DeadLetterQueue: sqs:SendMessage on ${Dlq.Arn}',
    'EventInvokeConfig OnSuccess: lambda:InvokeFunction on ${Other.Arn}',
    'EventInvokeConfig OnFailure: s3:PutObject on ${Bucket.Arn}/*',
  ]);
  assert.deepEqual(grantLines(permissions(analysis, 'Fn2'), ['deadLetterQueue', 'destination']), [
    'DeadLetterQueue: sns:Publish on ${Topic}',
    'EventInvokeConfig OnSuccess: events:PutEvents on ${Bus.Arn}',
    'EventInvokeConfig OnFailure: sqs:SendMessage on (the queue SAM creates)',
  ]);
  const s3 = permissions(analysis, 'Fn').grants.find((g) => g.actions[0] === 's3:PutObject')!;
  assert.deepEqual(s3.resources[0].pattern, { kind: 'resource', id: '/ws/template.yaml#Bucket', logicalId: 'Bucket', resourceType: 'AWS::S3::Bucket', suffix: '/*' });
});

test('PermissionsBoundary of a generated role is shown', () => {
  const { analysis } = load(`
#- /template.yaml
${HEAD}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x, PermissionsBoundary: arn:aws:iam::123456789012:policy/pb }
`);
  assert.equal(permissions(analysis, 'Fn').permissionsBoundary, 'arn:aws:iam::123456789012:policy/pb');
});
