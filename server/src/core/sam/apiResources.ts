// Reads routes written as plain API Gateway resources: REST `AWS::ApiGateway::Method` (with its `Resource` path parts), HTTP API `AWS::ApiGatewayV2::Route` (with its `Integration`) and quick-created HTTP APIs (`Target`).
import type { EndpointModel } from '../model/functions';
import type { ResourceFact, TemplateFacts, TemplateValue } from '../model/types';
import { nodeId } from './ids';
import { integrationFunction } from './openapi';
import { stringOf, valueOf, walkValues } from './values';

const MAX_PATH_DEPTH = 30;

/** Endpoints of the template's raw API Gateway methods and routes whose integration invokes one of its functions. */
export function resourceEndpoints(facts: TemplateFacts): EndpointModel[] {
  const byId = new Map(facts.resources.map((r) => [r.logicalId, r]));
  const functionIds = new Set(facts.resources.filter((r) => r.type.endsWith('::Function')).map((r) => r.logicalId));
  const out: EndpointModel[] = [];
  for (const resource of facts.resources) {
    const endpoint =
      resource.type === 'AWS::ApiGateway::Method'
        ? restMethod(resource, byId, functionIds)
        : resource.type === 'AWS::ApiGatewayV2::Route'
          ? httpRoute(resource, byId, functionIds)
          : resource.type === 'AWS::ApiGatewayV2::Api'
            ? quickCreateRoute(resource, functionIds)
            : undefined;
    if (endpoint) out.push({ ...endpoint, span: resource.keySpan, functionId: nodeId(facts.file, endpoint.functionId), source: 'resource' });
  }
  return out;
}

type Partial = Pick<EndpointModel, 'method' | 'path' | 'api' | 'apiKind' | 'functionId'>;

function restMethod(method: ResourceFact, byId: Map<string, ResourceFact>, functionIds: Set<string>): Partial | undefined {
  const verb = stringOf(valueOf(method.properties, 'HttpMethod'))?.toUpperCase();
  const api = refName(valueOf(method.properties, 'RestApiId'));
  const target = integrationFunction(valueOf(valueOf(method.properties, 'Integration'), 'Uri'), functionIds);
  const path = restPath(valueOf(method.properties, 'ResourceId'), byId, 0);
  if (!verb || !api || !target || path === undefined) return undefined;
  return { method: verb, path, api, apiKind: 'rest', functionId: target };
}

/** The path of a REST resource: `/` for the API's root, else the parent's path and this `PathPart`. */
function restPath(value: TemplateValue | undefined, byId: Map<string, ResourceFact>, depth: number): string | undefined {
  if (!value || depth > MAX_PATH_DEPTH) return undefined;
  if (getAttName(value)?.attribute === 'RootResourceId') return '/';
  const resource = byId.get(refName(value) ?? '');
  if (resource?.type !== 'AWS::ApiGateway::Resource') return undefined;
  const part = stringOf(valueOf(resource.properties, 'PathPart'));
  const parent = restPath(valueOf(resource.properties, 'ParentId'), byId, depth + 1);
  if (part === undefined || parent === undefined) return undefined;
  return `${parent === '/' ? '' : parent}/${part}`;
}

function httpRoute(route: ResourceFact, byId: Map<string, ResourceFact>, functionIds: Set<string>): Partial | undefined {
  const key = stringOf(valueOf(route.properties, 'RouteKey'));
  const api = refName(valueOf(route.properties, 'ApiId'));
  const integration = byId.get(integrationName(valueOf(route.properties, 'Target')) ?? '');
  if (!key || !api || integration?.type !== 'AWS::ApiGatewayV2::Integration') return undefined;
  if (stringOf(valueOf(byId.get(api)?.properties, 'ProtocolType'))?.toUpperCase() === 'WEBSOCKET') return undefined;
  const target = integrationFunction(valueOf(integration.properties, 'IntegrationUri'), functionIds);
  if (!target) return undefined;
  if (key === '$default') return { method: 'ANY', path: '$default', api, apiKind: 'http', functionId: target };
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(key.trim());
  if (!match) return undefined;
  return { method: match[1].toUpperCase(), path: match[2], api, apiKind: 'http', functionId: target };
}

/** An HTTP API created with `Target` (quick create): its `$default` route invokes that function. */
function quickCreateRoute(api: ResourceFact, functionIds: Set<string>): Partial | undefined {
  const target = integrationFunction(valueOf(api.properties, 'Target'), functionIds);
  return target ? { method: 'ANY', path: '$default', api: api.logicalId, apiKind: 'http', functionId: target } : undefined;
}

/** The integration a route's `Target` names: `integrations/<id>` built with Join or Sub around a Ref. */
function integrationName(target: TemplateValue | undefined): string | undefined {
  if (!target) return undefined;
  let found: string | undefined;
  walkValues(target, (value) => {
    if (found) return;
    if (value.kind === 'intrinsic' && value.name === 'Ref') found = stringOf(value.argument);
    else if (value.kind === 'scalar' && typeof value.value === 'string') found = /integrations\/\$\{([A-Za-z0-9]+)\}/.exec(value.value)?.[1];
  });
  return found;
}

function refName(value: TemplateValue | undefined): string | undefined {
  return value?.kind === 'intrinsic' && value.name === 'Ref' ? stringOf(value.argument) : undefined;
}

function getAttName(value: TemplateValue): { name: string; attribute: string } | undefined {
  if (value.kind !== 'intrinsic' || value.name !== 'Fn::GetAtt') return undefined;
  const parts = value.argument.kind === 'seq' ? value.argument.items.map(stringOf) : (stringOf(value.argument) ?? '').split('.');
  return parts[0] && parts[1] ? { name: parts[0], attribute: parts.slice(1).join('.') } : undefined;
}
