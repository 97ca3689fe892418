// Finds the narrowest SAM policy template that grants given actions on one template resource, and how to write its parameter.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { TemplateValue } from '../model/types';
import { expandPolicyTemplate, getPolicyTemplate, policyTemplateNames } from '../iam/policyTemplates';
import { expandActionPattern } from '../iam/match';
import { resolveTemplateValue } from '../graph/resolveValue';
import { stringOf } from '../sam/values';
import type { Grant, UsageTarget } from './model';
import { grantCovers } from './matching';
import { grantResource } from './resourcePattern';

/** A policy template to add to `Policies`. */
export interface TemplateSuggestion {
  template: string;
  parameter: string;
  /** Readable parameter value (`OrdersTable`). */
  readable: string;
  /** The YAML value to write (`!Ref OrdersTable`), when it can be written in the function's template. */
  yamlValue?: string;
}

/** Parameter names SAM templates use for one resource, the types they fit and how the value is written. */
const BINDINGS: Record<string, { types: RegExp; attribute?: string }> = {
  TableName: { types: /::(DynamoDB::Table|Serverless::SimpleTable)$/ },
  QueueName: { types: /::SQS::Queue$/, attribute: 'QueueName' },
  TopicName: { types: /::SNS::Topic$/, attribute: 'TopicName' },
  FunctionName: { types: /::(Lambda|Serverless)::Function$/ },
  StateMachineName: { types: /StateMachine$/, attribute: 'Name' },
  EventBusName: { types: /::Events::EventBus$/ },
  BucketName: { types: /::S3::Bucket$/ },
  StreamName: { types: /::Kinesis::Stream$/ },
};

/** General-purpose data-access templates, preferred over special-purpose ones that happen to grant the same actions. */
const PREFERRED = new Set([
  'DynamoDBReadPolicy', 'DynamoDBWritePolicy', 'DynamoDBCrudPolicy', 'SQSSendMessagePolicy', 'SQSPollerPolicy',
  'SNSPublishMessagePolicy', 'SNSCrudPolicy', 'LambdaInvokePolicy', 'StepFunctionsExecutionPolicy', 'EventBridgePutEventsPolicy',
  'S3ReadPolicy', 'S3WritePolicy', 'S3CrudPolicy', 'S3FullAccessPolicy', 'KinesisStreamReadPolicy', 'KinesisCrudPolicy',
]);

const sizeCache = new Map<string, number>();

/** The narrowest template (fewest actions) that surely grants every action on the resource target, or undefined. */
export function suggestTemplate(analysis: Analysis, fn: FunctionModel, target: UsageTarget, actions: string[]): TemplateSuggestion | undefined {
  if (target.kind !== 'resource' || !actions.length) return undefined;
  let best: { name: string; parameter: string; size: number } | undefined;
  for (const name of policyTemplateNames()) {
    const template = getPolicyTemplate(name)!;
    if (template.parameters.length !== 1) continue;
    const parameter = template.parameters[0];
    const binding = BINDINGS[parameter];
    if (!binding || !binding.types.test(target.resourceType)) continue;
    const grants = expandWithResource(name, parameter, target);
    if (!actions.every((action) => grants.some((g) => grantCovers(g, action, target) === 'yes'))) continue;
    const size = templateSize(name) + (PREFERRED.has(name) ? 0 : 10_000);
    if (!best || size < best.size || (size === best.size && name < best.name)) best = { name, parameter, size };
  }
  if (!best) return undefined;
  return { template: best.name, parameter: best.parameter, readable: target.logicalId, yamlValue: yamlValueFor(analysis, fn, target, BINDINGS[best.parameter].attribute) };
}

function expandWithResource(name: string, parameter: string, target: Extract<UsageTarget, { kind: 'resource' }>): Grant[] {
  const token = '\u0001';
  const expansion = expandPolicyTemplate(name, { [parameter]: token });
  if (!expansion) return [];
  return expansion.statements.map((statement) => ({
    effect: 'Allow' as const,
    actions: statement.actions,
    resources: statement.resources.map((text) => {
      const [before, ...after] = text.split(token);
      if (!after.length) return grantResource([{ kind: 'text', text }]);
      return grantResource([
        { kind: 'text', text: before },
        { kind: 'resource', id: target.id, logicalId: target.logicalId, resourceType: target.resourceType, label: target.logicalId },
        { kind: 'text', text: after.join(token) },
      ]);
    }),
    source: { kind: 'template' as const, label: name },
  }));
}

/** How many real actions a template grants (wildcards expanded with the IAM data). */
function templateSize(name: string): number {
  let size = sizeCache.get(name);
  if (size === undefined) {
    const actions = new Set<string>();
    for (const statement of getPolicyTemplate(name)?.statements ?? []) {
      for (const pattern of statement.actions) {
        const expanded = /[*?]/.test(pattern) ? expandActionPattern(pattern) : [pattern];
        for (const action of expanded.length ? expanded : [pattern]) actions.add(action.toLowerCase());
      }
    }
    size = actions.size;
    sizeCache.set(name, size);
  }
  return size;
}

/**
 * The YAML for the parameter: `!Ref X` or `!GetAtt X.Attr` when the resource is in the function's template;
 * for another stack's resource, the function's own environment value that names it (`!ImportValue ...`), if any.
 */
function yamlValueFor(analysis: Analysis, fn: FunctionModel, target: Extract<UsageTarget, { kind: 'resource' }>, attribute?: string): string | undefined {
  if (target.file === fn.file) return attribute ? `!GetAtt ${target.logicalId}.${attribute}` : `!Ref ${target.logicalId}`;
  if (attribute) return undefined;
  const template = analysis.template(fn.file);
  if (!template) return undefined;
  for (const variable of fn.environment) {
    const resolved = resolveTemplateValue(analysis, template, variable.value);
    if (resolved.kind === 'resource' && resolved.id === target.id && !resolved.attribute && !resolved.rest) {
      const text = simpleIntrinsic(variable.value);
      if (text) return text;
    }
  }
  return undefined;
}

/** `!Ref X` or `!ImportValue name` written back as short-form YAML, when the value is that simple. */
function simpleIntrinsic(value: TemplateValue): string | undefined {
  if (value.kind !== 'intrinsic') return undefined;
  const argument = stringOf(value.argument);
  if (argument === undefined || !/^[\w.:-]+$/.test(argument)) return undefined;
  if (value.name === 'Ref') return `!Ref ${argument}`;
  if (value.name === 'Fn::ImportValue') return `!ImportValue ${argument}`;
  return undefined;
}
