// Data types of a function's effective permissions and of what its code uses, shared by the permission modules.
import type { Span } from '../model/types';

/**
 * A resource as a statement names it, in a matchable form:
 * `any` is `*`; `resource` was built from a template resource (by `!Ref`, `!GetAtt`, `!Sub` or a policy
 * template parameter), with the glob that follows it in the ARN (`''`, `*`, `/index/*`, `/*`);
 * `arn` is a literal ARN pattern that may hold `${AWS::Region}`-style placeholders; `unknown` could not be read.
 */
export type ResourcePattern =
  | { kind: 'any' }
  | { kind: 'resource'; id: string; logicalId: string; resourceType: string; suffix: string }
  | { kind: 'arn'; text: string }
  | { kind: 'unknown'; reason: string };

/** One resource of a statement: as written (readable) and matchable. */
export interface GrantResource {
  /** Readable text: `arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OrdersTable}`, `*`. */
  text: string;
  pattern: ResourcePattern;
}

export type GrantSourceKind =
  | 'managed'
  | 'template'
  | 'inline'
  | 'connector'
  | 'eventSource'
  | 'deadLetterQueue'
  | 'destination'
  | 'rolePolicy'
  | 'attachedPolicy';

/** Where a statement comes from. */
export interface GrantSource {
  kind: GrantSourceKind;
  /** Short label: `DynamoDBReadPolicy`, `AWSLambdaBasicExecutionRole`, `inline`, `connector AuditTableConnector`. */
  label: string;
  /** Where it is written (the Policies item, the connector, the event, the role policy), when it is. */
  span?: Span;
  /** Index of the `Policies` item it comes from. */
  policyIndex?: number;
  /** True for grants the Lambda service uses on the function's behalf (reading its event source), not its code. */
  forEventSource?: boolean;
}

/** An action string written in a policy document, with where it is. */
export interface WrittenAction {
  action: string;
  span: Span;
}

/** One IAM statement of a function's role, with readable and matchable resources. */
export interface Grant {
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions?: string[];
  resources: GrantResource[];
  notResources?: GrantResource[];
  /** Whether the statement has a Condition block (assumed to hold). */
  conditional?: boolean;
  source: GrantSource;
  /** When the statement sits in one branch of an `!If`: the condition and the branch. */
  when?: string;
  /** For statements written in the workspace: the statement, its Action value and its Resource value. */
  written?: { statement: Span; actionValue?: Span; resourceValue?: Span; actions: WrittenAction[]; file: string };
}

/** An AWS managed (or customer managed) policy attached to the role. */
export interface ManagedPolicyUse {
  /** The policy name (`AWSLambdaBasicExecutionRole`), or the ARN/intrinsic as written when no name can be read. */
  name: string;
  /** Whether its statements are known offline (they are then part of `grants`). */
  known: boolean;
  /** Why SAM attaches it (`generated role`, `Tracing: Active`, `SQS event Queue`) or `Policies`. */
  reason: string;
  span?: Span;
}

/** A SAM policy template used in `Policies`, with its parameters as written and resolved. */
export interface PolicyTemplateUse {
  name: string;
  /** The template name key in the Policies item. */
  keySpan: Span;
  /** The whole Policies item. */
  itemSpan: Span;
  policyIndex: number;
  known: boolean;
  parameters: { name: string; text: string; keySpan: Span }[];
  missing: string[];
  unexpected: { name: string; keySpan: Span }[];
  grants: Grant[];
  when?: string;
}

/** Something that makes the picture incomplete: a grant may exist that the analysis cannot see. */
export interface Unknown {
  reason: string;
  span?: Span;
}

/** A resource-based permission that lets another service invoke the function (from a connector). */
export interface InvokePermission {
  principal: string;
  source: string;
}

/** The effective permissions of one function, as SAM would create its role. */
export interface Permissions {
  functionId: string;
  role: 'generated' | 'template' | 'external';
  /** For a template or external role: how it is named (`MyRole`, `arn:aws:iam::123:role/x`). */
  roleName?: string;
  roleSpan?: Span;
  managedPolicies: ManagedPolicyUse[];
  grants: Grant[];
  templates: PolicyTemplateUse[];
  permissionsBoundary?: string;
  invokePermissions: InvokePermission[];
  /** The `Policies` key when `Role` makes SAM ignore it. */
  ignoredPolicies?: Span;
  unknowns: Unknown[];
}

/**
 * What a code call acts on: a template resource (with the part of the ARN after it, such as `/key` for an
 * S3 object, where `\u0000` stands for an unknown part), a literal name or ARN, or something unknown.
 */
export type UsageTarget =
  | { kind: 'resource'; id: string; logicalId: string; file: string; resourceType: string; sub: string }
  | { kind: 'literal'; text: string; service: string }
  | { kind: 'unknown'; reason: string };

export type UsageStatus = 'granted' | 'missing' | 'unknown';

/** One IAM action that a function's code needs, on one target, and whether the role allows it. */
export interface Usage {
  functionId: string;
  action: string;
  target: UsageTarget;
  /** Readable target: the logical ID, the literal, or `?`. */
  targetText: string;
  status: UsageStatus;
  /** The statements that allow it (status `granted`) or that might (status `unknown`). */
  grantedBy: Grant[];
  /** The statement that denies it, if one does. */
  deniedBy?: Grant;
  /** Where the call is made for this function (the helper call site when the SDK call is in a helper). */
  evidence: Span;
  /** The SDK call itself. */
  callSpan: Span;
  service: string;
  operation: string;
  /** True when several candidate actions are listed because which one is needed depends on arguments. */
  candidate?: boolean;
}
