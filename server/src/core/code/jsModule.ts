// The module surface of a JavaScript/TypeScript file: its exports (ES and CommonJS), ES imports and top-level functions.
import { ts } from 'ts-morph';
import type { CodeExport, CodeFunction, CodeImport, Span } from '../model/types';
import { requiredModule, spanOf, staticPropertyName, topLevelBinding, unwrap, type JsContext } from './jsScope';

const SyntaxKind = ts.SyntaxKind;

/** A top-level function (or the value of a top-level binding) that SDK calls inside are attributed to. */
export interface Home {
  name: string;
  nameNode: ts.Node;
  /** The function whose parameters are the home's parameters (for `middy(async (event) => ...)` the inner arrow). */
  fn?: ts.FunctionLikeDeclaration;
}

/** A part of a top-level statement and the home its calls belong to. */
export interface HomedNode {
  node: ts.Node;
  home?: Home;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === kind) ?? false;
}

/** The function a top-level value is, or wraps (`middy(handler)`, `wrap(async () => ...)`). */
export function functionOfValue(expression: ts.Expression | undefined, depth = 0): ts.FunctionLikeDeclaration | undefined {
  if (!expression || depth > 5) return undefined;
  const node = unwrap(expression);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
  if (!ts.isCallExpression(node)) return undefined;
  for (const argument of node.arguments) {
    const inner = unwrap(argument);
    if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) return inner;
  }
  const callee = unwrap(node.expression);
  return ts.isPropertyAccessExpression(callee) ? functionOfValue(callee.expression, depth + 1) : undefined;
}

/** The name assigned by `exports.x = ...` or `module.exports.x = ...`, if the expression is such a target. */
export function commonJsExportName(target: ts.Expression): ts.Identifier | undefined {
  const node = unwrap(target);
  if (!ts.isPropertyAccessExpression(node) || !ts.isIdentifier(node.name)) return undefined;
  const object = unwrap(node.expression);
  if (ts.isIdentifier(object) && object.text === 'exports') return node.name;
  return isModuleExports(object) ? node.name : undefined;
}

function isModuleExports(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  return ts.isPropertyAccessExpression(node) && node.name.text === 'exports' && ts.isIdentifier(node.expression) && node.expression.text === 'module';
}

/** Splits a top-level statement into the parts that belong to one home each. */
export function homesOf(statement: ts.Statement): HomedNode[] {
  if (ts.isFunctionDeclaration(statement)) {
    const name = statement.name?.text ?? (hasModifier(statement, SyntaxKind.DefaultKeyword) ? 'default' : undefined);
    return [{ node: statement, home: name ? { name, nameNode: statement.name ?? statement, fn: statement } : undefined }];
  }
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.map((declaration) => ({
      node: declaration,
      home: ts.isIdentifier(declaration.name) ? { name: declaration.name.text, nameNode: declaration.name, fn: functionOfValue(declaration.initializer) } : undefined,
    }));
  }
  if (ts.isExportAssignment(statement)) {
    return [{ node: statement, home: { name: 'default', nameNode: statement, fn: functionOfValue(statement.expression) } }];
  }
  if (ts.isExpressionStatement(statement)) {
    const expression = unwrap(statement.expression);
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === SyntaxKind.EqualsToken) {
      const name = commonJsExportName(expression.left);
      if (name) return [{ node: statement, home: { name: name.text, nameNode: name, fn: functionOfValue(expression.right) } }];
      const object = unwrap(expression.right);
      if (isModuleExports(expression.left) && ts.isObjectLiteralExpression(object)) return object.properties.map(propertyHome);
    }
  }
  return [{ node: statement }];
}

/** `module.exports = { handler: async (event) => ... }`: each function-valued property is a home. */
function propertyHome(property: ts.ObjectLiteralElementLike): HomedNode {
  const name = staticPropertyName(property.name);
  if (name === undefined || !property.name) return { node: property };
  if (ts.isMethodDeclaration(property)) return { node: property, home: { name, nameNode: property.name, fn: property } };
  const fn = ts.isPropertyAssignment(property) ? functionOfValue(property.initializer) : undefined;
  return { node: property, home: fn ? { name, nameNode: property.name, fn } : undefined };
}

/** The top-level functions of the file with their parameter names. */
export function collectFunctions(context: JsContext, homes: HomedNode[]): CodeFunction[] {
  const functions: CodeFunction[] = [];
  for (const { home } of homes) {
    if (!home?.fn) continue;
    const params = home.fn.parameters.map((parameter) => parameterName(context, parameter));
    functions.push({ name: home.name, span: spanOf(context, home.nameNode), params });
  }
  return functions;
}

