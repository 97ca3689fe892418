// Finds Allow statements written in the workspace that are too broad: `*`, `service:*`, or write actions on `Resource: '*'`.
import type { Analysis } from '../analysis';
import type { Span } from '../model/types';
import type { Grant, Usage } from './model';
import { actionsOfPattern, isResourceScoped, isWriteAction } from './actionData';
import { permissionsOf } from './effective';
import { templateReadable } from './missing';
import { usagesOf } from './usage';

/** One broad statement, the functions whose role has it, and what their code uses through it. */
export interface WildcardFinding {
  grant: Grant;
  span: Span;
  reasons: string[];
  functions: string[];
  functionIds: string[];
  used: Usage[];
}

const MAX_LISTED = 3;

/** Every too-broad statement reachable from a function's role, once per statement. */
export function wildcardFindings(analysis: Analysis): WildcardFinding[] {
  const byStatement = new Map<string, WildcardFinding>();
  for (const fn of analysis.functions) {
    if (!templateReadable(analysis, fn)) continue;
    for (const grant of permissionsOf(analysis, fn).grants) {
      if (grant.effect !== 'Allow' || !grant.written || grant.notActions || grant.notResources) continue;
      const key = statementKey(grant)!;
      let finding = byStatement.get(key);
      if (!finding) {
        const reasons = broadness(grant);
        if (!reasons.length) continue;
        const span = (reasons[0].startsWith('allows') ? grant.written.actionValue : grant.written.resourceValue) ?? grant.written.statement;
        finding = { grant, span, reasons, functions: [], functionIds: [], used: [] };
        byStatement.set(key, finding);
      }
      finding.functions.push(fn.logicalId);
      finding.functionIds.push(fn.id);
      finding.used.push(...usagesOf(analysis, fn).filter((u) => u.status === 'granted' && u.grantedBy.some((g) => statementKey(g) === key)));
    }
  }
  return [...byStatement.values()].map((f) => ({ ...f, used: dedupe(f.used) }));
}

/** Identifies a written statement across functions (each function's role is read separately). */
function statementKey(grant: Grant): string | undefined {
  return grant.written && `${grant.written.file}:${grant.written.statement.start}`;
}

/** Why a statement is broad, or nothing when it is not. */
export function broadness(grant: Grant): string[] {
  const reasons: string[] = [];
  if (grant.actions.some((a) => /^\*+$/.test(a))) reasons.push("allows Action '*' (every action of every service)");
  for (const pattern of grant.actions.filter((a) => /^[\w-]+:\*$/.test(a))) reasons.push(`allows '${pattern}' (every ${pattern.split(':')[0]} action)`);
  if (grant.resources.some((r) => r.pattern.kind === 'any')) {
    const writes = [...new Set(grant.actions.flatMap(actionsOfPattern))].filter((a) => isWriteAction(a) && isResourceScoped(a));
    if (writes.length) {
      const listed = writes.slice(0, MAX_LISTED).join(', ') + (writes.length > MAX_LISTED ? `, … (${writes.length} write actions)` : '');
      reasons.push(`${reasons.length ? 'and ' : ''}lets ${listed} write to every resource (Resource '*')`);
    }
  }
  return reasons;
}

function dedupe(usages: Usage[]): Usage[] {
  const seen = new Set<string>();
  return usages.filter((u) => {
    const key = `${u.action}|${u.targetText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
