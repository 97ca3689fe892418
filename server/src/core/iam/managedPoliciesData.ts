// The documents of the AWS managed policies a Lambda function commonly gets, as AWS publishes them.

import { actions } from './policyTemplateModel';
import type { Statement, StatementCondition } from './statement';

/** An AWS managed policy: its name, its IAM path and its statements. */
export interface ManagedPolicyRecord {
  name: string;
  /** `/` for most policies, `/service-role/` for service-role policies such as AWSLambdaBasicExecutionRole. */
  path: '/' | '/service-role/';
  statements: Statement[];
}

const logWriting = actions('logs', 'CreateLogGroup', 'CreateLogStream', 'PutLogEvents');
const xrayWriting = actions('xray', 'PutTraceSegments', 'PutTelemetryRecords', 'GetSamplingRules',
  'GetSamplingTargets', 'GetSamplingStatisticSummaries');
const dynamoDbInsightRule = 'arn:aws:cloudwatch:*:*:insight-rule/DynamoDBContributorInsights*';

function allowAll(actionList: string[], resources: string[] = ['*'], condition?: StatementCondition): Statement {
  const statement: Statement = { effect: 'Allow', actions: actionList, resources };
  if (condition) statement.condition = condition;
  return statement;
}

function policy(name: string, path: ManagedPolicyRecord['path'], ...statements: Statement[]): ManagedPolicyRecord {
  return { name, path, statements: statements.map((statement) => ({ ...statement, source: name })) };
}

const dynamoDbConsoleRead = [
  ...actions('application-autoscaling', 'DescribeScalableTargets', 'DescribeScalingActivities', 'DescribeScalingPolicies'),
  ...actions('cloudwatch', 'DescribeAlarmHistory', 'DescribeAlarms', 'DescribeAlarmsForMetric', 'GetMetricStatistics',
    'ListMetrics', 'GetMetricData'),
  ...actions('datapipeline', 'DescribeObjects', 'DescribePipelines', 'GetPipelineDefinition', 'ListPipelines', 'QueryObjects'),
  ...actions('ec2', 'DescribeVpcs', 'DescribeSubnets', 'DescribeSecurityGroups'),
  ...actions('iam', 'GetRole', 'ListRoles'),
  ...actions('kms', 'DescribeKey', 'ListAliases'),
  ...actions('resource-groups', 'ListGroups', 'ListGroupResources', 'GetGroup', 'GetGroupQuery'),
  ...actions('tag', 'GetResources'),
  ...actions('kinesis', 'ListStreams', 'DescribeStream', 'DescribeStreamSummary'),
];

const dynamoDbReadOnly = allowAll([
  ...dynamoDbConsoleRead,
  ...actions('dynamodb', 'BatchGetItem', 'Describe*', 'List*', 'GetAbacStatus', 'GetItem', 'GetResourcePolicy', 'Query',
    'Scan', 'PartiQLSelect'),
  ...actions('dax', 'Describe*', 'List*', 'GetItem', 'BatchGetItem', 'Query', 'Scan'),
  ...actions('sns', 'ListSubscriptionsByTopic', 'ListTopics'),
  ...actions('lambda', 'ListFunctions', 'ListEventSourceMappings', 'GetFunctionConfiguration'),
]);

const dynamoDbFullAccess = allowAll([
  ...actions('dynamodb', '*'),
  ...actions('dax', '*'),
  ...dynamoDbConsoleRead,
  ...actions('application-autoscaling', 'DeleteScalingPolicy', 'DeregisterScalableTarget', 'PutScalingPolicy',
    'RegisterScalableTarget'),
  ...actions('cloudwatch', 'DeleteAlarms', 'PutMetricAlarm'),
  ...actions('datapipeline', 'ActivatePipeline', 'CreatePipeline', 'DeletePipeline', 'PutPipelineDefinition'),
  ...actions('sns', 'CreateTopic', 'DeleteTopic', 'ListSubscriptions', 'ListSubscriptionsByTopic', 'ListTopics',
    'Subscribe', 'Unsubscribe', 'SetTopicAttributes'),
  ...actions('lambda', 'CreateFunction', 'ListFunctions', 'ListEventSourceMappings', 'CreateEventSourceMapping',
    'DeleteEventSourceMapping', 'GetFunctionConfiguration', 'DeleteFunction'),
  ...actions('resource-groups', 'DeleteGroup', 'CreateGroup'),
]);

const smsViaSns = actions('sms-voice', 'DescribeVerifiedDestinationNumbers', 'CreateVerifiedDestinationNumber',
  'SendDestinationNumberVerificationCode', 'SendTextMessage', 'DeleteVerifiedDestinationNumber',
  'VerifyDestinationNumber', 'DescribeAccountAttributes', 'DescribeSpendLimits', 'DescribePhoneNumbers',
  'SetTextMessageSpendLimitOverride', 'DescribeOptedOutNumbers', 'DeleteOptedOutNumber');

const passRoleTo = (service: string): StatementCondition => ({ StringLike: { 'iam:PassedToService': [service] } });
const serviceLinkedRoleFor = (services: string[]): StatementCondition => ({
  StringEquals: { 'iam:AWSServiceName': services },
});

