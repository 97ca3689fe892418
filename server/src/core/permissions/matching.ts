// Decides whether statements allow an action on a code call's target: yes, no, or cannot tell (never guessing "no").
import { actionMatches, resourceMatches, wildcardMatch } from '../iam/match';
import type { Grant, ResourcePattern, UsageStatus, UsageTarget } from './model';

export type Match = 'yes' | 'no' | 'maybe';

const P = '${AWS::Partition}';
const R = '${AWS::Region}';
const A = '${AWS::AccountId}';

/** The IAM service and the ARN of a resource named `name`, per CloudFormation resource type. */
const RESOURCE_ARNS: [RegExp, string, (name: string) => string][] = [
  [/::(DynamoDB::Table|Serverless::SimpleTable|DynamoDB::GlobalTable)$/, 'dynamodb', (n) => `arn:${P}:dynamodb:${R}:${A}:table/${n}`],
  [/::SQS::Queue$/, 'sqs', (n) => `arn:${P}:sqs:${R}:${A}:${n}`],
  [/::SNS::Topic$/, 'sns', (n) => `arn:${P}:sns:${R}:${A}:${n}`],
  [/::(Lambda|Serverless)::Function$/, 'lambda', (n) => `arn:${P}:lambda:${R}:${A}:function:${n}`],
  [/StateMachine$/, 'states', (n) => `arn:${P}:states:${R}:${A}:stateMachine:${n}`],
  [/::Events::EventBus$/, 'events', (n) => `arn:${P}:events:${R}:${A}:event-bus/${n}`],
  [/::S3::Bucket$/, 's3', (n) => `arn:${P}:s3:::${n}`],
  [/::Kinesis::Stream$/, 'kinesis', (n) => `arn:${P}:kinesis:${R}:${A}:stream/${n}`],
];

/** Service names of SDK clients whose literal arguments are names (not ARNs), to the resource type they name. */
const LITERAL_TYPES: Record<string, string> = {
  dynamodb: 'AWS::DynamoDB::Table',
  sqs: 'AWS::SQS::Queue',
  sns: 'AWS::SNS::Topic',
  lambda: 'AWS::Lambda::Function',
  states: 'AWS::StepFunctions::StateMachine',
  events: 'AWS::Events::EventBus',
  s3: 'AWS::S3::Bucket',
  kinesis: 'AWS::Kinesis::Stream',
};

/** The IAM service prefix of a resource type, when known (`AWS::SQS::Queue` → `sqs`). */
export function serviceOfType(type: string): string | undefined {
  return RESOURCE_ARNS.find(([pattern]) => pattern.test(type))?.[1];
}

/** An ARN for a resource of `type` with this name, or undefined for types without a known ARN format. */
export function arnOfType(type: string, name: string): string | undefined {
  return RESOURCE_ARNS.find(([pattern]) => pattern.test(type))?.[2](name);
}

