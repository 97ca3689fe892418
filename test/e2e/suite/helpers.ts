// Helpers for the extension-host suite: the extension's API, polling with deadlines, and facts read from examples/shop.
import * as vscode from 'vscode';
import type { IndexStatus } from '../../../server/src/protocol/index';
import { findRoute, handlerFileCandidates, readResources, type ResourceFacts, type TextSpan } from '../shared/templates';

/** The extension's identifier (`publisher.name` in package.json). */
export const extensionId = 'sam-atlas.sam-atlas';
/** The route the demo workspace is known to serve, used as the main scenario. */
export const mainRoute = { method: 'GET', path: '/basket/{id}', template: 'basket/template.yaml' };

/** What `activate` returns. */
export interface SamAtlasApi {
  whenReady(): Promise<IndexStatus>;
  client: { sendRequest<R>(method: string, params?: unknown): Promise<R> };
}

/** A definition result, whether the provider returned a Location or a LocationLink. */
export interface Target {
  uri: vscode.Uri;
  range: vscode.Range;
}

/** Activates the extension and returns its API. */
export async function getApi(): Promise<SamAtlasApi> {
  const extension = vscode.extensions.getExtension<SamAtlasApi>(extensionId);
  if (!extension) throw new Error(`extension ${extensionId} is not loaded`);
  const api = await extension.activate();
  if (!api || typeof api.whenReady !== 'function') throw new Error('activate() did not return { whenReady, client }');
  return api;
}

/** Rejects with a clear message when a promise takes longer than `timeoutMs`. */
export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The shared wait for readiness; on globalThis because every test file is bundled with its own copy of this module. */
const shared = globalThis as typeof globalThis & { samAtlasReady?: Promise<IndexStatus> };

/**
 * Waits until the language server has indexed the workspace.
 * Waits once for the whole run: after a timeout, later callers fail at once with the same error.
 */
export function waitUntilReady(timeoutMs = 180_000): Promise<IndexStatus> {
  shared.samAtlasReady ??= getApi().then((api) => withDeadline(api.whenReady(), timeoutMs, 'the SAM Atlas index to be ready'));
  return shared.samAtlasReady;
}

/**
 * Calls `probe` until it returns a value other than undefined, or until the deadline passes.
 * Errors thrown by `probe` count as "not yet" and are reported if the deadline passes.
 */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The workspace folder (examples/shop). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

/** A workspace-relative path as a URI. */
export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Opens a workspace-relative file as a text document. */
export function openDocument(relativePath: string): Promise<vscode.TextDocument> {
  return Promise.resolve(vscode.workspace.openTextDocument(workspaceUri(relativePath)));
}

/** The workspace-relative path of a URI, with forward slashes. */
export function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
}

/** A position in the middle of a span of a document. */
export function middleOf(document: vscode.TextDocument, span: TextSpan): vscode.Position {
  return document.positionAt(span.start + Math.floor((span.end - span.start) / 2));
}

/** Runs the definition provider and normalises its answer. */
export async function definitions(uri: vscode.Uri, position: vscode.Position): Promise<Target[]> {
  const answer = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, position);
  return (answer ?? []).map((item) =>
    'targetUri' in item ? { uri: item.targetUri, range: item.targetSelectionRange ?? item.targetRange } : { uri: item.uri, range: item.range },
  );
}

/** Polls the definition provider until it answers something. */
export function definitionsWhenAvailable(uri: vscode.Uri, position: vscode.Position, what: string): Promise<Target[]> {
  return poll(what, async () => {
    const targets = await definitions(uri, position);
    return targets.length ? targets : undefined;
  });
}

/** The text a range covers. */
export async function textAt(uri: vscode.Uri, range: vscode.Range): Promise<string> {
  const document = await vscode.workspace.openTextDocument(uri);
  return document.getText(range);
}

/** The main scenario: the resources of basket/template.yaml and the function serving GET /basket/{id}. */
export async function mainScenario(): Promise<{ document: vscode.TextDocument; resources: ResourceFacts[]; resource: ResourceFacts; routePath: TextSpan }> {
  const document = await openDocument(mainRoute.template);
  const resources = readResources(document.getText());
  const found = findRoute(resources, mainRoute.method, mainRoute.path);
  if (!found) throw new Error(`${mainRoute.template} declares no ${mainRoute.method} ${mainRoute.path} route`);
  return { document, resources, resource: found.resource, routePath: found.route.path };
}

/** The workspace-relative handler file of a function of a template, checked to exist. */
export async function expectedHandlerFile(templatePath: string, resource: ResourceFacts): Promise<string> {
  const templateFolder = templatePath.includes('/') ? templatePath.slice(0, templatePath.lastIndexOf('/')) : '';
  const candidates = handlerFileCandidates(templateFolder, resource);
  for (const candidate of candidates) {
    try {
      await vscode.workspace.fs.stat(workspaceUri(candidate));
      return candidate;
    } catch {
      // Not this one; try the next candidate.
    }
  }
  throw new Error(`no handler file for ${resource.logicalId.text} among ${candidates.join(', ')}`);
}

/** Every template of the workspace, as workspace-relative paths. */
export async function templateFiles(): Promise<string[]> {
  const uris = await vscode.workspace.findFiles('**/template.{yaml,yml}', '**/{node_modules,.aws-sam}/**');
  return uris.map(relativePath).sort();
}
