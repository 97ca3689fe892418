// Tables that turn AWS SDK package, class and boto3 service names into SAM Atlas service ids and operation names.

/**
 * Our service id is the suffix of the SDK v3 client package (`@aws-sdk/client-sqs` → `sqs`).
 * These are the v2 class names whose id is not simply the lower-cased class name.
 */
const v2ClassServices: Record<string, string> = {
  StepFunctions: 'sfn',
  CloudWatchEvents: 'eventbridge',
  CloudWatchLogs: 'cloudwatch-logs',
  CognitoIdentityServiceProvider: 'cognito-identity-provider',
  CognitoIdentity: 'cognito-identity',
  APIGateway: 'api-gateway',
  ApiGatewayManagementApi: 'apigatewaymanagementapi',
  IotData: 'iot-data-plane',
  DynamoDBStreams: 'dynamodb-streams',
  ELBv2: 'elastic-load-balancing-v2',
  ELB: 'elastic-load-balancing',
  RDSDataService: 'rds-data',
  KinesisVideo: 'kinesis-video',
  SageMakerRuntime: 'sagemaker-runtime',
  BedrockRuntime: 'bedrock-runtime',
  EventBridge: 'eventbridge',
};

/** boto3 service names whose id differs from the boto3 name. */
const boto3Services: Record<string, string> = {
  events: 'eventbridge',
  stepfunctions: 'sfn',
  logs: 'cloudwatch-logs',
  'cognito-idp': 'cognito-identity-provider',
  apigateway: 'api-gateway',
  'iot-data': 'iot-data-plane',
  dynamodbstreams: 'dynamodb-streams',
  elbv2: 'elastic-load-balancing-v2',
  elb: 'elastic-load-balancing',
  kinesisvideo: 'kinesis-video',
};

/** Some v3 client packages whose id we fold into another (the same API under an older name). */
const v3PackageServices: Record<string, string> = {
  'cloudwatch-events': 'eventbridge',
};

/** DynamoDB document-client operations (lib-dynamodb commands and v2 DocumentClient methods) → DynamoDB API operation. */
export const documentOperations: Readonly<Record<string, string>> = {
  Put: 'PutItem',
  Get: 'GetItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Query: 'Query',
  Scan: 'Scan',
  BatchWrite: 'BatchWriteItem',
  BatchGet: 'BatchGetItem',
  TransactWrite: 'TransactWriteItems',
  TransactGet: 'TransactGetItems',
  ExecuteStatement: 'ExecuteStatement',
  BatchExecuteStatement: 'BatchExecuteStatement',
  ExecuteTransaction: 'ExecuteTransaction',
};

/** Parameter keys whose values are traced for every SDK call (they name the target of the call). */
export const tracedKeys: ReadonlySet<string> = new Set([
  'QueueUrl',
  'TopicArn',
  'TargetArn',
  'FunctionName',
  'InvocationType',
  'TableName',
  'Bucket',
  'Key',
  'stateMachineArn',
  'EventBusName',
  'Source',
  'DetailType',
  'StreamName',
  'StreamARN',
  'url',
]);

/** The lib-dynamodb package, whose commands are document operations. */
export const libDynamodbModule = '@aws-sdk/lib-dynamodb';

/** The lib-storage package, whose `Upload` class writes to S3. */
export const libStorageModule = '@aws-sdk/lib-storage';

/**
 * The service id for an SDK v3 module specifier, or undefined when it is not an AWS SDK v3 client package.
 * `@aws-sdk/client-sqs` → `sqs`; `@aws-sdk/lib-dynamodb` → `dynamodb`.
 */
export function serviceOfV3Module(module: string): string | undefined {
  if (module === libDynamodbModule) return 'dynamodb';
  if (module === libStorageModule) return 's3';
  const prefix = '@aws-sdk/client-';
  if (!module.startsWith(prefix)) return undefined;
  const name = module.slice(prefix.length).split('/')[0];
  if (!name) return undefined;
  return v3PackageServices[name] ?? name;
}

