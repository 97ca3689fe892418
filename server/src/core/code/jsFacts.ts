// Extracts plain code facts (exports, imports, env reads, SDK and helper calls) from one JavaScript/TypeScript file.
import { ts } from 'ts-morph';
import type { CodeFacts, CodeImport, EnvRead, LocalCall, Problem, SdkCall } from '../model/types';
import { computeLineStarts } from '../util/lineIndex';
import { collectExports, collectFunctions, collectImports, homesOf, moduleSpan, type Home, type HomedNode } from './jsModule';
import { recognizeHttpCall } from './jsHttpCalls';
import { isProcessEnv, lookup, requiredModule, spanOf, staticPropertyName, unwrap, type JsContext } from './jsScope';
import { isCommandConstruction, recognizeSdkCall, recognizeUnsentCommand, recognizeUpload, type RecognizedCall } from './jsSdkCalls';
import { traceBudget, traceValue, type TraceFrame } from './jsTrace';

const SyntaxKind = ts.SyntaxKind;

/** How deep the walk descends before it gives up on a subtree (the parser itself fails near 1,000 nested brackets). */
const maxWalkDepth = 1500;
const maxSyntaxProblems = 20;

const scriptKinds: Record<string, ts.ScriptKind> = {
  js: ts.ScriptKind.JS,
  mjs: ts.ScriptKind.JS,
  cjs: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
  ts: ts.ScriptKind.TS,
  mts: ts.ScriptKind.TS,
  cts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
};

function extensionOf(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot >= 0 ? file.slice(dot + 1).toLowerCase() : '';
}

/**
 * Extracts the facts of a JavaScript or TypeScript file (`.js .mjs .cjs .ts .mts .cts .jsx .tsx`).
 * Never throws: failures become problems; the syntax tree is dropped before returning.
 */
