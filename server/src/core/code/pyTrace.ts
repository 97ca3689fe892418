// Python scopes and value tracing: what a name is bound to, env reads, and reducing an expression to a traced value.
import type { TracedValue } from '../model/types';
import type { ParseReport, PyExpr } from './pyExpressions';

/** What a Python name is bound to. */
export type PyBinding =
  | { kind: 'value'; expr: PyExpr; scope: PyScope }
  | { kind: 'import'; module: string; imported: string }
  | { kind: 'param'; fn: PyScope; index: number; name: string }
  | { kind: 'function'; fn: PyScope }
  | { kind: 'other'; reason: string };

/** A module, function or class body with the names assigned in it. */
export interface PyScope {
  kind: 'module' | 'function' | 'class';
  name: string;
  indent: number;
  parent?: PyScope;
  names: Map<string, PyBinding>;
  /** For classes: `self.x = ...` assignments made in its methods. */
  attributes?: Map<string, PyBinding>;
  /** Names declared `global` (or `nonlocal`) in a function: assignments to them bind at module level. */
  globals?: Set<string>;
}

/** Per-file state shared by the Python extractors. */
export interface PyContext {
  file: string;
  text: string;
  module: PyScope;
  /** Set by the expression parser when it cut a too deeply nested expression short. */
  report: ParseReport;
  /** Tracing steps left for the current call; reset per call so crafted input cannot make tracing exponential. */
  budget: number;
}

const maxTraceDepth = 40;

/** Tracing steps allowed per recognised call (a realistic call needs a few dozen). */
export const traceBudget = 2000;

/** Top-level packages whose functions are libraries, not the project's own helpers. */
const libraryPackages = new Set([
  'os', 'sys', 'json', 'logging', 're', 'time', 'datetime', 'uuid', 'typing', 'decimal', 'base64', 'hashlib', 'hmac', 'math',
  'random', 'collections', 'functools', 'itertools', 'urllib', 'http', 'io', 'pathlib', 'dataclasses', 'enum', 'traceback', 'copy',
  'string', 'asyncio', 'contextlib', 'operator', 'secrets', 'gzip', 'zlib', 'csv', 'tempfile', 'shutil', 'subprocess', 'threading',
  'boto3', 'botocore', 'aioboto3', 'requests', 'httpx', 'aws_lambda_powertools', 'aws_xray_sdk', 'pydantic', 'jwt', 'yaml', 'mangum',
  'fastapi', 'flask', 'django', 'sqlalchemy', 'numpy', 'pandas', 'dateutil', 'pytz', 'simplejson', 'urllib3', 'psycopg2', 'pymysql',
  'redis', 'stripe', 'tenacity', 'jsonschema', 'attr', 'attrs', 'moto', 'pytest', 'unittest', 'starlette', 'aws_requests_auth',
]);

/** Whether a module is the project's own (relative, or not a well-known library), so calls into it are worth following. */
export function isProjectModule(module: string): boolean {
  return module.startsWith('.') || !libraryPackages.has(module.split('.')[0]);
}

function unknown(reason: string): TracedValue {
  return { kind: 'unknown', reason };
}

/** Finds a name in a scope or its enclosing scopes (class bodies are skipped for nested functions, as in Python). */
export function lookup(scope: PyScope, name: string): { binding: PyBinding; scope: PyScope } | undefined {
  let current: PyScope | undefined = scope;
  let first = true;
  while (current) {
    if (first || current.kind !== 'class') {
      const binding = current.names.get(name);
      if (binding) return { binding, scope: current };
    }
    first = false;
    current = current.parent;
  }
  return undefined;
}

/** The class a method's scope belongs to, for `self.x`. */
export function enclosingClass(scope: PyScope): PyScope | undefined {
  let current: PyScope | undefined = scope;
  while (current && current.kind !== 'class') current = current.parent;
  return current;
}

