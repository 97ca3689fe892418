// Extension-host tests: go to definition from a template's Handler and Path values, and from process.env reads.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { splitHandler, type ResourceFacts } from '../shared/templates';
import {
  definitionsWhenAvailable,
  expectedHandlerFile,
  mainRoute,
  mainScenario,
  middleOf,
  poll,
  relativePath,
  textAt,
  waitUntilReady,
  workspaceUri,
  type Target,
} from './helpers';

/** Asserts that the targets land exactly on the export `exportName` of `file`. */
async function assertLandsOnExport(targets: Target[], file: string, exportName: string): Promise<void> {
  const inFile = targets.filter((target) => relativePath(target.uri) === file);
  assert.ok(inFile.length > 0, `expected a target in ${file}, got ${targets.map((t) => relativePath(t.uri)).join(', ')}`);
  const texts = await Promise.all(inFile.map((target) => textAt(target.uri, target.range)));
  assert.ok(texts.includes(exportName), `expected the range to cover "${exportName}", got ${JSON.stringify(texts)}`);
}

/** Whether a line of a template is a key inside an `Environment.Variables` mapping. */
function isEnvironmentVariableLine(document: vscode.TextDocument, line: number, name: string): boolean {
  const text = document.lineAt(line).text;
  if (!new RegExp(`^\\s*["']?${name}["']?\\s*:`).test(text)) return false;
  const indent = text.search(/\S/);
  for (let above = line - 1; above >= 0; above--) {
    const candidate = document.lineAt(above).text;
    if (!candidate.trim() || candidate.trim().startsWith('#')) continue;
    if (candidate.search(/\S/) < indent) return /^\s*Variables\s*:\s*$/.test(candidate);
  }
  return false;
}

/** The first `process.env.NAME` in a handler of the main template where NAME is declared for that function. */
async function findEnvironmentRead(resources: ResourceFacts[]): Promise<{ handler: vscode.TextDocument; name: string; position: vscode.Position }> {
  const looked: string[] = [];
  for (const resource of resources.filter((candidate) => candidate.handler)) {
    const declared = new Set(resource.environment.map((key) => key.text));
    const file = await expectedHandlerFile(mainRoute.template, resource).catch(() => undefined);
    if (!file) continue;
    const handler = await vscode.workspace.openTextDocument(workspaceUri(file));
    looked.push(file);
    for (const match of handler.getText().matchAll(/process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const name = match[1];
      if (!declared.has(name)) continue;
      const position = handler.positionAt((match.index ?? 0) + match[0].length - Math.ceil(name.length / 2));
      return { handler, name, position };
    }
  }
  throw new Error(`no handler reads process.env.X for a declared X (looked in ${looked.join(', ')})`);
}

describe('go to definition', function () {
  this.timeout(240_000);
  before(async () => {
    await waitUntilReady();
  });

  it(`goes from the Handler value in ${mainRoute.template} to the handler export`, async () => {
    const { document, resource } = await mainScenario();
    assert.ok(resource.handler, `${resource.logicalId.text} has a Handler`);
    const file = await expectedHandlerFile(mainRoute.template, resource);
    const targets = await definitionsWhenAvailable(document.uri, middleOf(document, resource.handler), 'a definition for the Handler value');
    await assertLandsOnExport(targets, file, splitHandler(resource.handler.text).exportName);
  });

  it(`goes from the Api event Path value to the handler export`, async () => {
    const { document, resource, routePath } = await mainScenario();
    assert.ok(resource.handler, `${resource.logicalId.text} has a Handler`);
    const file = await expectedHandlerFile(mainRoute.template, resource);
    const targets = await definitionsWhenAvailable(document.uri, middleOf(document, routePath), 'a definition for the Path value');
    await assertLandsOnExport(targets, file, splitHandler(resource.handler.text).exportName);
  });

  it('goes from process.env.X in a handler to Environment.Variables in a template', async () => {
    const { resources } = await mainScenario();
    const { handler, name, position } = await findEnvironmentRead(resources);
    // VS Code merges every definition provider's answer: once the TypeScript server has loaded the project it adds
    // Node's own `ProcessEnv` declaration (a .d.ts file). Only SAM Atlas's answer, the template, is checked here.
    const isTypeDeclaration = (target: Target) => /\.d\.[cm]?ts$/.test(target.uri.path);
    const targets = await poll(`a template definition for process.env.${name}`, async () => {
      const found = await definitionsWhenAvailable(handler.uri, position, `a definition for process.env.${name}`);
      return found.some((target) => !isTypeDeclaration(target)) ? found.filter((target) => !isTypeDeclaration(target)) : undefined;
    });
    for (const target of targets) {
      const template = await vscode.workspace.openTextDocument(target.uri);
      assert.match(relativePath(target.uri), /\.(ya?ml|json|template)$/, `the target ${target.uri.toString()} is a template`);
      assert.ok(
        isEnvironmentVariableLine(template, target.range.start.line, name),
        `target ${relativePath(target.uri)}:${target.range.start.line + 1} is not ${name} under Environment.Variables: "${template.lineAt(target.range.start.line).text}"`,
      );
    }
  });
});
