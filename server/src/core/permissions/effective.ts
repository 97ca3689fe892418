// The effective permissions of a function, as SAM would build its role, computed once per snapshot and function.
import { FunctionMemo } from '../query/memo';
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import { describeValue, entryOf, stringOf, valueOf } from '../sam/values';
import type { Permissions } from './model';
import { connectorGrants } from './connectors';
import { generatedRoleExtras } from './generatedRole';
import { emptyPolicySet, mergePolicySet, readSamPolicies, type PolicySet } from './policyItems';
import { readRole } from './templateRole';
import type { ValueContext } from './resourcePattern';

const memo = new FunctionMemo<Permissions>(false);

/** The effective permissions of `fn` (memoised across snapshots while no template changes). */
export function permissionsOf(analysis: Analysis, fn: FunctionModel): Permissions {
  return memo.get(analysis, fn, () => computePermissions(analysis, fn));
}

function computePermissions(analysis: Analysis, fn: FunctionModel): Permissions {
  const out: Permissions = { functionId: fn.id, role: 'generated', managedPolicies: [], grants: [], templates: [], invokePermissions: [], unknowns: [] };
  const template = analysis.template(fn.file);
  if (!template) {
    out.role = 'external';
    out.unknowns.push({ reason: 'the template is not loaded' });
    return out;
  }
  const context: ValueContext = { analysis, template };
  const roleValue = valueOf(fn.properties, 'Role');
  const policies = entryOf(fn.properties, 'Policies');
  const serverless = fn.resourceType === 'AWS::Serverless::Function';
  const set: PolicySet = emptyPolicySet();
  if (roleValue) {
    const role = readRole(context, roleValue);
    out.role = role.role;
    out.roleName = role.roleName;
    out.roleSpan = role.roleSpan;
    out.permissionsBoundary = role.permissionsBoundary;
    mergePolicySet(set, role);
    const conditional = roleValue.kind === 'intrinsic' && roleValue.name === 'Fn::If';
    if (serverless && policies && !conditional) out.ignoredPolicies = policies.keySpan;
  } else if (serverless) {
    const extras = generatedRoleExtras(context, fn);
    set.managed.push(...extras.managed);
    mergePolicySet(set, readSamPolicies(context, policies?.value));
    set.grants.push(...extras.grants);
    set.unknowns.push(...extras.unknowns);
    const boundary = valueOf(fn.properties, 'PermissionsBoundary');
    if (boundary) out.permissionsBoundary = stringOf(boundary) ?? describeValue(boundary);
  } else {
    out.role = 'external';
    set.unknowns.push({ reason: `${fn.logicalId} has no Role`, span: fn.keySpan });
  }
  if (out.role !== 'external') {
    const connectors = connectorGrants(context, fn);
    set.grants.push(...connectors.grants);
    out.invokePermissions = connectors.invokePermissions;
  }
  out.managedPolicies = set.managed;
  out.grants = set.grants;
  out.templates = set.templates;
  out.unknowns = [...out.unknowns, ...set.unknowns];
  return out;
}

/** Whether every grant of the role is known, so that "nothing allows it" can be trusted. */
export function isComplete(permissions: Permissions): boolean {
  return permissions.unknowns.length === 0;
}
