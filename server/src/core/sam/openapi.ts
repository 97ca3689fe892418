// Reads routes from inline OpenAPI `DefinitionBody` documents whose integrations point at a function of the template.
import type { EndpointModel } from '../model/functions';
import type { TemplateFacts, TemplateValue } from '../model/types';
import { nodeId } from './ids';
import { mapOf, stringOf, valueOf, walkValues } from './values';

const API_TYPES: Record<string, 'rest' | 'http'> = {
  'AWS::Serverless::Api': 'rest',
  'AWS::Serverless::HttpApi': 'http',
  'AWS::ApiGateway::RestApi': 'rest',
  'AWS::ApiGatewayV2::Api': 'http',
};
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method']);

/** Endpoints declared in OpenAPI definitions of the template's APIs. */
export function openApiEndpoints(facts: TemplateFacts): EndpointModel[] {
  const functionIds = new Set(facts.resources.filter((r) => r.type.endsWith('::Function')).map((r) => r.logicalId));
  const out: EndpointModel[] = [];
  for (const resource of facts.resources) {
    const kind = API_TYPES[resource.type];
    if (!kind) continue;
    const body = mapOf(resource.properties, resource.type.startsWith('AWS::Serverless') ? 'DefinitionBody' : 'Body');
    const paths = mapOf(body, 'paths');
    for (const pathEntry of paths?.entries ?? []) {
      if (pathEntry.value.kind !== 'map') continue;
      for (const methodEntry of pathEntry.value.entries) {
        const method = methodEntry.key.toLowerCase();
        if (!METHODS.has(method)) continue;
        const integration = valueOf(methodEntry.value, 'x-amazon-apigateway-integration');
        const target = integration && integrationFunction(valueOf(integration, 'uri'), functionIds);
        if (!target) continue;
        out.push({
          method: method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase(),
          path: pathEntry.key,
          api: resource.logicalId,
          apiKind: kind,
          span: pathEntry.keySpan,
          functionId: nodeId(facts.file, target),
          source: 'openapi',
        });
      }
    }
  }
  return out;
}

/** The logical ID of the function an integration URI names (`${Fn.Arn}` in a Sub, or GetAtt Fn.Arn). */
export function integrationFunction(uri: TemplateValue | undefined, functionIds: Set<string>): string | undefined {
  if (!uri) return undefined;
  let found: string | undefined;
  walkValues(uri, (value) => {
    if (found) return;
    if (value.kind === 'scalar' && typeof value.value === 'string') {
      for (const match of value.value.matchAll(/\$\{([A-Za-z0-9]+)(?:\.Arn)?\}/g)) {
        if (functionIds.has(match[1])) {
          found = match[1];
          return;
        }
      }
    }
    if (value.kind === 'intrinsic' && value.name === 'Fn::GetAtt') {
      const text = value.argument.kind === 'seq' ? stringOf(value.argument.items[0]) : stringOf(value.argument)?.split('.')[0];
      if (text && functionIds.has(text)) found = text;
    }
  });
  return found;
}