function parameterName(context: JsContext, parameter: ts.ParameterDeclaration): string {
  if (ts.isIdentifier(parameter.name)) return parameter.name.text;
  return context.text.slice(parameter.name.getStart(context.sourceFile), parameter.name.end).replace(/\s+/g, ' ');
}

/** The ES imports of the file (`require` and `import()` calls are found by the walker). */
export function collectImports(context: JsContext): CodeImport[] {
  const imports: CodeImport[] = [];
  for (const statement of context.sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier)) {
      const names: CodeImport['names'] = [];
      const clause = statement.importClause;
      if (clause?.name) names.push({ imported: 'default', local: clause.name.text });
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push({ imported: '*', local: bindings.name.text });
      else if (bindings) {
        for (const element of bindings.elements) {
          names.push({ imported: staticPropertyName(element.propertyName as ts.PropertyName | undefined) ?? element.name.text, local: element.name.text });
        }
      }
      imports.push({ module: statement.moduleSpecifier.text, names, span: moduleSpan(context, statement.moduleSpecifier) });
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const specifier = statement.moduleReference.expression;
      if (ts.isStringLiteralLike(specifier)) {
        imports.push({ module: specifier.text, names: [{ imported: '*', local: statement.name.text }], span: moduleSpan(context, specifier) });
      }
    }
  }
  return imports;
}

/** The span of a module specifier's text, without its quotes. */
export function moduleSpan(context: JsContext, literal: ts.Node): Span {
  const span = spanOf(context, literal);
  return { file: span.file, start: span.start + 1, end: Math.max(span.start + 1, span.end - 1) };
}

/** The exports of the file, ES and CommonJS. */
export function collectExports(context: JsContext): CodeExport[] {
  const exports: CodeExport[] = [];
  for (const statement of context.sourceFile.statements) {
    if (ts.isExportDeclaration(statement)) exportDeclaration(context, statement, exports);
    else if (ts.isExportAssignment(statement)) exportValue(context, statement.isExportEquals ? 'module' : 'default', statement.expression, statement, exports);
    else if (ts.isExpressionStatement(statement)) commonJsExport(context, statement.expression, exports);
    else if (hasModifier(statement, SyntaxKind.ExportKeyword)) exportedDeclaration(context, statement, exports);
  }
  return exports;
}

/** `export const a`, `export function f`, `export default function f`, `export class C`, `export enum E`. */
function exportedDeclaration(context: JsContext, statement: ts.Statement, exports: CodeExport[]): void {
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) exportBindingNames(context, declaration.name, exports);
    return;
  }
  if (!ts.isFunctionDeclaration(statement) && !ts.isClassDeclaration(statement) && !ts.isEnumDeclaration(statement)) return;
  const name = statement.name;
  if (hasModifier(statement, SyntaxKind.DefaultKeyword)) {
    const span = name ? spanOf(context, name) : keywordSpan(context, statement, 'default');
    exports.push(withLocalName({ name: 'default', span }, name && ts.isIdentifier(name) ? name.text : undefined));
  } else if (name && ts.isIdentifier(name)) {
    exports.push({ name: name.text, span: spanOf(context, name) });
  }
}

/** Adds `localName` only when there is one, so facts carry no `undefined` fields. */
function withLocalName(entry: CodeExport, localName: string | undefined): CodeExport {
  if (localName !== undefined) entry.localName = localName;
  return entry;
}

function exportBindingNames(context: JsContext, name: ts.BindingName, exports: CodeExport[]): void {
  if (ts.isIdentifier(name)) {
    exports.push({ name: name.text, span: spanOf(context, name) });
    return;
  }
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) exportBindingNames(context, element.name, exports);
}

/** The span of a keyword (`default`) inside a statement, or of the statement's first token. */
function keywordSpan(context: JsContext, node: ts.Node, keyword: string): Span {
  const start = node.getStart(context.sourceFile);
  const at = context.text.indexOf(keyword, start);
  if (at >= 0 && at < node.end) return { file: context.file, start: at, end: at + keyword.length };
  return { file: context.file, start, end: start };
}

