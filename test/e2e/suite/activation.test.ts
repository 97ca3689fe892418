// Extension-host tests: the extension activates on examples/shop and its index becomes ready.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readResources } from '../shared/templates';
import { extensionId, getApi, openDocument, templateFiles, waitUntilReady } from './helpers';

describe('activation', function () {
  this.timeout(240_000);

  it('activates on examples/shop and returns its API', async () => {
    const api = await getApi();
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
    assert.equal(typeof api.whenReady, 'function');
    assert.equal(typeof api.client?.sendRequest, 'function');
  });

  it('indexes every template and function of the workspace', async () => {
    const status = await waitUntilReady();
    assert.equal(status.state, 'ready');
    const templates = await templateFiles();
    let functions = 0;
    for (const template of templates) {
      const document = await openDocument(template);
      functions += readResources(document.getText()).filter((resource) => resource.type === 'AWS::Serverless::Function').length;
    }
    assert.ok(templates.length > 0, 'the workspace has templates');
    assert.ok(status.templates >= templates.length, `index saw ${status.templates} templates, the workspace has ${templates.length}`);
    assert.ok(status.functions >= functions, `index saw ${status.functions} functions, the templates declare ${functions}`);
  });
});
