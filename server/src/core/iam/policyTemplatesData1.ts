// SAM policy templates A–K (ACM to KMS), encoded from the AWS SAM policy template documentation.

import { actions, allow, regionalArn, template, type PolicyTemplate } from './policyTemplateModel';

const table = regionalArn('dynamodb', 'table/${TableName}');
const tableIndexes = regionalArn('dynamodb', 'table/${TableName}/index/*');
const tableBackups = regionalArn('dynamodb', 'table/${TableName}/backup/*');
const emrCluster = regionalArn('elasticmapreduce', 'cluster/${ClusterId}');
const codeCommitRepository = regionalArn('codecommit', '${RepositoryName}');
const kinesisStream = regionalArn('kinesis', 'stream/${StreamName}');
const deliveryStream = regionalArn('firehose', 'deliverystream/${DeliveryStreamName}');
const kmsKey = regionalArn('kms', 'key/${KeyId}');

function emrTemplate(name: string, description: string, ...names: string[]): PolicyTemplate {
  return template(name, description, ['ClusterId'], [allow(actions('elasticmapreduce', ...names), emrCluster)]);
}

const codeCommitRead = [
  'GitPull', 'GetBranch', 'ListBranches', 'BatchDescribeMergeConflicts', 'DescribeMergeConflicts',
  'GetMergeCommit', 'GetMergeOptions', 'BatchGetPullRequests', 'DescribePullRequestEvents',
  'GetCommentsForPullRequest', 'GetCommitsFromMergeBase', 'GetMergeConflicts', 'GetPullRequest',
  'ListPullRequests', 'GetBlob', 'GetFile', 'GetFolder', 'GetComment', 'GetCommentsForComparedCommit',
  'BatchGetCommits', 'GetCommit', 'GetCommitHistory', 'GetDifferences', 'GetObjectIdentifier',
  'GetReferences', 'GetTree', 'GetRepository', 'ListTagsForResource', 'GetRepositoryTriggers',
  'TestRepositoryTriggers', 'GetUploadArchiveStatus',
];

const codeCommitWrite = [
  'GitPush', 'CreateBranch', 'DeleteBranch', 'MergeBranchesByFastForward', 'MergeBranchesBySquash',
  'MergeBranchesByThreeWay', 'UpdateDefaultBranch', 'CreateUnreferencedMergeCommit', 'CreatePullRequest',
  'MergePullRequestByFastForward', 'MergePullRequestBySquash', 'MergePullRequestByThreeWay',
  'PostCommentForPullRequest', 'UpdatePullRequestDescription', 'UpdatePullRequestStatus',
  'UpdatePullRequestTitle', 'DeleteFile', 'PutFile', 'DeleteCommentContent', 'PostCommentForComparedCommit',
  'PostCommentReply', 'UpdateComment', 'CreateCommit', 'UpdateRepositoryDescription', 'TagResource',
  'UntagResource', 'PutRepositoryTriggers', 'UploadArchive', 'CancelUploadArchive',
];

