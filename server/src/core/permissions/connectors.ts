// Finds the SAM connectors (AWS::Serverless::Connector and embedded `Connectors`) that touch a function and turns them into grants.
import type { FunctionModel } from '../model/functions';
import type { Span, TemplateValue } from '../model/types';
import { nodeId } from '../sam/ids';
import { listOf, mapOf, stringAt, stringOf, valueOf } from '../sam/values';
import type { Grant, GrantSource, InvokePermission } from './model';
import { connectorProfile, type ProfileStatement } from './connectorProfiles';
import { grantResource, partsOfValue, type Part, type ValueContext } from './resourcePattern';

/** One end of a connector: a resource of the template (`Id`) or an ARN with its type. */
interface Endpoint {
  id?: string;
  logicalId?: string;
  type: string;
  arn?: Part[];
}

interface Connector {
  label: string;
  span: Span;
  source: Endpoint;
  destinations: Endpoint[];
  permissions: ('Read' | 'Write')[];
}

/** What connectors give a function: statements on its role, and services allowed to invoke it. */
export interface ConnectorGrants {
  grants: Grant[];
  invokePermissions: InvokePermission[];
}

/** The grants and invoke permissions the template's connectors give `fn`. */
export function connectorGrants(context: ValueContext, fn: FunctionModel): ConnectorGrants {
  const out: ConnectorGrants = { grants: [], invokePermissions: [] };
  for (const connector of templateConnectors(context)) {
    const source: GrantSource = { kind: 'connector', label: connector.label, span: connector.span };
    for (const destination of connector.destinations) {
      const profile = connectorProfile(connector.source.type, destination.type);
      if (!profile) continue;
      const fromFunction = connector.source.id === fn.id && profile.kind === 'sourceRole';
      const toFunction = destination.id === fn.id && profile.kind !== 'sourceRole';
      if (!fromFunction && !toFunction) continue;
      if (profile.kind === 'invokePermission') {
        out.invokePermissions.push({ principal: profile.principal ?? '', source: connector.label });
        continue;
      }
      const other = fromFunction ? destination : connector.source;
      for (const category of connector.permissions) {
        const label = `${connector.label} (${category})`;
        for (const statement of profile.access[category] ?? []) out.grants.push(grantOf(statement, other, { ...source, label, forEventSource: toFunction || undefined }));
      }
    }
  }
  return out;
}

function grantOf(statement: ProfileStatement, other: Endpoint, source: GrantSource): Grant {
  const resources = statement.resources.map((text) => grantResource(profileParts(text, other)));
  return { effect: 'Allow', actions: [...statement.actions], resources, source };
}

/** A profile resource (`%{Arn}/index/*`) with the other end filled in. */
function profileParts(text: string, other: Endpoint): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(/%\{(Arn|Name)\}/g)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    last = at + match[0].length;
    if (other.id && other.logicalId) {
      parts.push({ kind: 'resource', id: other.id, logicalId: other.logicalId, resourceType: other.type, label: `${other.logicalId}.${match[1]}` });
    } else if (match[1] === 'Arn' && other.arn) parts.push(...other.arn);
    else parts.push({ kind: 'placeholder', label: `Destination.${match[1]}` });
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Every connector of the template: `AWS::Serverless::Connector` resources and `Connectors` embedded in resources. */
function templateConnectors(context: ValueContext): Connector[] {
  const out: Connector[] = [];
  for (const resource of context.template.resources) {
    if (resource.type === 'AWS::Serverless::Connector') {
      const source = endpoint(context, valueOf(resource.properties, 'Source'));
      if (source) out.push({ label: `connector ${resource.logicalId}`, span: resource.keySpan, source, ...targets(context, resource.properties) });
    }
    const embedded = mapOf(resource.node, 'Connectors');
    for (const entry of embedded?.entries ?? []) {
      const self: Endpoint = { id: nodeId(context.template.file, resource.logicalId), logicalId: resource.logicalId, type: resource.type };
      out.push({ label: `connector ${entry.key}`, span: entry.keySpan, source: self, ...targets(context, mapOf(entry.value, 'Properties')) });
    }
  }
  return out;
}

function targets(context: ValueContext, properties: TemplateValue | undefined): Pick<Connector, 'destinations' | 'permissions'> {
  const destinations = listOf(valueOf(properties, 'Destination'))
    .map((d) => endpoint(context, d))
    .filter((d): d is Endpoint => !!d);
  const permissions = listOf(valueOf(properties, 'Permissions'))
    .map(stringOf)
    .filter((p): p is 'Read' | 'Write' => p === 'Read' || p === 'Write');
  return { destinations, permissions };
}

/** `{Id: X}` (a resource of this template) or `{Arn, Type}`; undefined when neither can be read. */
function endpoint(context: ValueContext, value: TemplateValue | undefined): Endpoint | undefined {
  const id = stringAt(value, 'Id');
  if (id) {
    const resource = context.template.resources.find((r) => r.logicalId === id);
    return resource && { id: nodeId(context.template.file, id), logicalId: id, type: resource.type };
  }
  const type = stringAt(value, 'Type');
  if (!type) return undefined;
  const arn = partsOfValue(context, valueOf(value, 'Arn'));
  const resource = arn?.length === 1 && arn[0].kind === 'resource' ? arn[0] : undefined;
  return resource ? { id: resource.id, logicalId: resource.logicalId, type, arn } : { type, arn };
}
