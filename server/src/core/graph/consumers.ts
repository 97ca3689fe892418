// What the templates wire: event sources that trigger functions, EventBridge rules and their targets, SNS subscriptions, destinations.
import type { Analysis } from '../analysis';
import type { MapValue, Span, TemplateFacts, TemplateValue } from '../model/types';
import { nodeId } from '../sam/ids';
import { listOf, mapOf, stringOf, valueOf } from '../sam/values';
import { resolveTemplateValue, type Resolved } from './resolveValue';

/** A resource that triggers a compute node (queue → function, topic → queue, bucket → function...). */
export interface Trigger {
  source: string;
  target: string;
  /** The event type (`SQS`, `SNS`, `DynamoDB`, `Kinesis`, `S3`, `Subscription`, `Destination`). */
  type: string;
  evidence: Span;
  /** For S3: the event names (`s3:ObjectCreated:*`). */
  events?: string[];
}

/** An EventBridge rule: which bus, which pattern, which targets. */
export interface RuleModel {
  id: string;
  /** The bus resource id, or `default`, or a literal bus name. */
  bus: string;
  pattern?: TemplateValue;
  targets: { id: string; evidence: Span }[];
  evidence: Span;
}

export interface Wiring {
  triggers: Trigger[];
  rules: RuleModel[];
}

const PULL_TYPES: Record<string, { key: string }> = {
  SQS: { key: 'Queue' },
  SNS: { key: 'Topic' },
  DynamoDB: { key: 'Stream' },
  Kinesis: { key: 'Stream' },
  S3: { key: 'Bucket' },
};

const wiringCache = new Map<string, Wiring>();

/** The wiring of every template of the workspace; reused across snapshots while no template changes. */
export function collectWiring(analysis: Analysis): Wiring {
  const cached = wiringCache.get(analysis.templatesKey);
  if (cached) return cached;
  const wiring = computeWiring(analysis);
  wiringCache.clear();
  wiringCache.set(analysis.templatesKey, wiring);
  return wiring;
}

function computeWiring(analysis: Analysis): Wiring {
  const wiring: Wiring = { triggers: [], rules: [] };
  for (const fn of analysis.functions) {
    const template = analysis.template(fn.file)!;
    for (const event of fn.events) {
      const pull = PULL_TYPES[event.type];
      if (pull) {
        const source = targetId(analysis, template, valueOf(event.properties, pull.key));
        const events = listOf(valueOf(event.properties, 'Events')).map(stringOf).filter((s): s is string => !!s);
        if (source) wiring.triggers.push({ source, target: fn.id, type: event.type, evidence: event.keySpan, events: events.length ? events : undefined });
      } else if (event.type === 'EventBridgeRule' || event.type === 'CloudWatchEvent') {
        const bus = busId(analysis, template, valueOf(event.properties, 'EventBusName'));
        wiring.rules.push({ id: `${fn.id}.${event.name}`, bus, pattern: valueOf(event.properties, 'Pattern'), targets: [{ id: fn.id, evidence: event.keySpan }], evidence: event.keySpan });
      }
    }
    addDestinations(analysis, template, fn.id, mapOf(fn.properties, 'EventInvokeConfig'), wiring);
  }
  for (const template of analysis.templates) {
    for (const resource of template.resources) collectResourceWiring(analysis, template, resource.logicalId, resource.type, resource.properties, resource.keySpan, wiring);
  }
  return wiring;
}

