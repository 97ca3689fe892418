// Registers the dependency-graph commands: the whole system, or one function's neighbourhood (from an id, a tree item or the cursor).
import * as vscode from 'vscode';
import { GraphPanel, type GraphPanelContext } from './graphPanel';
import { nodeAtCursor, pickFunction } from '../functionTarget';

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
      const focus = nodeIdFromArgument(target) ?? (await nodeAtCursor(context.client)) ?? (await pickFunction(context.client, 'Show Dependency Graph', 'No function at the cursor: choose one to center the graph on'));
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


