// The `sam-atlas impact` command: asks git which files changed since a ref, then prints which functions, endpoints and templates they affect.
import { impactOfChangedFiles, relativePath, relId, type Analysis, type ChangeImpact } from '../core/index';
import { listChanges } from '../disk/git';

/** Runs the command: git first (a clear one-line error and exit 2 without it), then the analysis, then the report. */
export async function impactCommand(path: string, ref: string | undefined, format: string, load: (path: string) => Promise<{ analysis: Analysis; base: string }>): Promise<number> {
  if (format !== 'text' && format !== 'json') return fail(`unknown format ${format} (text or json)`);
  const changed = await listChanges(path, ref);
  if ('error' in changed) return fail(changed.error);
  const { analysis, base } = await load(path);
  const impact = impactOfChangedFiles(analysis, changed.files);
  process.stdout.write(format === 'json' ? `${JSON.stringify(impactJson(impact, base, ref ?? 'HEAD'), null, 2)}\n` : impactText(impact, base, ref ?? 'HEAD'));
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`sam-atlas: ${message}\n`);
  return 2;
}

/** The JSON report, with paths and ids relative to the folder. */
export function impactJson(impact: ChangeImpact, base: string, ref: string) {
  const rel = (id: string) => relId(base, id);
  return {
    base: ref,
    files: impact.files.map((f) => ({ path: relativePath(base, f.file), kind: f.kind, functions: f.nodes.map(rel) })),
    affected: impact.affected.map((a) => ({ id: rel(a.id), kind: a.kind, reason: a.reason, because: a.because.map((b) => (a.reason === 'changed' ? relativePath(base, b) : rel(b))) })),
    endpoints: impact.endpoints.map((e) => ({ method: e.method, path: e.path, api: e.api, function: rel(e.functionId) })),
    templates: impact.templates.map((t) => relativePath(base, t)),
  };
}

/** The text report. */
export function impactText(impact: ChangeImpact, base: string, ref: string): string {
  const json = impactJson(impact, base, ref);
  if (!json.files.length) return `No changes since ${ref}.\n`;
  const lines = [`Changed since ${ref}: ${json.files.length} file${json.files.length === 1 ? '' : 's'}`];
  for (const file of json.files) lines.push(`  ${file.path}  (${file.kind === 'other' ? 'not used by any function' : `${file.kind}, ${file.functions.length} function${file.functions.length === 1 ? '' : 's'}`})`);
  lines.push('', `Affected functions and state machines: ${json.affected.length}`);
  for (const a of json.affected) lines.push(`  ${a.reason.padEnd(7)}  ${a.id}  ${a.reason === 'changed' ? '←' : 'calls'} ${a.because.join(', ')}`);
  lines.push('', `Affected endpoints: ${json.endpoints.length}`);
  for (const e of json.endpoints) lines.push(`  ${e.method} ${e.path}  ${e.api}  → ${e.function}`);
  lines.push('', `Templates: ${json.templates.length ? json.templates.join(', ') : 'none'}`);
  return `${lines.join('\n')}\n`;
}
