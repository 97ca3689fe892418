// Converts protocol locations to VS Code ones, labels workspace files, and opens locations in an editor.
import * as vscode from 'vscode';
import type { Location } from 'vscode-languageclient';

/** The command tree items run to open a location (registered in commands.ts). */
export const openHandlerCommand = 'samAtlas.openHandler';

/** Converts a protocol location (URI string, zero-based positions) into a VS Code location. */
export function toVscodeLocation(location: Location): vscode.Location {
  const { start, end } = location.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  return new vscode.Location(vscode.Uri.parse(location.uri), range);
}

/** Whether a value has the shape of a protocol location (command arguments arrive untyped). */
export function isLocation(value: unknown): value is Location {
  const candidate = value as Partial<Location> | undefined;
  return typeof candidate?.uri === 'string' && typeof candidate.range?.start?.line === 'number';
}

/** A file URI as a workspace-relative path (`services/orders/template.yaml`). */
export function relativePath(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
}

/** The workspace-relative folder of a file URI (`src/orders`), or undefined at the workspace root. */
export function relativeDirectory(uri: string): string | undefined {
  const relative = relativePath(uri);
  const slash = relative.lastIndexOf('/');
  return slash > 0 ? relative.slice(0, slash) : undefined;
}

/** A short label for a location: the file name and one-based line (`index.ts:12`). */
export function shortLabel(location: Location): string {
  const filePath = vscode.Uri.parse(location.uri).path;
  return `${filePath.slice(filePath.lastIndexOf('/') + 1)}:${location.range.start.line + 1}`;
}

/** A workspace-relative label for a location with its one-based line (`src/orders/index.ts:12`). */
export function longLabel(location: Location): string {
  return `${relativePath(location.uri)}:${location.range.start.line + 1}`;
}

/** The tree-item command that opens the first location given, or undefined when there is none. */
export function openCommand(title: string, ...candidates: (Location | undefined)[]): vscode.Command | undefined {
  const target = candidates.find((candidate) => candidate !== undefined);
  return target ? { command: openHandlerCommand, title, arguments: [target] } : undefined;
}

/** Opens a protocol location in an editor, selecting its range. */
export async function openLocation(location: Location): Promise<void> {
  const target = toVscodeLocation(location);
  await vscode.window.showTextDocument(target.uri, { selection: target.range, preview: true });
}
