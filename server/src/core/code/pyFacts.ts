// Extracts plain code facts (functions, imports, env reads, boto3 and helper calls) from one Python file, without running Python.
import type { CodeFacts, LocalCall, SdkCall } from '../model/types';
import { computeLineStarts } from '../util/lineIndex';
import type { PyExpr } from './pyExpressions';
import { recognizePythonCall } from './pySdkCalls';
import { declareStatements, type PyStatement } from './pyStatements';
import { logicalLines } from './pyTokens';
import { envReadOf, homeOf, isProjectModule, lookup, traceBudget, traceValue, type PyContext, type PyScope } from './pyTrace';

/** How deep the expression walk descends (long `a.b.c...` or `x + x + ...` chains) before giving up on the rest. */
const maxWalkDepth = 400;

/**
 * Extracts the facts of a Python file. Never throws: failures become problems.
 * Exports are the module-level names a handler can point at: `def`s, assignments and `from` imports.
 */
export function extractPythonFacts(file: string, text: string): CodeFacts {
  const facts: CodeFacts = { file, language: 'python', exports: [], imports: [], functions: [], envReads: [], sdkCalls: [], localCalls: [], problems: [], lineStarts: [] };
  try {
    facts.lineStarts = computeLineStarts(text);
    const module: PyScope = { kind: 'module', name: '', indent: -1, names: new Map() };
    const context: PyContext = { file, text, module, report: { truncated: false }, budget: traceBudget };
    const statements = declareStatements(context, logicalLines(text), facts);
    new PyWalker(context, facts).run(statements);
  } catch (error) {
    facts.problems.push({
      code: 'code-parse',
      severity: 'error',
      message: `Could not analyse this file: ${error instanceof Error ? error.message : String(error)}`,
      span: { file, start: 0, end: 0 },
    });
  }
  return facts;
}

/** Walks each statement's expressions for env reads, SDK/HTTP calls and calls to the project's own functions. */
class PyWalker {
  private scope!: PyScope;
  private home: PyScope | undefined;
  private tooDeep = false;

  constructor(
    private readonly context: PyContext,
    private readonly facts: CodeFacts,
  ) {}

  run(statements: PyStatement[]): void {
    for (const statement of statements) {
      this.scope = statement.scope;
      this.home = homeOf(statement.scope);
      for (const expression of statement.expressions) this.visit(expression, 0);
    }
    if (this.tooDeep || this.context.report.truncated) {
      this.facts.problems.push({
        code: 'code-too-deep',
        severity: 'warning',
        message: `Parts of this file are nested more than ${maxWalkDepth} levels deep and were not analysed.`,
        span: { file: this.context.file, start: 0, end: 0 },
      });
    }
  }

  private visit(expr: PyExpr, depth: number): void {
    if (depth > maxWalkDepth) {
      this.tooDeep = true;
      return;
    }
    const env = envReadOf(this.context, this.scope, expr);
    if (env) this.facts.envReads.push({ name: env.name, span: { file: this.context.file, start: env.literal.contentStart, end: env.literal.contentEnd }, ...(env.hasDefault ? { hasDefault: true } : {}) });
    if (expr.kind === 'call') this.onCall(expr);
    for (const child of children(expr)) this.visit(child, depth + 1);
  }

  private onCall(call: PyExpr & { kind: 'call' }): void {
    this.context.budget = traceBudget;
    const recognized = recognizePythonCall(this.context, call, this.scope, this.home);
    if (recognized) {
      const sdkCall: SdkCall = { ...recognized, span: { file: this.context.file, start: call.start, end: call.end } };
      if (this.home) sdkCall.inFunction = this.home.name;
      this.facts.sdkCalls.push(sdkCall);
      return;
    }
    const local = this.localCall(call);
    if (local) this.facts.localCalls.push(local);
  }

  /** A call to a function of the project: imported from a relative or non-library module, or defined at this file's top level. */
  private localCall(call: PyExpr & { kind: 'call' }): LocalCall | undefined {
    const callee = call.callee;
    let target: { callee: string; module: string; imported: string } | undefined;
    if (callee.kind === 'name') {
      const found = lookup(this.scope, callee.name);
      const binding = found?.binding;
      if (binding?.kind === 'import' && binding.imported !== '*' && isProjectModule(binding.module)) {
        target = { callee: callee.name, module: binding.module, imported: binding.imported };
      } else if (binding?.kind === 'function' && found?.scope.kind === 'module') {
        target = { callee: callee.name, module: '', imported: callee.name };
      }
    } else if (callee.kind === 'attribute' && callee.object.kind === 'name') {
      const binding = lookup(this.scope, callee.object.name)?.binding;
      if (binding?.kind === 'import' && isProjectModule(binding.module)) {
        // `import lib.events as events; events.publish()` or `from . import events; events.publish()`.
        const module = binding.imported === '*' ? binding.module : `${binding.module}${binding.module.endsWith('.') ? '' : '.'}${binding.imported}`;
        target = { callee: `${callee.object.name}.${callee.name}`, module, imported: callee.name };
      }
    }
    if (!target) return undefined;
    const args = call.args.map((argument) => traceValue(this.context, argument, this.scope, this.home));
    const local: LocalCall = { ...target, span: { file: this.context.file, start: call.start, end: call.end }, args };
    if (this.home) local.inFunction = this.home.name;
    return local;
  }
}

/** The direct sub-expressions of an expression. */
function children(expr: PyExpr): PyExpr[] {
  switch (expr.kind) {
    case 'attribute':
      return [expr.object];
    case 'call':
      return [expr.callee, ...expr.args, ...expr.keywords.map((keyword) => keyword.value)];
    case 'subscript':
      return [expr.object, expr.index];
    case 'binary':
      return [expr.left, expr.right];
    case 'list':
      return expr.items;
    case 'dict':
      return [...expr.entries.flatMap((entry) => [entry.key, entry.value]), ...expr.spreads];
    case 'fstring':
      return expr.parts.filter((part): part is PyExpr => typeof part !== 'string');
    case 'other':
      return expr.children;
    default:
      return [];
  }
}
