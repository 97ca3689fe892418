// Answers what a name in a template refers to: a parameter, resource, condition, mapping, pseudo parameter or a SAM-generated resource.
import type { NamedEntry, ParameterFact, ResourceFact, TemplateFacts } from '../model/types';
import { mapOf, stringAt } from './values';

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

export type NameTarget =
  | { kind: 'parameter'; parameter: ParameterFact }
  | { kind: 'resource'; resource: ResourceFact }
  | { kind: 'generated'; source: ResourceFact; description: string }
  | { kind: 'pseudo'; name: string }
  | { kind: 'condition'; condition: NamedEntry }
  | { kind: 'mapping'; mapping: NamedEntry };

const IMPLICIT_APIS: Record<string, { eventType: string; description: string }> = {
  ServerlessRestApi: { eventType: 'Api', description: 'the REST API SAM creates for Api events without RestApiId' },
  ServerlessHttpApi: { eventType: 'HttpApi', description: 'the HTTP API SAM creates for HttpApi events without ApiId' },
};

/** Resolves a name as `Ref`/`GetAtt`/`${}` would see it; `kind` narrows to conditions or mappings. */
export function resolveName(template: TemplateFacts, name: string, kind: 'value' | 'condition' | 'mapping' = 'value'): NameTarget | undefined {
  if (kind === 'condition') {
    const condition = template.conditions.find((c) => c.name === name);
    return condition && { kind: 'condition', condition };
  }
  if (kind === 'mapping') {
    const mapping = template.mappings.find((m) => m.name === name);
    return mapping && { kind: 'mapping', mapping };
  }
  if (PSEUDO_PARAMETERS.has(name)) return { kind: 'pseudo', name };
  const parameter = template.parameters.find((p) => p.name === name);
  if (parameter) return { kind: 'parameter', parameter };
  const resource = template.resources.find((r) => r.logicalId === name);
  if (resource) return { kind: 'resource', resource };
  return generatedResource(template, name);
}

/** A resource SAM generates during the transform, named after the resource it comes from. */
export function generatedResource(template: TemplateFacts, name: string): NameTarget | undefined {
  if (!template.isSam) return undefined;
  for (const [api, info] of Object.entries(IMPLICIT_APIS)) {
    if (!name.startsWith(api)) continue;
    const source = template.resources.find((r) => r.type === 'AWS::Serverless::Function' && hasEventOfType(r, info.eventType));
    if (source) return { kind: 'generated', source, description: info.description };
  }
  // `Fn.Version`, `Fn.Alias`, `Api.Stage`, `Api.Deployment` and names that start with a SAM resource's logical ID.
  const [base, suffix] = name.includes('.') ? [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)] : [name, ''];
  let best: ResourceFact | undefined;
  for (const resource of template.resources) {
    if (!resource.type.startsWith('AWS::Serverless::')) continue;
    const matches = suffix ? base === resource.logicalId : name.startsWith(resource.logicalId) && name !== resource.logicalId;
    if (matches && (!best || resource.logicalId.length > best.logicalId.length)) best = resource;
  }
  if (!best) return undefined;
  const rest = suffix || name.slice(best.logicalId.length);
  return { kind: 'generated', source: best, description: `${describeGenerated(rest)} that SAM generates for ${best.logicalId}` };
}

function hasEventOfType(resource: ResourceFact, type: string): boolean {
  return (mapOf(resource.properties, 'Events')?.entries ?? []).some((e) => stringAt(e.value, 'Type') === type);
}

function describeGenerated(rest: string): string {
  if (rest === 'Role') return 'the IAM role';
  if (rest === 'Version' || rest.startsWith('Version')) return 'the published version';
  if (rest === 'Alias' || rest.startsWith('Alias')) return 'the alias';
  if (rest.endsWith('Permission')) return 'the invoke permission';
  if (rest === 'Url') return 'the function URL';
  if (rest === 'Stage' || rest.endsWith('Stage')) return 'the stage';
  if (rest === 'Deployment' || rest.startsWith('Deployment')) return 'the deployment';
  return `the ${rest} resource`;
}
