// Looks up AWS managed policies by name or ARN and builds their ARNs (some live under `service-role/`).

import { managedPolicyRecords, type ManagedPolicyRecord } from './managedPoliciesData';
import type { Statement } from './statement';

export type { ManagedPolicyRecord } from './managedPoliciesData';

const recordsByName = new Map<string, ManagedPolicyRecord>(managedPolicyRecords.map((record) => [record.name, record]));

/** What an AWS managed policy ARN says. */
export interface ManagedPolicyArnParts {
  /** The partition as written: `aws`, `aws-cn`, `aws-us-gov` or `${AWS::Partition}`. */
  partition: string;
  /** The IAM path between `policy` and the name, with slashes: `/` or `/service-role/`. */
  path: string;
  name: string;
  /** Whether the policy's document is known offline. */
  known: boolean;
  /** For a known policy: whether the ARN's path is the policy's real path (a wrong path fails at deploy time). */
  pathMatches: boolean;
}

const managedArnPattern = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|\$\{AWS::Partition\}):iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;

/** The names of the managed policies whose documents are known offline, sorted. */
export function managedPolicyNames(): string[] {
  return [...recordsByName.keys()].sort();
}

/**
 * The ARN of a known managed policy, with its real path, e.g.
 * `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`. Unknown names give undefined
 * because their path cannot be known offline. `partition` may be `${AWS::Partition}`.
 */
export function managedPolicyArn(name: string, partition = 'aws'): string | undefined {
  const record = recordsByName.get(name);
  return record ? `arn:${partition}:iam::aws:policy${record.path}${record.name}` : undefined;
}

/** Splits an AWS managed policy ARN (`arn:aws:iam::aws:policy/...` or with `${AWS::Partition}`); undefined otherwise. */
export function parseManagedPolicyArn(arn: string): ManagedPolicyArnParts | undefined {
  const match = managedArnPattern.exec(arn.trim());
  if (!match) return undefined;
  const [, partition, path, name] = match;
  const record = recordsByName.get(name);
  return { partition, path, name, known: record !== undefined, pathMatches: record ? record.path === path : false };
}

/** The policy name in an AWS managed policy ARN (known or not); undefined when the string is not such an ARN. */
export function managedPolicyNameFromArn(arn: string): string | undefined {
  return parseManagedPolicyArn(arn)?.name;
}

/**
 * A known managed policy by bare name (`AWSLambdaBasicExecutionRole`) or by ARN; undefined when its
 * document is not known offline (the caller decides how to report that).
 */
export function getManagedPolicy(nameOrArn: string): ManagedPolicyRecord | undefined {
  const name = nameOrArn.startsWith('arn:') ? managedPolicyNameFromArn(nameOrArn) : nameOrArn.trim();
  return name === undefined ? undefined : recordsByName.get(name);
}

/** The statements of a known managed policy (copies, each with `source` set to the policy name), or undefined. */
export function managedPolicyStatements(nameOrArn: string): Statement[] | undefined {
  const record = getManagedPolicy(nameOrArn);
  return record?.statements.map((statement) => ({
    ...statement,
    actions: [...statement.actions],
    resources: [...statement.resources],
  }));
}
