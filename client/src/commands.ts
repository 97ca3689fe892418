// Registers the SAM Atlas commands: refresh the views, open a handler, show the output, restart the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { AtlasData } from './atlasData';
import type { IndexStatusTracker } from './indexStatus';
import { isLocation, openHandlerCommand, openLocation, relativePath } from './locations';

/** The IDs of every command SAM Atlas contributes. */
export const commandIds = {
  refresh: 'samAtlas.refresh',
  openHandler: openHandlerCommand,
  showOutput: 'samAtlas.showOutput',
  restartServer: 'samAtlas.restartServer',
} as const;

/** What the commands act on. */
export interface CommandTargets {
  client: LanguageClient;
  data: AtlasData;
  tracker: IndexStatusTracker;
}

/** Registers the commands and returns their registrations. */
export function registerCommands({ client, data, tracker }: CommandTargets): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.refresh, async () => {
      await tracker.poll();
      await data.refresh();
    }),
    vscode.commands.registerCommand(commandIds.openHandler, (target?: unknown) =>
      isLocation(target) ? openLocation(target) : pickAndOpenHandler(data),
    ),
    vscode.commands.registerCommand(commandIds.showOutput, () => client.outputChannel.show(true)),
    vscode.commands.registerCommand(commandIds.restartServer, () => restartServer(client)),
  ];
}

/** Without a location (run from the command palette), lets the user choose a function and opens its handler. */
async function pickAndOpenHandler(data: AtlasData): Promise<void> {
  if (data.functions.length === 0) await data.refresh();
  const picks = data.functions.map((item) => ({
    label: item.logicalId,
    description: item.runtime,
    detail: relativePath(item.template),
    item,
  }));
  if (picks.length === 0) {
    void vscode.window.showInformationMessage('SAM Atlas found no Lambda functions in this workspace (yet).');
    return;
  }
  const choice = await vscode.window.showQuickPick(picks, {
    title: 'Open Handler',
    placeHolder: 'Choose a function to open its handler',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (choice) await openLocation(choice.item.handler ?? choice.item.location);
}

async function restartServer(client: LanguageClient): Promise<void> {
  try {
    await client.restart();
  } catch (error) {
    client.error('Restarting the SAM Atlas language server failed.', error, 'force');
  }
}
