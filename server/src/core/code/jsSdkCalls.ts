// Recognises AWS SDK calls in JavaScript/TypeScript: v3 `send(new XCommand())`, aggregated v3 and v2 clients, lib-storage uploads.
import { ts } from 'ts-morph';
import { lookup, requiredModule, unwrap, type JsContext } from './jsScope';
import { extractArgs, type CallArguments } from './jsSdkArgs';
import { resolveNode, type TraceFrame } from './jsTrace';
import {
  clientHousekeepingMethods,
  isV2Module,
  libDynamodbModule,
  libStorageModule,
  operationOfCommand,
  operationOfDocumentMethod,
  pascalFromCamel,
  serviceOfV2Class,
  serviceOfV2Module,
  serviceOfV3Module,
} from './sdkOperations';

const SyntaxKind = ts.SyntaxKind;

/** An SDK call recognised at one expression, before its span and home are attached. */
export interface RecognizedCall extends CallArguments {
  service: string;
  operation: string;
  sdk: string;
  /** The command construction this call sends, so it is not reported again on its own. */
  command?: ts.NewExpression;
}

/** Where a class or value comes from: a module and the property path inside it (`aws-sdk` + `DynamoDB.DocumentClient`). */
export interface Origin {
  module: string;
  path: string[];
}

/** A client object's service and flavour. */
interface ClientInfo {
  service: string;
  sdk: 'v2' | 'v3' | 'lib-dynamodb';
  document: boolean;
}

const maxOriginDepth = 12;

/** Where an expression's value comes from, following imports, `require`, constants and property paths. */
export function originOf(context: JsContext, expression: ts.Expression, depth = 0): Origin | undefined {
  if (depth > maxOriginDepth) return undefined;
  const node = unwrap(expression);
  if (ts.isIdentifier(node)) {
    const binding = lookup(context, node.text, node);
    if (!binding) return undefined;
    if (binding.kind === 'import') return { module: binding.module, path: binding.imported === '*' || binding.imported === 'default' ? [] : [binding.imported] };
    if (binding.kind === 'variable' && binding.init) return originOf(context, binding.init, depth + 1);
    if (binding.kind === 'member') {
      const object = originOf(context, binding.object, depth + 1);
      return object && { module: object.module, path: [...object.path, binding.property] };
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(node)) {
    const object = originOf(context, node.expression, depth + 1);
    return object && { module: object.module, path: [...object.path, node.name.text] };
  }
  if (ts.isCallExpression(node)) {
    const module = requiredModule(node);
    if (module !== undefined) return { module, path: [] };
    const callee = unwrap(node.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'captureAWS' && node.arguments[0]) return originOf(context, node.arguments[0], depth + 1);
  }
  return undefined;
}

/** Where a type annotation's named type comes from (`SQS`, `AWS.SQS`, `DynamoDB.DocumentClient`). */
function typeOrigin(context: JsContext, type: ts.TypeNode | undefined): Origin | undefined {
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  const names: string[] = [];
  let name: ts.EntityName = type.typeName;
  while (ts.isQualifiedName(name)) {
    names.unshift(name.right.text);
    name = name.left;
  }
  const binding = lookup(context, name.text, name);
  if (binding?.kind !== 'import') return undefined;
  const base = binding.imported === '*' || binding.imported === 'default' ? [] : [binding.imported];
  return { module: binding.module, path: [...base, ...names] };
}

/** The client a class origin constructs, if it is an SDK service client with operation methods. */
function classifyClient(origin: Origin | undefined): ClientInfo | undefined {
  if (!origin) return undefined;
  const { module, path } = origin;
  const last = path[path.length - 1];
  if (isV2Module(module)) {
    if (path.length === 2 && path[1] === 'DocumentClient') return { service: 'dynamodb', sdk: 'v2', document: true };
    const service = path.length === 1 ? serviceOfV2Class(path[0]) : undefined;
    return service ? { service, sdk: 'v2', document: false } : undefined;
  }
  const v2Service = serviceOfV2Module(module);
  if (v2Service) {
    if (last === 'DocumentClient') return { service: 'dynamodb', sdk: 'v2', document: true };
    return path.length === 0 || last === 'default' ? { service: v2Service, sdk: 'v2', document: false } : undefined;
  }
  if (module === libDynamodbModule) return last === 'DynamoDBDocument' ? { service: 'dynamodb', sdk: 'lib-dynamodb', document: true } : undefined;
  const service = serviceOfV3Module(module);
  if (!service || module === libStorageModule || path.length !== 1) return undefined;
  // Bare clients (`SQSClient`) only `send`; commands, exceptions and types are not clients.
  if (/(Client|Command|Exception|Input|Output)$/.test(last) || !/^[A-Z]/.test(last)) return undefined;
  return { service, sdk: 'v3', document: false };
}

/** The client a receiver expression holds, following variables, helper returns, typed parameters and `this.x`. */
function clientOf(context: JsContext, receiver: ts.Expression, frame: TraceFrame, depth = 0): ClientInfo | undefined {
  if (depth > 4) return undefined;
  const receiverNode = unwrap(receiver);
  if (ts.isIdentifier(receiverNode)) {
    // A declared type (`client: SQS`, `constructor(private sqs: AWS.SQS)`) is the most direct evidence.
    const declared = lookup(context, receiverNode.text, receiverNode);
    const typed = declared && (declared.kind === 'param' || declared.kind === 'variable') ? classifyClient(typeOrigin(context, declared.type)) : undefined;
    if (typed) return typed;
  }
  const resolved = resolveNode(context, receiver, frame);
  const node = resolved.node;
  if (ts.isNewExpression(node)) return classifyClient(originOf(context, node.expression));
  if (ts.isCallExpression(node)) {
    const callee = unwrap(node.expression);
    // `DynamoDBDocument.from(client)` builds an aggregated document client.
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'from') return classifyClient(originOf(context, callee.expression));
    return undefined;
  }
  const binding = resolved.binding;
  if (binding && (binding.kind === 'param' || binding.kind === 'variable')) return classifyClient(typeOrigin(context, binding.type));
  if (ts.isPropertyAccessExpression(node) && node.expression.kind === SyntaxKind.ThisKeyword) {
    const member = classMember(node, node.name.text);
    if (member?.init) return clientOf(context, member.init, resolved.frame, depth + 1);
    return classifyClient(typeOrigin(context, member?.type));
  }
  return undefined;
}

