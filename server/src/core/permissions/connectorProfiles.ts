// What AWS SAM connectors grant, per source → destination type pair and access category, as the SAM connector documentation lists it.

/** Statements of one access category; resources are written with `%{Arn}`/`%{Name}` standing for the other end. */
export interface ProfileStatement {
  actions: string[];
  resources: string[];
}

/**
 * Where the grant goes: the source's role, the destination's role (event source mappings), or a resource-based
 * permission that lets a service principal invoke the destination function.
 */
export type ProfileKind = 'sourceRole' | 'destinationRole' | 'invokePermission';

export interface ConnectorProfile {
  kind: ProfileKind;
  principal?: string;
  access: Partial<Record<'Read' | 'Write', ProfileStatement[]>>;
}

const FUNCTION = 'AWS::Lambda::Function';
const EXECUTION = 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:%{Name}:*';
const both = ['%{Arn}', '%{Arn}/index/*'];
const bucket = ['%{Arn}', '%{Arn}/*'];

function prefixed(prefix: string, names: string[]): string[] {
  return names.map((name) => `${prefix}:${name}`);
}

/** SAM resource types stand for the CloudFormation types SAM turns them into. */
const TYPE_ALIASES: Record<string, string> = {
  'AWS::Serverless::Function': FUNCTION,
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::GraphQLApi': 'AWS::AppSync::GraphQLApi',
};

/** The CloudFormation type a connector profile is keyed by. */
export function connectorType(type: string): string {
  return TYPE_ALIASES[type] ?? type;
}

const PROFILES: Record<string, ConnectorProfile> = {
  [`${FUNCTION}>AWS::DynamoDB::Table`]: {
    kind: 'sourceRole',
    access: {
      Read: [{ actions: prefixed('dynamodb', ['GetItem', 'Query', 'Scan', 'BatchGetItem', 'ConditionCheckItem', 'PartiQLSelect']), resources: both }],
      Write: [{ actions: prefixed('dynamodb', ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'PartiQLDelete', 'PartiQLInsert', 'PartiQLUpdate']), resources: both }],
    },
  },
  [`${FUNCTION}>AWS::SQS::Queue`]: {
    kind: 'sourceRole',
    access: {
      Read: [{ actions: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], resources: ['%{Arn}'] }],
      Write: [{ actions: ['sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'], resources: ['%{Arn}'] }],
    },
  },
  [`${FUNCTION}>AWS::SNS::Topic`]: { kind: 'sourceRole', access: { Write: [{ actions: ['sns:Publish'], resources: ['%{Arn}'] }] } },
  [`${FUNCTION}>AWS::S3::Bucket`]: {
    kind: 'sourceRole',
    access: {
      Read: [{
        actions: prefixed('s3', ['GetObject', 'GetObjectAcl', 'GetObjectLegalHold', 'GetObjectRetention', 'GetObjectTorrent', 'GetObjectVersion',
          'GetObjectVersionAcl', 'GetObjectVersionForReplication', 'GetObjectVersionTorrent', 'ListBucket', 'ListBucketMultipartUploads',
          'ListBucketVersions', 'ListMultipartUploadParts']),
        resources: bucket,
      }],
      Write: [{
        actions: prefixed('s3', ['AbortMultipartUpload', 'DeleteObject', 'DeleteObjectVersion', 'PutObject', 'PutObjectLegalHold', 'PutObjectRetention', 'RestoreObject']),
        resources: bucket,
      }],
    },
  },
  [`${FUNCTION}>AWS::Events::EventBus`]: { kind: 'sourceRole', access: { Write: [{ actions: ['events:PutEvents'], resources: ['%{Arn}'] }] } },
  [`${FUNCTION}>AWS::StepFunctions::StateMachine`]: {
    kind: 'sourceRole',
    access: {
      Read: [
        { actions: ['states:DescribeStateMachine', 'states:ListExecutions'], resources: ['%{Arn}'] },
        { actions: ['states:DescribeExecution', 'states:DescribeStateMachineForExecution', 'states:GetExecutionHistory'], resources: [EXECUTION] },
      ],
      Write: [
        { actions: ['states:StartExecution', 'states:StartSyncExecution'], resources: ['%{Arn}'] },
        { actions: ['states:StopExecution'], resources: [EXECUTION] },
      ],
    },
  },
  [`${FUNCTION}>${FUNCTION}`]: { kind: 'sourceRole', access: { Write: [{ actions: ['lambda:InvokeAsync', 'lambda:InvokeFunction'], resources: ['%{Arn}'] }] } },
  [`${FUNCTION}>AWS::Location::PlaceIndex`]: {
    kind: 'sourceRole',
    access: {
      Read: [{
        actions: prefixed('geo', ['DescribePlaceIndex', 'GetPlace', 'SearchPlaceIndexForPosition', 'SearchPlaceIndexForSuggestions', 'SearchPlaceIndexForText']),
        resources: ['%{Arn}'],
      }],
    },
  },
  [`AWS::SQS::Queue>${FUNCTION}`]: {
    kind: 'destinationRole',
    access: {
      Read: [{ actions: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], resources: ['%{Arn}'] }],
      Write: [{ actions: ['sqs:DeleteMessage'], resources: ['%{Arn}'] }],
    },
  },
  [`AWS::DynamoDB::Table>${FUNCTION}`]: {
    kind: 'destinationRole',
    access: { Read: [{ actions: prefixed('dynamodb', ['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams']), resources: ['%{Arn}/stream/*'] }] },
  },
  [`AWS::Kinesis::Stream>${FUNCTION}`]: {
    kind: 'destinationRole',
    access: {
      Read: [{
        actions: prefixed('kinesis', ['DescribeStream', 'DescribeStreamSummary', 'GetRecords', 'GetShardIterator', 'ListShards', 'ListStreams', 'SubscribeToShard']),
        resources: ['%{Arn}'],
      }],
    },
  },
  [`AWS::SNS::Topic>${FUNCTION}`]: { kind: 'invokePermission', principal: 'sns.amazonaws.com', access: { Write: [] } },
  [`AWS::Events::Rule>${FUNCTION}`]: { kind: 'invokePermission', principal: 'events.amazonaws.com', access: { Write: [] } },
  [`AWS::ApiGateway::RestApi>${FUNCTION}`]: { kind: 'invokePermission', principal: 'apigateway.amazonaws.com', access: { Write: [] } },
  [`AWS::ApiGatewayV2::Api>${FUNCTION}`]: { kind: 'invokePermission', principal: 'apigateway.amazonaws.com', access: { Write: [] } },
  [`AWS::S3::Bucket>${FUNCTION}`]: { kind: 'invokePermission', principal: 's3.amazonaws.com', access: { Write: [] } },
  [`AWS::AppSync::GraphQLApi>${FUNCTION}`]: { kind: 'invokePermission', principal: 'appsync.amazonaws.com', access: { Write: [] } },
};

/** The profile for a source → destination pair (SAM types accepted), or undefined when SAM has no such connection. */
export function connectorProfile(sourceType: string, destinationType: string): ConnectorProfile | undefined {
  const key = `${connectorType(sourceType)}>${connectorType(destinationType)}`;
  return Object.hasOwn(PROFILES, key) ? PROFILES[key] : undefined;
}

/** How many source → destination pairs are encoded (for reports). */
export function connectorPairCount(): number {
  return Object.keys(PROFILES).length;
}
