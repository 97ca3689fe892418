// Value tracing for JavaScript/TypeScript: reduces an expression to a literal, env variable, template, parameter or unknown.
import { ts } from 'ts-morph';
import type { TracedValue } from '../model/types';
import { isProcessEnv, lookup, staticPropertyName, unwrap, unwrapAwait, type Binding, type JsContext } from './jsScope';

const SyntaxKind = ts.SyntaxKind;

/** Arguments bound to a helper's parameters while its body is traced for one call. */
export interface Substitution {
  fn: ts.Node;
  args: readonly ts.Expression[];
  frame: TraceFrame;
}

/** Where a trace stands: the top-level function whose parameters stay symbolic, and helper calls being inlined. */
export interface TraceFrame {
  home?: ts.Node;
  substitutions?: readonly Substitution[];
}

/** An expression reached by following constants and helper returns, with the frame to read it in. */
export interface Resolved {
  node: ts.Expression;
  frame: TraceFrame;
  binding?: Binding;
}

const maxTraceDepth = 40;

/** Tracing steps allowed per recognised call (a realistic call needs a few dozen). */
export const traceBudget = 2000;
const maxResolveSteps = 30;
const captureWrappers = new Set(['captureAWSClient', 'captureAWSv3Client', 'captureAWS', 'captureHTTPsGlobal']);

function unknown(reason: string): TracedValue {
  return { kind: 'unknown', reason };
}

/** Follows identifiers to their values, helper calls to their returns and `obj.key` to object literals. */
export function resolveNode(context: JsContext, expression: ts.Expression, frame: TraceFrame, depth = 0): Resolved {
  let node = expression;
  let current = frame;
  for (let step = 0; step < maxResolveSteps && depth < maxTraceDepth && context.budget-- > 0; step++) {
    node = unwrapAwait(node);
    let next: Resolved | undefined;
    if (ts.isIdentifier(node)) {
      const binding = lookup(context, node.text, node);
      next = followBinding(context, binding, current, depth + 1);
      if (!next) return { node, frame: current, binding };
    } else if (ts.isCallExpression(node)) {
      next = followCall(context, node, current);
    } else if (ts.isPropertyAccessExpression(node)) {
      next = memberOf(context, node.expression, node.name.text, current, depth + 1);
    }
    if (!next) return { node, frame: current };
    node = next.node;
    current = next.frame;
  }
  return { node, frame: current };
}

/** The value a binding stands for, when it has one the walk can see. */
function followBinding(context: JsContext, binding: Binding | undefined, frame: TraceFrame, depth: number): Resolved | undefined {
  if (!binding) return undefined;
  switch (binding.kind) {
    case 'variable':
      return binding.init ? { node: binding.init, frame } : undefined;
    case 'member':
      return memberOf(context, binding.object, binding.property, frame, depth);
    case 'param': {
      const substitution = substitutionFor(frame, binding.fn);
      if (!substitution) return undefined;
      const argument = substitution.args[binding.index];
      if (!argument) return binding.init ? { node: binding.init, frame } : undefined;
      if (binding.property !== undefined) return memberOf(context, argument, binding.property, substitution.frame, depth);
      return { node: argument, frame: substitution.frame };
    }
    default:
      return undefined;
  }
}

function substitutionFor(frame: TraceFrame, fn: ts.Node): Substitution | undefined {
  const list = frame.substitutions;
  if (!list) return undefined;
  for (let index = list.length - 1; index >= 0; index--) if (list[index].fn === fn) return list[index];
  return undefined;
}

/** `object.property` where `object` resolves to an object literal with that property. */
export function memberOf(context: JsContext, object: ts.Expression, property: string, frame: TraceFrame, depth: number): Resolved | undefined {
  if (depth > maxTraceDepth) return undefined;
  const properties = objectProperties(context, object, frame, depth + 1);
  return properties?.get(property);
}

/** The static properties of an expression that resolves to an object literal (spreads merged), or undefined. */
export function objectProperties(context: JsContext, expression: ts.Expression, frame: TraceFrame, depth = 0): Map<string, Resolved> | undefined {
  if (depth > maxTraceDepth || context.budget-- <= 0) return undefined;
  const resolved = resolveNode(context, expression, frame, depth + 1);
  if (!ts.isObjectLiteralExpression(resolved.node)) return undefined;
  const properties = new Map<string, Resolved>();
  for (const property of resolved.node.properties) {
    if (ts.isPropertyAssignment(property)) {
      const name = staticPropertyName(property.name);
      if (name !== undefined) properties.set(name, { node: property.initializer, frame: resolved.frame });
    } else if (ts.isShorthandPropertyAssignment(property)) {
      properties.set(property.name.text, { node: property.name, frame: resolved.frame });
    } else if (ts.isSpreadAssignment(property)) {
      const spread = objectProperties(context, property.expression, resolved.frame, depth + 1);
      if (spread) for (const [key, value] of spread) properties.set(key, value);
    }
  }
  return properties;
}

