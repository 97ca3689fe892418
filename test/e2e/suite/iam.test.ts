// Extension-host tests: IAM hovers, permission diagnostics and the quick fix, applied to an unsaved copy and reverted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import {
  answerKey,
  diagnosticsWhen,
  expectedHandlerFile,
  hoverTextAt,
  middleOf,
  poll,
  relativePath,
  resourceOf,
  revert,
  waitUntilReady,
  workspaceUri,
} from './helpers';

const cancel = { template: 'orders/template.yaml', logicalId: 'CancelOrderFunction' };

/** The actions the answer key says CancelOrderFunction's policies do not allow. */
async function missingActions(): Promise<string[]> {
  const entry = (await answerKey()).actions.get(`${cancel.template}#${cancel.logicalId}`);
  assert.ok(entry?.missing.length, `the answer key marks a missing action of ${cancel.logicalId}`);
  return entry.missing;
}

/** The quick fixes offered on a diagnostic (the provider needs the document open). */
async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri);
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range)) ?? [];
  return actions.filter((action): action is vscode.CodeAction => 'kind' in action && !!action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind) && !!action.edit);
}

describe('IAM', function () {
  this.timeout(240_000);
  before(async () => {
    await waitUntilReady();
  });

  it(`shows the permissions table with a ✗ for each missing action on ${cancel.logicalId}`, async () => {
    const missing = await missingActions();
    const { document, resource } = await resourceOf(cancel.template, cancel.logicalId);
    const text = await poll('a hover with the permissions table', async () => {
      const found = await hoverTextAt(document.uri, middleOf(document, resource.logicalId));
      return found.includes('|') && found.includes('✗') ? found : undefined;
    });
    const rows = text.split('\n').filter((line) => line.trim().startsWith('|'));
    for (const action of missing) {
      assert.ok(rows.some((row) => row.includes('✗') && row.includes(action)), `a ✗ row for ${action}:\n${rows.join('\n')}`);
      assert.ok(!rows.some((row) => row.includes('✓') && row.includes(`\`${action}\``)), `${action} is not marked allowed`);
    }
  });

  it('reports missing-permission in the handler and the template, and wildcard-permission in basket/template.yaml', async () => {
    const { resource, document } = await resourceOf(cancel.template, cancel.logicalId);
    const handler = workspaceUri(await expectedHandlerFile(cancel.template, resource));
    const [inCode] = await diagnosticsWhen(handler, 'missing-permission', `missing-permission in ${relativePath(handler)}`, (found) => found.length > 0);
    for (const action of await missingActions()) assert.ok(inCode.message.includes(action.split(':')[1]), `the message names ${action}: ${inCode.message}`);
    const line = document.positionAt(resource.logicalId.start).line;
    await diagnosticsWhen(document.uri, 'missing-permission', `missing-permission on ${cancel.logicalId}`, (found) => found.some((d) => d.range.start.line === line));
    const basket = await resourceOf('basket/template.yaml', 'AddItemFunction');
    const [wildcard] = await diagnosticsWhen(basket.document.uri, 'wildcard-permission', 'wildcard-permission in basket/template.yaml', (found) => found.length > 0);
    assert.ok(wildcard.message.includes('AddItemFunction'), wildcard.message);
    assert.equal(wildcard.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('offers a quick fix on the handler diagnostic', async () => {
    const { resource } = await resourceOf(cancel.template, cancel.logicalId);
    const handler = workspaceUri(await expectedHandlerFile(cancel.template, resource));
    const [diagnostic] = await diagnosticsWhen(handler, 'missing-permission', 'missing-permission in the handler', (found) => found.length > 0);
    const fixes = await poll('a quick fix on the handler', async () => {
      const found = await quickFixes(handler, diagnostic);
      return found.length ? found : undefined;
    });
    assert.ok(fixes[0].edit!.entries().some(([uri]) => relativePath(uri) === cancel.template), `the fix edits ${cancel.template}`);
  });

  it('applies the template quick fix to an unsaved copy: the diagnostics go away, and come back after revert', async () => {
    const { document, resource } = await resourceOf(cancel.template, cancel.logicalId);
    const handler = workspaceUri(await expectedHandlerFile(cancel.template, resource));
    const line = document.positionAt(resource.logicalId.start).line;
    const onDisk = readFileSync(document.uri.fsPath, 'utf8');
    const [diagnostic] = await diagnosticsWhen(document.uri, 'missing-permission', 'missing-permission on the template', (found) => found.some((d) => d.range.start.line === line));
    const fixes = await poll('a quick fix on the template', async () => {
      const found = await quickFixes(document.uri, diagnostic);
      return found.length ? found : undefined;
    });
    const fix = fixes.find((candidate) => candidate.isPreferred) ?? fixes[0];
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit!), `"${fix.title}" applies`);
      assert.ok(document.isDirty, 'the template is edited in memory, not saved');
      assert.equal(readFileSync(document.uri.fsPath, 'utf8'), onDisk, 'the file on disk is untouched');
      await diagnosticsWhen(document.uri, 'missing-permission', 'the template diagnostic to go away', (found) => !found.some((d) => d.range.start.line === line));
      await diagnosticsWhen(handler, 'missing-permission', 'the handler diagnostic to go away', (found) => found.length === 0);
    } finally {
      await revert(document);
    }
    assert.equal(document.getText(), onDisk);
    await diagnosticsWhen(document.uri, 'missing-permission', 'the template diagnostic to come back', (found) => found.some((d) => d.range.start.line === line));
    await diagnosticsWhen(handler, 'missing-permission', 'the handler diagnostic to come back', (found) => found.length > 0);
  });
});
