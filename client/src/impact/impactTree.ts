// The "Impact" sidebar view's data: the rows of the last impact answer, as VS Code tree items.
import * as vscode from 'vscode';
import { openCommand } from '../locations';
import type { ImpactEntry, ImpactModel } from './impactModel';

/** A workspace-relative label for a file URI or an absolute path. */
export function pathLabel(value: string): string {
  const uri = /^[a-z][a-z0-9+.-]*:/i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  return vscode.workspace.asRelativePath(uri);
}

/** Supplies the Impact view from the last answer. */
export class ImpactTreeProvider implements vscode.TreeDataProvider<ImpactEntry>, vscode.Disposable {
  private model: ImpactModel | undefined;
  private readonly changed = new vscode.EventEmitter<ImpactEntry | undefined>();

  readonly onDidChangeTreeData = this.changed.event;

  /** The answer the view shows, if any. */
  get current(): ImpactModel | undefined {
    return this.model;
  }

  /** Replaces what the view shows. */
  show(model: ImpactModel | undefined): void {
    this.model = model;
    this.changed.fire(undefined);
  }

  getChildren(entry?: ImpactEntry): ImpactEntry[] {
    if (!entry) return this.model?.roots ?? [];
    return entry.children;
  }

  getTreeItem(entry: ImpactEntry): vscode.TreeItem {
    const state = entry.children.length === 0
      ? vscode.TreeItemCollapsibleState.None
      : entry.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(entry.label, state);
    item.id = entry.key;
    item.description = entry.description;
    item.tooltip = entry.tooltip;
    item.iconPath = new vscode.ThemeIcon(entry.icon, entry.iconColor ? new vscode.ThemeColor(entry.iconColor) : undefined);
    item.contextValue = entry.contextValue;
    item.command = openCommand('Open', entry.location);
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