/** A class member's initial value or declared type: field, constructor parameter property, or `this.x = ...` in the constructor. */
function classMember(from: ts.Node, name: string): { init?: ts.Expression; type?: ts.TypeNode } | undefined {
  let node: ts.Node | undefined = from.parent;
  while (node && !ts.isClassLike(node)) node = node.parent;
  if (!node) return undefined;
  let found: { init?: ts.Expression; type?: ts.TypeNode } | undefined;
  for (const member of node.members) {
    if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === name) {
      found = { init: member.initializer, type: member.type };
    } else if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        if (ts.isIdentifier(parameter.name) && parameter.name.text === name && ts.getModifiers(parameter)?.length) found ??= { type: parameter.type, init: parameter.initializer };
      }
      for (const statement of member.body?.statements ?? []) {
        const init = thisAssignment(statement, name);
        if (init && !found?.init) found = { init, type: found?.type };
      }
    }
  }
  return found;
}

function thisAssignment(statement: ts.Statement, name: string): ts.Expression | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return undefined;
  const { left, operatorToken, right } = statement.expression;
  if (operatorToken.kind !== SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(left)) return undefined;
  return left.expression.kind === SyntaxKind.ThisKeyword && left.name.text === name ? right : undefined;
}

/** The command a `new XCommand(...)` builds, when `XCommand` comes from an SDK v3 client package or lib-dynamodb. */
export function commandOf(context: JsContext, construction: ts.NewExpression): { service: string; operation: string; sdk: string } | undefined {
  const origin = originOf(context, construction.expression);
  if (!origin || origin.path.length !== 1 || !origin.path[0].endsWith('Command')) return undefined;
  const service = serviceOfV3Module(origin.module);
  if (!service) return undefined;
  const isDocument = origin.module === libDynamodbModule;
  return { service, operation: operationOfCommand(origin.path[0], isDocument), sdk: isDocument ? 'lib-dynamodb' : 'v3' };
}

