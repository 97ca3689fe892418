// Lexical name lookup over a TypeScript syntax tree: what a name refers to, built lazily per block and dropped with the tree.
import { ts } from 'ts-morph';

const SyntaxKind = ts.SyntaxKind;

/** What a name is bound to, as far as a syntax walk can tell. */
export type Binding = { nameNode: ts.Node; topLevel: boolean } & (
  | { kind: 'variable'; init?: ts.Expression; type?: ts.TypeNode; isConst: boolean }
  | { kind: 'env'; name: string }
  | { kind: 'import'; module: string; imported: string }
  | { kind: 'member'; object: ts.Expression; property: string }
  | { kind: 'param'; fn: ts.SignatureDeclaration; index: number; name: string; type?: ts.TypeNode; init?: ts.Expression; property?: string; destructured: boolean }
  | { kind: 'function'; node: ts.FunctionLikeDeclaration }
  | { kind: 'class'; node: ts.ClassLikeDeclaration }
  | { kind: 'other'; reason: string }
);

/** Per-file state shared by the JavaScript extractors; it holds the tree only while the file is analysed. */
export interface JsContext {
  file: string;
  text: string;
  sourceFile: ts.SourceFile;
  scopes: Map<ts.Node, Map<string, Binding>>;
  /** Tracing steps left for the current call; reset per call so crafted input cannot make tracing exponential. */
  budget: number;
}

/** Strips parentheses, type assertions and non-null assertions around an expression. */
export function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    switch (current.kind) {
      case SyntaxKind.ParenthesizedExpression:
      case SyntaxKind.AsExpression:
      case SyntaxKind.TypeAssertionExpression:
      case SyntaxKind.NonNullExpression:
      case SyntaxKind.SatisfiesExpression:
        current = (current as ts.ParenthesizedExpression).expression;
        break;
      default:
        return current;
    }
  }
}

/** Like `unwrap`, and also looks through `await`. */
export function unwrapAwait(expression: ts.Expression): ts.Expression {
  let current = unwrap(expression);
  while (current.kind === SyntaxKind.AwaitExpression) current = unwrap((current as ts.AwaitExpression).expression);
  return current;
}

/** The module of `require('m')` or `import('m')`, if the expression is one. */
export function requiredModule(expression: ts.Expression): string | undefined {
  const call = unwrapAwait(expression);
  if (call.kind !== SyntaxKind.CallExpression) return undefined;
  const { expression: callee, arguments: args } = call as ts.CallExpression;
  const isRequire = callee.kind === SyntaxKind.Identifier && (callee as ts.Identifier).text === 'require';
  if (!isRequire && callee.kind !== SyntaxKind.ImportKeyword) return undefined;
  const first = args[0];
  return first && ts.isStringLiteralLike(first) ? first.text : undefined;
}

/** Whether the expression is `process.env`. */
export function isProcessEnv(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  if (node.kind !== SyntaxKind.PropertyAccessExpression) return false;
  const access = node as ts.PropertyAccessExpression;
  return access.name.text === 'env' && access.expression.kind === SyntaxKind.Identifier && (access.expression as ts.Identifier).text === 'process';
}

