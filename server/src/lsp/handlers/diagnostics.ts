// Publishes the core's diagnostics for every file after each new snapshot, clearing files that no longer have any.
import { DiagnosticSeverity, type Connection, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { diagnoseByRule, type Analysis, type Diagnostic, type Severity } from '../../core/index';
import type { Session } from '../session';
import { lineStarts, pathToUri, toRange } from '../convert';
import { outputWritten } from '../output';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** How long the first diagnosis waits after the index is ready. */
const FIRST_DIAGNOSIS_DELAY_MS = 300;

/**
 * Sends diagnostics whenever the session produces a new snapshot. Rules run one at a time with a turn of the event
 * loop in between (and once the answers sent meanwhile are written out), so requests (hover, the graph) are answered
 * while a large workspace is being diagnosed; a newer snapshot abandons the run for an older one.
 */
export function registerDiagnostics(connection: Connection, session: Session): void {
  // What was last sent per file, as a signature of the core diagnostics: only files whose diagnostics changed are sent again.
  let published = new Map<string, string>();
  let generation = 0;
  const run = async (analysis: Analysis, mine: number): Promise<void> => {
    const all: Diagnostic[] = [];
    for (const part of diagnoseByRule(analysis, session.settings.severities, session.settings.rules)) {
      all.push(...part);
      await new Promise((resolve) => setImmediate(resolve));
      await outputWritten();
      if (mine !== generation) return;
    }
    published = send(connection, session, analysis, all, published);
  };
  let first = true;
  session.onAnalysis((analysis: Analysis) => {
    const mine = ++generation;
    if (!first) return void run(analysis, mine);
    // The first diagnosis of a workspace is its costliest (a second at 5,000 functions): the requests the editor sends
    // as soon as the index is ready (the lists, CodeLens, the graph) are answered first.
    first = false;
    setTimeout(() => void run(analysis, mine), FIRST_DIAGNOSIS_DELAY_MS);
  });
}

/** Sends the diagnostics of files whose diagnostics changed since `published`, clears files that have none now; returns what was sent. */
function send(connection: Connection, session: Session, analysis: Analysis, all: Diagnostic[], published: Map<string, string>): Map<string, string> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of all) {
    const list = byFile.get(d.span.file);
    if (list) list.push(d);
    else byFile.set(d.span.file, [d]);
  }
  const next = new Map<string, string>();
  for (const [file, diagnostics] of byFile) {
    const signature = `${textVersion(analysis, file)}|${diagnostics.map((d) => `${d.span.start}:${d.span.end}:${d.severity}:${d.code}:${d.message}`).join('\n')}`;
    next.set(file, signature);
    if (published.get(file) === signature) continue;
    const starts = lineStarts(analysis, file, session.openText(file));
    const converted: LspDiagnostic[] = diagnostics.map((d) => ({ range: toRange(starts, d.span), severity: SEVERITY[d.severity], code: d.code, source: 'sam-atlas', message: d.message }));
    void connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: converted });
  }
  for (const file of published.keys()) if (!next.has(file)) void connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
  return next;
}

const versions = new WeakMap<object, number>();
let versionCount = 0;

/** A number that changes whenever the file's facts (so its text) change: positions are recomputed then. */
function textVersion(analysis: Analysis, file: string): number {
  const facts = analysis.template(file) ?? analysis.code.get(file);
  if (!facts) return 0;
  let version = versions.get(facts);
  if (version === undefined) {
    version = ++versionCount;
    versions.set(facts, version);
  }
  return version;
}
