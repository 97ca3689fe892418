// SAM policy templates L–Z (Lambda to VPC), encoded from the AWS SAM policy template documentation.

import { actions, allow, globalArn, regionalArn, template, type PolicyTemplate } from './policyTemplateModel';

const rekognitionCollection = regionalArn('rekognition', 'collection/${CollectionId}');
const bucket = globalArn('s3', '${BucketName}');
const bucketObjects = globalArn('s3', '${BucketName}/*');
const sesIdentity = regionalArn('ses', 'identity/${IdentityName}');
const queue = regionalArn('sqs', '${QueueName}');
const stateMachine = regionalArn('states', 'stateMachine:${StateMachineName}');
const parameterReaders = ['GetParameters', 'GetParameter', 'GetParametersByPath'];

function rekognitionTemplate(name: string, description: string, resource: string, ...names: string[]): PolicyTemplate {
  const parameters = resource === '*' ? [] : ['CollectionId'];
  return template(name, description, parameters, [allow(actions('rekognition', ...names), resource)]);
}

function stateMachineTemplate(name: string, description: string, ...names: string[]): PolicyTemplate {
  return template(name, description, ['StateMachineName'], [allow(actions('states', ...names), stateMachine)]);
}

/** Templates whose names sort from L to Z. */
export const policyTemplatesLToZ: PolicyTemplate[] = [
  template('LambdaInvokePolicy', 'Invoke one Lambda function, or its versions and aliases.', ['FunctionName'], [
    allow(actions('lambda', 'InvokeFunction'), regionalArn('lambda', 'function:${FunctionName}*')),
  ]),
  template('MobileAnalyticsWriteOnlyAccessPolicy', 'Put Mobile Analytics event data.', [], [
    allow(actions('mobileanalytics', 'PutEvents'), '*'),
  ]),
  template('OrganizationsListAccountsPolicy', 'List the accounts of the organization.', [], [
    allow(actions('organizations', 'ListAccounts'), '*'),
  ]),
  template('PinpointEndpointAccessPolicy', 'Read and update the endpoints of one Pinpoint application.', ['PinpointApplicationId'], [
    allow(
      actions('mobiletargeting', 'GetEndpoint', 'UpdateEndpoint', 'UpdateEndpointsBatch'),
      regionalArn('mobiletargeting', 'apps/${PinpointApplicationId}/endpoints/*'),
    ),
  ]),
  template('PollyFullAccessPolicy', 'Manage one Polly lexicon and synthesize speech.', ['LexiconName'], [
    allow(actions('polly', 'GetLexicon', 'DeleteLexicon'), [regionalArn('polly', 'lexicon/${LexiconName}')]),
    allow(
      actions('polly', 'DescribeVoices', 'ListLexicons', 'PutLexicon', 'SynthesizeSpeech'),
      [regionalArn('polly', 'lexicon/*')],
    ),
  ]),
  rekognitionTemplate('RekognitionDetectOnlyPolicy', 'Detect faces, labels and text with Rekognition.', '*',
    'DetectFaces', 'DetectLabels', 'DetectModerationLabels', 'DetectText'),
  rekognitionTemplate('RekognitionFacesManagementPolicy', 'Add, delete, list and search faces in one collection.',
    rekognitionCollection, 'IndexFaces', 'DeleteFaces', 'SearchFaces', 'SearchFacesByImage', 'ListFaces'),
  rekognitionTemplate('RekognitionFacesPolicy', 'Compare and detect faces with Rekognition.', '*',
    'CompareFaces', 'DetectFaces'),
  rekognitionTemplate('RekognitionLabelsPolicy', 'Detect object and moderation labels with Rekognition.', '*',
    'DetectLabels', 'DetectModerationLabels'),
  rekognitionTemplate('RekognitionNoDataAccessPolicy', 'Compare and detect faces and labels for one collection.',
    rekognitionCollection, 'CompareFaces', 'DetectFaces', 'DetectLabels', 'DetectModerationLabels'),
  rekognitionTemplate('RekognitionReadPolicy', 'List collections and list and search the faces of one collection.',
    rekognitionCollection, 'ListCollections', 'ListFaces', 'SearchFaces', 'SearchFacesByImage'),
  rekognitionTemplate('RekognitionWriteOnlyAccessPolicy', 'Create one collection and index faces into it.',
    rekognitionCollection, 'CreateCollection', 'IndexFaces'),
  template('Route53ChangeResourceRecordSetsPolicy', 'Change the record sets of one Route 53 hosted zone.', ['HostedZoneId'], [
    allow(actions('route53', 'ChangeResourceRecordSets'), globalArn('route53', 'hostedzone/${HostedZoneId}')),
  ]),
  template('S3CrudPolicy', 'Create, read, update and delete objects in one bucket.', ['BucketName'], [
    allow(
      actions('s3', 'GetObject', 'ListBucket', 'GetBucketLocation', 'GetObjectVersion', 'PutObject', 'PutObjectAcl',
        'GetLifecycleConfiguration', 'PutLifecycleConfiguration', 'DeleteObject'),
      [bucket, bucketObjects],
    ),
  ]),
  template('S3FullAccessPolicy', 'Full access to the objects of one bucket, including tags and ACLs.', ['BucketName'], [
    allow(
      actions('s3', 'GetObject', 'GetObjectAcl', 'GetObjectVersion', 'PutObject', 'PutObjectAcl', 'DeleteObject',
        'DeleteObjectTagging', 'DeleteObjectVersionTagging', 'GetObjectTagging', 'GetObjectVersionTagging',
        'PutObjectTagging', 'PutObjectVersionTagging'),
      [bucketObjects],
    ),
    allow(
      actions('s3', 'ListBucket', 'GetBucketLocation', 'GetLifecycleConfiguration', 'PutLifecycleConfiguration'),
      [bucket],
    ),
  ]),
  template('S3ReadPolicy', 'Read the objects of one bucket.', ['BucketName'], [
    allow(
      actions('s3', 'GetObject', 'ListBucket', 'GetBucketLocation', 'GetObjectVersion', 'GetLifecycleConfiguration'),
      [bucket, bucketObjects],
    ),
  ]),
  template('S3WritePolicy', 'Write objects to one bucket.', ['BucketName'], [
    allow(actions('s3', 'PutObject', 'PutObjectAcl', 'PutLifecycleConfiguration'), [bucket, bucketObjects]),
  ]),
  template('SageMakerCreateEndpointConfigPolicy', 'Create one SageMaker endpoint configuration.', ['EndpointConfigName'], [
    allow(
      actions('sagemaker', 'CreateEndpointConfig'),
      regionalArn('sagemaker', 'endpoint-config/${EndpointConfigName}'),
    ),
  ]),
  template('SageMakerCreateEndpointPolicy', 'Create one SageMaker endpoint.', ['EndpointName'], [
    allow(actions('sagemaker', 'CreateEndpoint'), regionalArn('sagemaker', 'endpoint/${EndpointName}')),
  ]),
  template('ServerlessRepoReadWriteAccessPolicy', 'Create, update and list Serverless Application Repository applications.', [], [
    allow(
      actions('serverlessrepo', 'CreateApplication', 'CreateApplicationVersion', 'UpdateApplication',
        'GetApplication', 'ListApplications', 'ListApplicationVersions', 'ListApplicationDependencies'),
      [regionalArn('serverlessrepo', 'applications/*')],
    ),
  ]),
  template('SESBulkTemplatedCrudPolicy', 'Send plain, templated and bulk email from one SES identity and verify it.', ['IdentityName'], [
    allow(
      actions('ses', 'GetIdentityVerificationAttributes', 'SendEmail', 'SendRawEmail', 'SendTemplatedEmail',
        'SendBulkTemplatedEmail', 'VerifyEmailIdentity'),
      sesIdentity,
    ),
  ]),
  template('SESBulkTemplatedCrudPolicy_v2', 'Send plain, templated and bulk email from one identity with one template.', ['IdentityName', 'TemplateName'], [
    allow(
      actions('ses', 'SendEmail', 'SendRawEmail', 'SendTemplatedEmail', 'SendBulkTemplatedEmail'),
      [sesIdentity, regionalArn('ses', 'template/${TemplateName}')],
    ),
    allow(actions('ses', 'GetIdentityVerificationAttributes', 'VerifyEmailIdentity'), '*'),
  ]),
  template('SESCrudPolicy', 'Send email from one SES identity and verify it.', ['IdentityName'], [
    allow(
      actions('ses', 'GetIdentityVerificationAttributes', 'SendEmail', 'SendRawEmail', 'VerifyEmailIdentity'),
      sesIdentity,
    ),
  ]),
  template('SESEmailTemplateCrudPolicy', 'Create, read, list, update and delete SES email templates.', [], [
    allow(
      actions('ses', 'CreateTemplate', 'GetTemplate', 'ListTemplates', 'UpdateTemplate', 'DeleteTemplate',
        'TestRenderTemplate'),
      '*',
    ),
  ]),
  template('SESSendBouncePolicy', 'Send bounces for one SES identity.', ['IdentityName'], [
    allow(actions('ses', 'SendBounce'), sesIdentity),
  ]),
  template('SNSCrudPolicy', 'Create, configure, subscribe to and publish to topics named after one prefix.', ['TopicName'], [
    allow(
      actions('sns', 'ListSubscriptionsByTopic', 'CreateTopic', 'SetTopicAttributes', 'Subscribe', 'Publish'),
      regionalArn('sns', '${TopicName}*'),
    ),
  ]),
  template('SNSPublishMessagePolicy', 'Publish to one SNS topic.', ['TopicName'], [
    allow(actions('sns', 'Publish'), regionalArn('sns', '${TopicName}')),
  ]),
  template('SQSPollerPolicy', 'Receive, delete and hide messages of one SQS queue.', ['QueueName'], [
    allow(
      actions('sqs', 'ChangeMessageVisibility', 'ChangeMessageVisibilityBatch', 'DeleteMessage',
        'DeleteMessageBatch', 'GetQueueAttributes', 'ReceiveMessage'),
      queue,
    ),
  ]),
  template('SQSSendMessagePolicy', 'Send messages to one SQS queue.', ['QueueName'], [
    allow(actions('sqs', 'SendMessage*'), queue),
  ]),
  template('SSMParameterReadPolicy', 'Read one SSM parameter, named without a leading slash.', ['ParameterName'], [
    allow(actions('ssm', 'DescribeParameters'), '*'),
    allow(actions('ssm', ...parameterReaders), regionalArn('ssm', 'parameter/${ParameterName}')),
  ]),
  template('SSMParameterWithSlashPrefixReadPolicy', 'Read one SSM parameter, named with its leading slash.', ['ParameterName'], [
    allow(actions('ssm', 'DescribeParameters'), '*'),
    allow(actions('ssm', ...parameterReaders), regionalArn('ssm', 'parameter${ParameterName}')),
  ]),
  stateMachineTemplate('StepFunctionsCallbackPolicy', 'Report task success, failure and heartbeats to one state machine.',
    'SendTaskFailure', 'SendTaskHeartbeat', 'SendTaskSuccess'),
  stateMachineTemplate('StepFunctionsExecutionPolicy', 'Start executions of one state machine.', 'StartExecution'),
  stateMachineTemplate('StepFunctionsExecutionPolicy_v2', 'Start standard and synchronous executions of one state machine.',
    'StartExecution', 'StartSyncExecution'),
  template('TextractDetectAnalyzePolicy', 'Detect and analyze documents with Textract.', [], [
    allow(
      actions('textract', 'DetectDocumentText', 'StartDocumentTextDetection', 'StartDocumentAnalysis',
        'AnalyzeDocument'),
      '*',
    ),
  ]),
  template('TextractGetResultPolicy', 'Get Textract detection and analysis results.', [], [
    allow(actions('textract', 'GetDocumentTextDetection', 'GetDocumentAnalysis'), '*'),
  ]),
  template('TextractPolicy', 'Full access to Textract.', [], [
    allow(actions('textract', '*'), '*'),
  ]),
  template('VPCAccessPolicy', 'Create, describe, detach and delete network interfaces (for VPC access).', [], [
    allow(
      actions('ec2', 'CreateNetworkInterface', 'DeleteNetworkInterface', 'DescribeNetworkInterfaces',
        'DetachNetworkInterface'),
      '*',
    ),
  ]),
];
