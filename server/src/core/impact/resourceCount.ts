// Estimates how many resources a template has after the SAM transform, and its other CloudFormation quotas, for the limit rule and hover.
import type { Analysis } from '../analysis';
import type { MapValue, Span, TemplateFacts } from '../model/types';
import { nodeId } from '../sam/ids';
import { entryOf, mapOf, stringOf, valueOf } from '../sam/values';
import { contains } from '../query/locate';

/** CloudFormation quotas per template. */
export const LIMITS = { resources: 500, outputs: 200, parameters: 200, mappings: 200, size: 1024 * 1024 };

type Category = 'roles' | 'aliases' | 'events' | 'implicitApis' | 'stages' | 'other';

const CATEGORY_LABELS: Record<Category, string> = {
  roles: 'IAM roles SAM creates (functions and state machines without `Role`)',
  aliases: 'Versions and aliases (`AutoPublishAlias`)',
  events: 'Event sources: mappings, rules, subscriptions, permissions',
  implicitApis: 'Implicit APIs (`ServerlessRestApi`, `ServerlessHttpApi`) with deployment and stage',
  stages: 'Deployments, stages and domains of explicit APIs',
  other: 'Deployment groups, function URLs, invoke configs, connectors, GraphQL parts',
};

/** The estimate for one template. */
export interface ResourceEstimate {
  written: number;
  estimated: number;
  added: { label: string; count: number }[];
  /** The resources that add the most, largest first. */
  top: { logicalId: string; count: number }[];
  outputs: number;
  parameters: number;
  mappings: number;
  size: number;
}

/** Counts the resources of a template after the SAM transform (an estimate, documented in docs/diagnostics.md). */
export function estimateResources(analysis: Analysis, template: TemplateFacts): ResourceEstimate {
  const added: Record<Category, number> = { roles: 0, aliases: 0, events: 0, implicitApis: 0, stages: 0, other: 0 };
  const top: { logicalId: string; count: number }[] = [];
  const shared = new Set<string>();
  const add = (category: Category, count: number) => (added[category] += count);
  for (const resource of template.resources) {
    const before = total(added);
    const properties = analysis.function(nodeId(template.file, resource.logicalId))?.properties ?? analysis.stateMachines.find((s) => s.id === nodeId(template.file, resource.logicalId))?.properties ?? resource.properties;
    expand(resource.type, properties, resource.node, add, shared);
    const extra = total(added) - before;
    if (extra > 0) top.push({ logicalId: resource.logicalId, count: extra });
  }
  if (shared.has('deployment')) add('other', 2);
  const written = template.resources.length;
  return {
    written,
    estimated: written + total(added),
    added: (Object.keys(added) as Category[]).filter((c) => added[c]).map((c) => ({ label: CATEGORY_LABELS[c], count: added[c] })),
    top: top.sort((a, b) => b.count - a.count || a.logicalId.localeCompare(b.logicalId)).slice(0, 5),
    outputs: template.outputs.length,
    parameters: template.parameters.length,
    mappings: template.mappings.length,
    size: template.size,
  };
}

function total(added: Record<Category, number>): number {
  return Object.values(added).reduce((a, b) => a + b, 0);
}

function expand(type: string, properties: MapValue | undefined, node: MapValue, add: (c: Category, n: number) => void, shared: Set<string>): void {
  switch (type) {
    case 'AWS::Serverless::Function':
      if (!valueOf(properties, 'Role')) add('roles', 1);
      if (valueOf(properties, 'AutoPublishAlias')) add('aliases', 2);
      if (valueOf(properties, 'DeploymentPreference')) {
        add('other', 1);
        shared.add('deployment');
      }
      if (valueOf(properties, 'FunctionUrlConfig')) add('other', 2);
      if (valueOf(properties, 'EventInvokeConfig')) add('other', 1);
      add('other', mapOf(node, 'Connectors')?.entries.length ?? 0);
      for (const event of mapOf(properties, 'Events')?.entries ?? []) functionEvent(stringOf(valueOf(event.value, 'Type')) ?? '', mapOf(event.value, 'Properties'), add, shared);
      return;
    case 'AWS::Serverless::StateMachine':
      if (!valueOf(properties, 'Role')) add('roles', 1);
      for (const event of mapOf(properties, 'Events')?.entries ?? []) {
        const eventType = stringOf(valueOf(event.value, 'Type')) ?? '';
        add('events', eventType === 'Api' ? 1 : 2);
        if (eventType === 'Api' && !valueOf(mapOf(event.value, 'Properties'), 'RestApiId')) implicitApi('rest', add, shared);
      }
      return;
    case 'AWS::Serverless::Api':
      add('stages', 2 + (valueOf(properties, 'Domain') ? 2 : 0) + (valueOf(mapOf(properties, 'Auth'), 'UsagePlan') ? 3 : 0));
      return;
    case 'AWS::Serverless::HttpApi':
      add('stages', 1 + (valueOf(properties, 'Domain') ? 2 : 0));
      return;
    case 'AWS::Serverless::GraphQLApi': {
      const sources = mapOf(properties, 'DataSources');
      const dataSources = (mapOf(sources, 'DynamoDb')?.entries.length ?? 0) + (mapOf(sources, 'Lambda')?.entries.length ?? 0);
      add('other', 1 + 2 * dataSources + (mapOf(properties, 'Functions')?.entries.length ?? 0) + resolverCount(mapOf(properties, 'Resolvers')) + (mapOf(properties, 'ApiKeys')?.entries.length ?? 0));
      return;
    }
  }
}

