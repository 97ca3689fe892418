// Quick fixes for permission diagnostics, as plain data: add the narrowest SAM policy template, or narrow a wildcard statement.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { Span } from '../model/types';
import type { Usage } from '../permissions/model';
import { permissionsOf } from '../permissions/effective';
import { missingUsages, type MissingUsage } from '../permissions/missing';
import { suggestTemplate, type TemplateSuggestion } from '../permissions/suggest';
import { isObjectAction, usagesOf } from '../permissions/usage';
import { wildcardFindings, type WildcardFinding } from '../permissions/wildcards';
import { addPolicyItemEdit, type TextEdit } from '../permissions/yamlEdits';

/** One quick fix: a title, the diagnostic it repairs, and text edits (possibly in another file than the request). */
export interface PermissionFix {
  title: string;
  kind: 'quickfix';
  diagnostic: { code: string; span: Span };
  edits: TextEdit[];
  preferred?: boolean;
}

/** Reads a file's current text (an open editor's, or the disk's); undefined when unavailable. */
export type TextReader = (path: string) => string | undefined;

const overlaps = (span: Span, file: string, start: number, end: number) => span.file === file && span.start <= end && start <= span.end;

/** The fixes for the permission diagnostics that touch `[start, end]` of `file`. */
export function permissionFixes(analysis: Analysis, file: string, start: number, end: number, readText: TextReader): PermissionFix[] {
  const out: PermissionFix[] = [];
  for (const fn of analysis.functions) {
    if (permissionsOf(analysis, fn).role !== 'generated') continue;
    for (const missing of missingUsages(analysis, fn)) {
      const spans = [missing.usage.evidence, fn.keySpan].filter((s) => overlaps(s, file, start, end));
      for (const span of spans) out.push(...addTemplateFixes(analysis, fn, missing, span, readText));
    }
  }
  for (const finding of wildcardFindings(analysis)) {
    if (!overlaps(finding.span, file, start, end)) continue;
    const fix = narrowFix(analysis, finding, readText);
    if (fix) out.push(fix);
  }
  return out;
}

function addTemplateFixes(analysis: Analysis, fn: FunctionModel, missing: MissingUsage, span: Span, readText: TextReader): PermissionFix[] {
  const text = readText(fn.file);
  if (text === undefined || missing.usage.target.kind !== 'resource') return [];
  const target = missing.usage.target;
  const allActions = [...new Set(usagesOf(analysis, fn).filter((u) => u.target.kind === 'resource' && u.target.id === target.id && !u.candidate).map((u) => u.action))];
  const suggestions = [missing.suggestion, suggestTemplate(analysis, fn, target, [...new Set([...missing.actions.slice(0, 1), ...allActions])])];
  const out: PermissionFix[] = [];
  const seen = new Set<string>();
  for (const suggestion of suggestions) {
    if (!suggestion?.yamlValue || seen.has(suggestion.template)) continue;
    seen.add(suggestion.template);
    const edit = addPolicyItemEdit(analysis, fn, { name: suggestion.template, parameters: [[suggestion.parameter, suggestion.yamlValue]] }, text);
    if (!edit) continue;
    out.push({ title: titleOf(fn, suggestion), kind: 'quickfix', diagnostic: { code: 'missing-permission', span }, edits: [edit], preferred: out.length === 0 });
  }
  return out;
}

function titleOf(fn: FunctionModel, suggestion: TemplateSuggestion): string {
  return `Add ${suggestion.template} (${suggestion.parameter}: ${suggestion.readable}) to ${fn.logicalId}'s Policies`;
}

/** Replaces the statement's actions by those the code uses, and `*` resources by the resources it uses when they are in the same template. */
function narrowFix(analysis: Analysis, finding: WildcardFinding, readText: TextReader): PermissionFix | undefined {
  const written = finding.grant.written;
  if (!written?.actionValue || !finding.used.length) return undefined;
  const template = analysis.template(written.file);
  const text = readText(written.file);
  if (!template || text === undefined || text.length !== template.size) return undefined;
  const json = template.format === 'json';
  const actions = [...new Set(finding.used.map((u) => u.action))].sort();
  const quote = (s: string) => (json ? JSON.stringify(s) : `'${s}'`);
  const edits: TextEdit[] = [{ span: written.actionValue, newText: `[${actions.map(quote).join(', ')}]` }];
  const resources = resourceTexts(finding.used, written.file, json);
  if (resources && written.resourceValue && finding.grant.resources.some((r) => r.pattern.kind === 'any')) {
    edits.push({ span: written.resourceValue, newText: `[${resources.join(', ')}]` });
  }
  const targets = [...new Set(finding.used.map((u) => u.targetText))].join(', ');
  return {
    title: `Narrow the statement to ${actions.join(', ')}${edits.length > 1 ? ` on ${targets}` : ''}`,
    kind: 'quickfix',
    diagnostic: { code: 'wildcard-permission', span: finding.span },
    edits,
    preferred: true,
  };
}

/** `!GetAtt X.Arn` (or the JSON form) for each resource the code uses, when all are resources of `file`. */
function resourceTexts(used: Usage[], file: string, json: boolean): string[] | undefined {
  const out = new Set<string>();
  for (const usage of used) {
    const target = usage.target;
    if (target.kind !== 'resource' || target.file !== file) return undefined;
    const objects = /::S3::Bucket$/.test(target.resourceType) && isObjectAction(usage.action);
    if (objects) out.add(json ? `{"Fn::Sub": "\${${target.logicalId}.Arn}/*"}` : `!Sub '\${${target.logicalId}.Arn}/*'`);
    else if (/::SNS::Topic$/.test(target.resourceType)) out.add(json ? `{"Ref": "${target.logicalId}"}` : `!Ref ${target.logicalId}`);
    else out.add(json ? `{"Fn::GetAtt": ["${target.logicalId}", "Arn"]}` : `!GetAtt ${target.logicalId}.Arn`);
  }
  return out.size ? [...out] : undefined;
}
