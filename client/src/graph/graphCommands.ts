// Registers the dependency-graph commands: the whole system, or one function's neighbourhood (from an id, a tree item or the cursor).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FunctionsRequest, NodeAtRequest } from '../../../server/src/protocol';
import { GraphPanel, type GraphPanelContext } from './graphPanel';

/** The ids of the graph commands (contributed in package.json). */
export const graphCommandIds = {
  showGraph: 'samAtlas.showGraph',
  showGraphForFunction: 'samAtlas.showGraphForFunction',
} as const;

/** Registers the graph commands and returns their registrations. */
export function registerGraphCommands(context: GraphPanelContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(graphCommandIds.showGraph, () => {
      GraphPanel.show(context, {});
    }),
    vscode.commands.registerCommand(graphCommandIds.showGraphForFunction, async (target?: unknown, depth?: unknown) => {
      const focus = nodeIdFromArgument(target) ?? (await nodeAtCursor(context.client)) ?? (await pickFunction(context.client));
      if (!focus) return;
      const hops = typeof depth === 'number' ? depth : undefined;
      GraphPanel.show(context, { focus, upstream: hops, downstream: hops });
    }),
  ];
}

/**
 * The node id a command argument names: a string id, a function item (`{ id, logicalId }`) or a Functions view
 * node (`{ kind: 'function', item: { id } }`). A `Uri` (editor context menu) or anything else names none.
 */
export function nodeIdFromArgument(target: unknown): string | undefined {
  if (typeof target === 'string') return target || undefined;
  if (typeof target !== 'object' || target === null || target instanceof vscode.Uri) return undefined;
  const candidate = target as { id?: unknown; logicalId?: unknown; kind?: unknown; item?: { id?: unknown } };
  if (candidate.kind === 'function' && typeof candidate.item?.id === 'string') return candidate.item.id;
  if (typeof candidate.id === 'string' && typeof candidate.logicalId === 'string') return candidate.id;
  return undefined;
}

/** The function or state machine at the active editor's cursor, as the server sees it. */
async function nodeAtCursor(client: LanguageClient): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client.isRunning()) return undefined;
  const { line, character } = editor.selection.active;
  try {
    return (await client.sendRequest(NodeAtRequest.type, { uri: editor.document.uri.toString(), position: { line, character } })) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Lets the user choose a function when neither the argument nor the cursor names one. */
async function pickFunction(client: LanguageClient): Promise<string | undefined> {
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
    title: 'Show Dependency Graph',
    placeHolder: 'No function at the cursor: choose one to center the graph on',
    matchOnDetail: true,
  });
  return choice?.id;
}
