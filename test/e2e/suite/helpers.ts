// Helpers for the extension-host suite: the extension's API, polling with deadlines, and facts read from examples/shop.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { ImpactEntry } from '../../../client/src/impact/impactModel';
import type { ImpactTreeProvider } from '../../../client/src/impact/impactTree';
import type { IndexStatus } from '../../../server/src/protocol/index';
import { readAnswerKey, type AnswerKey } from '../shared/flows';
import { findRoute, handlerFileCandidates, readResources, type ResourceFacts, type TextSpan } from '../shared/templates';

/** The extension's identifier (`publisher.name` in package.json). */
export const extensionId = 'sam-atlas.sam-atlas';
/** The route the demo workspace is known to serve, used as the main scenario. */
export const mainRoute = { method: 'GET', path: '/basket/{id}', template: 'basket/template.yaml' };

/** What `activate` returns. */
export interface SamAtlasApi {
  whenReady(): Promise<IndexStatus>;
  client: { sendRequest<R>(method: string, params?: unknown): Promise<R> };
  views: { impact: ImpactTreeProvider };
  impactView: vscode.TreeView<ImpactEntry>;
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

/** The answer key of the example (FLOWS.md at the workspace root). */
export async function answerKey(): Promise<AnswerKey> {
  const bytes = await vscode.workspace.fs.readFile(workspaceUri('FLOWS.md'));
  return readAnswerKey(new TextDecoder().decode(bytes));
}

/** A node id of the answer key (`basket/template.yaml#GetBasketFunction`) as the server names it (absolute template path). */
export function serverId(relativeId: string): string {
  const hash = relativeId.lastIndexOf('#');
  return `${workspaceUri(relativeId.slice(0, hash)).fsPath}#${relativeId.slice(hash + 1)}`;
}

/** A resource of a template, by logical ID, with the template opened as a document. */
export async function resourceOf(templatePath: string, logicalId: string): Promise<{ document: vscode.TextDocument; resource: ResourceFacts }> {
  const document = await openDocument(templatePath);
  const resource = readResources(document.getText()).find((candidate) => candidate.logicalId.text === logicalId);
  if (!resource) throw new Error(`${templatePath} declares no ${logicalId}`);
  return { document, resource };
}

/** The code of a diagnostic as a string (VS Code may wrap it with a link target). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}

/** The SAM Atlas diagnostics of a file with a given code. */
export function diagnosticsWithCode(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => codeOf(diagnostic) === code);
}

/** Polls until `check` holds for the SAM Atlas diagnostics of a file with a code, and returns them. */
export function diagnosticsWhen(uri: vscode.Uri, code: string, what: string, check: (found: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return poll(what, async () => {
    const found = diagnosticsWithCode(uri, code);
    return check(found) ? found : undefined;
  }, timeoutMs);
}

/** The text of every hover at a position, joined. */
export async function hoverTextAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Reverts a document to its saved text without saving, and waits until it is clean. */
export async function revert(document: vscode.TextDocument): Promise<void> {
  if (!document.isDirty) return;
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await poll(`${relativePath(document.uri)} to be reverted`, async () => (document.isDirty ? undefined : true), 10_000);
}

/** `git status --short` of the workspace folder, paths relative to it, untracked files one by one; undefined without git. */
export function gitStatus(): Promise<string | undefined> {
  const args = ['-c', 'status.relativePaths=true', '-c', 'color.status=never', '-c', 'core.quotePath=false', 'status', '--short', '--untracked-files=all', '--', '.'];
  return new Promise((resolve) => {
    execFile('git', args, { cwd: workspaceRoot().fsPath }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}