function resolverCount(resolvers: MapValue | undefined): number {
  return (resolvers?.entries ?? []).reduce((sum, typeEntry) => sum + (typeEntry.value.kind === 'map' ? typeEntry.value.entries.length : 0), 0);
}

/** Resources SAM generates for one function event. */
function functionEvent(type: string, properties: MapValue | undefined, add: (c: Category, n: number) => void, shared: Set<string>): void {
  switch (type) {
    case 'Api':
      add('events', 1);
      if (!valueOf(properties, 'RestApiId')) implicitApi('rest', add, shared);
      return;
    case 'HttpApi':
      add('events', 1);
      if (!valueOf(properties, 'ApiId')) implicitApi('http', add, shared);
      return;
    case 'SNS':
      add('events', 2 + (valueOf(properties, 'SqsSubscription') ? 3 : 0));
      return;
    case 'Schedule':
    case 'ScheduleV2':
    case 'CloudWatchLogs':
    case 'IoTRule':
      add('events', 2);
      return;
    case 'EventBridgeRule':
    case 'CloudWatchEvent':
      add('events', 2 + (valueOf(properties, 'DeadLetterConfig') ? 2 : 0));
      return;
    default:
      add('events', 1);
  }
}

function implicitApi(kind: 'rest' | 'http', add: (c: Category, n: number) => void, shared: Set<string>): void {
  if (shared.has(kind)) return;
  shared.add(kind);
  add('implicitApis', kind === 'rest' ? 3 : 2);
}

/** The quotas of a template as (what, value, limit, span) for the rule to compare. */
export function quotaChecks(analysis: Analysis, template: TemplateFacts): { what: string; value: number; limit: number; span: Span; estimate: boolean }[] {
  const estimate = estimateResources(analysis, template);
  const keySpan = (key: string) => entryOf(template.root, key)?.keySpan ?? { file: template.file, start: 0, end: 0 };
  return [
    { what: 'resources', value: estimate.estimated, limit: LIMITS.resources, span: keySpan('Resources'), estimate: true },
    { what: 'outputs', value: estimate.outputs, limit: LIMITS.outputs, span: keySpan('Outputs'), estimate: false },
    { what: 'parameters', value: estimate.parameters, limit: LIMITS.parameters, span: keySpan('Parameters'), estimate: false },
    { what: 'mappings', value: estimate.mappings, limit: LIMITS.mappings, span: keySpan('Mappings'), estimate: false },
    { what: 'bytes', value: estimate.size, limit: LIMITS.size, span: { file: template.file, start: 0, end: 0 }, estimate: false },
  ];
}

/** The hover on a template's `Resources:` key: the estimate and where it comes from. */
export function resourceLimitHover(analysis: Analysis, file: string, offset: number): { markdown: string; span: Span } | undefined {
  const template = analysis.template(file);
  const key = entryOf(template?.root, 'Resources');
  if (!template || !key || !contains(key.keySpan, offset)) return undefined;
  const e = estimateResources(analysis, template);
  const lines = [`**Resources after the SAM transform: about ${e.estimated} of ${LIMITS.resources}** (${Math.round((100 * e.estimated) / LIMITS.resources)}%)`, '', `- Written in the template: ${e.written}`];
  for (const part of e.added) lines.push(`- ${part.label}: +${part.count}`);
  if (e.top.length) lines.push('', `Adds the most: ${e.top.map((t) => `${t.logicalId} (+${t.count})`).join(', ')}`);
  const kb = (bytes: number) => `${Math.round(bytes / 102.4) / 10} KB`;
  lines.push('', `Outputs ${e.outputs}/${LIMITS.outputs} · Parameters ${e.parameters}/${LIMITS.parameters} · Mappings ${e.mappings}/${LIMITS.mappings} · Size ${kb(e.size)} of 1 MB`);
  return { markdown: lines.join('\n'), span: key.keySpan };
}
