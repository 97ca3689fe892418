// The "Endpoints" sidebar view: API, then `METHOD path`, then the function serving it, then its handler.
import * as vscode from 'vscode';
import type { EndpointItem } from '../../../server/src/protocol';
import type { AtlasData } from '../atlasData';
import { longLabel, openCommand, relativeDirectory, relativePath, shortLabel } from '../locations';
import { groupBy, UniqueIds } from './treeIds';

/** A node of the Endpoints view. */
export type EndpointNode =
  | { kind: 'api'; id: string; api: string; template: string; routes: EndpointNode[] }
  | { kind: 'route'; id: string; method: string; path: string; endpoints: EndpointItem[]; functions: EndpointNode[] }
  | { kind: 'function'; id: string; endpoint: EndpointItem; handler: EndpointNode }
  | { kind: 'handler'; id: string; endpoint: EndpointItem };

/** Builds the Endpoints tree from the server's endpoint list (sorted by API, path and method). */
export function buildEndpointTree(endpoints: readonly EndpointItem[]): EndpointNode[] {
  const ids = new UniqueIds();
  const apis = groupBy(endpoints, (endpoint) => `${endpoint.template}\n${endpoint.api}`);
  return [...apis.values()].map((apiEndpoints) => {
    const { api, template } = apiEndpoints[0];
    const apiId = ids.take(`api|${template}|${api}`);
    const routes = groupBy(apiEndpoints, (endpoint) => `${endpoint.method} ${endpoint.path}`);
    return {
      kind: 'api',
      id: apiId,
      api,
      template,
      routes: [...routes.values()].map((routeEndpoints) => buildRoute(ids, apiId, routeEndpoints)),
    };
  });
}

function buildRoute(ids: UniqueIds, apiId: string, endpoints: EndpointItem[]): EndpointNode {
  const { method, path } = endpoints[0];
  const routeId = ids.take(`${apiId}|${method} ${path}`);
  const functions: EndpointNode[] = endpoints.map((endpoint) => {
    const functionId = ids.take(`${routeId}|${endpoint.functionId}`);
    const handler: EndpointNode = { kind: 'handler', id: ids.take(`${functionId}|handler`), endpoint };
    return { kind: 'function', id: functionId, endpoint, handler };
  });
  return { kind: 'route', id: routeId, method, path, endpoints, functions };
}

/** Supplies the Endpoints view, rebuilding it whenever the data refreshes. */
export class EndpointsTreeProvider implements vscode.TreeDataProvider<EndpointNode>, vscode.Disposable {
  private roots: EndpointNode[] = [];
  private readonly changed = new vscode.EventEmitter<EndpointNode | undefined>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly data: AtlasData) {
    this.subscription = data.onDidChange(() => {
      this.roots = buildEndpointTree(data.endpoints);
      this.changed.fire(undefined);
    });
  }

  getChildren(node?: EndpointNode): EndpointNode[] {
    if (!node) return this.roots;
    if (node.kind === 'api') return node.routes;
    if (node.kind === 'route') return node.functions;
    if (node.kind === 'function') return [node.handler];
    return [];
  }

  getTreeItem(node: EndpointNode): vscode.TreeItem {
    switch (node.kind) {
      case 'api':
        return apiItem(node.id, node.api, node.template, node.routes.length);
      case 'route':
        return routeItem(node.id, node.endpoints);
      case 'function':
        return this.functionItem(node.id, node.endpoint);
      case 'handler':
        return handlerItem(node.id, node.endpoint);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private functionItem(id: string, endpoint: EndpointItem): vscode.TreeItem {
    const definition = this.data.functionById(endpoint.functionId);
    const item = new vscode.TreeItem(endpoint.functionLogicalId, vscode.TreeItemCollapsibleState.Expanded);
    item.id = id;
    item.description = definition?.runtime;
    item.iconPath = new vscode.ThemeIcon('symbol-function');
    item.contextValue = 'samAtlas.function';
    const runtime = definition?.runtime ? `\nRuntime: ${definition.runtime}` : '';
    item.tooltip = `Function ${endpoint.functionLogicalId}${runtime}\nTemplate: ${relativePath(endpoint.template)}`;
    item.command = openCommand('Open Function', definition?.location, endpoint.location);
    return item;
  }
}

function apiItem(id: string, api: string, template: string, routeCount: number): vscode.TreeItem {
  const item = new vscode.TreeItem(api, vscode.TreeItemCollapsibleState.Expanded);
  item.id = id;
  item.description = relativePath(template);
  item.iconPath = new vscode.ThemeIcon('cloud');
  item.contextValue = 'samAtlas.api';
  item.tooltip = `API ${api}\n${relativePath(template)}\n${routeCount} ${routeCount === 1 ? 'route' : 'routes'}`;
  return item;
}

function routeItem(id: string, endpoints: EndpointItem[]): vscode.TreeItem {
  const [first] = endpoints;
  const item = new vscode.TreeItem(`${first.method} ${first.path}`, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  item.description = endpoints.map((endpoint) => endpoint.functionLogicalId).join(', ');
  item.iconPath = new vscode.ThemeIcon('symbol-method');
  item.contextValue = 'samAtlas.route';
  const handler = first.handler ? `Handler: ${longLabel(first.handler)}` : 'Handler not resolved';
  item.tooltip = `${first.method} ${first.path} → ${item.description}\nDeclared at ${longLabel(first.location)}\n${handler}`;
  item.command = openCommand('Open Handler', first.handler, first.location);
  return item;
}

function handlerItem(id: string, endpoint: EndpointItem): vscode.TreeItem {
  const { handler } = endpoint;
  const item = new vscode.TreeItem(handler ? shortLabel(handler) : 'handler not resolved');
  item.id = id;
  item.description = relativeDirectory(handler?.uri ?? endpoint.template);
  item.iconPath = handler
    ? new vscode.ThemeIcon('go-to-file')
    : new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  item.contextValue = handler ? 'samAtlas.handler' : 'samAtlas.unresolvedHandler';
  item.tooltip = handler
    ? `Handler of ${endpoint.functionLogicalId}\n${longLabel(handler)}`
    : `The handler of ${endpoint.functionLogicalId} was not found; opens the route in the template.`;
  item.command = openCommand('Open Handler', handler, endpoint.location);
  return item;
}
