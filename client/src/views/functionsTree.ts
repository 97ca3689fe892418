// The "Functions" sidebar view: functions grouped by template, each with the endpoints it serves.
import * as vscode from 'vscode';
import type { FunctionItem } from '../../../server/src/protocol';
import type { AtlasData } from '../atlasData';
import { longLabel, openCommand, relativePath } from '../locations';
import { groupBy, UniqueIds } from './treeIds';

/** A node of the Functions view. */
export type FunctionNode =
  | { kind: 'template'; id: string; template: string; functions: FunctionNode[] }
  | { kind: 'function'; id: string; item: FunctionItem; endpoints: FunctionNode[] }
  | { kind: 'endpoint'; id: string; item: FunctionItem; method: string; path: string };

/** Above this many templates, template groups start collapsed so the view stays short. */
const expandedTemplateLimit = 20;

/** Builds the Functions tree from the server's function list (sorted by template and logical ID). */
export function buildFunctionTree(functions: readonly FunctionItem[]): FunctionNode[] {
  const ids = new UniqueIds();
  const templates = groupBy(functions, (item) => item.template);
  return [...templates].map(([template, items]) => {
    const templateId = ids.take(`template|${template}`);
    const children: FunctionNode[] = items.map((item) => {
      const functionId = ids.take(`${templateId}|${item.id}`);
      const endpoints: FunctionNode[] = item.endpoints.map(({ method, path }) => ({
        kind: 'endpoint',
        id: ids.take(`${functionId}|${method} ${path}`),
        item,
        method,
        path,
      }));
      return { kind: 'function', id: functionId, item, endpoints };
    });
    return { kind: 'template', id: templateId, template, functions: children };
  });
}

/** Supplies the Functions view, rebuilding it whenever the data refreshes. */
export class FunctionsTreeProvider implements vscode.TreeDataProvider<FunctionNode>, vscode.Disposable {
  private roots: FunctionNode[] = [];
  private readonly changed = new vscode.EventEmitter<FunctionNode | undefined>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly data: AtlasData) {
    this.subscription = data.onDidChange(() => {
      this.roots = buildFunctionTree(data.functions);
      this.changed.fire(undefined);
    });
  }

  getChildren(node?: FunctionNode): FunctionNode[] {
    if (!node) return this.roots;
    if (node.kind === 'template') return node.functions;
    if (node.kind === 'function') return node.endpoints;
    return [];
  }

  getTreeItem(node: FunctionNode): vscode.TreeItem {
    switch (node.kind) {
      case 'template':
        return templateItem(node.id, node.template, node.functions.length, this.roots.length);
      case 'function':
        return functionItem(node.id, node.item);
      case 'endpoint':
        return this.endpointItem(node);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private endpointItem(node: FunctionNode & { kind: 'endpoint' }): vscode.TreeItem {
    const { item, method, path } = node;
    const endpoint = this.data.findEndpoint(item.id, method, path);
    const treeItem = new vscode.TreeItem(`${method} ${path}`);
    treeItem.id = node.id;
    treeItem.description = endpoint?.api;
    treeItem.iconPath = new vscode.ThemeIcon('symbol-method');
    treeItem.contextValue = 'samAtlas.route';
    const declared = endpoint ? `\nDeclared at ${longLabel(endpoint.location)}` : '';
    treeItem.tooltip = `${method} ${path} → ${item.logicalId}${declared}`;
    treeItem.command = openCommand('Open Route', endpoint?.location, item.location);
    return treeItem;
  }
}

function templateItem(id: string, template: string, functionCount: number, templateCount: number): vscode.TreeItem {
  const expanded = templateCount <= expandedTemplateLimit;
  const state = expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(relativePath(template), state);
  item.id = id;
  item.resourceUri = vscode.Uri.parse(template);
  item.iconPath = vscode.ThemeIcon.File;
  item.description = `${functionCount} ${functionCount === 1 ? 'function' : 'functions'}`;
  item.contextValue = 'samAtlas.template';
  item.tooltip = `${relativePath(template)}\n${item.description}`;
  return item;
}

function functionItem(id: string, definition: FunctionItem): vscode.TreeItem {
  const state = definition.endpoints.length
    ? vscode.TreeItemCollapsibleState.Collapsed
    : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(definition.logicalId, state);
  item.id = id;
  item.description = definition.runtime;
  item.iconPath = new vscode.ThemeIcon('symbol-function');
  item.contextValue = 'samAtlas.function';
  const runtime = definition.runtime ? `\nRuntime: ${definition.runtime}` : '';
  const handler = definition.handler ? `Handler: ${longLabel(definition.handler)}` : 'Handler not resolved';
  item.tooltip = `Function ${definition.logicalId}${runtime}\n${handler}`;
  item.command = openCommand('Open Handler', definition.handler, definition.location);
  return item;
}
