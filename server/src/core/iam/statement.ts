// The IAM policy statement shape shared by policy templates, managed policies, inline policies and the matcher.

/**
 * A condition block as written in a policy: operator (`StringEquals`) → condition key → values.
 * The values may still contain `${...}` placeholders when they come from a policy template.
 */
export type StatementCondition = Record<string, Record<string, string[]>>;

/**
 * One IAM policy statement, normalised: single strings become one-element lists.
 * When `notActions` is present the statement is a NotAction statement and `actions` is ignored;
 * likewise `notResources` replaces `resources`.
 */
export interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions?: string[];
  resources: string[];
  notResources?: string[];
  /** Where the statement came from, for explanations (`DynamoDBCrudPolicy`, `AWSLambdaBasicExecutionRole`, `inline`). */
  source?: string;
  /** The statement's Condition block, if any. The matcher cannot evaluate conditions offline; see `match.ts`. */
  condition?: StatementCondition;
}
