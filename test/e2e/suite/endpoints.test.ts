// Extension-host tests: the samAtlas/endpoints request and the Endpoints view show the workspace's routes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EndpointItem } from '../../../server/src/protocol/index';
import { readResources, splitHandler } from '../shared/templates';
import { expectedHandlerFile, getApi, mainRoute, mainScenario, openDocument, templateFiles, waitUntilReady } from './helpers';

describe('endpoints', function () {
  this.timeout(240_000);
  before(async () => {
    await waitUntilReady();
  });

  it('lists every Api and HttpApi route of the example templates', async () => {
    const api = await getApi();
    const endpoints = await api.client.sendRequest<EndpointItem[]>('samAtlas/endpoints', {});
    const listed = new Set(endpoints.map((endpoint) => `${endpoint.method.toUpperCase()} ${endpoint.path}`));
    const declared: string[] = [];
    for (const template of await templateFiles()) {
      const document = await openDocument(template);
      for (const resource of readResources(document.getText())) declared.push(...resource.routes.map((route) => `${route.method} ${route.path.text}`));
    }
    assert.ok(declared.length > 0, 'the example declares routes');
    assert.deepEqual(declared.filter((route) => !listed.has(route)), [], 'every declared route is listed');
  });

  it(`gives ${mainRoute.method} ${mainRoute.path} its handler export`, async () => {
    const api = await getApi();
    const { resource } = await mainScenario();
    assert.ok(resource.handler);
    const endpoints = await api.client.sendRequest<EndpointItem[]>('samAtlas/endpoints', {});
    const endpoint = endpoints.find((item) => item.method.toUpperCase() === mainRoute.method && item.path === mainRoute.path);
    assert.ok(endpoint, `no ${mainRoute.method} ${mainRoute.path} endpoint`);
    assert.equal(endpoint.functionLogicalId, resource.logicalId.text);
    assert.ok(endpoint.handler, 'the endpoint has a resolved handler location');
    const file = await expectedHandlerFile(mainRoute.template, resource);
    const uri = vscode.Uri.parse(endpoint.handler.uri);
    assert.equal(vscode.workspace.asRelativePath(uri, false), file);
    const { start, end } = endpoint.handler.range;
    const handler = await vscode.workspace.openTextDocument(uri);
    assert.equal(handler.getText(new vscode.Range(start.line, start.character, end.line, end.character)), splitHandler(resource.handler.text).exportName);
  });

  it('reveals the Endpoints view', async () => {
    await vscode.commands.executeCommand('samAtlas.endpoints.focus');
  });
});