/** Templates whose names sort from A to K. */
export const policyTemplatesAToK: PolicyTemplate[] = [
  template('AcmGetCertificatePolicy', 'Read one ACM certificate and its chain.', ['CertificateArn'], [
    allow(actions('acm', 'GetCertificate'), '${CertificateArn}'),
  ]),
  template('AMIDescribePolicy', 'Describe Amazon Machine Images.', [], [
    allow(actions('ec2', 'DescribeImages'), '*'),
  ]),
  template('AthenaQueryPolicy', 'Run Athena queries in one workgroup.', ['WorkGroupName'], [
    allow(
      actions('athena', 'ListWorkGroups', 'GetExecutionEngine', 'GetExecutionEngines', 'GetNamespace',
        'GetCatalogs', 'GetNamespaces', 'GetTables', 'GetTable'),
      '*',
    ),
    allow(
      actions('athena', 'StartQueryExecution', 'GetQueryResults', 'DeleteNamedQuery', 'GetNamedQuery',
        'ListQueryExecutions', 'StopQueryExecution', 'GetQueryResultsStream', 'ListNamedQueries',
        'CreateNamedQuery', 'GetQueryExecution', 'BatchGetNamedQuery', 'BatchGetQueryExecution', 'GetWorkGroup'),
      regionalArn('athena', 'workgroup/${WorkGroupName}'),
    ),
  ]),
  template('AWSSecretsManagerGetSecretValuePolicy', 'Read the value of one Secrets Manager secret.', ['SecretArn'], [
    allow(actions('secretsmanager', 'GetSecretValue'), '${SecretArn}'),
  ]),
  template('AWSSecretsManagerRotationPolicy', 'Rotate secrets whose rotation function is the named function.', ['FunctionName'], [
    allow(
      actions('secretsmanager', 'DescribeSecret', 'GetSecretValue', 'PutSecretValue', 'UpdateSecretVersionStage'),
      regionalArn('secretsmanager', 'secret:*'),
      {
        StringEquals: {
          'secretsmanager:resource/AllowRotationLambdaArn': [regionalArn('lambda', 'function:${FunctionName}')],
        },
      },
    ),
    allow(actions('secretsmanager', 'GetRandomPassword'), '*'),
  ]),
  template('CloudFormationDescribeStacksPolicy', 'Describe CloudFormation stacks.', [], [
    allow(actions('cloudformation', 'DescribeStacks'), regionalArn('cloudformation', 'stack/*')),
  ]),
  template('CloudWatchDashboardPolicy', 'Read and write CloudWatch dashboards and list metrics.', [], [
    allow(actions('cloudwatch', 'GetDashboard', 'ListDashboards', 'PutDashboard', 'ListMetrics'), '*'),
  ]),
  template('CloudWatchDescribeAlarmHistoryPolicy', 'Read CloudWatch alarm history.', [], [
    allow(actions('cloudwatch', 'DescribeAlarmHistory'), '*'),
  ]),
  template('CloudWatchPutMetricPolicy', 'Publish CloudWatch metric data.', [], [
    allow(actions('cloudwatch', 'PutMetricData'), '*'),
  ]),
  template('CodeCommitCrudPolicy', 'Read and write one CodeCommit repository.', ['RepositoryName'], [
    allow(actions('codecommit', ...codeCommitRead, ...codeCommitWrite), codeCommitRepository),
  ]),
  template('CodeCommitReadPolicy', 'Read one CodeCommit repository.', ['RepositoryName'], [
    allow(actions('codecommit', ...codeCommitRead), codeCommitRepository),
  ]),
  template('CodePipelineLambdaExecutionPolicy', 'Report a CodePipeline job result from a function.', [], [
    allow(actions('codepipeline', 'PutJobSuccessResult', 'PutJobFailureResult'), '*'),
  ]),
  template('CodePipelineReadOnlyPolicy', 'List the executions of one pipeline.', ['PipelineName'], [
    allow(actions('codepipeline', 'ListPipelineExecutions'), regionalArn('codepipeline', '${PipelineName}')),
  ]),
  template('ComprehendBasicAccessPolicy', 'Detect entities, key phrases, languages and sentiment with Comprehend.', [], [
    allow(
      actions('comprehend', 'BatchDetectKeyPhrases', 'DetectDominantLanguage', 'DetectEntities',
        'BatchDetectEntities', 'DetectKeyPhrases', 'DetectSentiment', 'BatchDetectDominantLanguage',
        'BatchDetectSentiment'),
      '*',
    ),
  ]),
  template('CostExplorerReadOnlyPolicy', 'Read Cost Explorer billing data.', [], [
    allow(
      actions('ce', 'GetCostAndUsage', 'GetDimensionValues', 'GetReservationCoverage',
        'GetReservationPurchaseRecommendation', 'GetReservationUtilization', 'GetTags'),
      '*',
    ),
  ]),
  template('DynamoDBBackupFullAccessPolicy', 'Create, read and delete on-demand backups of one table.', ['TableName'], [
    allow(actions('dynamodb', 'CreateBackup', 'DescribeContinuousBackups'), table),
    allow(actions('dynamodb', 'DeleteBackup', 'DescribeBackup', 'ListBackups'), tableBackups),
  ]),
  template('DynamoDBCrudPolicy', 'Create, read, update and delete items in one table and its indexes.', ['TableName'], [
    allow(
      actions('dynamodb', 'GetItem', 'DeleteItem', 'PutItem', 'Scan', 'Query', 'UpdateItem', 'BatchWriteItem',
        'BatchGetItem', 'DescribeTable', 'ConditionCheckItem'),
      [table, tableIndexes],
    ),
  ]),
  template('DynamoDBReadPolicy', 'Read items of one table and its indexes.', ['TableName'], [
    allow(actions('dynamodb', 'GetItem', 'Scan', 'Query', 'BatchGetItem', 'DescribeTable'), [table, tableIndexes]),
  ]),
  template('DynamoDBReconfigurePolicy', 'Change the settings of one table.', ['TableName'], [
    allow(actions('dynamodb', 'UpdateTable'), table),
  ]),
  template('DynamoDBRestoreFromBackupPolicy', 'Restore one table from its backups.', ['TableName'], [
    allow(actions('dynamodb', 'RestoreTableFromBackup'), tableBackups),
    allow(
      actions('dynamodb', 'PutItem', 'UpdateItem', 'DeleteItem', 'GetItem', 'Query', 'Scan', 'BatchWriteItem'),
      table,
    ),
  ]),
  template('DynamoDBStreamReadPolicy', 'Read one DynamoDB stream and list the streams of its table.', ['TableName', 'StreamName'], [
    allow(
      actions('dynamodb', 'DescribeStream', 'GetRecords', 'GetShardIterator'),
      regionalArn('dynamodb', 'table/${TableName}/stream/${StreamName}'),
    ),
    allow(actions('dynamodb', 'ListStreams'), regionalArn('dynamodb', 'table/${TableName}/stream/*')),
  ]),
  template('DynamoDBWritePolicy', 'Write items to one table.', ['TableName'], [
    allow(actions('dynamodb', 'PutItem', 'UpdateItem', 'BatchWriteItem'), [table, tableIndexes]),
  ]),
  template('EC2CopyImagePolicy', 'Copy one Amazon Machine Image.', ['ImageId'], [
    allow(actions('ec2', 'CopyImage'), regionalArn('ec2', 'image/${ImageId}')),
  ]),
  template('EC2DescribePolicy', 'Describe EC2 instances and regions.', [], [
    allow(actions('ec2', 'DescribeRegions', 'DescribeInstances'), '*'),
  ]),
  template('EcsRunTaskPolicy', 'Run tasks of one ECS task definition.', ['TaskDefinition'], [
    allow(actions('ecs', 'RunTask'), regionalArn('ecs', 'task-definition/${TaskDefinition}')),
  ]),
  template('EFSWriteAccessPolicy', 'Mount one EFS file system for writing through one access point.', ['FileSystem', 'AccessPoint'], [
    allow(
      actions('elasticfilesystem', 'ClientMount', 'ClientWrite'),
      regionalArn('elasticfilesystem', 'file-system/${FileSystem}'),
      {
        StringEquals: {
          'elasticfilesystem:AccessPointArn': [regionalArn('elasticfilesystem', 'access-point/${AccessPoint}')],
        },
      },
    ),
  ]),
  template('EKSDescribePolicy', 'Describe and list EKS clusters.', [], [
    allow(actions('eks', 'DescribeCluster', 'ListClusters'), '*'),
  ]),
  emrTemplate('ElasticMapReduceAddJobFlowStepsPolicy', 'Add steps to one running EMR cluster.', 'AddJobFlowSteps'),
  emrTemplate('ElasticMapReduceCancelStepsPolicy', 'Cancel pending steps of one EMR cluster.', 'CancelSteps'),
  emrTemplate('ElasticMapReduceModifyInstanceFleetPolicy', 'List and resize the instance fleets of one EMR cluster.',
    'ModifyInstanceFleet', 'ListInstanceFleets'),
  emrTemplate('ElasticMapReduceModifyInstanceGroupsPolicy', 'List and change the instance groups of one EMR cluster.',
    'ModifyInstanceGroups', 'ListInstanceGroups'),
  emrTemplate('ElasticMapReduceSetTerminationProtectionPolicy', 'Set termination protection of one EMR cluster.',
    'SetTerminationProtection'),
  emrTemplate('ElasticMapReduceTerminateJobFlowsPolicy', 'Shut down one EMR cluster.', 'TerminateJobFlows'),
  template('ElasticsearchHttpPostPolicy', 'Send HTTP POST and PUT requests to one OpenSearch/Elasticsearch domain.', ['DomainName'], [
    allow(actions('es', 'ESHttpPost', 'ESHttpPut'), regionalArn('es', 'domain/${DomainName}/*')),
  ]),
  template('EventBridgePutEventsPolicy', 'Put events on one EventBridge event bus.', ['EventBusName'], [
    allow(actions('events', 'PutEvents'), regionalArn('events', 'event-bus/${EventBusName}')),
  ]),
  template('FilterLogEventsPolicy', 'Filter the log events of one log group.', ['LogGroupName'], [
    allow(actions('logs', 'FilterLogEvents'), regionalArn('logs', 'log-group:${LogGroupName}:log-stream:*')),
  ]),
  template('FirehoseCrudPolicy', 'Create, write to, update and delete one Firehose delivery stream.', ['DeliveryStreamName'], [
    allow(
      actions('firehose', 'CreateDeliveryStream', 'DeleteDeliveryStream', 'DescribeDeliveryStream', 'PutRecord',
        'PutRecordBatch', 'UpdateDestination'),
      deliveryStream,
    ),
  ]),
  template('FirehoseWritePolicy', 'Write records to one Firehose delivery stream.', ['DeliveryStreamName'], [
    allow(actions('firehose', 'PutRecord', 'PutRecordBatch'), deliveryStream),
  ]),
  template('KinesisCrudPolicy', 'Create, write to, reshard and delete one Kinesis stream.', ['StreamName'], [
    allow(
      actions('kinesis', 'AddTagsToStream', 'CreateStream', 'DecreaseStreamRetentionPeriod', 'DeleteStream',
        'DescribeStream', 'DescribeStreamSummary', 'GetShardIterator', 'IncreaseStreamRetentionPeriod',
        'ListTagsForStream', 'MergeShards', 'PutRecord', 'PutRecords', 'SplitShard', 'RemoveTagsFromStream'),
      kinesisStream,
    ),
  ]),
  template('KinesisStreamReadPolicy', 'List Kinesis streams and read one stream.', ['StreamName'], [
    allow(actions('kinesis', 'ListStreams', 'DescribeLimits'), regionalArn('kinesis', 'stream/*')),
    allow(
      actions('kinesis', 'DescribeStream', 'DescribeStreamSummary', 'GetRecords', 'GetShardIterator'),
      kinesisStream,
    ),
  ]),
  template('KMSDecryptPolicy', 'Decrypt with one KMS key.', ['KeyId'], [
    allow(actions('kms', 'Decrypt'), kmsKey),
  ]),
  template('KMSEncryptPolicy', 'Encrypt with one KMS key.', ['KeyId'], [
    allow(actions('kms', 'Encrypt'), kmsKey),
  ]),
  template('KMSEncryptPolicy_v2', 'Encrypt and generate data keys with one KMS key.', ['KeyId'], [
    allow(
      actions('kms', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair',
        'GenerateDataKeyPairWithoutPlaintext'),
      kmsKey,
    ),
  ]),
];
