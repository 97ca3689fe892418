// The diagnostic rules, each in its own file with a stable code, and the function that runs them all safely.
import type { Analysis } from '../analysis';
import type { Span } from '../model/types';
import { yamlSyntaxRule } from './rules/yamlSyntax';
import { unknownReferenceRule } from './rules/unknownReference';
import { missingHandlerRule } from './rules/missingHandler';
import { missingCodeUriRule } from './rules/missingCodeUri';
import { fileSkippedRule } from './rules/fileSkipped';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
}

/** One diagnostic rule: a stable code, a default severity, and a check over a snapshot. */
export interface Rule {
  code: string;
  severity: Severity;
  /** One line for the documentation index. */
  description: string;
  check(analysis: Analysis): Omit<Diagnostic, 'code' | 'severity'>[];
}

export const RULES: Rule[] = [yamlSyntaxRule, unknownReferenceRule, missingHandlerRule, missingCodeUriRule, fileSkippedRule];

/** Per-code severity overrides (`off` silences a rule). */
export type SeverityOverrides = Record<string, Severity | 'off'>;

/** Runs every rule; a rule that throws is reported as one internal diagnostic instead of breaking the others. */
export function diagnose(analysis: Analysis, overrides: SeverityOverrides = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of RULES) {
    const severity = overrides[rule.code] ?? rule.severity;
    if (severity === 'off') continue;
    try {
      for (const found of rule.check(analysis)) out.push({ ...found, code: rule.code, severity });
    } catch (error) {
      const file = analysis.templates[0]?.file ?? '';
      out.push({ code: 'internal-error', severity: 'hint', message: `Rule ${rule.code} failed: ${String(error).slice(0, 200)}`, span: { file, start: 0, end: 0 } });
    }
  }
  return out;
}
