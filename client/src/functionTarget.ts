// Which function a command is about: the one at the editor's cursor (asked of the server), or one the user picks.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FunctionsRequest, NodeAtRequest } from '../../server/src/protocol';

/** The function or state machine at the active editor's cursor, as the server sees it. */
export async function nodeAtCursor(client: LanguageClient): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client.isRunning()) return undefined;
  const { line, character } = editor.selection.active;
  try {
    return (await client.sendRequest(NodeAtRequest.type, { uri: editor.document.uri.toString(), position: { line, character } })) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Lets the user choose a function when neither a command argument nor the cursor names one. */
export async function pickFunction(client: LanguageClient, title: string, placeHolder: string): Promise<string | undefined> {
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage('The SAM Atlas language server is not running.');
    return undefined;
  }
  const functions = await client.sendRequest(FunctionsRequest.type, {}).catch(() => []);
  if (functions.length === 0) {
    void vscode.window.showInformationMessage('SAM Atlas found no Lambda functions in this workspace (yet).');
    return undefined;
  }
  const picks = functions.map((item) => ({ label: item.logicalId, description: item.runtime, detail: vscode.workspace.asRelativePath(vscode.Uri.parse(item.template)), id: item.id }));
  const choice = await vscode.window.showQuickPick(picks, {
    title,
    placeHolder,
    matchOnDetail: true,
  });
  return choice?.id;
}