/** Steps into a call of a local helper (its return expression, with the arguments bound) or an X-Ray capture wrapper. */
function followCall(context: JsContext, call: ts.CallExpression, frame: TraceFrame): Resolved | undefined {
  const callee = unwrap(call.expression);
  const calleeName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (captureWrappers.has(calleeName) && call.arguments.length > 0) return { node: call.arguments[0], frame };
  const fn = localFunctionOf(context, callee);
  if (!fn) return undefined;
  const returned = returnedExpression(fn);
  if (!returned) return undefined;
  const substitutions = [...(frame.substitutions ?? []), { fn, args: call.arguments, frame }];
  return { node: returned, frame: { home: frame.home, substitutions } };
}

/** The function a callee names when it is declared in this file (`function f` or `const f = () => ...`). */
export function localFunctionOf(context: JsContext, callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  if (!ts.isIdentifier(callee)) return undefined;
  const binding = lookup(context, callee.text, callee);
  if (!binding) return undefined;
  if (binding.kind === 'function') return binding.node;
  if (binding.kind === 'variable' && binding.init) {
    const init = unwrap(binding.init);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

/** The first value a function returns (the body of an expression arrow, or the first `return x`). */
export function returnedExpression(fn: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body as ts.Expression;
  return findReturn(body, 0);
}

function findReturn(node: ts.Node, depth: number): ts.Expression | undefined {
  if (depth > 50) return undefined;
  let found: ts.Expression | undefined;
  ts.forEachChild(node, (child) => {
    if (found) return true;
    if (ts.isReturnStatement(child)) found = child.expression;
    else if (!ts.isFunctionLike(child) && !ts.isClassLike(child) && !ts.isExpression(child)) found = findReturn(child, depth + 1);
    return found !== undefined;
  });
  return found;
}

/** Reduces an expression to a traced value, following constants, env reads, templates, parameters and helper returns. */
export function traceValue(context: JsContext, expression: ts.Expression, frame: TraceFrame, depth = 0): TracedValue {
  if (depth > maxTraceDepth) return unknown('expression too deep to trace');
  if (context.budget-- <= 0) return unknown('expression too complex to trace');
  const node = unwrapAwait(expression);
  switch (node.kind) {
    case SyntaxKind.StringLiteral:
    case SyntaxKind.NoSubstitutionTemplateLiteral:
    case SyntaxKind.NumericLiteral:
      return { kind: 'literal', value: (node as ts.LiteralExpression).text };
    case SyntaxKind.TemplateExpression:
      return traceTemplate(context, node as ts.TemplateExpression, frame, depth);
    case SyntaxKind.BinaryExpression:
      return traceBinary(context, node as ts.BinaryExpression, frame, depth);
    case SyntaxKind.Identifier:
      return traceIdentifier(context, node as ts.Identifier, frame, depth);
    case SyntaxKind.PropertyAccessExpression:
    case SyntaxKind.ElementAccessExpression:
      return traceAccess(context, node as ts.PropertyAccessExpression | ts.ElementAccessExpression, frame, depth);
    case SyntaxKind.CallExpression:
      return traceCall(context, node as ts.CallExpression, frame, depth);
    default:
      return unknown(`${describe(context, node)} is not a constant`);
  }
}

function traceTemplate(context: JsContext, template: ts.TemplateExpression, frame: TraceFrame, depth: number): TracedValue {
  const parts: TracedValue[] = [];
  if (template.head.text) parts.push({ kind: 'literal', value: template.head.text });
  for (const span of template.templateSpans) {
    parts.push(traceValue(context, span.expression, frame, depth + 1));
    if (span.literal.text) parts.push({ kind: 'literal', value: span.literal.text });
  }
  return concat(parts);
}

function traceBinary(context: JsContext, binary: ts.BinaryExpression, frame: TraceFrame, depth: number): TracedValue {
  const operator = binary.operatorToken.kind;
  if (operator === SyntaxKind.PlusToken) {
    return concat([traceValue(context, binary.left, frame, depth + 1), traceValue(context, binary.right, frame, depth + 1)]);
  }
  if (operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.BarBarToken) {
    // `process.env.X ?? 'fallback'`: the configured value is what matters; the fallback only when the left is opaque.
    const left = traceValue(context, binary.left, frame, depth + 1);
    return left.kind === 'unknown' ? traceValue(context, binary.right, frame, depth + 1) : left;
  }
  if (operator === SyntaxKind.CommaToken) return traceValue(context, binary.right, frame, depth + 1);
  return unknown('operator expression');
}

/** Joins parts, flattening nested concatenations and merging neighbouring literals; one part stands alone. */
export function concat(parts: TracedValue[]): TracedValue {
  const flat: TracedValue[] = [];
  for (const part of parts) {
    const pieces = part.kind === 'concat' ? part.parts : [part];
    for (const piece of pieces) {
      const last = flat[flat.length - 1];
      if (piece.kind === 'literal' && last?.kind === 'literal') flat[flat.length - 1] = { kind: 'literal', value: last.value + piece.value };
      else flat.push(piece);
    }
  }
  if (flat.length === 0) return { kind: 'literal', value: '' };
  return flat.length === 1 ? flat[0] : { kind: 'concat', parts: flat };
}

function traceIdentifier(context: JsContext, identifier: ts.Identifier, frame: TraceFrame, depth: number): TracedValue {
  const binding = lookup(context, identifier.text, identifier);
  if (!binding) return unknown(identifier.text === 'undefined' ? 'undefined' : `global ${identifier.text}`);
  switch (binding.kind) {
    case 'env':
      return { kind: 'env', name: binding.name };
    case 'import':
      return unknown(`${binding.imported === '*' ? identifier.text : binding.imported} imported from ${binding.module}`);
    case 'param':
      return traceParameter(context, binding, frame, depth);
    case 'variable':
      return binding.init ? traceValue(context, binding.init, frame, depth + 1) : unknown(`${identifier.text} has no initial value`);
    case 'member': {
      const member = memberOf(context, binding.object, binding.property, frame, depth + 1);
      if (member) return traceValue(context, member.node, member.frame, depth + 1);
      return isProcessEnv(binding.object) ? { kind: 'env', name: binding.property } : unknown(`${identifier.text} is destructured from ${describe(context, binding.object)}`);
    }
    case 'other':
      return unknown(binding.reason);
    default:
      return unknown(`${identifier.text} is a ${binding.kind}`);
  }
}

function traceParameter(context: JsContext, binding: Extract<Binding, { kind: 'param' }>, frame: TraceFrame, depth: number): TracedValue {
  const substitution = substitutionFor(frame, binding.fn);
  if (substitution) {
    const argument = substitution.args[binding.index];
    if (!argument) return binding.init ? traceValue(context, binding.init, frame, depth + 1) : unknown(`argument ${binding.name} not passed`);
    if (binding.property === undefined) return traceValue(context, argument, substitution.frame, depth + 1);
    const member = memberOf(context, argument, binding.property, substitution.frame, depth + 1);
    return member ? traceValue(context, member.node, member.frame, depth + 1) : unknown(`${binding.name} is destructured from an argument`);
  }
  if (binding.fn !== frame.home) return unknown(`parameter ${binding.name} of a nested function or method`);
  if (binding.destructured) return unknown(`destructured parameter ${binding.name}`);
  return { kind: 'param', index: binding.index, name: binding.name };
}

function traceAccess(context: JsContext, access: ts.PropertyAccessExpression | ts.ElementAccessExpression, frame: TraceFrame, depth: number): TracedValue {
  let key: string | undefined;
  if (ts.isPropertyAccessExpression(access)) key = access.name.text;
  else {
    const traced = traceValue(context, access.argumentExpression, frame, depth + 1);
    if (traced.kind === 'literal') key = traced.value;
  }
  if (isProcessEnv(access.expression)) return key !== undefined ? { kind: 'env', name: key } : unknown('computed environment variable name');
  if (key === undefined) return unknown('computed property');
  const member = memberOf(context, access.expression, key, frame, depth + 1);
  return member ? traceValue(context, member.node, member.frame, depth + 1) : unknown(`${describe(context, access)} is not a constant`);
}

function traceCall(context: JsContext, call: ts.CallExpression, frame: TraceFrame, depth: number): TracedValue {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee) && callee.text === 'String' && call.arguments.length === 1) return traceValue(context, call.arguments[0], frame, depth + 1);
  if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'toString' || callee.name.text === 'trim') && call.arguments.length === 0) {
    return traceValue(context, callee.expression, frame, depth + 1);
  }
  const next = followCall(context, call, frame);
  if (next) return traceValue(context, next.node, next.frame, depth + 1);
  return unknown(`${describe(context, call)} is a call result`);
}

/** A short excerpt of an expression's source, for the reasons of unknown values. */
function describe(context: JsContext, node: ts.Node): string {
  const source = context.text.slice(node.getStart(context.sourceFile), node.end).replace(/\s+/g, ' ');
  return source.length > 40 ? `${source.slice(0, 37)}...` : source;
}
