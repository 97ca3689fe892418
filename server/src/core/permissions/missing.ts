// The permissions a function's code surely lacks, grouped per call and target, each with the narrowest policy template that grants it.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import { actionExists, iamDataAvailable } from '../iam/iamData';
import type { Usage } from './model';
import { permissionsOf } from './effective';
import { suggestTemplate, type TemplateSuggestion } from './suggest';
import { usagesOf } from './usage';
import { addTo } from '../util/collections';

/** One missing permission: the action (or, for argument-dependent calls, every candidate) on one target. */
export interface MissingUsage {
  usage: Usage;
  actions: string[];
  suggestion?: TemplateSuggestion;
}

/** Whether the analysis can trust the function's template (no syntax errors). */
export function templateReadable(analysis: Analysis, fn: FunctionModel): boolean {
  const template = analysis.template(fn.file);
  return !!template && !template.problems.some((p) => p.code === 'yaml-syntax' && p.severity === 'error');
}

/**
 * The missing permissions of a function. A call whose needed actions depend on its arguments
 * (TransactWriteItems) counts as missing only when none of its candidate actions is allowed; an action the
 * IAM data does not know (a guessed SDK-to-IAM mapping) is never reported.
 */
export function missingUsages(analysis: Analysis, fn: FunctionModel): MissingUsage[] {
  if (!templateReadable(analysis, fn) || permissionsOf(analysis, fn).role === 'external') return [];
  const out: MissingUsage[] = [];
  const candidates = new Map<string, Usage[]>();
  for (const usage of usagesOf(analysis, fn)) {
    if (iamDataAvailable() && !actionExists(usage.action)) continue;
    if (!usage.candidate) {
      if (usage.status === 'missing') out.push({ usage, actions: [usage.action] });
      continue;
    }
    const key = `${usage.evidence.file}:${usage.evidence.start}|${usage.targetText}|${usage.operation}`;
    addTo(candidates, key, usage);
  }
  for (const group of candidates.values()) {
    if (group.every((u) => u.status === 'missing')) out.push({ usage: group[0], actions: group.map((u) => u.action) });
  }
  for (const missing of out) {
    if (!missing.usage.deniedBy) missing.suggestion = suggestTemplate(analysis, fn, missing.usage.target, missing.actions.slice(0, 1));
  }
  return out;
}