/** The text of a property name when it is static (identifier, string or number). */
export function staticPropertyName(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** Finds what `name` refers to at `from`, walking outwards through blocks, functions and the file. */
export function lookup(context: JsContext, name: string, from: ts.Node): Binding | undefined {
  let node: ts.Node | undefined = from.parent;
  while (node) {
    const scope = scopeOf(context, node);
    const binding = scope?.get(name);
    if (binding) return binding;
    node = node.parent;
  }
  return undefined;
}

/** Node kinds that open a scope, indexed by kind, so the outward walk skips other nodes cheaply. */
const scopeKinds = new Uint8Array(SyntaxKind.Count + 1);
for (const kind of [
  SyntaxKind.SourceFile, SyntaxKind.Block, SyntaxKind.ModuleBlock, SyntaxKind.CaseClause, SyntaxKind.DefaultClause,
  SyntaxKind.ForStatement, SyntaxKind.ForOfStatement, SyntaxKind.ForInStatement, SyntaxKind.CatchClause,
  SyntaxKind.FunctionDeclaration, SyntaxKind.FunctionExpression, SyntaxKind.ArrowFunction, SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor, SyntaxKind.GetAccessor, SyntaxKind.SetAccessor,
]) {
  scopeKinds[kind] = 1;
}

/** The names a node declares for its children, or undefined when it opens no scope. */
function scopeOf(context: JsContext, node: ts.Node): Map<string, Binding> | undefined {
  if (scopeKinds[node.kind] === 0) return undefined;
  const cached = context.scopes.get(node);
  if (cached) return cached;
  const scope = new Map<string, Binding>();
  switch (node.kind) {
    case SyntaxKind.SourceFile:
    case SyntaxKind.Block:
    case SyntaxKind.ModuleBlock:
    case SyntaxKind.CaseClause:
    case SyntaxKind.DefaultClause:
      declareStatements(scope, (node as ts.Block).statements, node.kind === SyntaxKind.SourceFile);
      break;
    case SyntaxKind.ForStatement:
    case SyntaxKind.ForOfStatement:
    case SyntaxKind.ForInStatement:
      declareLoop(scope, node as ts.ForStatement | ts.ForOfStatement);
      break;
    case SyntaxKind.CatchClause: {
      const variable = (node as ts.CatchClause).variableDeclaration;
      if (variable) declarePattern(scope, variable.name, { kind: 'other', reason: 'caught error' }, false);
      break;
    }
    default:
      declareParameters(scope, node as ts.SignatureDeclaration);
  }
  context.scopes.set(node, scope);
  return scope;
}

/** Declares the variables, functions, classes and imports of a statement list. */
function declareStatements(scope: Map<string, Binding>, statements: ts.NodeArray<ts.Statement>, topLevel: boolean): void {
  for (const statement of statements) {
    switch (statement.kind) {
      case SyntaxKind.VariableStatement:
        declareVariables(scope, (statement as ts.VariableStatement).declarationList, topLevel);
        break;
      case SyntaxKind.FunctionDeclaration: {
        const fn = statement as ts.FunctionDeclaration;
        if (fn.name) scope.set(fn.name.text, { kind: 'function', node: fn, nameNode: fn.name, topLevel });
        break;
      }
      case SyntaxKind.ClassDeclaration: {
        const cls = statement as ts.ClassDeclaration;
        if (cls.name) scope.set(cls.name.text, { kind: 'class', node: cls, nameNode: cls.name, topLevel });
        break;
      }
      case SyntaxKind.ImportDeclaration:
        declareImport(scope, statement as ts.ImportDeclaration, topLevel);
        break;
      case SyntaxKind.ImportEqualsDeclaration: {
        const equals = statement as ts.ImportEqualsDeclaration;
        const reference = equals.moduleReference;
        if (ts.isExternalModuleReference(reference) && ts.isStringLiteralLike(reference.expression)) {
          scope.set(equals.name.text, { kind: 'import', module: reference.expression.text, imported: '*', nameNode: equals.name, topLevel });
        }
        break;
      }
      case SyntaxKind.EnumDeclaration:
      case SyntaxKind.ModuleDeclaration: {
        const named = statement as ts.EnumDeclaration;
        if (ts.isIdentifier(named.name)) scope.set(named.name.text, { kind: 'other', reason: 'enum or namespace', nameNode: named.name, topLevel });
        break;
      }
    }
  }
}

/** Declares the bindings of an ES import. */
function declareImport(scope: Map<string, Binding>, declaration: ts.ImportDeclaration, topLevel: boolean): void {
  const clause = declaration.importClause;
  if (!clause || !ts.isStringLiteralLike(declaration.moduleSpecifier)) return;
  const module = declaration.moduleSpecifier.text;
  if (clause.name) scope.set(clause.name.text, { kind: 'import', module, imported: 'default', nameNode: clause.name, topLevel });
  const named = clause.namedBindings;
  if (!named) return;
  if (ts.isNamespaceImport(named)) {
    scope.set(named.name.text, { kind: 'import', module, imported: '*', nameNode: named.name, topLevel });
    return;
  }
  for (const element of named.elements) {
    const imported = element.propertyName ? staticPropertyName(element.propertyName as ts.PropertyName) ?? element.name.text : element.name.text;
    scope.set(element.name.text, { kind: 'import', module, imported, nameNode: element.name, topLevel });
  }
}

/** Declares `const`/`let`/`var` bindings, turning `require` and `process.env` destructuring into imports and env reads. */
function declareVariables(scope: Map<string, Binding>, list: ts.VariableDeclarationList, topLevel: boolean): void {
  const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
  for (const declaration of list.declarations) {
    const init = declaration.initializer;
    if (ts.isIdentifier(declaration.name)) {
      const binding = variableBinding(declaration, init, isConst) as Binding;
      binding.nameNode = declaration.name;
      binding.topLevel = topLevel;
      scope.set(declaration.name.text, binding);
    } else if (ts.isObjectBindingPattern(declaration.name) && init) {
      declareDestructured(scope, declaration.name, init, topLevel);
    } else {
      declarePattern(scope, declaration.name, { kind: 'other', reason: 'destructured value' }, topLevel);
    }
  }
}

type BindingValue = Binding extends infer B ? (B extends Binding ? Omit<B, 'nameNode' | 'topLevel'> : never) : never;

/** The binding of `name = init`, seeing through `require('m')` and `require('m').x`. */
function variableBinding(declaration: ts.VariableDeclaration, init: ts.Expression | undefined, isConst: boolean): BindingValue {
  if (init) {
    const module = requiredModule(init);
    if (module !== undefined) return { kind: 'import', module, imported: '*' };
    const inner = unwrap(init);
    if (ts.isPropertyAccessExpression(inner)) {
      const innerModule = requiredModule(inner.expression);
      if (innerModule !== undefined) return { kind: 'import', module: innerModule, imported: inner.name.text };
    }
  }
  return { kind: 'variable', init, type: declaration.type, isConst };
}

/** Declares `{ a, b: c } = init`: env names for `process.env`, imports for `require`, members otherwise. */
function declareDestructured(scope: Map<string, Binding>, pattern: ts.ObjectBindingPattern, init: ts.Expression, topLevel: boolean): void {
  const fromEnv = isProcessEnv(init);
  const module = requiredModule(init);
  for (const element of pattern.elements) {
    if (!ts.isIdentifier(element.name)) {
      declarePattern(scope, element.name, { kind: 'other', reason: 'nested destructuring' }, topLevel);
      continue;
    }
    const property = element.dotDotDotToken ? undefined : staticPropertyName(element.propertyName ?? element.name);
    let value: BindingValue;
    if (property === undefined) value = { kind: 'other', reason: 'rest or computed destructuring' };
    else if (fromEnv) value = { kind: 'env', name: property };
    else if (module !== undefined) value = { kind: 'import', module, imported: property };
    else value = { kind: 'member', object: init, property };
    scope.set(element.name.text, { ...value, nameNode: element.name, topLevel } as Binding);
  }
}

/** Declares every name in a binding pattern with the same value. */
function declarePattern(scope: Map<string, Binding>, name: ts.BindingName, value: BindingValue, topLevel: boolean): void {
  if (ts.isIdentifier(name)) {
    scope.set(name.text, { ...value, nameNode: name, topLevel } as Binding);
    return;
  }
  for (const element of name.elements) {
    if (!ts.isOmittedExpression(element)) declarePattern(scope, element.name, value, topLevel);
  }
}

/** Declares a loop's variables: a `for` initialiser keeps its value, `for...of`/`in` items are unknown. */
function declareLoop(scope: Map<string, Binding>, loop: ts.ForStatement | ts.ForOfStatement): void {
  const initializer = loop.initializer;
  if (!initializer || !ts.isVariableDeclarationList(initializer)) return;
  if (ts.isForStatement(loop)) {
    declareVariables(scope, initializer, false);
    return;
  }
  for (const declaration of initializer.declarations) declarePattern(scope, declaration.name, { kind: 'other', reason: 'loop variable' }, false);
}

/** Declares a function's parameters (and its own name, for named function expressions). */
function declareParameters(scope: Map<string, Binding>, fn: ts.SignatureDeclaration): void {
  if (ts.isFunctionExpression(fn) && fn.name) scope.set(fn.name.text, { kind: 'function', node: fn, nameNode: fn.name, topLevel: false });
  fn.parameters.forEach((parameter, index) => {
    if (ts.isIdentifier(parameter.name)) {
      const name = parameter.name.text;
      scope.set(name, { kind: 'param', fn, index, name, destructured: false, type: parameter.type, init: parameter.initializer, nameNode: parameter.name, topLevel: false });
    } else {
      declareParameterPattern(scope, fn, index, parameter.name);
    }
  });
}

/** Declares `({ a, b: c })` parameters: each name remembers the property it takes from argument `index`. */
function declareParameterPattern(scope: Map<string, Binding>, fn: ts.SignatureDeclaration, index: number, pattern: ts.BindingPattern): void {
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue;
    const property = ts.isObjectBindingPattern(pattern) && !element.dotDotDotToken ? staticPropertyName(element.propertyName ?? element.name) : undefined;
    if (ts.isIdentifier(element.name)) {
      const name = element.name.text;
      scope.set(name, { kind: 'param', fn, index, name, property, destructured: true, init: element.initializer, nameNode: element.name, topLevel: false });
    } else {
      declarePattern(scope, element.name, { kind: 'other', reason: 'nested destructured parameter' }, false);
    }
  }
}

/** What `name` refers to at the top level of the file. */
export function topLevelBinding(context: JsContext, name: string): Binding | undefined {
  return scopeOf(context, context.sourceFile)?.get(name);
}

/** The span of a node in the file, from its first token (not its leading trivia). */
export function spanOf(context: JsContext, node: ts.Node): { file: string; start: number; end: number } {
  return { file: context.file, start: node.getStart(context.sourceFile), end: node.end };
}
