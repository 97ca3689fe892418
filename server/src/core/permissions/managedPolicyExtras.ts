// A few more AWS managed policy documents (as AWS publishes them) that SAM attaches or templates often name, next to the iam/ set.
import { getManagedPolicy, managedPolicyNameFromArn, managedPolicyStatements } from '../iam/managedPolicies';
import type { Statement } from '../iam/statement';

const ec2NetworkInterfaces = [
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DeleteNetworkInterface',
  'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
];

/** Policy name → its statements (every one an Allow on `*`). */
const EXTRA: Record<string, string[][]> = {
  AWSLambdaMSKExecutionRole: [[
    'kafka:DescribeCluster', 'kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers', ...ec2NetworkInterfaces,
    'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents',
  ]],
  AmazonSESFullAccess: [['ses:*']],
  AmazonKinesisFullAccess: [['kinesis:*']],
  AmazonSSMReadOnlyAccess: [['ssm:Describe*', 'ssm:Get*', 'ssm:List*']],
};

/** The policy name of a bare name or an AWS managed policy ARN (`arn:${AWS::Partition}:iam::aws:policy/...`). */
export function managedPolicyName(nameOrArn: string): string | undefined {
  const text = nameOrArn.trim();
  if (!text.startsWith('arn:')) return /^[\w+=,.@-]+$/.test(text) ? text : undefined;
  return managedPolicyNameFromArn(text);
}

/** The statements of a known AWS managed policy (from the IAM knowledge base or the table above), or undefined. */
export function knownManagedStatements(nameOrArn: string): Statement[] | undefined {
  const name = managedPolicyName(nameOrArn);
  if (name === undefined) return undefined;
  if (getManagedPolicy(name)) return managedPolicyStatements(name);
  const extra = Object.hasOwn(EXTRA, name) ? EXTRA[name] : undefined;
  return extra?.map((actions) => ({ effect: 'Allow', actions: [...actions], resources: ['*'], source: name }));
}
