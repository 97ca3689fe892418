// Builds the function and state-machine models of one template: Globals applied, environment, events, endpoints.
import type { EndpointModel, EnvVarModel, EventModel, FunctionModel, StateMachineModel } from '../model/functions';
import type { MapValue, ResourceFact, TemplateFacts, TemplateValue } from '../model/types';
import { withGlobals } from './globals';
import { entryOf, listOf, mapOf, stringOf, valueOf } from './values';
import { openApiEndpoints } from './openapi';
import { resourceEndpoints } from './apiResources';
import { nodeId } from './ids';
import { dirname, joinPath } from '../util/paths';

export const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
export const STATE_MACHINE_TYPES = new Set(['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine']);


/** The functions a template declares, before handler resolution (which needs the workspace's files). */
export function templateFunctions(facts: TemplateFacts): Omit<FunctionModel, 'resolution'>[] {
  return facts.resources.filter((r) => FUNCTION_TYPES.has(r.type)).map((r) => functionOf(facts, r));
}

/** The state machines a template declares. */
export function templateStateMachines(facts: TemplateFacts): StateMachineModel[] {
  return facts.resources
    .filter((r) => STATE_MACHINE_TYPES.has(r.type))
    .map((r) => ({
      id: nodeId(facts.file, r.logicalId),
      file: facts.file,
      logicalId: r.logicalId,
      resourceType: r.type,
      keySpan: r.keySpan,
      span: r.span,
      properties: withGlobals(facts.globals, r.type, r.properties, r.node),
    }));
}

function functionOf(facts: TemplateFacts, resource: ResourceFact): Omit<FunctionModel, 'resolution'> {
  const serverless = resource.type === 'AWS::Serverless::Function';
  const properties = serverless ? withGlobals(facts.globals, resource.type, resource.properties, resource.node) : resource.properties;
  const handlerValue = valueOf(properties, 'Handler');
  const lambdaCode = serverless ? undefined : valueOf(properties, 'Code');
  // `Code: ./src` on a plain Lambda function is a local folder that `aws cloudformation package` uploads: it reads like a CodeUri.
  const codeValue = serverless ? valueOf(properties, 'CodeUri') : lambdaCode?.kind === 'scalar' && stringOf(lambdaCode) !== undefined ? lambdaCode : undefined;
  const timeout = Number(stringOf(valueOf(properties, 'Timeout')) ?? NaN);
  const metadata = mapOf(resource.node, 'Metadata');
  return {
    id: nodeId(facts.file, resource.logicalId),
    file: facts.file,
    logicalId: resource.logicalId,
    resourceType: resource.type,
    keySpan: resource.keySpan,
    span: resource.span,
    properties,
    runtime: stringOf(valueOf(properties, 'Runtime')) ?? parameterDefault(facts, valueOf(properties, 'Runtime')),
    handler: stringOf(handlerValue) !== undefined && handlerValue ? { value: stringOf(handlerValue)!, span: handlerValue.span } : undefined,
    codeUri: stringOf(codeValue) !== undefined && codeValue ? { value: stringOf(codeValue)!, span: codeValue.span } : undefined,
    packageType: stringOf(valueOf(properties, 'PackageType')),
    remoteCode: remoteCodeReason(codeValue, lambdaCode),
    entryPoints:
      stringOf(valueOf(metadata, 'BuildMethod')) === 'esbuild'
        ? listOf(valueOf(mapOf(metadata, 'BuildProperties'), 'EntryPoints')).map(stringOf).filter((s): s is string => !!s)
        : [],
    environment: environmentOf(facts, properties),
    events: serverless ? eventsOf(properties) : [],
    timeout: Number.isFinite(timeout) ? timeout : undefined,
  };
}

function environmentOf(facts: TemplateFacts, properties: MapValue | undefined): EnvVarModel[] {
  const variables = mapOf(mapOf(properties, 'Environment'), 'Variables');
  const globalVariables = mapOf(mapOf(mapOf(facts.globals, 'Function'), 'Environment'), 'Variables');
  const globalSpans = new Set(globalVariables?.entries.map((e) => e.keySpan.start) ?? []);
  return (variables?.entries ?? []).map((e) => ({ name: e.key, keySpan: e.keySpan, value: e.value, fromGlobals: globalSpans.has(e.keySpan.start) }));
}