/** Whether a `new` expression constructs an SDK v3 command (cheap check by name first). */
export function isCommandConstruction(context: JsContext, construction: ts.NewExpression): boolean {
  const callee = unwrap(construction.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return name.endsWith('Command') && commandOf(context, construction) !== undefined;
}

/** An SDK call for a command built but not sent in this file (for example handed to a shared `send` helper). */
export function recognizeUnsentCommand(context: JsContext, construction: ts.NewExpression, frame: TraceFrame): RecognizedCall | undefined {
  const command = commandOf(context, construction);
  if (!command) return undefined;
  return { ...command, ...extractArgs(context, construction.arguments?.[0], frame, command.operation), command: construction };
}

/** `new Upload({ client, params: { Bucket, Key } })` from lib-storage: an S3 PutObject. */
export function recognizeUpload(context: JsContext, construction: ts.NewExpression, frame: TraceFrame): RecognizedCall | undefined {
  const callee = unwrap(construction.expression);
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
  const name = ts.isIdentifier(callee) ? callee.text : callee.name.text;
  if (name !== 'Upload') return undefined;
  const origin = originOf(context, callee);
  if (origin?.module !== libStorageModule || origin.path[origin.path.length - 1] !== 'Upload') return undefined;
  const options = construction.arguments?.[0];
  const params = options && ts.isObjectLiteralExpression(unwrap(options)) ? paramsProperty(unwrap(options) as ts.ObjectLiteralExpression) : undefined;
  return { service: 's3', operation: 'PutObject', sdk: 'v3', ...extractArgs(context, params, frame, 'PutObject') };
}

function paramsProperty(object: ts.ObjectLiteralExpression): ts.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'params') return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === 'params') return property.name;
  }
  return undefined;
}

/** Recognises `x.send(command)` and `client.operation(params)` calls. */
export function recognizeSdkCall(context: JsContext, call: ts.CallExpression, frame: TraceFrame): RecognizedCall | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (method === 'send') return recognizeSend(context, call, frame);
  if (clientHousekeepingMethods.has(method) && method !== 'getSignedUrl' && method !== 'getSignedUrlPromise') return undefined;
  const client = clientOf(context, callee.expression, frame);
  if (!client) return undefined;
  let operation: string | undefined;
  let params = call.arguments[0];
  if (method === 'getSignedUrl' || method === 'getSignedUrlPromise') {
    const first = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    if (!first || !ts.isStringLiteralLike(first)) return undefined;
    operation = client.document ? operationOfDocumentMethod(first.text) : pascalFromCamel(first.text);
    params = call.arguments[1];
  } else if (client.document) {
    operation = operationOfDocumentMethod(method);
  } else if (client.service === 's3' && method === 'upload') {
    operation = 'PutObject';
  } else {
    operation = pascalFromCamel(method);
  }
  if (!operation) return undefined;
  return { service: client.service, operation, sdk: client.sdk, ...extractArgs(context, params, frame, operation) };
}

/** `client.send(new XCommand(params))`, also when the command is in a variable or returned by a local helper. */
function recognizeSend(context: JsContext, call: ts.CallExpression, frame: TraceFrame): RecognizedCall | undefined {
  const argument = call.arguments[0];
  if (!argument) return undefined;
  const resolved = resolveNode(context, argument, frame);
  if (!ts.isNewExpression(resolved.node)) return undefined;
  const command = commandOf(context, resolved.node);
  if (!command) return undefined;
  const params = resolved.node.arguments?.[0];
  return { ...command, ...extractArgs(context, params, resolved.frame, command.operation), command: resolved.node };
}
