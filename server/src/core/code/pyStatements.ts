// The statement pass over Python logical lines: scopes by indentation, functions, imports, exports and name bindings.
import type { CodeFacts, Span } from '../model/types';
import { PyParser, type PyExpr } from './pyExpressions';
import type { LogicalLine, PyToken } from './pyTokens';
import { enclosingClass, isProjectModule, type PyBinding, type PyContext, type PyScope } from './pyTrace';

/** A statement's expressions, with the scope they are evaluated in, for the call/env walk. */
export interface PyStatement {
  scope: PyScope;
  expressions: PyExpr[];
}

const skippedWords = new Set([
  'if', 'elif', 'else', 'while', 'for', 'in', 'return', 'yield', 'from', 'assert', 'del', 'raise', 'with', 'as', 'async',
  'try', 'except', 'finally', 'pass', 'break', 'continue', 'global', 'nonlocal',
]);

/** Builds scopes and bindings from the lines, records functions, imports and exports, and returns the statements to walk. */
export function declareStatements(context: PyContext, lines: LogicalLine[], facts: CodeFacts): PyStatement[] {
  const stack: PyScope[] = [context.module];
  const statements: PyStatement[] = [];
  const exported = new Set<string>();
  const pass = new StatementPass(context, facts, statements, exported);
  for (const line of lines) {
    while (stack.length > 1 && line.indent <= stack[stack.length - 1].indent) stack.pop();
    const opened = pass.line(line, stack[stack.length - 1]);
    if (opened) stack.push(opened);
  }
  return statements;
}

class StatementPass {
  constructor(
    private readonly context: PyContext,
    private readonly facts: CodeFacts,
    private readonly statements: PyStatement[],
    private readonly exported: Set<string>,
  ) {}

  private span(start: number, end: number): Span {
    return { file: this.context.file, start, end };
  }

  private exportName(name: string, span: Span, from?: { module: string; name: string }): void {
    if (this.exported.has(name)) return;
    this.exported.add(name);
    this.facts.exports.push(from ? { name, span, from } : { name, span });
  }

  /** Handles one logical line; returns the scope it opens (`def`, `class`), if any. */
  line(line: LogicalLine, scope: PyScope): PyScope | undefined {
    const tokens = line.tokens;
    let first = 0;
    if (tokens[0].value === '@') {
      this.expressions(tokens.slice(1), scope);
      return undefined;
    }
    if (tokens[0].value === 'async' && tokens[0].kind === 'name') first = 1;
    const keyword = tokens[first];
    if (keyword.kind === 'name' && keyword.value === 'def' && tokens[first + 1]?.kind === 'name') return this.function(line, first + 1, scope);
    if (keyword.kind === 'name' && keyword.value === 'class' && tokens[first + 1]?.kind === 'name') return this.class(line, first + 1, scope);
    if (keyword.kind === 'name' && keyword.value === 'import' && first === 0) this.import(tokens, scope);
    else if (keyword.kind === 'name' && keyword.value === 'from' && first === 0 && tokens.some((token) => token.value === 'import')) this.fromImport(tokens, scope);
    else this.statement(tokens.slice(first), scope);
    return undefined;
  }

  private function(line: LogicalLine, nameAt: number, scope: PyScope): PyScope {
    const tokens = line.tokens;
    const nameToken = tokens[nameAt];
    const fn: PyScope = { kind: 'function', name: nameToken.value, indent: line.indent, parent: scope, names: new Map() };
    const open = nameAt + 1;
    const close = tokens[open]?.value === '(' ? matching(tokens, open) : open;
    const params = parameterNames(tokens.slice(open + 1, close));
    params.forEach((name, index) => fn.names.set(name, { kind: 'param', fn, index, name }));
    scope.names.set(nameToken.value, { kind: 'function', fn });
    if (scope.kind === 'module') {
      const span = this.span(nameToken.start, nameToken.end);
      this.facts.functions.push({ name: nameToken.value, span, params });
      this.exportName(nameToken.value, span);
    }
    this.bodyOnSameLine(tokens, close, fn);
    return fn;
  }

  private class(line: LogicalLine, nameAt: number, scope: PyScope): PyScope {
    const nameToken = line.tokens[nameAt];
    const cls: PyScope = { kind: 'class', name: nameToken.value, indent: line.indent, parent: scope, names: new Map(), attributes: new Map() };
    scope.names.set(nameToken.value, { kind: 'other', reason: `${nameToken.value} is a class` });
    const open = nameAt + 1;
    this.bodyOnSameLine(line.tokens, line.tokens[open]?.value === '(' ? matching(line.tokens, open) : nameAt, cls);
    return cls;
  }

