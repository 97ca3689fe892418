// IAM matching: action and resource wildcards, and the Allow/Deny decision over a list of statements.

import { actionsForService, iamServiceKeys } from './iamData';
import type { Statement } from './statement';

/** Options for resource matching. */
export interface ResourceMatchOptions {
  /**
   * Treat `${...}` placeholders in the pattern (unresolved template values such as `${AWS::Region}`
   * or policy variables such as `${aws:username}`) as `*`. Off by default: the pattern is taken literally.
   */
  placeholdersAsWildcards?: boolean;
}

/** How statements with a Condition block are treated, since conditions cannot be evaluated offline. */
export type ConditionAssumption =
  /** Conditional Allows apply, conditional Denies do not: the most permissive reading (the default). */
  | 'optimistic'
  /** Conditional Allows do not apply, conditional Denies do. */
  | 'pessimistic'
  /** Conditions are ignored: every statement applies as if it had none. */
  | 'literal';

/** Options for `evaluate` and `isGranted`. */
export interface EvaluationOptions extends ResourceMatchOptions {
  conditions?: ConditionAssumption;
}

/** The outcome of evaluating statements for one action on one resource. */
export interface Evaluation {
  decision: 'allowed' | 'denied' | 'implicitDeny';
  /** The Allow statements that match (they decide unless a Deny matches). */
  allowedBy: Statement[];
  /** The Deny statements that match (any one of them wins). */
  deniedBy: Statement[];
  /** Whether every statement that decided carries a Condition, so the real answer may differ. */
  conditional: boolean;
}

/**
 * Glob match where `*` is any run of characters and `?` any one character. Iterative with
 * single-star backtracking, so it runs in linear-times-pattern time and never blows up.
 */
export function wildcardMatch(pattern: string, text: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  let pi = 0;
  let ti = 0;
  let star = -1;
  let resume = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      resume = ti;
    } else if (star !== -1) {
      pi = star + 1;
      ti = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

function splitOnce(text: string): [string, string] | undefined {
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : [text.slice(0, colon), text.slice(colon + 1)];
}

/**
 * Whether an IAM action pattern (`s3:Get*`, `dynamodb:*Item`, `sqs:SendMessage?atch`, `*`) matches an
 * action (`s3:GetObject`). Case-insensitive throughout; wildcards never cross the `:` separator.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const wanted = pattern.trim();
  if (/^\*+$/.test(wanted)) return true;
  const patternParts = splitOnce(wanted);
  const actionParts = splitOnce(action.trim());
  if (!patternParts || !actionParts) return false;
  return (
    wildcardMatch(patternParts[0], actionParts[0], true) && wildcardMatch(patternParts[1], actionParts[1], true)
  );
}

function arnSegments(arn: string): string[] | undefined {
  const segments: string[] = [];
  let rest = arn;
  for (let index = 0; index < 5; index++) {
    const colon = rest.indexOf(':');
    if (colon < 0) return undefined;
    segments.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  segments.push(rest);
  return segments;
}

/**
 * Whether a Resource pattern matches an ARN. Case-sensitive; `*` and `?` wildcards; `*` alone matches
 * everything. ARNs are compared segment by segment (partition, service, region, account, then the
 * resource part as a whole), so a wildcard in the region never swallows the account.
 */
export function resourceMatches(pattern: string, arn: string, options: ResourceMatchOptions = {}): boolean {
  let wanted = pattern.trim();
  if (options.placeholdersAsWildcards) wanted = wanted.replace(/\$\{[^}$]*\}/g, '*');
  if (/^\*+$/.test(wanted)) return true;
  const target = arn.trim();
  const patternSegments = arnSegments(wanted);
  const targetSegments = arnSegments(target);
  if (!patternSegments || !targetSegments) return wildcardMatch(wanted, target);
  return patternSegments.every((segment, index) => wildcardMatch(segment, targetSegments[index]));
}

/** Whether a statement's action and resource parts (Action/NotAction, Resource/NotResource) cover the request. */
export function statementMatches(
  statement: Statement,
  action: string,
  resource: string,
  options: ResourceMatchOptions = {},
): boolean {
  const actionCovered = statement.notActions
    ? !statement.notActions.some((pattern) => actionMatches(pattern, action))
    : statement.actions.some((pattern) => actionMatches(pattern, action));
  if (!actionCovered) return false;
  return statement.notResources
    ? !statement.notResources.some((pattern) => resourceMatches(pattern, resource, options))
    : statement.resources.some((pattern) => resourceMatches(pattern, resource, options));
}

function applies(statement: Statement, assumption: ConditionAssumption): boolean {
  if (!statement.condition || assumption === 'literal') return true;
  return assumption === 'optimistic' ? statement.effect === 'Allow' : statement.effect === 'Deny';
}

/**
 * Evaluates identity-policy statements for one action on one resource: a matching Deny wins, otherwise a
 * matching Allow allows, otherwise the request is implicitly denied.
 */
export function evaluate(
  statements: readonly Statement[],
  action: string,
  resource: string,
  options: EvaluationOptions = {},
): Evaluation {
  const assumption = options.conditions ?? 'optimistic';
  const matching = statements.filter(
    (statement) => applies(statement, assumption) && statementMatches(statement, action, resource, options),
  );
  const deniedBy = matching.filter((statement) => statement.effect === 'Deny');
  const allowedBy = matching.filter((statement) => statement.effect === 'Allow');
  if (deniedBy.length) {
    return { decision: 'denied', allowedBy, deniedBy, conditional: deniedBy.every((s) => s.condition !== undefined) };
  }
  if (allowedBy.length) {
    return { decision: 'allowed', allowedBy, deniedBy, conditional: allowedBy.every((s) => s.condition !== undefined) };
  }
  return { decision: 'implicitDeny', allowedBy, deniedBy, conditional: false };
}

/** Whether the statements allow `action` on `resource` (a matching Deny wins; see `evaluate` for details). */
export function isGranted(
  statements: readonly Statement[],
  action: string,
  resource: string,
  options: EvaluationOptions = {},
): boolean {
  return evaluate(statements, action, resource, options).decision === 'allowed';
}

/**
 * The real actions an action pattern covers, as `service:Name` with AWS's capitalisation, sorted.
 * Uses the IAM data; empty when nothing matches or the data is unavailable.
 */
export function expandActionPattern(pattern: string): string[] {
  const wanted = pattern.trim();
  const parts = /^\*+$/.test(wanted) ? ['*', '*'] : splitOnce(wanted);
  if (!parts) return [];
  const [servicePattern, namePattern] = parts;
  const services = /[*?]/.test(servicePattern)
    ? iamServiceKeys().filter((key) => wildcardMatch(servicePattern, key, true))
    : [servicePattern.toLowerCase()];
  const found: string[] = [];
  for (const service of services) {
    for (const name of actionsForService(service)) {
      if (wildcardMatch(namePattern, name, true)) found.push(`${service}:${name}`);
    }
  }
  return [...new Set(found)].sort();
}
