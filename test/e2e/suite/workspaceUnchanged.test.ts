// Extension-host tests, run last (files run in name order): the suite left examples/shop as it found it, on disk and in the editors.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { gitStatus, relativePath, workspaceRoot } from './helpers';

describe('workspace unchanged', function () {
  this.timeout(60_000);

  it('leaves no edited editor and no change on disk in the workspace', async function () {
    const root = workspaceRoot().fsPath;
    const dirty = vscode.workspace.textDocuments.filter((document) => document.isDirty && document.uri.fsPath.startsWith(root));
    assert.deepEqual(dirty.map((document) => relativePath(document.uri)), [], 'no unsaved edits left behind');
    const before = await (globalThis as { samAtlasGitBefore?: Promise<string | undefined> }).samAtlasGitBefore;
    const after = await gitStatus();
    if (before === undefined || after === undefined) this.skip();
    assert.equal(after, before, 'git status of the workspace is what it was before the suite');
  });
});
