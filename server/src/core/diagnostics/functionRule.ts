// Rules checked function by function: the registry reuses each function's findings until its template or code changes.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { Finding, Rule } from './registry';

/** A rule whose findings are the union of each function's, with `check` derived from `checkFunction`. */
export function functionRule(rule: Omit<Rule, 'scope' | 'check'> & { checkFunction(analysis: Analysis, fn: FunctionModel): Finding[] }): Rule {
  return { ...rule, scope: 'function', check: (analysis) => unique(analysis.functions.flatMap((fn) => rule.checkFunction(analysis, fn))) };
}

/** Findings without repeats (two functions sharing a module can find the same thing at the same place). */
export function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.span.file}:${f.span.start}:${f.span.end}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