export function extractJsFacts(file: string, text: string): CodeFacts {
  const extension = extensionOf(file);
  const language = extension.includes('ts') ? 'typescript' : 'javascript';
  const facts: CodeFacts = { file, language, exports: [], imports: [], functions: [], envReads: [], sdkCalls: [], localCalls: [], problems: [], lineStarts: [] };
  try {
    facts.lineStarts = computeLineStarts(text);
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKinds[extension] ?? ts.ScriptKind.TS);
    const context: JsContext = { file, text, sourceFile, scopes: new Map(), budget: traceBudget };
    facts.problems.push(...syntaxProblems(file, sourceFile));
    facts.exports = collectExports(context);
    facts.imports = collectImports(context);
    const homes = sourceFile.statements.flatMap((statement) => homesOf(statement));
    facts.functions = collectFunctions(context, homes);
    new Walker(context, facts).run(homes);
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

function syntaxProblems(file: string, sourceFile: ts.SourceFile): Problem[] {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return diagnostics.slice(0, maxSyntaxProblems).map((diagnostic) => ({
    code: 'code-syntax',
    severity: 'error',
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    span: { file, start: diagnostic.start, end: diagnostic.start + diagnostic.length },
  }));
}

/** One recursive walk over the tree that records env reads, SDK/HTTP calls, helper calls and `require`s. */
class Walker {
  private home: Home | undefined;
  private frame: TraceFrame = {};
  private depth = 0;
  private tooDeep = false;
  private readonly commands: { node: ts.NewExpression; home: Home | undefined }[] = [];
  private readonly sentCommands = new Set<ts.NewExpression>();

  constructor(
    private readonly context: JsContext,
    private readonly facts: CodeFacts,
  ) {}

  run(homes: HomedNode[]): void {
    for (const { node, home } of homes) {
      // Calls are attributed only to functions: `const result = await client.send(...)` at top level has no home.
      this.home = home?.fn ? home : undefined;
      this.frame = { home: home?.fn };
      this.visit(node);
    }
    this.reportUnsentCommands();
    if (this.tooDeep) {
      this.facts.problems.push({
        code: 'code-too-deep',
        severity: 'warning',
        message: `Parts of this file are nested more than ${maxWalkDepth} levels deep and were not analysed.`,
        span: { file: this.context.file, start: 0, end: 0 },
      });
    }
  }

  private readonly visit = (node: ts.Node): void => {
    if (this.depth > maxWalkDepth) {
      this.tooDeep = true;
      return;
    }
    switch (node.kind) {
      case SyntaxKind.CallExpression:
        this.onCall(node as ts.CallExpression);
        break;
      case SyntaxKind.NewExpression:
        this.onNew(node as ts.NewExpression);
        break;
      case SyntaxKind.PropertyAccessExpression:
      case SyntaxKind.ElementAccessExpression:
        this.onAccess(node as ts.PropertyAccessExpression | ts.ElementAccessExpression);
        break;
      case SyntaxKind.VariableDeclaration:
        this.onDestructuredEnv(node as ts.VariableDeclaration);
        break;
    }
    this.depth++;
    ts.forEachChild(node, this.visit);
    this.depth--;
  };

  private addSdkCall(recognized: RecognizedCall, at: ts.Node, home: Home | undefined): void {
    const call: SdkCall = { service: recognized.service, operation: recognized.operation, span: spanOf(this.context, at), args: recognized.args, sdk: recognized.sdk };
    if (recognized.entries) call.entries = recognized.entries;
    if (home) call.inFunction = home.name;
    this.facts.sdkCalls.push(call);
  }

  private onCall(call: ts.CallExpression): void {
    this.context.budget = traceBudget;
    const module = requiredModule(call);
    if (module !== undefined) this.recordRequire(call, module);
    const recognized = recognizeSdkCall(this.context, call, this.frame) ?? recognizeHttpCall(this.context, call, this.frame);
    if (recognized) {
      if (recognized.command) this.sentCommands.add(recognized.command);
      this.addSdkCall(recognized, call, this.home);
      return;
    }
    const local = this.localCall(call);
    if (local) this.facts.localCalls.push(local);
  }

  private onNew(construction: ts.NewExpression): void {
    this.context.budget = traceBudget;
    if (isCommandConstruction(this.context, construction)) {
      this.commands.push({ node: construction, home: this.home });
      return;
    }
    const upload = recognizeUpload(this.context, construction, this.frame);
    if (upload) this.addSdkCall(upload, construction, this.home);
  }

  /** Commands built here but sent elsewhere (a shared `send` wrapper) still say which operation the code performs. */
  private reportUnsentCommands(): void {
    for (const { node, home } of this.commands) {
      if (this.sentCommands.has(node)) continue;
      this.context.budget = traceBudget;
      const recognized = recognizeUnsentCommand(this.context, node, { home: home?.fn });
      if (recognized) this.addSdkCall(recognized, node, home);
    }
  }

  /** `process.env.X` and `process.env['X']`. */
  private onAccess(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): void {
    if (!isProcessEnv(access.expression)) return;
    const nameNode = ts.isPropertyAccessExpression(access) ? access.name : unwrap(access.argumentExpression);
    if (ts.isPropertyAccessExpression(access) ? !ts.isIdentifier(nameNode) : !ts.isStringLiteralLike(nameNode)) return;
    const span = spanOf(this.context, nameNode);
    // Report the name without its quotes in `process.env['X']`.
    if (ts.isStringLiteralLike(nameNode)) {
      span.start += 1;
      span.end -= 1;
    }
    const name = (nameNode as ts.Identifier | ts.StringLiteral).text;
    // `process.env.` being typed (the parser inserts an empty identifier) reads nothing yet.
    if (name) this.facts.envReads.push({ name, span, ...(hasFallback(access) ? { hasDefault: true } : {}) });
  }

  /** `const { X, Y: y } = process.env`. */
  private onDestructuredEnv(declaration: ts.VariableDeclaration): void {
    if (!declaration.initializer || !ts.isObjectBindingPattern(declaration.name) || !isProcessEnv(declaration.initializer)) return;
    for (const element of declaration.name.elements) {
      if (element.dotDotDotToken) continue;
      const nameNode = element.propertyName ?? element.name;
      const name = staticPropertyName(nameNode);
      if (name !== undefined) this.facts.envReads.push({ name, span: spanOf(this.context, nameNode), ...(element.initializer ? { hasDefault: true } : {}) } satisfies EnvRead);
    }
  }

  /** `require('m')` and `import('m')`, with the names bound when assigned or destructured. */
  private recordRequire(call: ts.CallExpression, module: string): void {
    const names: CodeImport['names'] = [];
    let holder: ts.Node = call.parent;
    while (holder && (ts.isAwaitExpression(holder) || ts.isParenthesizedExpression(holder))) holder = holder.parent;
    let imported = '*';
    if (ts.isPropertyAccessExpression(holder)) {
      imported = holder.name.text;
      holder = holder.parent;
    }
    if (ts.isVariableDeclaration(holder)) {
      if (ts.isIdentifier(holder.name)) names.push({ imported, local: holder.name.text });
      else if (ts.isObjectBindingPattern(holder.name) && imported === '*') {
        for (const element of holder.name.elements) {
          const property = staticPropertyName(element.propertyName ?? element.name);
          if (property !== undefined && ts.isIdentifier(element.name)) names.push({ imported: property, local: element.name.text });
        }
      }
    }
    this.facts.imports.push({ module, names, span: moduleSpan(this.context, call.arguments[0]) });
  }

  /** A call to a function imported from a relative module, or to a top-level function of this file (module ''). */
  private localCall(call: ts.CallExpression): LocalCall | undefined {
    const callee = unwrap(call.expression);
    let target: { module: string; imported: string; callee: string } | undefined;
    if (ts.isIdentifier(callee)) {
      const binding = lookup(this.context, callee.text, callee);
      if (binding?.kind === 'import' && isRelative(binding.module)) target = { module: binding.module, imported: binding.imported, callee: callee.text };
      else if (binding?.topLevel && (binding.kind === 'function' || (binding.kind === 'variable' && isFunctionValue(binding.init)))) {
        target = { module: '', imported: callee.text, callee: callee.text };
      }
    } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const binding = lookup(this.context, callee.expression.text, callee.expression);
      if (binding?.kind === 'import' && isRelative(binding.module) && (binding.imported === '*' || binding.imported === 'default')) {
        target = { module: binding.module, imported: callee.name.text, callee: `${callee.expression.text}.${callee.name.text}` };
      }
    }
    if (!target) return undefined;
    const args = call.arguments.map((argument) => traceValue(this.context, argument, this.frame));
    const local: LocalCall = { ...target, span: spanOf(this.context, call), args };
    if (this.home) local.inFunction = this.home.name;
    return local;
  }
}

function isRelative(module: string): boolean {
  return module.startsWith('./') || module.startsWith('../') || module === '.' || module === '..';
}

function isFunctionValue(init: ts.Expression | undefined): boolean {
  if (!init) return false;
  const node = unwrap(init);
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** Whether an expression is the left side of `??` or `||` (through parentheses and `!`): the code has a fallback for it. */
function hasFallback(expression: ts.Expression): boolean {
  let node: ts.Node = expression;
  while (ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  return ts.isBinaryExpression(parent) && parent.left === node && (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken);
}
