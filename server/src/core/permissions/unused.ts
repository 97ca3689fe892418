// Finds permissions a function is granted but its code does not use: whole Policies items, and wildcards broader than the code needs.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { Span } from '../model/types';
import { resolveTemplateValue } from '../graph/resolveValue';
import { moduleClosure } from '../query/code';
import { valueOf } from '../sam/values';
import type { Grant, Usage } from './model';
import { permissionsOf } from './effective';
import { grantCovers } from './matching';
import { usagesOf } from './usage';

/** Services whose calls the code analysis finds reliably; unused grants of other services are not reported. */
const TRACED_SERVICES = new Set(['dynamodb', 'sqs', 'sns', 'events', 'lambda', 'states', 's3', 'kinesis']);

/** A grant (or a group of grants written as one item) that the code does not need. */
export interface UnusedPermission {
  /** `unused`: nothing in it is used; `broader`: a wildcard of which the code uses only some actions. */
  kind: 'unused' | 'broader';
  label: string;
  span: Span;
  grants: Grant[];
  /** For `broader`: the wildcard and the actions the code uses through it. */
  pattern?: string;
  used: string[];
}

/** Whether every module the function's code reaches was read without parse errors, so "unused" can be trusted. */
export function codeFullyKnown(analysis: Analysis, fn: FunctionModel): boolean {
  if (fn.resolution.status !== 'resolved') return false;
  for (const file of moduleClosure(analysis, fn.resolution.file)) {
    const facts = analysis.code.get(file);
    if (!facts || facts.problems.some((p) => p.code === 'code-parse')) return false;
  }
  return true;
}

/** The granted-but-unused permissions of a function; empty when its code or role is not fully known. */
export function unusedPermissions(analysis: Analysis, fn: FunctionModel): UnusedPermission[] {
  const permissions = permissionsOf(analysis, fn);
  if (permissions.role === 'external' || !codeFullyKnown(analysis, fn)) return [];
  const usages = usagesOf(analysis, fn);
  const eventSources = eventSourceIds(analysis, fn);
  const out: UnusedPermission[] = [];
  for (const [label, grants] of groupByItem(permissions.grants)) {
    if (!grants.length || grants.some((g) => g.effect !== 'Allow' || !!g.notActions)) continue;
    if (grants.some((g) => g.actions.some((a) => !TRACED_SERVICES.has(serviceOf(a))))) continue;
    if (grants.some((g) => g.resources.some((r) => r.pattern.kind === 'resource' && eventSources.has(r.pattern.id)))) continue;
    if (usages.some((u) => grants.some((g) => grantCovers(g, u.action, u.target) !== 'no'))) continue;
    const span = grants[0].source.span;
    if (span) out.push({ kind: 'unused', label, span, grants, used: [] });
  }
  for (const grant of permissions.grants) {
    if (grant.source.kind !== 'inline' || grant.effect !== 'Allow' || !grant.written?.actionValue) continue;
    for (const pattern of grant.actions.filter((a) => a === '*' || /^[\w-]+:\*$/.test(a))) {
      if (pattern !== '*' && !TRACED_SERVICES.has(serviceOf(pattern))) continue;
      const used = usedThrough(usages, grant, pattern);
      if (used.length) out.push({ kind: 'broader', label: `'${pattern}'`, span: grant.written.actionValue, grants: [grant], pattern, used });
    }
  }
  return out;
}

/** The actions the code uses through one wildcard of a statement. */
function usedThrough(usages: Usage[], grant: Grant, pattern: string): string[] {
  const single: Grant = { ...grant, actions: [pattern] };
  return [...new Set(usages.filter((u) => grantCovers(single, u.action, u.target) !== 'no').map((u) => u.action))].sort();
}

/** Grants grouped by the item they are written as (one Policies item, one connector), keyed by label; other kinds are left out. */
function groupByItem(grants: Grant[]): [string, Grant[]][] {
  const groups = new Map<string, { label: string; grants: Grant[] }>();
  for (const grant of grants) {
    const source = grant.source;
    if (source.forEventSource || !['template', 'inline', 'connector'].includes(source.kind)) continue;
    const label = source.kind === 'connector' ? source.label.replace(/ \((Read|Write)\)$/, '') : source.label;
    const key = `${source.kind}|${label}|${source.policyIndex ?? ''}`;
    const group = groups.get(key) ?? { label, grants: [] };
    group.grants.push(grant);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => [g.label, g.grants]);
}

function serviceOf(action: string): string {
  return action.slice(0, Math.max(0, action.indexOf(':'))).toLowerCase();
}

/** The resources that trigger the function (its event sources): poll permissions on them are for the Lambda service. */
function eventSourceIds(analysis: Analysis, fn: FunctionModel): Set<string> {
  const ids = new Set<string>();
  const template = analysis.template(fn.file);
  if (!template) return ids;
  for (const event of fn.events) {
    for (const key of ['Queue', 'Stream', 'Topic', 'Bucket', 'Broker', 'Cluster']) {
      const resolved = resolveTemplateValue(analysis, template, valueOf(event.properties, key));
      if (resolved.kind === 'resource') ids.add(resolved.id);
    }
  }
  return ids;
}
