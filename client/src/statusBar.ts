// The status bar item showing whether SAM Atlas is indexing, how many functions it found, or that it stopped.
import * as vscode from 'vscode';
import type { IndexStatus } from '../../server/src/protocol';

/** The command VS Code generates to focus the Functions view. */
const focusFunctionsCommand = 'samAtlas.functions.focus';

/** What the status bar shows: the client's state and, once running, the index status. */
export type StatusBarState = { kind: 'starting' } | { kind: 'stopped' } | { kind: 'running'; status?: IndexStatus };

/** Creates the SAM Atlas status bar item and returns it with a function that updates it. */
export function createStatusBar(): { item: vscode.StatusBarItem; show(state: StatusBarState): void } {
  const item = vscode.window.createStatusBarItem('samAtlas.status', vscode.StatusBarAlignment.Left, 0);
  item.name = 'SAM Atlas';
  const show = (state: StatusBarState): void => {
    render(item, state);
    item.show();
  };
  show({ kind: 'starting' });
  return { item, show };
}

function render(item: vscode.StatusBarItem, state: StatusBarState): void {
  item.backgroundColor = undefined;
  if (state.kind === 'stopped') {
    item.text = '$(error) SAM Atlas: stopped';
    item.tooltip = 'The SAM Atlas language server is not running. Click to show its output.';
    item.command = 'samAtlas.showOutput';
    item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    return;
  }
  item.command = { command: focusFunctionsCommand, title: 'Show SAM Atlas Functions' };
  const status = state.kind === 'running' ? state.status : undefined;
  if (!status || status.state === 'indexing') {
    item.text = '$(sync~spin) SAM Atlas: indexing…';
    item.tooltip = status ? `Indexing SAM templates (${describe(status)} so far)` : 'Starting SAM Atlas';
    return;
  }
  item.text = `$(type-hierarchy) SAM Atlas: ${plural(status.functions, 'function')}`;
  const cached = status.fromCache ? ` (${plural(status.fromCache, 'file')} from the cache)` : '';
  const elapsed = status.elapsedMs === undefined ? '' : `, indexed in ${(status.elapsedMs / 1000).toFixed(1)} s${cached}`;
  item.tooltip = `SAM Atlas: ${describe(status)}${elapsed}. Click to show the functions.`;
}

function describe(status: IndexStatus): string {
  return `${plural(status.templates, 'template')}, ${plural(status.functions, 'function')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