  /** `def f(): return x` keeps its body on the header line, after the first ':' past the signature. */
  private bodyOnSameLine(tokens: PyToken[], from: number, scope: PyScope): void {
    for (let index = from + 1; index < tokens.length; index++) {
      if (tokens[index].kind === 'op' && tokens[index].value === ':') {
        if (index + 1 < tokens.length) this.statement(tokens.slice(index + 1), scope);
        return;
      }
    }
  }

  /** `import a.b as c, d`. */
  private import(tokens: PyToken[], scope: PyScope): void {
    for (const part of splitTopLevel(tokens.slice(1), ',')) {
      const asAt = part.findIndex((token) => token.kind === 'name' && token.value === 'as');
      const moduleTokens = asAt >= 0 ? part.slice(0, asAt) : part;
      if (!moduleTokens.length) continue;
      const module = moduleTokens.map((token) => token.value).join('');
      const local = asAt >= 0 ? part[asAt + 1]?.value : moduleTokens[0].value;
      if (!local) continue;
      scope.names.set(local, { kind: 'import', module: asAt >= 0 ? module : local, imported: '*' });
      const span = this.span(moduleTokens[0].start, moduleTokens[moduleTokens.length - 1].end);
      this.facts.imports.push({ module, names: [{ imported: '*', local }], span });
    }
  }

  /** `from .lib import a as b, (c, d)` and `from m import *`. */
  private fromImport(tokens: PyToken[], scope: PyScope): void {
    const importAt = tokens.findIndex((token) => token.kind === 'name' && token.value === 'import');
    const moduleTokens = tokens.slice(1, importAt);
    if (!moduleTokens.length) return;
    const module = moduleTokens.map((token) => token.value).join('');
    const names: { imported: string; local: string }[] = [];
    const list = tokens.slice(importAt + 1).filter((token) => token.value !== '(' && token.value !== ')');
    for (const part of splitTopLevel(list, ',')) {
      if (!part.length) continue;
      const imported = part[0].value;
      const local = part[1]?.value === 'as' && part[2] ? part[2] : part[0];
      names.push({ imported, local: local.value });
      if (imported === '*') continue;
      scope.names.set(local.value, { kind: 'import', module, imported });
      // Re-exports matter for handlers (`from app.main import handler` in `index.py`); library names do not.
      if (scope.kind === 'module' && isProjectModule(module)) this.exportName(local.value, this.span(local.start, local.end), { module, name: imported });
    }
    const span = this.span(moduleTokens[0].start, moduleTokens[moduleTokens.length - 1].end);
    this.facts.imports.push({ module, names, span });
  }

  /** An ordinary statement: assignments bind names, `with ... as x` binds x, `global` redirects; all expressions are kept. */
  private statement(tokens: PyToken[], scope: PyScope): void {
    if (!tokens.length) return;
    const head = tokens[0];
    if (head.kind === 'name' && (head.value === 'global' || head.value === 'nonlocal')) {
      for (const token of tokens.slice(1)) if (token.kind === 'name') (scope.globals ??= new Set()).add(token.value);
      return;
    }
    if (head.kind === 'name' && head.value === 'with') {
      this.with(tokens, scope);
      return;
    }
    if (head.kind === 'name' && head.value === 'for') {
      const inAt = tokens.findIndex((token) => token.kind === 'name' && token.value === 'in');
      for (const token of tokens.slice(1, inAt < 0 ? tokens.length : inAt)) if (token.kind === 'name') scope.names.set(token.value, { kind: 'other', reason: 'loop variable' });
      this.expressions(tokens.slice(inAt + 1), scope);
      return;
    }
    const equals = topLevelIndexes(tokens, '=');
    if (!equals.length) {
      this.expressions(tokens, scope);
      return;
    }
    const valueTokens = tokens.slice(equals[equals.length - 1] + 1);
    const value = new PyParser(valueTokens, this.context.text, this.context.report).expression(true);
    this.statements.push({ scope, expressions: [value] });
    let targetStart = 0;
    for (const at of equals) {
      this.bind(tokens.slice(targetStart, at), value, scope);
      targetStart = at + 1;
    }
  }

