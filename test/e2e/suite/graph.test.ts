// Extension-host tests: the dependency-graph commands open the graph's webview panel, from the palette and from the Impact view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { poll, serverId, waitUntilReady } from './helpers';

/** The graph panel's title, as contributed by the extension's command title. */
const panelTitle = /Dependency Graph/;

function graphTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && panelTitle.test(tab.label));
}

async function closeGraphTabs(): Promise<void> {
  const tabs = graphTabs();
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

describe('dependency graph', function () {
  this.timeout(240_000);
  before(async () => {
    await waitUntilReady();
    await closeGraphTabs();
  });
  after(closeGraphTabs);

  it('samAtlas.showGraph opens a webview tab', async () => {
    await vscode.commands.executeCommand('samAtlas.showGraph');
    const [tab] = await poll('a dependency-graph webview tab', async () => (graphTabs().length ? graphTabs() : undefined), 20_000);
    assert.ok((tab.input as vscode.TabInputWebview).viewType.includes('samAtlas.graph'), `view type ${(tab.input as vscode.TabInputWebview).viewType}`);
    assert.equal(graphTabs().length, 1);
    await closeGraphTabs();
  });

  it("the Impact view's graph action focuses the graph on the function", async () => {
    const id = serverId('basket/template.yaml#GetBasketFunction');
    await vscode.commands.executeCommand('samAtlas.showImpact', id);
    await vscode.commands.executeCommand('samAtlas.impact.showInGraph');
    await poll('a dependency-graph webview tab', async () => (graphTabs().length ? true : undefined), 20_000);
    assert.equal(graphTabs().length, 1, 'one graph panel');
  });
});