function eventsOf(properties: MapValue | undefined): EventModel[] {
  const events = mapOf(properties, 'Events');
  return (events?.entries ?? []).map((e) => ({
    name: e.key,
    type: stringOf(valueOf(e.value, 'Type')) ?? '',
    keySpan: e.keySpan,
    properties: mapOf(e.value, 'Properties'),
  }));
}

/** Endpoints of a template: Api/HttpApi events of its functions, routes of inline OpenAPI definitions and of plain API Gateway resources. */
export function templateEndpoints(facts: TemplateFacts, functions: Omit<FunctionModel, 'resolution'>[]): EndpointModel[] {
  const out: EndpointModel[] = [];
  for (const fn of functions) {
    for (const event of fn.events) {
      if (event.type !== 'Api' && event.type !== 'HttpApi') continue;
      const http = event.type === 'HttpApi';
      const pathValue = valueOf(event.properties, 'Path');
      const methodValue = valueOf(event.properties, 'Method');
      const apiRef = valueOf(event.properties, http ? 'ApiId' : 'RestApiId');
      const api = apiRef?.kind === 'intrinsic' ? stringOf(apiRef.argument) : stringOf(apiRef);
      const method = (stringOf(methodValue) ?? (http ? 'ANY' : '')).toUpperCase();
      const path = stringOf(pathValue) ?? (http ? '$default' : '');
      out.push({
        method: method === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? 'ANY' : method,
        path,
        api: api ?? (http ? 'ServerlessHttpApi' : 'ServerlessRestApi'),
        apiKind: http ? 'http' : 'rest',
        span: pathValue?.span ?? event.keySpan,
        functionId: fn.id,
        source: event.name,
      });
    }
  }
  // A route both declared by an event and written in the API's OpenAPI body is one endpoint: SAM merges the event into the body.
  const declared = new Set(out.map(endpointKey));
  out.push(...[...openApiEndpoints(facts), ...resourceEndpoints(facts)].filter((e) => !declared.has(endpointKey(e))));
  return out;
}

/** The default of the parameter a `!Ref Parameter` names (`Runtime: !Ref Runtime`), when it is a plain string. */
function parameterDefault(facts: TemplateFacts, value: TemplateValue | undefined): string | undefined {
  if (value?.kind !== 'intrinsic' || value.name !== 'Ref') return undefined;
  const name = stringOf(value.argument);
  return stringOf(facts.parameters.find((p) => p.name === name)?.defaultValue);
}

function endpointKey(endpoint: EndpointModel): string {
  return `${endpoint.api}|${endpoint.method}|${endpoint.path}|${endpoint.functionId}`;
}

/** Whether a resource is written in the template or generated by SAM from a function/API. */
export function hasEntry(facts: TemplateFacts, key: string): boolean {
  return !!entryOf(facts.root, key);
}

/** The definition file a state machine's `DefinitionUri` names, when it is a local path. */
export function definitionFile(sm: StateMachineModel): string | undefined {
  const uri = stringOf(valueOf(sm.properties, 'DefinitionUri'));
  return uri && !/^s3:\/\//.test(uri) ? joinPath(dirname(sm.file), uri) : undefined;
}

/** Why a function's code is not a local folder: an S3 object, an intrinsic, or an s3:// URI. */
function remoteCodeReason(codeUri: TemplateValue | undefined, lambdaCode: TemplateValue | undefined): string | undefined {
  if (codeUri) {
    if (codeUri.kind === 'map') return 'CodeUri is an S3 location';
    if (codeUri.kind === 'intrinsic') return 'CodeUri is computed by an intrinsic function';
    if (/^s3:\/\//.test(stringOf(codeUri) ?? '')) return 'CodeUri is an S3 location';
    return undefined;
  }
  if (lambdaCode?.kind === 'map' && !valueOf(lambdaCode, 'ZipFile')) return 'Code is an S3 location or an image';
  if (lambdaCode && lambdaCode.kind !== 'map' && lambdaCode !== codeUri) return 'Code is not a local folder';
  return undefined;
}
