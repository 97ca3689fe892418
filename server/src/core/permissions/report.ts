// The `permissions` field of each function in `sam-atlas index --json`: role, managed policies, statements and what the code uses.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import { offsetToPosition } from '../util/lineIndex';
import { permissionsOf } from './effective';
import { shortArn } from './hoverText';
import { usagesOf } from './usage';

/** A function's permissions as the CLI reports them; paths relative, resources readable. */
export interface PermissionsReport {
  role: 'generated' | 'template' | 'external';
  managedPolicies: string[];
  statements: { effect: 'Allow' | 'Deny'; actions: string[]; resources: string[]; source: string }[];
  /** `granted` is null when the analysis cannot tell (an unknown policy, an unresolved resource). */
  used: { action: string; resource: string; granted: boolean | null; evidence: { file: string; line: number } }[];
}

/** Builds the report for one function; `rel` makes paths relative. */
export function permissionsReport(analysis: Analysis, fn: FunctionModel, rel: (file: string) => string): PermissionsReport {
  const permissions = permissionsOf(analysis, fn);
  return {
    role: permissions.role,
    managedPolicies: permissions.managedPolicies.map((m) => m.name),
    statements: permissions.grants.map((g) => ({
      effect: g.effect,
      actions: g.notActions ? g.notActions.map((a) => `NotAction ${a}`) : g.actions,
      resources: (g.notResources ?? g.resources).map((r) => (g.notResources ? `NotResource ${shortArn(r.text)}` : shortArn(r.text))),
      source: g.when ? `${g.source.label} (if ${g.when})` : g.source.label,
    })),
    used: usagesOf(analysis, fn).map((u) => {
      const starts = analysis.code.get(u.evidence.file)?.lineStarts ?? [0];
      return {
        action: u.action,
        resource: u.targetText,
        granted: u.status === 'unknown' ? null : u.status === 'granted',
        evidence: { file: rel(u.evidence.file), line: offsetToPosition(starts, u.evidence.start).line + 1 },
      };
    }),
  };
}