/** Classes of the v2 `AWS` namespace that are not service clients. */
const v2NonServiceClasses = new Set([
  'Config', 'Credentials', 'CredentialProviderChain', 'SharedIniFileCredentials', 'EnvironmentCredentials', 'EC2MetadataCredentials',
  'ECSCredentials', 'ChainableTemporaryCredentials', 'TemporaryCredentials', 'WebIdentityCredentials', 'ProcessCredentials',
  'TokenFileWebIdentityCredentials', 'SAMLCredentials', 'CognitoIdentityCredentials', 'FileSystemCredentials', 'Endpoint',
  'HttpRequest', 'HttpResponse', 'Request', 'Response', 'Service', 'Signers', 'MetadataService', 'EventListeners', 'SequentialExecutor',
]);

/** The service id for an SDK v2 class name (`SQS` → `sqs`, `StepFunctions` → `sfn`), or undefined for helper classes (`Config`). */
export function serviceOfV2Class(className: string): string | undefined {
  if (v2NonServiceClasses.has(className) || !/^[A-Z]/.test(className)) return undefined;
  return v2ClassServices[className] ?? className.toLowerCase();
}

/** The service id for a v2 per-service module (`aws-sdk/clients/sqs` → `sqs`), or undefined. */
export function serviceOfV2Module(module: string): string | undefined {
  const prefix = 'aws-sdk/clients/';
  if (!module.startsWith(prefix)) return undefined;
  const name = module.slice(prefix.length);
  const known = Object.keys(v2ClassServices).find((key) => key.toLowerCase() === name);
  return known ? v2ClassServices[known] : name || undefined;
}

/** Whether a module specifier is the monolithic AWS SDK v2 package. */
export function isV2Module(module: string): boolean {
  return module === 'aws-sdk' || module === 'aws-sdk/global';
}

/** The service id for a boto3 service name (`events` → `eventbridge`, `stepfunctions` → `sfn`). */
export function serviceOfBoto3(name: string): string {
  return boto3Services[name] ?? name;
}

/** `sendMessage` → `SendMessage`. */
export function pascalFromCamel(name: string): string {
  return name.length ? name[0].toUpperCase() + name.slice(1) : name;
}

/** `send_message` → `SendMessage`. */
export function pascalFromSnake(name: string): string {
  return name
    .split('_')
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The operation named by an SDK v3 command class (`SendMessageCommand` → `SendMessage`);
 * for lib-dynamodb document commands the DynamoDB API operation (`PutCommand` → `PutItem`).
 */
export function operationOfCommand(className: string, isDocument: boolean): string {
  const base = className.endsWith('Command') ? className.slice(0, -'Command'.length) : className;
  if (isDocument) return documentOperations[base] ?? base;
  return base;
}

/** The DynamoDB operation of a document-client method (`put` → `PutItem`, `batchWrite` → `BatchWriteItem`). */
export function operationOfDocumentMethod(method: string): string | undefined {
  return documentOperations[pascalFromCamel(method)];
}

/** Methods of SDK client objects that are not service operations. */
export const clientHousekeepingMethods: ReadonlySet<string> = new Set([
  'send',
  'destroy',
  'config',
  'middlewareStack',
  'promise',
  'on',
  'makeRequest',
  'makeUnauthenticatedRequest',
  'waitFor',
  'setupRequestListeners',
  'createPresignedPost',
  'getSignedUrl',
  'getSignedUrlPromise',
  'createSignedUrl',
  'endpoint',
  'createSet',
  'then',
  'catch',
]);

/** Methods of boto3 clients and resources that are not service operations. */
export const boto3HousekeepingMethods: ReadonlySet<string> = new Set([
  'get_paginator',
  'get_waiter',
  'can_paginate',
  'close',
  'generate_presigned_url',
  'generate_presigned_post',
  'meta',
  'exceptions',
  'Table',
  'Bucket',
  'Object',
  'Queue',
  'Topic',
  'batch_writer',
  'load',
  'reload',
]);