function collectResourceWiring(analysis: Analysis, template: TemplateFacts, logicalId: string, type: string, properties: MapValue | undefined, keySpan: Span, wiring: Wiring): void {
  const id = nodeId(template.file, logicalId);
  switch (type) {
    case 'AWS::Events::Rule': {
      const bus = busId(analysis, template, valueOf(properties, 'EventBusName'));
      const targets = listOf(valueOf(properties, 'Targets')).flatMap((t) => {
        const target = targetId(analysis, template, valueOf(t, 'Arn'));
        return target ? [{ id: target, evidence: t.span }] : [];
      });
      wiring.rules.push({ id, bus, pattern: valueOf(properties, 'EventPattern'), targets, evidence: keySpan });
      break;
    }
    case 'AWS::Lambda::EventSourceMapping': {
      const source = targetId(analysis, template, valueOf(properties, 'EventSourceArn'));
      const target = targetId(analysis, template, valueOf(properties, 'FunctionName'));
      if (source && target) wiring.triggers.push({ source, target, type: 'EventSourceMapping', evidence: keySpan });
      break;
    }
    case 'AWS::SNS::Subscription': {
      const source = targetId(analysis, template, valueOf(properties, 'TopicArn'));
      const target = targetId(analysis, template, valueOf(properties, 'Endpoint'));
      if (source && target) wiring.triggers.push({ source, target, type: 'Subscription', evidence: keySpan });
      break;
    }
    case 'AWS::SNS::Topic':
      for (const subscription of listOf(valueOf(properties, 'Subscription'))) {
        const target = targetId(analysis, template, valueOf(subscription, 'Endpoint'));
        if (target) wiring.triggers.push({ source: id, target, type: 'Subscription', evidence: subscription.span });
      }
      break;
    case 'AWS::S3::Bucket':
      for (const [key, arnKey] of [['LambdaConfigurations', 'Function'], ['QueueConfigurations', 'Queue'], ['TopicConfigurations', 'Topic']]) {
        for (const config of listOf(valueOf(mapOf(properties, 'NotificationConfiguration'), key))) {
          const target = targetId(analysis, template, valueOf(config, arnKey));
          const event = stringOf(valueOf(config, 'Event'));
          if (target) wiring.triggers.push({ source: id, target, type: 'S3', evidence: config.span, events: event ? [event] : undefined });
        }
      }
      break;
    case 'AWS::Lambda::EventInvokeConfig': {
      const fn = targetId(analysis, template, valueOf(properties, 'FunctionName'));
      if (fn) addDestinations(analysis, template, fn, properties, wiring);
      break;
    }
  }
}

/** `EventInvokeConfig.DestinationConfig.OnSuccess/OnFailure.Destination` as triggers from the function. */
function addDestinations(analysis: Analysis, template: TemplateFacts, fnId: string, config: MapValue | undefined, wiring: Wiring): void {
  const destinations = mapOf(config, 'DestinationConfig');
  for (const key of ['OnSuccess', 'OnFailure']) {
    const destination = valueOf(mapOf(destinations, key), 'Destination');
    const target = targetId(analysis, template, destination);
    if (target && destination) wiring.triggers.push({ source: fnId, target, type: 'Destination', evidence: destination.span });
  }
}

/** The resource id a value names, or undefined when it cannot be resolved. */
export function targetId(analysis: Analysis, template: TemplateFacts, value: TemplateValue | undefined): string | undefined {
  const resolved = resolveTemplateValue(analysis, template, value);
  if (resolved.kind === 'resource') return resolved.id;
  if (resolved.kind === 'literal') return matchLiteral(analysis, resolved.value);
  return undefined;
}

function busId(analysis: Analysis, template: TemplateFacts, value: TemplateValue | undefined): string {
  if (!value) return 'default';
  const resolved = resolveTemplateValue(analysis, template, value);
  if (resolved.kind === 'resource') return resolved.id;
  if (resolved.kind === 'literal') return resolved.value === 'default' ? 'default' : matchLiteral(analysis, resolved.value) ?? resolved.value;
  return `unresolved:${resolved.reason}`;
}

const NAME_PROPERTIES = ['QueueName', 'TopicName', 'TableName', 'BucketName', 'FunctionName', 'StateMachineName', 'Name', 'StreamName'];

const physicalNames = new Map<string, Map<string, string>>();

/** Matches a literal name, ARN or URL against the physical names templates give their resources (indexed once per snapshot). */
export function matchLiteral(analysis: Analysis, literal: string): string | undefined {
  const name = physicalName(literal);
  if (!name) return undefined;
  let index = physicalNames.get(analysis.templatesKey);
  if (!index) {
    index = new Map();
    if (physicalNames.size > 4) physicalNames.clear();
    physicalNames.set(analysis.templatesKey, index);
    for (const template of analysis.templates) {
      for (const resource of template.resources) {
        for (const key of NAME_PROPERTIES) {
          const value = valueOf(resource.properties, key);
          if (!value) continue;
          const resolved = resolveTemplateValue(analysis, template, value);
          if (resolved.kind === 'literal' && !index.has(resolved.value)) index.set(resolved.value, nodeId(template.file, resource.logicalId));
        }
      }
    }
  }
  return index.get(name);
}

/** The resource name inside an ARN, a queue URL, or a plain name. */
export function physicalName(literal: string): string {
  const text = literal.trim();
  if (text.startsWith('arn:')) {
    const parts = text.split(':');
    const last = parts.slice(5).join(':');
    const qualified = last.replace(/^(function|stateMachine|table|event-bus|stream|topic):?\/?/, '');
    return qualified.split(/[/:]/)[0];
  }
  if (/^https:\/\/sqs\./.test(text)) return text.split('/').pop() ?? '';
  return text;
}

/** Resolves without matching literals (for callers that need the reason). */
export function resolveForGraph(analysis: Analysis, template: TemplateFacts, value: TemplateValue | undefined): Resolved {
  return resolveTemplateValue(analysis, template, value);
}
