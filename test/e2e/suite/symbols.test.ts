// Extension-host tests: workspace symbols find routes, document symbols list a template's resources.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mainRoute, mainScenario, poll, relativePath, waitUntilReady } from './helpers';

function allNames(symbols: (vscode.DocumentSymbol | vscode.SymbolInformation)[]): string[] {
  return symbols.flatMap((symbol) => [symbol.name, ...('children' in symbol ? allNames(symbol.children) : [])]);
}

describe('symbols', function () {
  this.timeout(240_000);
  before(async () => {
    await waitUntilReady();
  });

  it(`finds the route ${mainRoute.method} ${mainRoute.path} as a workspace symbol`, async () => {
    const query = `${mainRoute.method} ${mainRoute.path}`;
    const symbols = await poll(`workspace symbols for "${query}"`, async () => {
      const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query);
      return found?.length ? found : undefined;
    });
    const route = symbols.find((symbol) => symbol.name.includes(mainRoute.path) && symbol.name.toUpperCase().includes(mainRoute.method));
    assert.ok(route, `no symbol named like "${query}" among ${symbols.map((s) => s.name).join(', ')}`);
    assert.ok(relativePath(route.location.uri).startsWith('basket/'), `the route symbol points at ${relativePath(route.location.uri)}`);
  });

  it(`lists the Resources of ${mainRoute.template} as document symbols`, async () => {
    const { document, resources } = await mainScenario();
    const symbols = await poll('document symbols', async () => {
      const found = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
        'vscode.executeDocumentSymbolProvider',
        document.uri,
      );
      return found?.length ? found : undefined;
    });
    const names = allNames(symbols);
    assert.ok(names.includes('Resources'), `no "Resources" symbol among ${names.join(', ')}`);
    const missing = resources.map((resource) => resource.logicalId.text).filter((logicalId) => !names.includes(logicalId));
    assert.deepEqual(missing, [], 'every resource appears as a symbol');
  });
});