  /** `with expr as name, other as name2:`. */
  private with(tokens: PyToken[], scope: PyScope): void {
    const colon = topLevelIndexes(tokens, ':');
    const body = tokens.slice(1, colon.length ? colon[0] : tokens.length);
    const expressions: PyExpr[] = [];
    for (const item of splitTopLevel(body, ',')) {
      const asAt = item.findIndex((token) => token.kind === 'name' && token.value === 'as');
      const expression = new PyParser(asAt >= 0 ? item.slice(0, asAt) : item, this.context.text, this.context.report).expression();
      expressions.push(expression);
      const name = asAt >= 0 ? item[asAt + 1] : undefined;
      if (name?.kind === 'name') scope.names.set(name.value, { kind: 'value', expr: expression, scope });
    }
    this.statements.push({ scope, expressions });
    if (colon.length && colon[0] + 1 < tokens.length) this.statement(tokens.slice(colon[0] + 1), scope);
  }

  /** Binds an assignment target: `name`, `name: Type`, or `self.name` inside a method. */
  private bind(target: PyToken[], value: PyExpr, scope: PyScope): void {
    const isNone = value.kind === 'name' && value.name === 'None';
    const binding: PyBinding = { kind: 'value', expr: value, scope };
    if (target.length >= 1 && target[0].kind === 'name' && (target.length === 1 || target[1].value === ':')) {
      const name = target[0].value;
      const owner = scope.globals?.has(name) ? this.context.module : scope;
      // `x = None` placeholders do not hide the real value assigned elsewhere.
      if (!(isNone && owner.names.has(name))) owner.names.set(name, binding);
      if (owner.kind === 'module') this.exportName(name, this.span(target[0].start, target[0].end));
      return;
    }
    if (target.length === 3 && target[0].value === 'self' && target[1].value === '.' && target[2].kind === 'name') {
      const attributes = enclosingClass(scope)?.attributes;
      if (attributes && !(isNone && attributes.has(target[2].value))) attributes.set(target[2].value, binding);
    }
  }

  /** Parses every expression in a token run, skipping keywords and separators. */
  private expressions(tokens: PyToken[], scope: PyScope): void {
    const parser = new PyParser(tokens, this.context.text, this.context.report);
    const expressions: PyExpr[] = [];
    while (!parser.atEnd()) {
      const token = parser.peek()!;
      if ((token.kind === 'name' && skippedWords.has(token.value)) || (token.kind === 'op' && token.value !== '(' && token.value !== '[' && token.value !== '{' && token.value !== '-' && token.value !== '*')) {
        parser.position++;
        continue;
      }
      const before = parser.position;
      expressions.push(parser.expression(true));
      if (parser.position === before) parser.position++;
    }
    if (expressions.length) this.statements.push({ scope, expressions });
  }
}

/** The index of the bracket closing the one at `open`. */
function matching(tokens: PyToken[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    const value = tokens[index].kind === 'op' ? tokens[index].value : '';
    if (value === '(' || value === '[' || value === '{') depth++;
    else if (value === ')' || value === ']' || value === '}') {
      depth--;
      if (depth === 0) return index;
    }
  }
  return tokens.length;
}

/** Indexes of an operator outside brackets. */
function topLevelIndexes(tokens: PyToken[], operator: string): number[] {
  const indexes: number[] = [];
  let depth = 0;
  tokens.forEach((token, index) => {
    if (token.kind !== 'op') return;
    if (token.value === '(' || token.value === '[' || token.value === '{') depth++;
    else if (token.value === ')' || token.value === ']' || token.value === '}') depth--;
    else if (depth === 0 && token.value === operator) indexes.push(index);
  });
  return indexes;
}

function splitTopLevel(tokens: PyToken[], separator: string): PyToken[][] {
  const parts: PyToken[][] = [];
  let start = 0;
  for (const at of topLevelIndexes(tokens, separator)) {
    parts.push(tokens.slice(start, at));
    start = at + 1;
  }
  parts.push(tokens.slice(start));
  return parts;
}

/** Parameter names of a `def` signature (annotations, defaults, `*`, `/` markers dropped; `*args` kept as `args`). */
function parameterNames(tokens: PyToken[]): string[] {
  const names: string[] = [];
  for (const part of splitTopLevel(tokens, ',')) {
    const name = part.find((token) => token.kind === 'name');
    if (name && (part[0] === name || part[0].value === '*' || part[0].value === '**')) names.push(name.value);
  }
  return names;
}
