// Publishes the core's diagnostics for every file after each new snapshot, clearing files that no longer have any.
import { DiagnosticSeverity, type Connection, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { diagnose, type Analysis, type Severity } from '../../core/index';
import type { Session } from '../session';
import { lineStarts, pathToUri, toRange } from '../convert';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Sends diagnostics whenever the session produces a new snapshot. */
export function registerDiagnostics(connection: Connection, session: Session): void {
  let published = new Set<string>();
  session.onAnalysis((analysis: Analysis) => {
    const byFile = new Map<string, LspDiagnostic[]>();
    for (const d of diagnose(analysis, session.settings.severities, session.settings.rules)) {
      const starts = lineStarts(analysis, d.span.file, session.openText(d.span.file));
      const list = byFile.get(d.span.file) ?? [];
      list.push({ range: toRange(starts, d.span), severity: SEVERITY[d.severity], code: d.code, source: 'sam-atlas', message: d.message });
      byFile.set(d.span.file, list);
    }
    for (const file of published) if (!byFile.has(file)) void connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
    for (const [file, diagnostics] of byFile) void connection.sendDiagnostics({ uri: pathToUri(file), diagnostics });
    published = new Set(byFile.keys());
  });
}
