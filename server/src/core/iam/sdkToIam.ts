// Maps an AWS SDK call (service and operation) to the IAM actions it needs, with AWS's documented exceptions.

/** The IAM actions an SDK operation needs, and how sure the mapping is. */
export interface IamActionMapping {
  /** Full action names (`s3:PutObject`); empty when the call needs no permission (`sts:GetCallerIdentity`). */
  actions: string[];
  /**
   * True when which of `actions` are needed depends on the call's arguments (TransactWriteItems needs
   * PutItem only if it puts); every candidate is then listed.
   */
  dependsOnArguments: boolean;
  /** True when the mapping comes from the exception table rather than the `prefix:Operation` rule. */
  exception: boolean;
}

/**
 * SDK service identifiers (v3 client names, v2 class names, boto3 client names; compared without case,
 * `-`, `_` or spaces) whose IAM prefix differs from the identifier itself.
 */
const prefixByService: Record<string, string> = {
  eventbridge: 'events', cloudwatchevents: 'events',
  sfn: 'states', stepfunctions: 'states',
  apigatewaymanagementapi: 'execute-api',
  cognitoidp: 'cognito-idp', cognitoidentityprovider: 'cognito-idp', cognitoidentityserviceprovider: 'cognito-idp',
  cognitoidentity: 'cognito-identity',
  cloudwatchlogs: 'logs',
  sesv2: 'ses', pinpointemail: 'ses',
  dynamodbstreams: 'dynamodb', documentclient: 'dynamodb', libdynamodb: 'dynamodb', dynamodbdocument: 'dynamodb',
  iotdata: 'iot', iotdataplane: 'iot',
  bedrockruntime: 'bedrock', bedrockagentruntime: 'bedrock', bedrockagent: 'bedrock',
  sagemakerruntime: 'sagemaker',
  elasticsearchservice: 'es', elasticsearch: 'es', opensearch: 'es',
  pinpoint: 'mobiletargeting', pinpointsmsvoicev2: 'sms-voice',
  efs: 'elasticfilesystem', emr: 'elasticmapreduce', emrserverless: 'emr-serverless',
  apigatewayv2: 'apigateway',
  appconfigdata: 'appconfig',
  lexruntime: 'lex', lexruntimev2: 'lex', lexruntimeservice: 'lex', lexmodelsv2: 'lex',
  timestreamwrite: 'timestream', timestreamquery: 'timestream',
  personalizeruntime: 'personalize', personalizeevents: 'personalize',
  redshiftdata: 'redshift-data', rdsdata: 'rds-data', neptunedata: 'neptune-db',
  costexplorer: 'ce', kinesisanalyticsv2: 'kinesisanalytics', location: 'geo', qldbsession: 'qldb',
  marketplacemetering: 'aws-marketplace', applicationautoscaling: 'application-autoscaling',
  resourcegroupstaggingapi: 'tag', resourcegroups: 'resource-groups', servicecatalogappregistry: 'servicecatalog',
  ssooidc: 'sso-oauth', secretsmanager: 'secretsmanager', xray: 'xray', s3control: 's3',
};

const none: string[] = [];

