// Extension-host tests: diagnostics follow typing — a bad !Ref inserted by an editor edit is reported, and undo clears it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhen, resourceOf, revert, waitUntilReady } from './helpers';

const template = 'promos/template.yaml';

describe('diagnostics while typing', function () {
  this.timeout(240_000);
  before(async () => {
    await waitUntilReady();
  });

  it(`reports unknown-reference on an inserted !Ref NoSuchThing in ${template}, and clears it on undo`, async () => {
    const { document, resource } = await resourceOf(template, 'PromosFunction');
    const [firstVariable] = resource.environment;
    assert.ok(firstVariable, 'PromosFunction has an environment variable to insert next to');
    const original = document.getText();
    const at = document.positionAt(firstVariable.start);
    const indent = document.lineAt(at.line).text.slice(0, at.character);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    try {
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(at.line, 0), `${indent}NO_SUCH_THING: !Ref NoSuchThing\n`)), 'the edit applies');
      assert.match(document.lineAt(at.line).text, /!Ref NoSuchThing$/);
      const [found] = await diagnosticsWhen(document.uri, 'unknown-reference', 'unknown-reference on the inserted line', (list) => list.some((d) => d.range.start.line === at.line));
      assert.ok(found.message.includes('NoSuchThing'), found.message);
      await vscode.window.showTextDocument(document, { preview: false });
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), original, 'undo restores the text');
      await diagnosticsWhen(document.uri, 'unknown-reference', 'unknown-reference to go away', (list) => list.length === 0);
    } finally {
      await revert(document);
    }
  });
});
