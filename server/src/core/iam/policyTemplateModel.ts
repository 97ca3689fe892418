// The shape of a SAM policy template and small builders that keep the template data files short.

import type { StatementCondition } from './statement';

/** One Allow statement of a policy template; strings may hold `${Param}` and `${AWS::Region}`-style placeholders. */
export interface PolicyTemplateStatement {
  actions: string[];
  resources: string[];
  condition?: StatementCondition;
}

/** A SAM policy template: its name, the parameters it takes, and the statements it expands to. */
export interface PolicyTemplate {
  name: string;
  /** A short summary of what the template grants (our own wording). */
  description: string;
  /** Parameter names in the order SAM documents them (`TableName`, `StreamName`). */
  parameters: string[];
  statements: PolicyTemplateStatement[];
}

/**
 * The ARN prefix of a regional resource in the stack's own partition, region and account,
 * followed by the resource part: `arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:<resource>`.
 */
export function regionalArn(service: string, resource: string): string {
  return 'arn:${AWS::Partition}:' + service + ':${AWS::Region}:${AWS::AccountId}:' + resource;
}

/** A global (region- and account-less) ARN in the stack's partition: `arn:${AWS::Partition}:s3:::<resource>`. */
export function globalArn(service: string, resource: string): string {
  return 'arn:${AWS::Partition}:' + service + ':::' + resource;
}

/** Prefixes each action name with its IAM service prefix: `actions('sqs', 'SendMessage')` → `['sqs:SendMessage']`. */
export function actions(prefix: string, ...names: string[]): string[] {
  return [...new Set(names)].map((name) => `${prefix}:${name}`);
}

/** Builds one Allow statement of a template. */
export function allow(
  actionList: string[],
  resources: string | string[],
  condition?: StatementCondition,
): PolicyTemplateStatement {
  const statement: PolicyTemplateStatement = {
    actions: actionList,
    resources: typeof resources === 'string' ? [resources] : resources,
  };
  if (condition) statement.condition = condition;
  return statement;
}

/** Builds a policy template record. */
export function template(
  name: string,
  description: string,
  parameters: string[],
  statements: PolicyTemplateStatement[],
): PolicyTemplate {
  return { name, description, parameters, statements };
}