/** The top-level function a scope is inside, if any (nested functions belong to their outermost function). */
export function homeOf(scope: PyScope): PyScope | undefined {
  let current: PyScope | undefined = scope;
  let home: PyScope | undefined;
  while (current) {
    if (current.kind === 'function' && current.parent?.kind === 'module') home = current;
    current = current.parent;
  }
  return home;
}

/** Whether a name is the `os` module, or a name imported from it (`environ`, `getenv`). */
function isFromOs(scope: PyScope, expr: PyExpr, imported: string): boolean {
  if (expr.kind === 'attribute') return expr.name === imported && expr.object.kind === 'name' && isOsModule(scope, expr.object.name);
  if (expr.kind !== 'name') return false;
  const found = lookup(scope, expr.name);
  return found?.binding.kind === 'import' && found.binding.module === 'os' && found.binding.imported === imported;
}

function isOsModule(scope: PyScope, name: string): boolean {
  const found = lookup(scope, name);
  return !found || (found.binding.kind === 'import' && found.binding.module === 'os' && found.binding.imported === '*');
}

/** The environment variable an expression reads (`os.environ['X']`, `os.environ.get('X')`, `os.getenv('X')`), with the name's literal. */
export function envReadOf(context: PyContext, scope: PyScope, expr: PyExpr): { name: string; literal: PyExpr & { kind: 'string' }; hasDefault: boolean } | undefined {
  let literal: PyExpr | undefined;
  // `os.environ.get('X', 'a')`, `os.getenv('X', 'a')`: a second argument is the fallback.
  let hasDefault = false;
  if (expr.kind === 'subscript' && isFromOs(scope, expr.object, 'environ')) literal = expr.index;
  else if (expr.kind === 'call' && expr.callee.kind === 'attribute') {
    const { object, name } = expr.callee;
    if ((name === 'get' || name === 'setdefault') && isFromOs(scope, object, 'environ')) literal = expr.args[0];
    else if (name === 'getenv' && object.kind === 'name' && isOsModule(scope, object.name)) literal = expr.args[0];
    hasDefault = expr.args.length > 1;
  } else if (expr.kind === 'call' && expr.callee.kind === 'name' && isFromOs(scope, expr.callee, 'getenv')) {
    literal = expr.args[0];
    hasDefault = expr.args.length > 1;
  }
  return literal?.kind === 'string' ? { name: literal.value, literal, hasDefault } : undefined;
}

/** A short excerpt of an expression's source, for the reasons of unknown values. */
export function describe(context: PyContext, expr: PyExpr): string {
  const source = context.text.slice(expr.start, expr.end).replace(/\s+/g, ' ');
  return source.length > 40 ? `${source.slice(0, 37)}...` : source;
}

/** Joins parts, flattening nested concatenations and merging neighbouring literals; one part stands alone. */
export function concat(parts: TracedValue[]): TracedValue {
  const flat: TracedValue[] = [];
  for (const part of parts) {
    for (const piece of part.kind === 'concat' ? part.parts : [part]) {
      const last = flat[flat.length - 1];
      if (piece.kind === 'literal' && last?.kind === 'literal') flat[flat.length - 1] = { kind: 'literal', value: last.value + piece.value };
      else flat.push(piece);
    }
  }
  if (flat.length === 0) return { kind: 'literal', value: '' };
  return flat.length === 1 ? flat[0] : { kind: 'concat', parts: flat };
}

/** Follows a name to the expression it was assigned, with the scope to read that expression in. */
export function resolveName(scope: PyScope, expr: PyExpr): { expr: PyExpr; scope: PyScope } | undefined {
  if (expr.kind === 'name') {
    const found = lookup(scope, expr.name);
    return found?.binding.kind === 'value' ? { expr: found.binding.expr, scope: found.binding.scope } : undefined;
  }
  if (expr.kind === 'attribute' && expr.object.kind === 'name' && expr.object.name === 'self') {
    const owner = enclosingClass(scope);
    // `self.x` is set in a method, or is a class attribute assigned in the class body.
    const binding = owner?.attributes?.get(expr.name) ?? owner?.names.get(expr.name);
    return binding?.kind === 'value' ? { expr: binding.expr, scope: binding.scope } : undefined;
  }
  return undefined;
}

