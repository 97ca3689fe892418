// Reads Step Functions definitions (inline, DefinitionString, or a DefinitionUri file) and lists what their Task states call.
import type { Analysis } from '../analysis';
import type { StateMachineModel } from '../model/functions';
import type { MapValue, Span, TemplateFacts, TemplateValue } from '../model/types';
import { splitNodeId } from '../sam/ids';
import { definitionFile } from '../sam/functions';
import { listOf, mapOf, stringOf, valueOf, walkValues } from '../sam/values';
import { parseYamlTree } from '../sam/yamlTree';
import { matchLiteral } from './consumers';
import { resolveTemplateValue, type Resolved } from './resolveValue';

/** One thing a state machine does to another resource. */
export interface TaskAction {
  service: string;
  operation: string;
  target: Resolved;
  sync: boolean;
  evidence: Span;
  event?: { source?: string; detailType?: string; bus?: Resolved };
}

const taskCache = new WeakMap<StateMachineModel, { templatesKey: string; actions: TaskAction[] }>();

/** What the Task states of a state machine invoke, start, send, publish or write (memoised while no template changes). */
export function stateMachineActions(analysis: Analysis, sm: StateMachineModel): TaskAction[] {
  const cached = taskCache.get(sm);
  if (cached?.templatesKey === analysis.templatesKey) return cached.actions;
  const actions = computeTaskActions(analysis, sm);
  taskCache.set(sm, { templatesKey: analysis.templatesKey, actions });
  return actions;
}

function computeTaskActions(analysis: Analysis, sm: StateMachineModel): TaskAction[] {
  const template = analysis.template(sm.file);
  if (!template) return [];
  const definition = definitionOf(analysis, sm);
  if (!definition) return [];
  const substitutions = mapOf(sm.properties, 'DefinitionSubstitutions');
  const resolve = (value: TemplateValue | undefined): Resolved => resolveDefinitionValue(analysis, template, substitutions, value);
  const actions: TaskAction[] = [];
  walkValues(definition.root, (node) => {
    if (node.kind !== 'map' || stringOf(valueOf(node, 'Type')) !== 'Task') return;
    const resourceValue = valueOf(node, 'Resource');
    const resource = stringOf(resourceValue) ?? '';
    const parameters = mapOf(node, 'Parameters') ?? mapOf(node, 'Arguments');
    const evidence = definition.evidence ?? node.span;
    const integration = /^arn:[^:]+:states:::([a-z0-9-]+):([A-Za-z]+)(?:\.([a-zA-Z]+))?/.exec(resource) ?? /^arn:[^:]+:states:::aws-sdk:([a-z0-9]+):([A-Za-z]+)/.exec(resource);
    if (!integration) {
      actions.push({ service: 'lambda', operation: 'Invoke', target: resolve(resourceValue), sync: true, evidence });
      return;
    }
    const [, service, operation, mode] = integration;
    const param = (key: string) => valueOf(parameters, key);
    const sync = mode === 'sync' || mode === 'waitForTaskToken' || service === 'lambda';
    switch (service) {
      case 'lambda':
        actions.push({ service: 'lambda', operation: 'Invoke', target: resolve(param('FunctionName')), sync: true, evidence });
        break;
      case 'states':
        actions.push({ service: 'sfn', operation: 'StartExecution', target: resolve(param('StateMachineArn')), sync, evidence });
        break;
      case 'sqs':
        actions.push({ service: 'sqs', operation: 'SendMessage', target: resolve(param('QueueUrl')), sync: false, evidence });
        break;
      case 'sns':
        actions.push({ service: 'sns', operation: 'Publish', target: resolve(param('TopicArn') ?? param('TargetArn')), sync: false, evidence });
        break;
      case 'events':
        for (const entry of listOf(param('Entries'))) {
          actions.push({
            service: 'eventbridge',
            operation: 'PutEvents',
            target: { kind: 'unresolved', reason: 'event bus' },
            sync: false,
            evidence,
            event: { source: stringOf(valueOf(entry, 'Source')), detailType: stringOf(valueOf(entry, 'DetailType')), bus: valueOf(entry, 'EventBusName') ? resolve(valueOf(entry, 'EventBusName')) : undefined },
          });
        }
        break;
      case 'dynamodb':
        actions.push({ service: 'dynamodb', operation: operation[0].toUpperCase() + operation.slice(1), target: resolve(param('TableName')), sync: true, evidence });
        break;
      case 's3':
        actions.push({ service: 's3', operation: operation[0].toUpperCase() + operation.slice(1), target: resolve(param('Bucket')), sync: true, evidence });
        break;
    }
  });
  return actions;
}

