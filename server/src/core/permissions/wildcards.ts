// Finds Allow statements written in the workspace that are too broad: `*`, `service:*`, or write actions on `Resource: '*'`.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { Span, TemplateValue } from '../model/types';
import { stringOf, walkValues } from '../sam/values';
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

/**
 * The network-interface writes a function in a VPC needs: AWS's own `AWSLambdaVPCAccessExecutionRole` grants them on
 * `Resource: '*'`, and templates copy that statement, so it is not reported as a broad write.
 */
const VPC_NETWORK_ACTIONS = new Set([
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
]);

/** A broad statement with the functions whose role has it (template-only, so kept while no template changes). */
interface BroadStatement {
  key: string;
  finding: Omit<WildcardFinding, 'used'>;
  functions: FunctionModel[];
}

let lastBroad: { key: string; statements: BroadStatement[] } | undefined;

/** Every too-broad statement reachable from a function's role, once per statement, with what the code uses through it. */
export function wildcardFindings(analysis: Analysis): WildcardFinding[] {
  return broadStatements(analysis).map(({ key, finding, functions }) => ({
    ...finding,
    used: dedupe(functions.flatMap((fn) => usagesOf(analysis, fn).filter((u) => u.status === 'granted' && u.grantedBy.some((g) => statementKey(g) === key)))),
  }));
}

function broadStatements(analysis: Analysis): BroadStatement[] {
  if (lastBroad?.key === analysis.modelKey) return lastBroad.statements;
  const byStatement = new Map<string, BroadStatement>();
  for (const fn of analysis.functions) {
    if (!templateReadable(analysis, fn)) continue;
    for (const grant of permissionsOf(analysis, fn).grants) {
      if (grant.effect !== 'Allow' || !grant.written || grant.notActions || grant.notResources) continue;
      const key = statementKey(grant)!;
      let statement = byStatement.get(key);
      if (!statement) {
        // `Resource: !Ref SomeParameter` whose default is '*': the deployer chooses the resource, the template does not.
        const reasons = resourceIsParameter(analysis, grant) ? broadness({ ...grant, resources: [] }) : broadness(grant);
        if (!reasons.length) continue;
        const span = (reasons[0].startsWith('allows') ? grant.written.actionValue : grant.written.resourceValue) ?? grant.written.statement;
        statement = { key, finding: { grant, span, reasons, functions: [], functionIds: [] }, functions: [] };
        byStatement.set(key, statement);
      }
      statement.finding.functions.push(fn.logicalId);
      statement.finding.functionIds.push(fn.id);
      statement.functions.push(fn);
    }
  }
  lastBroad = { key: analysis.modelKey, statements: [...byStatement.values()] };
  return lastBroad.statements;
}

/** Whether the statement's `Resource` is written as `!Ref` of template parameters (directly or in a list). */
function resourceIsParameter(analysis: Analysis, grant: Grant): boolean {
  const at = grant.written?.resourceValue;
  const template = at && analysis.template(at.file);
  if (!at || !template?.root) return false;
  let value: TemplateValue | undefined;
  walkValues(template.root, (v) => {
    if (!value && v.span.start === at.start && v.span.end === at.end && v.kind !== 'scalar') value = v;
  });
  const items = value?.kind === 'seq' ? value.items : value ? [value] : [];
  const parameters = new Set(template.parameters.map((p) => p.name));
  return items.length > 0 && items.every((item) => item.kind === 'intrinsic' && item.name === 'Ref' && parameters.has(stringOf(item.argument) ?? ''));
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
    const writes = [...new Set(grant.actions.flatMap(actionsOfPattern))].filter((a) => isWriteAction(a) && isResourceScoped(a) && !VPC_NETWORK_ACTIONS.has(a));
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