/** Reduces a Python expression to a traced value. `home` is the top-level function whose parameters stay symbolic. */
export function traceValue(context: PyContext, expr: PyExpr, scope: PyScope, home: PyScope | undefined, depth = 0): TracedValue {
  if (depth > maxTraceDepth) return unknown('expression too deep to trace');
  if (context.budget-- <= 0) return unknown('expression too complex to trace');
  const env = envReadOf(context, scope, expr);
  if (env) return { kind: 'env', name: env.name };
  switch (expr.kind) {
    case 'string':
    case 'number':
      return { kind: 'literal', value: expr.value };
    case 'fstring':
      return concat(expr.parts.map((part) => (typeof part === 'string' ? { kind: 'literal', value: part } : traceValue(context, part, scope, home, depth + 1))));
    case 'binary':
      if (expr.operator === '+') return concat([traceValue(context, expr.left, scope, home, depth + 1), traceValue(context, expr.right, scope, home, depth + 1)]);
      if (expr.operator === 'or') {
        const left = traceValue(context, expr.left, scope, home, depth + 1);
        return left.kind === 'unknown' ? traceValue(context, expr.right, scope, home, depth + 1) : left;
      }
      break;
    case 'name':
      return traceName(context, expr, scope, home, depth);
    case 'call':
      if (expr.callee.kind === 'name' && expr.callee.name === 'str' && expr.args.length === 1) return traceValue(context, expr.args[0], scope, home, depth + 1);
      break;
    case 'subscript': {
      const entry = dictEntry(context, expr.object, expr.index, scope, home, depth);
      if (entry) return traceValue(context, entry.expr, entry.scope, home, depth + 1);
      break;
    }
    case 'attribute': {
      const resolved = resolveName(scope, expr);
      if (resolved) return traceValue(context, resolved.expr, resolved.scope, home, depth + 1);
      break;
    }
  }
  return unknown(`${describe(context, expr)} is not a constant`);
}

function traceName(context: PyContext, expr: PyExpr & { kind: 'name' }, scope: PyScope, home: PyScope | undefined, depth: number): TracedValue {
  const found = lookup(scope, expr.name);
  if (!found) return unknown(`global ${expr.name}`);
  const binding = found.binding;
  switch (binding.kind) {
    case 'value':
      return traceValue(context, binding.expr, binding.scope, home, depth + 1);
    case 'param':
      return binding.fn === home ? { kind: 'param', index: binding.index, name: binding.name } : unknown(`parameter ${binding.name} of a nested function or method`);
    case 'import':
      return unknown(`${binding.imported === '*' ? expr.name : binding.imported} imported from ${binding.module}`);
    case 'other':
      return unknown(binding.reason);
    default:
      return unknown(`${expr.name} is a function`);
  }
}

/** `CONFIG['key']` where CONFIG is a dict literal with that string key. */
function dictEntry(context: PyContext, object: PyExpr, index: PyExpr, scope: PyScope, home: PyScope | undefined, depth: number): { expr: PyExpr; scope: PyScope } | undefined {
  const key = traceValue(context, index, scope, home, depth + 1);
  if (key.kind !== 'literal') return undefined;
  const dict = dictOf(scope, object);
  const entry = dict?.expr.kind === 'dict' ? dict.expr.entries.find((candidate) => candidate.key.kind === 'string' && candidate.key.value === key.value) : undefined;
  return entry && dict ? { expr: entry.value, scope: dict.scope } : undefined;
}

/** Follows names to a dict literal (or a `dict(...)` call's keywords are not modelled). */
export function dictOf(scope: PyScope, expr: PyExpr): { expr: PyExpr; scope: PyScope } | undefined {
  let current = { expr, scope };
  for (let step = 0; step < 10; step++) {
    if (current.expr.kind === 'dict') return current;
    const next = resolveName(current.scope, current.expr);
    if (!next) return undefined;
    current = next;
  }
  return undefined;
}
