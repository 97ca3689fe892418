// Formats `sam-atlas check` results as text, JSON, or SARIF 2.1.0 for code-scanning tools.
import { RULES, type ReportDiagnostic } from '../core/index';

/** The printed output of `check` in the chosen format. */
export function formatCheck(diagnostics: ReportDiagnostic[], format: 'text' | 'json' | 'sarif'): string {
  if (format === 'json') return `${JSON.stringify({ diagnostics }, null, 2)}\n`;
  if (format === 'sarif') return `${JSON.stringify(sarif(diagnostics), null, 2)}\n`;
  const lines = diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  lines.push(`${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})`);
  return `${lines.join('\n')}\n`;
}

function sarif(diagnostics: ReportDiagnostic[]): unknown {
  const level = (severity: string) => (severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note');
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'sam-atlas',
            informationUri: 'https://github.com/sam-atlas/sam-atlas',
            rules: RULES.map((r) => ({ id: r.code, shortDescription: { text: r.description }, helpUri: `docs/diagnostics.md#${r.code}` })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          level: level(d.severity),
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