/** `export { a, b as c }`, `export { x } from './m'`, `export * from './m'`, `export * as ns from './m'`. */
function exportDeclaration(context: JsContext, declaration: ts.ExportDeclaration, exports: CodeExport[]): void {
  if (declaration.isTypeOnly) return;
  const specifier = declaration.moduleSpecifier;
  const module = specifier && ts.isStringLiteralLike(specifier) ? specifier.text : undefined;
  const clause = declaration.exportClause;
  if (!clause) {
    if (module !== undefined) exports.push({ name: '*', span: moduleSpan(context, specifier!), from: { module, name: '*' } });
    return;
  }
  if (ts.isNamespaceExport(clause)) {
    if (module !== undefined) exports.push({ name: clause.name.text, span: spanOf(context, clause.name), from: { module, name: '*' } });
    return;
  }
  for (const element of clause.elements) {
    if (element.isTypeOnly) continue;
    const name = staticPropertyName(element.name as ts.PropertyName) ?? element.name.getText(context.sourceFile);
    const local = element.propertyName ? staticPropertyName(element.propertyName as ts.PropertyName) ?? name : name;
    if (module !== undefined) exports.push({ name, span: spanOf(context, element.name), from: { module, name: local } });
    else exports.push(localExport(context, name, local, element.name));
  }
}

/** An export of a local name: its span is the local declaration, or the import it re-exports. */
function localExport(context: JsContext, name: string, local: string, fallback: ts.Node): CodeExport {
  const binding = topLevelBinding(context, local);
  const result: CodeExport = { name, span: spanOf(context, binding?.nameNode ?? fallback) };
  if (local !== name) result.localName = local;
  if (binding?.kind === 'import') result.from = { module: binding.module, name: binding.imported };
  return result;
}

/** `export default x`, `export = x` and `module.exports = x`: `kind` says which. */
function exportValue(context: JsContext, kind: 'default' | 'module', value: ts.Expression, statement: ts.Node, exports: CodeExport[]): void {
  let node = unwrap(value);
  const fallback = (): Span => (kind === 'default' ? keywordSpan(context, statement, 'default') : spanOf(context, statement));
  if (kind === 'module') {
    const module = requiredModule(node);
    if (module !== undefined) {
      exports.push({ name: '*', span: spanOf(context, node), from: { module, name: '*' } });
      return;
    }
    if (ts.isIdentifier(node)) {
      const binding = topLevelBinding(context, node.text);
      if (binding?.kind === 'variable' && binding.init && ts.isObjectLiteralExpression(unwrap(binding.init))) node = unwrap(binding.init);
    }
    if (ts.isObjectLiteralExpression(node)) {
      objectExports(context, node, exports);
      return;
    }
  }
  if (ts.isIdentifier(node)) {
    const local = localExport(context, 'default', node.text, node);
    exports.push(topLevelBinding(context, node.text) ? local : { name: 'default', span: fallback(), localName: node.text });
    return;
  }
  const named = (ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name ? node.name : undefined;
  exports.push(withLocalName({ name: 'default', span: named ? spanOf(context, named) : fallback() }, named?.text));
}

/** `module.exports = { handler, other: impl, inline: async () => {} }`. */
function objectExports(context: JsContext, object: ts.ObjectLiteralExpression, exports: CodeExport[]): void {
  for (const property of object.properties) {
    if (ts.isShorthandPropertyAssignment(property)) {
      exports.push(localExport(context, property.name.text, property.name.text, property.name));
    } else if (ts.isPropertyAssignment(property) || ts.isMethodDeclaration(property)) {
      const name = staticPropertyName(property.name);
      if (name === undefined) continue;
      const value = ts.isPropertyAssignment(property) ? unwrap(property.initializer) : undefined;
      if (value && ts.isIdentifier(value) && topLevelBinding(context, value.text)) exports.push(localExport(context, name, value.text, property.name));
      else exports.push({ name, span: spanOf(context, property.name) });
    }
  }
}

/** `exports.x = v`, `module.exports.x = v`, `module.exports = v`. */
function commonJsExport(context: JsContext, expression: ts.Expression, exports: CodeExport[]): void {
  const node = unwrap(expression);
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== SyntaxKind.EqualsToken) return;
  if (isModuleExports(node.left)) {
    exportValue(context, 'module', node.right, node, exports);
    return;
  }
  const name = commonJsExportName(node.left);
  if (!name) return;
  const value = unwrap(node.right);
  if (ts.isIdentifier(value) && topLevelBinding(context, value.text)) exports.push(localExport(context, name.text, value.text, name));
  else exports.push({ name: name.text, span: spanOf(context, name) });
}
