// Code actions: the core's permission quick fixes (add a SAM policy template, narrow a wildcard statement) as LSP workspace edits.
import { CodeActionKind, type CodeAction, type Connection, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import { computeLineStarts, permissionFixes, type Analysis, type PermissionFix } from '../../core/index';
import { readTextFile } from '../../disk/loader';
import type { Session } from '../session';
import { lineStarts, pathToUri, toOffset, toRange, uriToPath } from '../convert';
import { safe } from './safe';

/** Registers `textDocument/codeAction` for quick fixes. */
export function registerCodeActions(connection: Connection, session: Session): void {
  connection.onCodeAction(
    safe('codeAction', async (params) => {
      const file = uriToPath(params.textDocument.uri);
      if (!file) return null;
      if (params.context.only && !params.context.only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return null;
      const analysis = session.analysis;
      const starts = lineStarts(analysis, file, session.openText(file));
      const start = toOffset(starts, params.range.start);
      const end = toOffset(starts, params.range.end);
      const texts = await templateTexts(analysis, session, file, start, end);
      const fixes = permissionFixes(analysis, file, start, end, (path) => texts.get(path));
      return fixes.map((fix) => toCodeAction(fix, texts, params.context.diagnostics));
    }),
  );
}

/** The texts the fixes may edit: asks the core which files it wants, then reads them from open editors or the disk. */
async function templateTexts(analysis: Analysis, session: Session, file: string, start: number, end: number): Promise<Map<string, string>> {
  const wanted = new Set<string>();
  permissionFixes(analysis, file, start, end, (path) => {
    wanted.add(path);
    return undefined;
  });
  const texts = new Map<string, string>();
  for (const path of wanted) {
    const open = session.openText(path);
    if (open !== undefined) {
      texts.set(path, open);
      continue;
    }
    const read = await readTextFile(path, session.settings.maxFileSize);
    if ('text' in read) texts.set(path, read.text);
  }
  return texts;
}

function toCodeAction(fix: PermissionFix, texts: Map<string, string>, diagnostics: Diagnostic[]): CodeAction {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of fix.edits) {
    const starts = computeLineStarts(texts.get(edit.span.file) ?? '');
    (changes[pathToUri(edit.span.file)] ??= []).push({ range: toRange(starts, edit.span), newText: edit.newText });
  }
  const related = diagnostics.filter((d) => d.code === fix.diagnostic.code);
  return { title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics: related.length ? related : undefined, edit: { changes } };
}
