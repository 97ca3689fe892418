// Looks up SAM policy templates by name and expands them with parameter values into IAM statements.

import type { PolicyTemplate, PolicyTemplateStatement } from './policyTemplateModel';
import { policyTemplatesAToK } from './policyTemplatesData1';
import { policyTemplatesLToZ } from './policyTemplatesData2';
import type { Statement, StatementCondition } from './statement';

export type { PolicyTemplate, PolicyTemplateStatement } from './policyTemplateModel';

const templatesByName = new Map<string, PolicyTemplate>(
  [...policyTemplatesAToK, ...policyTemplatesLToZ].map((entry) => [entry.name, entry]),
);

/** The result of expanding a policy template. */
export interface PolicyTemplateExpansion {
  /** The template's statements with every supplied placeholder replaced; unsupplied ones stay as `${Name}`. */
  statements: Statement[];
  /** Template parameters that `params` did not supply, in the template's order. */
  missing: string[];
  /** Keys of `params` that are neither template parameters nor `AWS::` pseudo parameters. */
  unexpected: string[];
}

/** All policy template names SAM documents, sorted. */
export function policyTemplateNames(): string[] {
  return [...templatesByName.keys()].sort();
}

/** The policy template with exactly this name (SAM names are case-sensitive), or undefined. */
export function getPolicyTemplate(name: string): PolicyTemplate | undefined {
  return templatesByName.get(name);
}

/**
 * Expands a policy template: replaces `${Param}` placeholders by `params[Param]`. Pseudo parameters
 * (`${AWS::Partition}`, `${AWS::Region}`, `${AWS::AccountId}`) are replaced too when `params` holds
 * them under those keys, and otherwise stay in the strings for the caller to resolve.
 * Returns undefined for an unknown template name.
 */
export function expandPolicyTemplate(
  name: string,
  params: Record<string, string>,
): PolicyTemplateExpansion | undefined {
  const found = templatesByName.get(name);
  if (!found) return undefined;
  const supplied = (key: string) => Object.hasOwn(params, key) && typeof params[key] === 'string';
  const substitute = (text: string) =>
    text.replace(/\$\{([^}]+)\}/g, (whole, key: string) => (supplied(key) ? params[key] : whole));
  const missing = found.parameters.filter((parameter) => !supplied(parameter));
  const unexpected = Object.keys(params).filter(
    (key) => !found.parameters.includes(key) && !key.startsWith('AWS::'),
  );
  const statements = found.statements.map((statement) => expandStatement(statement, found.name, substitute));
  return { statements, missing, unexpected };
}

function expandStatement(
  statement: PolicyTemplateStatement,
  source: string,
  substitute: (text: string) => string,
): Statement {
  const expanded: Statement = {
    effect: 'Allow',
    actions: [...statement.actions],
    resources: statement.resources.map(substitute),
    source,
  };
  if (statement.condition) expanded.condition = expandCondition(statement.condition, substitute);
  return expanded;
}

function expandCondition(condition: StatementCondition, substitute: (text: string) => string): StatementCondition {
  const result: StatementCondition = {};
  for (const [operator, keys] of Object.entries(condition)) {
    result[operator] = {};
    for (const [key, values] of Object.entries(keys)) result[operator][key] = values.map(substitute);
  }
  return result;
}