/** Operations whose actions differ from `prefix:Operation`, per IAM prefix. A `!` marks argument-dependent lists. */
const exceptions: Record<string, Record<string, string[]>> = {
  s3: {
    ListObjects: ['s3:ListBucket'], ListObjectsV2: ['s3:ListBucket'], ListObjectVersions: ['s3:ListBucketVersions'],
    HeadBucket: ['s3:ListBucket'], HeadObject: ['s3:GetObject'], SelectObjectContent: ['s3:GetObject'],
    CopyObject: ['s3:PutObject', 's3:GetObject'], UploadPartCopy: ['s3:PutObject', 's3:GetObject'],
    CreateMultipartUpload: ['s3:PutObject'], UploadPart: ['s3:PutObject'], CompleteMultipartUpload: ['s3:PutObject'],
    Upload: ['s3:PutObject'], AbortMultipartUpload: ['s3:AbortMultipartUpload'],
    ListParts: ['s3:ListMultipartUploadParts'], ListMultipartUploads: ['s3:ListBucketMultipartUploads'],
    DeleteObjects: ['s3:DeleteObject'], ListBuckets: ['s3:ListAllMyBuckets'],
    GetBucketNotificationConfiguration: ['s3:GetBucketNotification'],
    PutBucketNotificationConfiguration: ['s3:PutBucketNotification'],
    GetBucketLifecycleConfiguration: ['s3:GetLifecycleConfiguration'],
    PutBucketLifecycleConfiguration: ['s3:PutLifecycleConfiguration'],
    DeleteBucketLifecycle: ['s3:PutLifecycleConfiguration'],
    GetBucketCors: ['s3:GetBucketCORS'], PutBucketCors: ['s3:PutBucketCORS'], DeleteBucketCors: ['s3:PutBucketCORS'],
    GetBucketEncryption: ['s3:GetEncryptionConfiguration'], PutBucketEncryption: ['s3:PutEncryptionConfiguration'],
    GetBucketReplication: ['s3:GetReplicationConfiguration'], PutBucketReplication: ['s3:PutReplicationConfiguration'],
    GetPublicAccessBlock: ['s3:GetBucketPublicAccessBlock'], PutPublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
    GetObjectLockConfiguration: ['s3:GetBucketObjectLockConfiguration'],
    PutObjectLockConfiguration: ['s3:PutBucketObjectLockConfiguration'],
    WriteGetObjectResponse: ['s3-object-lambda:WriteGetObjectResponse'],
  },
  dynamodb: {
    TransactWriteItems: ['!', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
    TransactGetItems: ['dynamodb:GetItem'],
    ExecuteStatement: ['!', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
    BatchExecuteStatement: ['!', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
    ExecuteTransaction: ['!', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
    // DocumentClient (v2) and lib-dynamodb (v3) operation names.
    Get: ['dynamodb:GetItem'], Put: ['dynamodb:PutItem'], Update: ['dynamodb:UpdateItem'], Delete: ['dynamodb:DeleteItem'],
    BatchGet: ['dynamodb:BatchGetItem'], BatchWrite: ['dynamodb:BatchWriteItem'],
    TransactGet: ['dynamodb:GetItem'],
    TransactWrite: ['!', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  },
  sqs: {
    SendMessageBatch: ['sqs:SendMessage'], DeleteMessageBatch: ['sqs:DeleteMessage'],
    ChangeMessageVisibilityBatch: ['sqs:ChangeMessageVisibility'],
  },
  sns: { PublishBatch: ['sns:Publish'] },
  lambda: {
    Invoke: ['lambda:InvokeFunction'], InvokeAsync: ['lambda:InvokeFunction'],
    InvokeWithResponseStream: ['lambda:InvokeFunction'],
  },
  'execute-api': {
    PostToConnection: ['execute-api:ManageConnections'], GetConnection: ['execute-api:ManageConnections'],
    DeleteConnection: ['execute-api:ManageConnections'],
  },
  sts: { GetCallerIdentity: none },
  secretsmanager: { BatchGetSecretValue: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue'] },
  bedrock: { Converse: ['bedrock:InvokeModel'], ConverseStream: ['bedrock:InvokeModelWithResponseStream'] },
};

function compactServiceId(service: string): string {
  return service.toLowerCase().replace(/[-_\s]/g, '');
}

/** The IAM service prefix for an SDK service identifier (`eventbridge` → `events`, `sfn` → `states`). */
export function iamPrefixFor(service: string): string {
  const trimmed = service.trim().toLowerCase();
  const compact = compactServiceId(trimmed);
  return Object.hasOwn(prefixByService, compact) ? prefixByService[compact] : trimmed;
}

/**
 * The operation name in PascalCase as IAM spells it: `SendMessageCommand`, `sendMessage` and
 * `send_message` all become `SendMessage`; `list_objects_v2` becomes `ListObjectsV2`.
 */
export function normalizeOperation(operation: string): string {
  let name = operation.trim();
  if (name.includes('_')) {
    name = name.split('_').filter(Boolean).map((part) => part[0].toUpperCase() + part.slice(1)).join('');
  }
  if (name.length > 'Command'.length && name.endsWith('Command')) name = name.slice(0, -'Command'.length);
  return name ? name[0].toUpperCase() + name.slice(1) : name;
}

/** The IAM actions an SDK operation needs, with whether they depend on its arguments. */
export function iamActionMapping(service: string, operation: string): IamActionMapping {
  const prefix = iamPrefixFor(service);
  const name = normalizeOperation(operation);
  const table = Object.hasOwn(exceptions, prefix) ? exceptions[prefix] : undefined;
  const listed = table && Object.hasOwn(table, name) ? table[name] : undefined;
  if (listed === undefined) {
    return { actions: name ? [`${prefix}:${name}`] : [], dependsOnArguments: false, exception: false };
  }
  const dependsOnArguments = listed[0] === '!';
  return { actions: dependsOnArguments ? listed.slice(1) : [...listed], dependsOnArguments, exception: true };
}

/**
 * The IAM actions an SDK call needs: `iamActionsFor('sqs', 'SendMessageBatch')` → `['sqs:SendMessage']`.
 * `service` is the lower-case SDK id (`eventbridge`, `sfn`, `apigatewaymanagementapi`, `cognito-idp` ...).
 * For argument-dependent operations every candidate action is listed; see `iamActionMapping`.
 */
export function iamActionsFor(service: string, operation: string): string[] {
  return iamActionMapping(service, operation).actions;
}

/** The SDK-id → IAM-prefix aliases (compact ids as keys), for checking them against the IAM data. */
export function serviceAliasTable(): Record<string, string> {
  return { ...prefixByService };
}

/** Every action named in the exception table (for checking the table against the IAM data). */
export function exceptionTableActions(): string[] {
  const all = Object.values(exceptions).flatMap((table) => Object.values(table).flat());
  return [...new Set(all.filter((action) => action !== '!'))].sort();
}