/** The managed policies whose documents are known offline. */
export const managedPolicyRecords: ManagedPolicyRecord[] = [
  policy('AWSLambdaBasicExecutionRole', '/service-role/', allowAll(logWriting)),
  policy('AWSLambdaVPCAccessExecutionRole', '/service-role/', allowAll([
    ...logWriting,
    ...actions('ec2', 'CreateNetworkInterface', 'DescribeNetworkInterfaces', 'DescribeSubnets',
      'DeleteNetworkInterface', 'AssignPrivateIpAddresses', 'UnassignPrivateIpAddresses'),
  ])),
  policy('AWSLambdaSQSQueueExecutionRole', '/service-role/', allowAll([
    ...actions('sqs', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'),
    ...logWriting,
  ])),
  policy('AWSLambdaDynamoDBExecutionRole', '/service-role/', allowAll([
    ...actions('dynamodb', 'DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'),
    ...logWriting,
  ])),
  policy('AWSLambdaKinesisExecutionRole', '/service-role/', allowAll([
    ...actions('kinesis', 'DescribeStream', 'DescribeStreamSummary', 'GetRecords', 'GetShardIterator', 'ListShards',
      'ListStreams', 'SubscribeToShard'),
    ...logWriting,
  ])),
  policy('AWSLambdaRole', '/service-role/', allowAll(actions('lambda', 'InvokeFunction'))),
  policy('AWSLambdaExecute', '/',
    allowAll(actions('logs', '*'), ['arn:aws:logs:*:*:*']),
    allowAll(actions('s3', 'GetObject', 'PutObject'), ['arn:aws:s3:::*'])),
  policy('AWSXrayWriteOnlyAccess', '/', allowAll(xrayWriting)),
  policy('AWSXRayDaemonWriteAccess', '/', allowAll(xrayWriting)),
  policy('AmazonS3ReadOnlyAccess', '/', allowAll([
    ...actions('s3', 'Get*', 'List*', 'Describe*'),
    ...actions('s3-object-lambda', 'Get*', 'List*'),
  ])),
  policy('AmazonS3FullAccess', '/', allowAll([...actions('s3', '*'), ...actions('s3-object-lambda', '*')])),
  policy('AmazonDynamoDBReadOnlyAccess', '/',
    dynamoDbReadOnly,
    allowAll(actions('cloudwatch', 'GetInsightRuleReport'), [dynamoDbInsightRule])),
  policy('AmazonDynamoDBFullAccess', '/',
    dynamoDbFullAccess,
    allowAll(actions('cloudwatch', 'GetInsightRuleReport'), [dynamoDbInsightRule]),
    allowAll(actions('iam', 'PassRole'), ['*'], {
      StringLike: {
        'iam:PassedToService': ['application-autoscaling.amazonaws.com', 'application-autoscaling.amazonaws.com.cn',
          'dax.amazonaws.com'],
      },
    }),
    allowAll(actions('iam', 'CreateServiceLinkedRole'), ['*'], serviceLinkedRoleFor([
      'replication.dynamodb.amazonaws.com', 'dax.amazonaws.com', 'dynamodb.application-autoscaling.amazonaws.com',
      'contributorinsights.dynamodb.amazonaws.com', 'kinesisreplication.dynamodb.amazonaws.com',
    ]))),
  policy('AmazonSQSFullAccess', '/', allowAll(actions('sqs', '*'))),
  policy('AmazonSNSFullAccess', '/',
    allowAll(actions('sns', '*')),
    allowAll(smsViaSns, ['*'], { StringEquals: { 'aws:CalledViaLast': ['sns.amazonaws.com'] } })),
  policy('CloudWatchLogsFullAccess', '/', allowAll([
    ...actions('logs', '*'),
    ...actions('cloudwatch', 'GenerateQuery', 'GenerateQueryResultsSummary'),
  ])),
  policy('AmazonEventBridgeFullAccess', '/',
    allowAll([...actions('events', '*'), ...actions('schemas', '*'), ...actions('scheduler', '*'), ...actions('pipes', '*')]),
    allowAll(actions('iam', 'CreateServiceLinkedRole'),
      ['arn:aws:iam::*:role/aws-service-role/AmazonEventBridgeApiDestinationsServiceRolePolicy'],
      serviceLinkedRoleFor(['apidestinations.events.amazonaws.com'])),
    allowAll(actions('iam', 'CreateServiceLinkedRole'),
      ['arn:aws:iam::*:role/aws-service-role/schemas.amazonaws.com/AWSServiceRoleForSchemas'],
      serviceLinkedRoleFor(['schemas.amazonaws.com'])),
    allowAll(actions('secretsmanager', 'CreateSecret', 'UpdateSecret', 'DeleteSecret', 'GetSecretValue', 'PutSecretValue'),
      ['arn:aws:secretsmanager:*:*:secret:events!*']),
    allowAll(actions('iam', 'PassRole'), ['arn:aws:iam::*:role/*'], passRoleTo('events.amazonaws.com')),
    allowAll(actions('iam', 'PassRole'), ['arn:aws:iam::*:role/*'], passRoleTo('scheduler.amazonaws.com')),
    allowAll(actions('iam', 'PassRole'), ['arn:aws:iam::*:role/*'], passRoleTo('pipes.amazonaws.com'))),
  policy('AWSStepFunctionsFullAccess', '/', allowAll(actions('states', '*'))),
];
