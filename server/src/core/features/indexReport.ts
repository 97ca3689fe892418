// The `sam-atlas index --json` document: templates, functions, state machines, resources, calls and diagnostics.
import type { Analysis } from '../analysis';
import type { Span } from '../model/types';
import { exportSpan } from '../query/code';
import { offsetToPosition } from '../util/lineIndex';
import { relativePath } from '../util/paths';
import { diagnose, type Diagnostic } from '../diagnostics/registry';
import { graphOf } from '../graph/buildGraph';
import { splitNodeId } from '../sam/ids';
import { permissionsReport, type PermissionsReport } from '../permissions/report';

export interface IndexReport {
  version: 1;
  templates: { path: string; resourceCount: number }[];
  functions: {
    id: string;
    template: string;
    logicalId: string;
    runtime: string | null;
    handler: { file: string; export: string; line: number } | null;
    endpoints: { method: string; path: string }[];
    permissions: PermissionsReport;
  }[];
  stateMachines: { id: string; template: string; logicalId: string }[];
  resources: { id: string; template: string; logicalId: string; type: string }[];
  calls: { from: string; to: string; via: string; sync: boolean; evidence: { file: string; line: number } }[];
  diagnostics: ReportDiagnostic[];
}

export interface ReportDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

/** Builds the index report with every path relative to `base` (a folder). */
export function indexReport(analysis: Analysis, base: string): IndexReport {
  const relative = new Map<string, string>();
  const rel = (file: string) => {
    let path = relative.get(file);
    if (path === undefined) relative.set(file, (path = relativePath(base, file)));
    return path;
  };
  const id = (file: string, logicalId: string) => `${rel(file)}#${logicalId}`;

  return {
    version: 1,
    templates: analysis.templates.map((t) => ({ path: rel(t.file), resourceCount: t.resources.length })),
    functions: analysis.functions.map((fn) => {
      const r = fn.resolution;
      let handler: IndexReport['functions'][number]['handler'] = null;
      if (r.status === 'resolved') {
        const span = exportSpan(analysis, r.file, r.exportName);
        handler = { file: rel(span?.file ?? r.file), export: r.exportName, line: span ? lineOf(analysis, span) : 1 };
      }
      return {
        id: id(fn.file, fn.logicalId),
        template: rel(fn.file),
        logicalId: fn.logicalId,
        runtime: fn.runtime ?? null,
        handler,
        endpoints: analysis.endpointsOf(fn.id).map((e) => ({ method: e.method, path: e.path })),
        permissions: permissionsReport(analysis, fn, rel),
      };
    }),
    stateMachines: analysis.stateMachines.map((sm) => ({ id: id(sm.file, sm.logicalId), template: rel(sm.file), logicalId: sm.logicalId })),
    resources: analysis.templates.flatMap((t) => t.resources.map((r) => ({ id: id(t.file, r.logicalId), template: rel(t.file), logicalId: r.logicalId, type: r.type }))),
    calls: graphOf(analysis).calls.map((c) => ({
      from: id(splitNodeId(c.from).file, splitNodeId(c.from).logicalId),
      to: id(splitNodeId(c.to).file, splitNodeId(c.to).logicalId),
      via: c.via,
      sync: c.sync,
      evidence: { file: rel(c.evidence.file), line: lineOf(analysis, c.evidence) },
    })),
    diagnostics: diagnose(analysis).map((d) => reportDiagnostic(analysis, d, rel)),
  };
}

/** A diagnostic with 1-based lines and columns, for the CLI. */
export function reportDiagnostic(analysis: Analysis, d: Diagnostic, rel: (file: string) => string): ReportDiagnostic {
  const starts = lineStartsOf(analysis, d.span.file);
  const start = offsetToPosition(starts, d.span.start);
  const end = offsetToPosition(starts, d.span.end);
  return { file: rel(d.span.file), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, severity: d.severity, code: d.code, message: d.message };
}

/** Line starts of a template, state machine definition or code file known to the analysis. */
export function lineStartsOf(analysis: Analysis, file: string): number[] {
  return analysis.template(file)?.lineStarts ?? analysis.definitions.get(file)?.lineStarts ?? analysis.code.get(file)?.lineStarts ?? [0];
}

function lineOf(analysis: Analysis, span: Span): number {
  return offsetToPosition(lineStartsOf(analysis, span.file), span.start).line + 1;
}
