// The diagnostic rules, each in its own file with a stable code, and the function that runs them all safely.
import type { Analysis } from '../analysis';
import type { Span } from '../model/types';
import { graphOf } from '../graph/buildGraph';
import { FunctionMemo } from '../query/memo';
import { unique } from './functionRule';
import type { FunctionModel } from '../model/functions';
import { yamlSyntaxRule } from './rules/yamlSyntax';
import { unknownReferenceRule } from './rules/unknownReference';
import { missingHandlerRule } from './rules/missingHandler';
import { missingCodeUriRule } from './rules/missingCodeUri';
import { fileSkippedRule } from './rules/fileSkipped';
import { undefinedEnvVarRule } from './rules/undefinedEnvVar';
import { unusedEnvVarRule } from './rules/unusedEnvVar';
import { resourceLimitRule } from './rules/resourceLimit';
import { callDepthRule } from './rules/callDepth';
import { callCycleRule } from './rules/callCycle';
import { fanInRule } from './rules/fanIn';
import { timeoutChainRule } from './rules/timeoutChain';
import { duplicateRouteRule } from './rules/duplicateRoute';
import { orphanResourceRule } from './rules/orphanResource';
import { missingPermissionRule } from './rules/missingPermission';
import { unusedPermissionRule } from './rules/unusedPermission';
import { wildcardPermissionRule } from './rules/wildcardPermission';
import { unknownIamActionRule } from './rules/unknownIamAction';
import { ignoredPoliciesRule } from './rules/ignoredPolicies';
import { policyTemplateParameterRule } from './rules/policyTemplateParameter';
import { templateShapeRule } from './rules/templateShape';
import { duplicateKeyRule } from './rules/duplicateKey';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
}

/** Thresholds some rules read (from the `samAtlas.*` settings); every field is optional, rules have defaults. */
export interface RuleOptions {
  /** `call-depth`: the longest allowed chain of synchronous calls (default 4). */
  maxCallDepth?: number;
  /** `fan-in`: the most synchronous callers a function may have (default 5). */
  maxFanIn?: number;
}

/** What a rule finds; `severity` lets one rule grade its findings (a severity override in the settings still wins). */
export type Finding = Omit<Diagnostic, 'code' | 'severity'> & { severity?: Severity };

/**
 * What a rule's findings depend on, so they can be reused across snapshots while that input is unchanged:
 * `templates` (the templates and the file list), `graph` (that, plus the derived calls), `function` (per function: its
 * template and the code its handler reaches; the rule gives `checkFunction`), `workspace` (anything: always rerun).
 */
export type RuleScope = 'templates' | 'graph' | 'function' | 'workspace';

/** One diagnostic rule: a stable code, a default severity, and a check over a snapshot. */
export interface Rule {
  code: string;
  severity: Severity;
  /** One line for the documentation index. */
  description: string;
  /** Defaults to `workspace`. */
  scope?: RuleScope;
  check(analysis: Analysis, options?: RuleOptions): Finding[];
  /** `function` scope: one function's findings (after an edit, only the functions whose code changed are checked again). */
  checkFunction?(analysis: Analysis, fn: FunctionModel): Finding[];
}

export const RULES: Rule[] = [
  yamlSyntaxRule,
  unknownReferenceRule,
  missingHandlerRule,
  missingCodeUriRule,
  fileSkippedRule,
  undefinedEnvVarRule,
  unusedEnvVarRule,
  resourceLimitRule,
  callDepthRule,
  callCycleRule,
  fanInRule,
  timeoutChainRule,
  duplicateRouteRule,
  orphanResourceRule,
  missingPermissionRule,
  unusedPermissionRule,
  wildcardPermissionRule,
  unknownIamActionRule,
  ignoredPoliciesRule,
  policyTemplateParameterRule,
  templateShapeRule,
  duplicateKeyRule,
];

/** Per-code severity overrides (`off` silences a rule). */
export type SeverityOverrides = Record<string, Severity | 'off'>;

/** Runs every rule; a rule that throws is reported as one internal diagnostic instead of breaking the others. */
export function diagnose(analysis: Analysis, overrides: SeverityOverrides = {}, options: RuleOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const part of diagnoseByRule(analysis, overrides, options)) out.push(...part);
  return out;
}

/** The same diagnostics, one rule at a time (so a server can answer requests between rules). */
export function* diagnoseByRule(analysis: Analysis, overrides: SeverityOverrides = {}, options: RuleOptions = {}): Generator<Diagnostic[]> {
  for (const rule of RULES) {
    const severity = overrides[rule.code] ?? rule.severity;
    if (severity === 'off') continue;
    try {
      // Function rules give a turn (an empty part) after every so many functions they had to check again.
      const findings = rule.scope === 'function' && rule.checkFunction ? yield* functionFindings(rule, analysis) : findingsOf(rule, analysis, options);
      yield findings.map((found) => ({ ...found, code: rule.code, severity: overrides[rule.code] ? severity : found.severity ?? severity }));
    } catch (error) {
      const file = analysis.templates[0]?.file ?? '';
      yield [{ code: 'internal-error', severity: 'hint', message: `Rule ${rule.code} failed: ${String(error).slice(0, 200)}`, span: { file, start: 0, end: 0 } }];
    }
  }
}

const findingsCache = new Map<string, { key: string; findings: Finding[] }>();

/** A rule's findings, reused from an earlier snapshot when the inputs its scope names are unchanged. */
function findingsOf(rule: Rule, analysis: Analysis, options: RuleOptions): Finding[] {
  const scope = rule.scope ?? 'workspace';
  if (scope === 'workspace') return rule.check(analysis, options);
  let key = `${analysis.modelKey}|${JSON.stringify(options)}`;
  // The graph's signature is its calls without evidence positions: equal when an edit did not change who calls whom.
  if (scope === 'graph') key += `|${graphOf(analysis).signature}`;
  const cached = findingsCache.get(rule.code);
  if (cached?.key === key) return cached.findings;
  const findings = rule.check(analysis, options);
  findingsCache.set(rule.code, { key, findings });
  return findings;
}

const functionMemos = new Map<string, FunctionMemo<Finding[]>>();
const functionResults = new Map<string, { parts: Finding[][]; findings: Finding[] }>();

/** Functions checked between two turns given back to the caller (a cold check of thousands of functions takes a second). */
const FUNCTIONS_PER_TURN = 200;

/**
 * A `function`-scope rule's findings: each function's are reused until its template or code changes; the union is
 * rebuilt only when a part did. Yields an empty part after every `FUNCTIONS_PER_TURN` functions it checks again.
 */
function* functionFindings(rule: Rule, analysis: Analysis): Generator<Diagnostic[], Finding[]> {
  let memo = functionMemos.get(rule.code);
  if (!memo) functionMemos.set(rule.code, (memo = new FunctionMemo(true)));
  const parts: Finding[][] = [];
  let checked = 0;
  for (const fn of analysis.functions) {
    parts.push(
      memo.get(analysis, fn, () => {
        checked++;
        return rule.checkFunction!(analysis, fn);
      }),
    );
    if (checked >= FUNCTIONS_PER_TURN) {
      checked = 0;
      yield [];
    }
  }
  const previous = functionResults.get(rule.code);
  if (previous && previous.parts.length === parts.length && previous.parts.every((part, i) => part === parts[i])) return previous.findings;
  const findings = unique(parts.flat());
  functionResults.set(rule.code, { parts, findings });
  return findings;
}