/** The ARN a literal target names: itself when it is an ARN, an SQS URL turned into an ARN, or a name in its service. */
export function literalArn(text: string, service: string, sub = ''): string | undefined {
  if (text.startsWith('arn:')) return text + sub;
  const url = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d+)\/([^/?#]+)$/.exec(text);
  if (url) return `arn:aws:sqs:${url[1]}:${url[2]}:${url[3]}`;
  const type = LITERAL_TYPES[service];
  const arn = type ? arnOfType(type, text) : undefined;
  return arn && arn + sub;
}

function serviceOfArn(text: string): string | undefined {
  const match = /^arn:[^:]*:([^:]+):/.exec(text);
  return match && !/[*?$]/.test(match[1]) ? match[1] : undefined;
}

function targetService(target: UsageTarget): string | undefined {
  if (target.kind === 'resource') return serviceOfType(target.resourceType);
  if (target.kind === 'literal') return serviceOfArn(literalArn(target.text, target.service) ?? '') ?? target.service;
  return undefined;
}

const UNKNOWN_PART = '\u0000';

/** Whether a glob `suffix` matches a target's `sub`, where `\u0000` in the sub is an unknown run of characters. */
function suffixMatches(suffix: string, sub: string): Match {
  if (!sub.includes(UNKNOWN_PART)) return wildcardMatch(suffix, sub) ? 'yes' : 'no';
  const first = wildcardMatch(suffix, sub.split(UNKNOWN_PART).join('k7Qz'));
  const second = wildcardMatch(suffix, sub.split(UNKNOWN_PART).join('x/y.z'));
  if (first && second) return 'yes';
  const known = sub.slice(0, sub.indexOf(UNKNOWN_PART));
  return suffix.startsWith(known) || /[*?]/.test(suffix) ? 'maybe' : 'no';
}

/** Whether one statement resource covers a target. */
export function matchResource(pattern: ResourcePattern, target: UsageTarget): Match {
  if (pattern.kind === 'any') return 'yes';
  if (pattern.kind === 'unknown' || target.kind === 'unknown') return 'maybe';
  if (pattern.kind === 'resource') {
    if (target.kind === 'resource') {
      if (target.id === pattern.id) return suffixMatches(pattern.suffix, target.sub);
      // Two known resources are different resources; a nested stack or parameter store value may name anything.
      return serviceOfType(pattern.resourceType) && serviceOfType(target.resourceType) ? 'no' : 'maybe';
    }
    const service = serviceOfType(pattern.resourceType);
    return service && targetService(target) && service !== targetService(target) ? 'no' : 'maybe';
  }
  return matchArnPattern(pattern.text, target);
}

/** A literal ARN pattern (maybe with `${...}` placeholders) against a target. */
function matchArnPattern(pattern: string, target: UsageTarget): Match {
  const patternService = serviceOfArn(pattern);
  const service = targetService(target);
  if (patternService && service && patternService !== service) return 'no';
  if (target.kind === 'resource') {
    const samples = ['k7Qz', 'x-y_z'].map((name) => arnOfType(target.resourceType, name));
    if (samples.every((arn) => arn !== undefined && resourceMatches(pattern, arn + target.sub.split(UNKNOWN_PART).join('k7Qz')))) return 'yes';
    return 'maybe';
  }
  if (target.kind !== 'literal') return 'maybe';
  const arn = literalArn(target.text, target.service);
  if (!arn) return 'maybe';
  if (resourceMatches(pattern, arn)) return 'yes';
  const placeholders = /\$\{/.test(pattern) || /\$\{/.test(arn);
  if (!placeholders) return 'no';
  return resourceMatches(pattern, arn, { placeholdersAsWildcards: true }) || /\$\{/.test(arn) ? 'maybe' : 'no';
}

/** Whether a statement covers an action on a target (Action/NotAction, Resource/NotResource). */
export function grantCovers(grant: Grant, action: string, target: UsageTarget): Match {
  const actionCovered = grant.notActions
    ? !grant.notActions.some((pattern) => actionMatches(pattern, action))
    : grant.actions.some((pattern) => actionMatches(pattern, action));
  if (!actionCovered) return 'no';
  if (grant.notResources) {
    const results = grant.notResources.map((r) => matchResource(r.pattern, target));
    if (results.includes('yes')) return 'no';
    return results.includes('maybe') ? 'maybe' : 'yes';
  }
  const results = grant.resources.map((r) => matchResource(r.pattern, target));
  return results.includes('yes') ? 'yes' : results.includes('maybe') ? 'maybe' : 'no';
}

/** The decision for one action on one target over a role's statements. */
export interface Decision {
  status: UsageStatus;
  grantedBy: Grant[];
  deniedBy?: Grant;
}

/**
 * Allowed when an Allow surely covers it and no Deny surely does; missing only when nothing could allow it and
 * the role is fully known (`complete`); cannot tell otherwise. Conditions are assumed to hold for Allows.
 */
export function decide(grants: readonly Grant[], action: string, target: UsageTarget, complete: boolean): Decision {
  const sure: Grant[] = [];
  const possible: Grant[] = [];
  for (const grant of grants) {
    const match = grantCovers(grant, action, target);
    if (match === 'no') continue;
    if (grant.effect === 'Deny') {
      if (match === 'yes' && !grant.conditional) return { status: 'missing', grantedBy: [], deniedBy: grant };
      continue;
    }
    (match === 'yes' ? sure : possible).push(grant);
  }
  if (sure.length) return { status: 'granted', grantedBy: sure };
  if (possible.length || !complete) return { status: 'unknown', grantedBy: possible };
  return { status: 'missing', grantedBy: [] };
}
