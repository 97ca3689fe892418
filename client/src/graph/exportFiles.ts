// Saves a graph export (SVG, PNG or Mermaid) where the user chooses, through VS Code's file system API.
import * as vscode from 'vscode';

/** The export formats and how their files are named and filtered in the save dialog. */
const formats = {
  svg: { extension: 'svg', filter: 'SVG image' },
  png: { extension: 'png', filter: 'PNG image' },
  mermaid: { extension: 'mmd', filter: 'Mermaid flowchart' },
} as const;

/** A format the graph can be exported as. */
export type ExportFormat = keyof typeof formats;

/** Asks where to save, writes the bytes there, and says so; does nothing when the user cancels. */
export async function saveExport(format: ExportFormat, bytes: Uint8Array): Promise<void> {
  const { extension, filter } = formats[format];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `sam-atlas-graph.${extension}`;
  const target = await vscode.window.showSaveDialog({
    title: `Export the dependency graph as ${filter}`,
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { [filter]: [extension] },
  });
  if (!target) return;
  try {
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Saved the dependency graph to ${vscode.workspace.asRelativePath(target)}.`);
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not save the dependency graph: ${error instanceof Error ? error.message : String(error)}`);
  }
}