/** The definition as a value tree, from `Definition`, `DefinitionString` or the `DefinitionUri` file. */
function definitionOf(analysis: Analysis, sm: StateMachineModel): { root: TemplateValue; evidence?: Span } | undefined {
  const inline = valueOf(sm.properties, 'Definition');
  if (inline) return { root: inline };
  const file = definitionFile(sm);
  if (file) {
    const facts = analysis.definitions.get(file);
    return facts?.root ? { root: facts.root } : undefined;
  }
  const text = definitionString(valueOf(sm.properties, 'DefinitionString'));
  if (text === undefined) return undefined;
  const parsed = parseYamlTree(sm.file, text.replace(/(:\s*)(\$\{[^}"$]+\})/g, '$1"$2"'));
  return parsed.value ? { root: parsed.value, evidence: sm.keySpan } : undefined;
}

/** The text of a DefinitionString: a plain string, a Sub string, or a Join of plain strings. */
function definitionString(value: TemplateValue | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'scalar') return stringOf(value);
  if (value.kind !== 'intrinsic') return undefined;
  if (value.name === 'Fn::Sub') return stringOf(value.argument.kind === 'seq' ? value.argument.items[0] : value.argument);
  if (value.name === 'Fn::Join' && value.argument.kind === 'seq') {
    const separator = stringOf(value.argument.items[0]) ?? '';
    return listOf(value.argument.items[1]).map((part) => stringOf(part) ?? (part.kind === 'intrinsic' ? '"${__intrinsic__}"' : '')).join(separator);
  }
  return undefined;
}

/** A value inside a definition: an intrinsic, a `${Name}` substitution, or a literal ARN/name. */
function resolveDefinitionValue(analysis: Analysis, template: TemplateFacts, substitutions: MapValue | undefined, value: TemplateValue | undefined): Resolved {
  if (!value) return { kind: 'unresolved', reason: 'no target given' };
  if (value.kind === 'intrinsic') return resolveTemplateValue(analysis, template, value);
  const text = stringOf(value);
  if (text === undefined) return { kind: 'unresolved', reason: 'computed target' };
  const placeholders = [...text.matchAll(/\$\{([^}$]+)\}/g)].map((m) => m[1].trim());
  for (const name of placeholders) {
    const substitution = valueOf(substitutions, name);
    const resolved = substitution ? resolveTemplateValue(analysis, template, substitution) : resolveTemplateValue(analysis, template, { kind: 'intrinsic', name: 'Ref', short: true, nameSpan: value.span, argument: { kind: 'scalar', value: name.split('.')[0], span: value.span }, span: value.span });
    if (resolved.kind === 'resource') return resolved;
    if (resolved.kind === 'literal') {
      const id = matchLiteral(analysis, resolved.value);
      if (id) return resourceFromId(analysis, id, template);
    }
  }
  if (placeholders.length) return { kind: 'unresolved', reason: `substitution ${placeholders[0]} is not traced` };
  const id = matchLiteral(analysis, text);
  if (id) return resourceFromId(analysis, id, template);
  return { kind: 'literal', value: text };
}

function resourceFromId(analysis: Analysis, id: string, fallback: TemplateFacts): Resolved {
  const { file, logicalId } = splitNodeId(id);
  return { kind: 'resource', id, template: analysis.template(file) ?? fallback, logicalId };
}
