// unknown-reference on constructs real templates use: resources SAM creates once per template, Fn::ForEach loops, macros; a real typo is still found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAM_HEAD, diagnosticsOf, handlersOf, load } from './support';

test('the CodeDeploy application and role SAM creates for a DeploymentPreference are known names', () => {
  const withPreference = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Live:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          InlineCode: "exports.handler = async () => 1"
          AutoPublishAlias: live
          DeploymentPreference:
            Type: Canary10Percent5Minutes
      Hook:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          InlineCode: "exports.handler = async () => 1"
          Environment:
            Variables:
              GROUP: !Sub 'arn:\${AWS::Partition}:codedeploy:\${AWS::Region}:\${AWS::AccountId}:deploymentgroup:\${ServerlessDeploymentApplication}/*'
              ROLE: !GetAtt CodeDeployServiceRole.Arn
              VERSION: !Ref Live.Version
    `);
  assert.deepEqual(diagnosticsOf(withPreference, ['unknown-reference']), []);
  // Without a DeploymentPreference SAM creates neither: the same names are reported.
  const without = load(`
    #- /template.yaml${SAM_HEAD}
    Resources:
      Hook:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          InlineCode: "exports.handler = async () => 1"
          Environment:
            Variables:
              APP: !Ref ServerlessDeploymentApplication
    `);
  assert.deepEqual(diagnosticsOf(without, ['unknown-reference']), ["/template.yaml:12:21 'ServerlessDeploymentApplication' unknown-reference"]);
});

test('the shared usage plan, key and plan key of `UsagePlan: SHARED` (set in Globals) are known names', () => {
  const fixture = load(`
    #- /template.yaml${SAM_HEAD}
    Globals:
      Api:
        Auth:
          ApiKeyRequired: true
          UsagePlan:
            CreateUsagePlan: SHARED
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
    Outputs:
      Key:
        Value: !Ref ServerlessApiKey
      Plan:
        Value: !Ref ServerlessUsagePlan
      PlanKey:
        Value: !Ref ServerlessUsagePlanKey
    `);
  assert.deepEqual(diagnosticsOf(fixture, ['unknown-reference']), []);
});

test('Fn::ForEach: the loop identifier is not a reference, generated resources are expanded with their values, typos are still found', () => {
  const fixture = load(`
    #- /template.yaml
    AWSTemplateFormatVersion: '2010-09-09'
    Transform:
      - AWS::LanguageExtensions
      - AWS::Serverless-2016-10-31
    Parameters:
      Services:
        Type: CommaDelimitedList
        Default: "orders,users"
    Conditions:
      Fn::ForEach::ServiceConditions:
        - Name
        - !Ref Services
        - Is&{Name}:
            !Equals [!Ref Name, orders]
    Resources:
      Fn::ForEach::Services:
        - Name
        - !Ref Services
        - \${Name}Function:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: app.handler
              CodeUri: services/\${Name}/
              Environment:
                Variables:
                  SERVICE: !Ref Name
                  TABLE: !Sub '\${Name}-\${Stage}'
    Outputs:
      OrdersArn:
        Condition: Isorders
        Value: !GetAtt ordersFunction.Arn
    #- /services/orders/app.py
    def handler(event, context):
        return 1
    #- /services/users/app.py
    def handler(event, context):
        return 2
    `);
  // `Stage` is defined nowhere: that one is real, and is reported on its line.
  assert.deepEqual(diagnosticsOf(fixture, ['unknown-reference', 'template-shape', 'missing-handler']), ["/template.yaml:28:38 'Stage' unknown-reference"]);
  assert.deepEqual(handlersOf(fixture), ['ordersFunction -> /services/orders/app.py#handler', 'usersFunction -> /services/users/app.py#handler']);
});

test('Fn::ForEach over a collection the template does not say: names the loop may generate are not reported, others are', () => {
  const fixture = load(`
    #- /template.yaml
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
    Parameters:
      Topics:
        Type: CommaDelimitedList
    Resources:
      Fn::ForEach::Topics:
        - TopicName
        - !Ref Topics
        - Topic\${TopicName}:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: !Ref TopicName
      Reader:
        Type: AWS::SQS::Queue
        DependsOn: [TopicAlerts, Missing]
    `);
  assert.deepEqual(diagnosticsOf(fixture, ['unknown-reference']), ["/template.yaml:16:30 'Missing' unknown-reference"]);
});

test('a template run through a macro of the account is not checked for unknown names; AWS transforms still are', () => {
  const macro = load(`
    #- /template.yaml
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: [AWS::Serverless-2016-10-31, CompanyDefaults]
    Resources:
      Queue:
        Type: AWS::SQS::Queue
        Properties:
          RedrivePolicy:
            deadLetterTargetArn: !GetAtt CompanyDeadLetterQueue.Arn
    `);
  assert.deepEqual(diagnosticsOf(macro, ['unknown-reference']), []);
  const aws = load(`
    #- /template.yaml
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
    Resources:
      Queue:
        Type: AWS::SQS::Queue
        Properties:
          RedrivePolicy:
            deadLetterTargetArn: !GetAtt CompanyDeadLetterQueue.Arn
    `);
  assert.deepEqual(diagnosticsOf(aws, ['unknown-reference']), ["/template.yaml:8:38 'CompanyDeadLetterQueue' unknown-reference"]);
});
