// An independent, deliberately simple reading of SAM templates that the end-to-end tests use as their oracle.
import { isMap, isScalar, parseDocument, type Document, type Scalar, type YAMLMap } from 'yaml';

/** A piece of template text: its value and where it sits (offsets into the template). */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/** An API route declared by a function's `Api` or `HttpApi` event. */
export interface RouteFacts {
  method: string;
  path: TextSpan;
  eventType: string;
}

/** What the tests need to know about one resource. */
export interface ResourceFacts {
  logicalId: TextSpan;
  type: string;
  /** The `Handler:` scalar, from the resource or from `Globals.Function`. */
  handler?: TextSpan;
  codeUri?: string;
  /** `Metadata.BuildProperties.EntryPoints[0]` for esbuild-built functions. */
  entryPoint?: string;
  routes: RouteFacts[];
  /** Keys of `Environment.Variables`: the function's own, then those of `Globals.Function`. */
  environment: TextSpan[];
}

/** Parses a template with CloudFormation's short tags tolerated (they are read as plain values). */
export function parseTemplate(text: string): Document.Parsed {
  return parseDocument(text, { logLevel: 'silent', uniqueKeys: false });
}

function span(node: unknown): TextSpan | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  return { text: String((node as Scalar).value), start: node.range[0], end: node.range[1] };
}

function stringAt(map: unknown, path: string[]): string | undefined {
  if (!isMap(map)) return undefined;
  const value = (map as YAMLMap).getIn(path);
  return typeof value === 'string' ? value : undefined;
}

function readRoutes(properties: unknown): RouteFacts[] {
  const events = isMap(properties) ? (properties as YAMLMap).get('Events', true) : undefined;
  if (!isMap(events)) return [];
  const routes: RouteFacts[] = [];
  for (const pair of (events as YAMLMap).items) {
    const eventType = stringAt(pair.value, ['Type']);
    if (eventType !== 'Api' && eventType !== 'HttpApi') continue;
    const path = span((pair.value as YAMLMap).getIn(['Properties', 'Path'], true));
    const method = stringAt(pair.value, ['Properties', 'Method']);
    if (path && method) routes.push({ method: method.toUpperCase(), path, eventType });
  }
  return routes;
}

function readEnvironment(properties: unknown): TextSpan[] {
  const variables = isMap(properties) ? (properties as YAMLMap).getIn(['Environment', 'Variables'], true) : undefined;
  if (!isMap(variables)) return [];
  return (variables as YAMLMap).items.map((pair) => span(pair.key)).filter((key): key is TextSpan => key !== undefined);
}

/** Lists the resources of a template, in file order, with the facts the tests check against. */
export function readResources(text: string): ResourceFacts[] {
  const document = parseTemplate(text);
  const resources = document.get('Resources', true);
  if (!isMap(resources)) return [];
  const globals = document.getIn(['Globals', 'Function'], true);
  const facts: ResourceFacts[] = [];
  for (const pair of (resources as YAMLMap).items) {
    const logicalId = span(pair.key);
    if (!logicalId || !isMap(pair.value)) continue;
    const properties = (pair.value as YAMLMap).get('Properties', true);
    const type = stringAt(pair.value, ['Type']) ?? '';
    const isFunction = type === 'AWS::Serverless::Function';
    const ownHandler = isMap(properties) ? span((properties as YAMLMap).get('Handler', true)) : undefined;
    const globalHandler = isMap(globals) ? span((globals as YAMLMap).get('Handler', true)) : undefined;
    const entryPoints = (pair.value as YAMLMap).getIn(['Metadata', 'BuildProperties', 'EntryPoints']);
    const firstEntry = entryPoints && typeof entryPoints === 'object' && 'items' in entryPoints ? (entryPoints as { items: unknown[] }).items[0] : undefined;
    facts.push({
      logicalId,
      type,
      handler: isFunction ? (ownHandler ?? globalHandler) : undefined,
      codeUri: stringAt(properties, ['CodeUri']) ?? (isFunction ? stringAt(globals, ['CodeUri']) : undefined),
      entryPoint: span(firstEntry)?.text,
      routes: isFunction ? readRoutes(properties) : [],
      environment: isFunction ? [...readEnvironment(properties), ...readEnvironment(globals)] : [],
    });
  }
  return facts;
}

/** Splits `path/to/module.exportName` into the module path and the export name. */
export function splitHandler(handler: string): { modulePath: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  return dot < 0 ? { modulePath: handler, exportName: '' } : { modulePath: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

function joinRelative(...parts: string[]): string {
  const segments: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') segments.pop();
    else segments.push(part);
  }
  return segments.join('/');
}

/**
 * Workspace-relative paths where a function's handler source may live, most likely first.
 * `templateFolder` is the template's folder relative to the workspace ('' for the root).
 */
export function handlerFileCandidates(templateFolder: string, resource: ResourceFacts): string[] {
  if (!resource.handler) return [];
  const codeUri = resource.codeUri ?? '';
  const candidates: string[] = [];
  if (resource.entryPoint) candidates.push(joinRelative(templateFolder, codeUri, resource.entryPoint));
  const { modulePath } = splitHandler(resource.handler.text);
  for (const extension of ['.ts', '.mts', '.js', '.mjs', '.cjs']) candidates.push(joinRelative(templateFolder, codeUri, modulePath + extension));
  return candidates;
}

/** The zero-based line and column of an offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

/** Finds the route `method path` among a template's resources. */
export function findRoute(resources: ResourceFacts[], method: string, path: string): { resource: ResourceFacts; route: RouteFacts } | undefined {
  for (const resource of resources) {
    const route = resource.routes.find((candidate) => candidate.method === method.toUpperCase() && candidate.path.text === path);
    if (route) return { resource, route };
  }
  return undefined;
}
