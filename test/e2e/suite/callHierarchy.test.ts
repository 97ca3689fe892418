// Extension-host tests: call hierarchy through VS Code's own commands, checked against the example's answer key (FLOWS.md).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { callersOf, calleesOf, logicalIdOf } from '../shared/flows';
import { splitHandler } from '../shared/templates';
import { answerKey, expectedHandlerFile, middleOf, poll, relativePath, resourceOf, waitUntilReady, workspaceUri } from './helpers';

/** Prepares the call hierarchy at a position, polling until the server answers with an item. */
function prepare(uri: vscode.Uri, position: vscode.Position, what: string): Promise<vscode.CallHierarchyItem[]> {
  return poll(`a call hierarchy item for ${what}`, async () => {
    const items = await vscode.commands.executeCommand<vscode.CallHierarchyItem[]>('vscode.prepareCallHierarchy', uri, position);
    return items?.length ? items : undefined;
  });
}

/** Prepares the call hierarchy on a function's logical ID in its template. */
async function prepareOnLogicalId(relativeId: string): Promise<vscode.CallHierarchyItem> {
  const hash = relativeId.lastIndexOf('#');
  const { document, resource } = await resourceOf(relativeId.slice(0, hash), relativeId.slice(hash + 1));
  const [item] = await prepare(document.uri, middleOf(document, resource.logicalId), relativeId);
  return item;
}

/** The template folder of a node id (`pricing/` for `pricing/template.yaml#PricingFunction`). */
function folderOf(relativeId: string): string {
  const template = relativeId.slice(0, relativeId.lastIndexOf('#'));
  return template.slice(0, template.lastIndexOf('/') + 1);
}

/** Asserts that outgoing calls name exactly the designed callees, each item in the callee's service folder. */
async function assertOutgoing(item: vscode.CallHierarchyItem, relativeId: string): Promise<void> {
  const expected = calleesOf(await answerKey(), relativeId);
  assert.ok(expected.length > 0, `the answer key gives ${relativeId} callees`);
  const calls = await vscode.commands.executeCommand<vscode.CallHierarchyOutgoingCall[]>('vscode.provideOutgoingCalls', item);
  const names = [...new Set(calls.map((call) => call.to.name))].sort();
  assert.deepEqual(names, expected.map(logicalIdOf).sort(), `outgoing calls of ${item.name}`);
  for (const id of expected) {
    const call = calls.find((candidate) => candidate.to.name === logicalIdOf(id));
    assert.ok(call && relativePath(call.to.uri).startsWith(folderOf(id)), `${logicalIdOf(id)} opens in ${folderOf(id)}, not ${call && relativePath(call.to.uri)}`);
    assert.ok(call.fromRanges.length > 0, `the call to ${call.to.name} has a range`);
  }
}

describe('call hierarchy', function () {
  this.timeout(240_000);
  before(async () => {
    await waitUntilReady();
  });

  it('goes from GetBasketFunction (template logical ID) to the functions it invokes', async () => {
    const item = await prepareOnLogicalId('basket/template.yaml#GetBasketFunction');
    assert.equal(item.name, 'GetBasketFunction');
    await assertOutgoing(item, 'basket/template.yaml#GetBasketFunction');
  });

  it('lists every caller of AuthFunction as incoming calls', async () => {
    const id = 'auth/template.yaml#AuthFunction';
    const expected = callersOf(await answerKey(), id);
    assert.ok(expected.length >= 5, `the answer key gives AuthFunction its five callers (${expected.join(', ')})`);
    const item = await prepareOnLogicalId(id);
    const calls = await vscode.commands.executeCommand<vscode.CallHierarchyIncomingCall[]>('vscode.provideIncomingCalls', item);
    const names = [...new Set(calls.map((call) => call.from.name))].sort();
    assert.deepEqual(names, expected.map(logicalIdOf).sort());
  });

  it('works on the handler export in basket/src/handlers/get.ts', async () => {
    const { resource } = await resourceOf('basket/template.yaml', 'GetBasketFunction');
    assert.ok(resource.handler, 'GetBasketFunction has a Handler');
    const file = await expectedHandlerFile('basket/template.yaml', resource);
    const document = await vscode.workspace.openTextDocument(workspaceUri(file));
    const exportName = splitHandler(resource.handler.text).exportName;
    const declaration = new RegExp(`export\\s+(?:const|let|var|async\\s+function|function)\\s+(${exportName})\\b`).exec(document.getText());
    assert.ok(declaration, `${file} declares export ${exportName}`);
    const offset = declaration.index + declaration[0].length - exportName.length + 1;
    const [item] = await prepare(document.uri, document.positionAt(offset), `the export ${exportName} of ${file}`);
    assert.equal(item.name, 'GetBasketFunction');
    await assertOutgoing(item, 'basket/template.yaml#GetBasketFunction');
  });
});
