// Answers what a name in a template refers to: a parameter, resource, condition, mapping, pseudo parameter or a SAM-generated resource.
import type { NamedEntry, ParameterFact, ResourceFact, TemplateFacts } from '../model/types';
import { mapOf, stringAt, valueOf } from './values';

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
  | { kind: 'mapping'; mapping: NamedEntry }
  /** A name a `Fn::ForEach` loop generates from a collection the template does not say. */
  | { kind: 'loop'; pattern: string };

const IMPLICIT_APIS: Record<string, { eventType: string; description: string }> = {
  ServerlessRestApi: { eventType: 'Api', description: 'the REST API SAM creates for Api events without RestApiId' },
  ServerlessHttpApi: { eventType: 'HttpApi', description: 'the HTTP API SAM creates for HttpApi events without ApiId' },
};

/** Resolves a name as `Ref`/`GetAtt`/`${}` would see it; `kind` narrows to conditions or mappings. */
export function resolveName(template: TemplateFacts, name: string, kind: 'value' | 'condition' | 'mapping' = 'value'): NameTarget | undefined {
  if (kind === 'condition') {
    const condition = template.conditions.find((c) => c.name === name);
    return condition ? { kind: 'condition', condition } : loopGenerated(template, name, 'condition');
  }
  if (kind === 'mapping') {
    const mapping = template.mappings.find((m) => m.name === name);
    return mapping && { kind: 'mapping', mapping };
  }
  if (PSEUDO_PARAMETERS.has(name)) return { kind: 'pseudo', name };
  const index = namesOf(template);
  const parameter = index.parameters.get(name);
  if (parameter) return { kind: 'parameter', parameter };
  const resource = index.resources.get(name);
  if (resource) return { kind: 'resource', resource };
  return generatedResource(template, name) ?? loopGenerated(template, name, 'value');
}

/** A name that a `Fn::ForEach` loop with an unknown collection may generate. */
function loopGenerated(template: TemplateFacts, name: string, kind: 'value' | 'condition'): NameTarget | undefined {
  const loop = template.loopPatterns?.find((p) => p.kind === kind && safeTest(p.pattern, name));
  return loop && { kind: 'loop', pattern: loop.pattern };
}

function safeTest(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern).test(name);
  } catch {
    return false;
  }
}

interface NameIndex {
  parameters: Map<string, ParameterFact>;
  resources: Map<string, ResourceFact>;
  /** `AWS::Serverless::*` resources by logical ID. */
  serverless: Map<string, ResourceFact>;
}

/** Parameters and resources by name (the first of duplicates, as a linear search would find), built once per template facts. */
const nameIndexes = new WeakMap<TemplateFacts, NameIndex>();

function namesOf(template: TemplateFacts): NameIndex {
  let index = nameIndexes.get(template);
  if (!index) {
    index = { parameters: new Map(), resources: new Map(), serverless: new Map() };
    for (const parameter of template.parameters) if (!index.parameters.has(parameter.name)) index.parameters.set(parameter.name, parameter);
    for (const resource of template.resources) {
      if (!index.resources.has(resource.logicalId)) index.resources.set(resource.logicalId, resource);
      if (resource.type.startsWith('AWS::Serverless::') && !index.serverless.has(resource.logicalId)) index.serverless.set(resource.logicalId, resource);
    }
    nameIndexes.set(template, index);
  }
  return index;
}

/** Resources SAM creates once per template, shared by every resource that asks for them, and what asks for them. */
const SHARED_GENERATED: Record<string, { type: string; property: string; description: string }> = {
  ServerlessDeploymentApplication: { type: 'AWS::Serverless::Function', property: 'DeploymentPreference', description: 'the CodeDeploy application SAM creates for functions with a DeploymentPreference' },
  CodeDeployServiceRole: { type: 'AWS::Serverless::Function', property: 'DeploymentPreference', description: 'the CodeDeploy role SAM creates for functions with a DeploymentPreference' },
  ServerlessUsagePlan: { type: 'AWS::Serverless::Api', property: 'Auth', description: 'the shared usage plan SAM creates for APIs with UsagePlan: SHARED' },
  ServerlessApiKey: { type: 'AWS::Serverless::Api', property: 'Auth', description: 'the shared API key SAM creates for APIs with UsagePlan: SHARED' },
  ServerlessUsagePlanKey: { type: 'AWS::Serverless::Api', property: 'Auth', description: 'the shared usage plan key SAM creates for APIs with UsagePlan: SHARED' },
};

/** The resource SAM generates a shared resource for: one with the property set, or any such resource when Globals sets it. */
function sharedGeneratedSource(template: TemplateFacts, name: string): NameTarget | undefined {
  const info = SHARED_GENERATED[name];
  if (!info) return undefined;
  const section = info.type === 'AWS::Serverless::Function' ? 'Function' : 'Api';
  const inGlobals = !!valueOf(mapOf(template.globals, section), info.property);
  const candidates = template.resources.filter((r) => r.type === info.type);
  const source = candidates.find((r) => valueOf(r.properties, info.property)) ?? (inGlobals ? candidates[0] : undefined);
  return source && { kind: 'generated', source, description: info.description };
}

/** A resource SAM generates during the transform, named after the resource it comes from. */
export function generatedResource(template: TemplateFacts, name: string): NameTarget | undefined {
  if (!template.isSam) return undefined;
  for (const [api, info] of Object.entries(IMPLICIT_APIS)) {
    if (!name.startsWith(api)) continue;
    const source = template.resources.find((r) => r.type === 'AWS::Serverless::Function' && hasEventOfType(r, info.eventType));
    if (source) return { kind: 'generated', source, description: info.description };
  }
  const shared = sharedGeneratedSource(template, name);
  if (shared) return shared;
  // `Fn.Version`, `Fn.Alias`, `Api.Stage`, `Api.Deployment` and names that start with a SAM resource's logical ID.
  const [base, suffix] = name.includes('.') ? [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)] : [name, ''];
  // The SAM resource whose logical ID is the base, or else the longest proper prefix of the name (looked up, not scanned).
  const serverless = namesOf(template).serverless;
  let best: ResourceFact | undefined = suffix ? serverless.get(base) : undefined;
  for (let length = name.length - 1; !suffix && !best && length > 0; length--) best = serverless.get(name.slice(0, length));
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
