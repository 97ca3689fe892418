// Reads a function's `Role`: an AWS::IAM::Role of a workspace template (its policies and the policies attached to it) or a role from outside.
import type { ResourceFact, Span, TemplateFacts, TemplateValue } from '../model/types';
import { resolveTemplateValue } from '../graph/resolveValue';
import { describeValue, listOf, stringOf, valueOf } from '../sam/values';
import type { GrantSource } from './model';
import { emptyPolicySet, mergePolicySet, readManagedPolicy, readRolePolicies, type PolicySet } from './policyItems';
import { readPolicyDocument } from './policyDocument';
import { flattenIf, type ValueContext } from './resourcePattern';

/** A role named by `Role`, and what it grants. */
export interface RoleRead extends PolicySet {
  role: 'template' | 'external';
  roleName: string;
  roleSpan?: Span;
  permissionsBoundary?: string;
}

/** Reads the role a `Role` value names. */
export function readRole(context: ValueContext, value: TemplateValue): RoleRead {
  const resolved = resolveTemplateValue(context.analysis, context.template, value);
  const resource = resolved.kind === 'resource' ? resolved.template.resources.find((r) => r.logicalId === resolved.logicalId) : undefined;
  if (resolved.kind !== 'resource' || resource?.type !== 'AWS::IAM::Role') {
    const name = resolved.kind === 'literal' ? resolved.value : describeValue(value);
    const out: RoleRead = { ...emptyPolicySet(), role: 'external', roleName: name, roleSpan: value.span };
    out.unknowns.push({ reason: `the role ${name} is not an AWS::IAM::Role of the workspace templates`, span: value.span });
    return out;
  }
  const roleContext: ValueContext = { analysis: context.analysis, template: resolved.template };
  const out: RoleRead = { ...emptyPolicySet(), role: 'template', roleName: resource.logicalId, roleSpan: resource.keySpan };
  mergePolicySet(out, readRolePolicies(roleContext, valueOf(resource.properties, 'Policies'), resource.keySpan));
  for (const arn of flattenIf(valueOf(resource.properties, 'ManagedPolicyArns'))) {
    mergePolicySet(out, readManagedPolicy(roleContext, arn, `ManagedPolicyArns of ${resource.logicalId}`));
  }
  const boundary = valueOf(resource.properties, 'PermissionsBoundary');
  if (boundary) out.permissionsBoundary = stringOf(boundary) ?? describeValue(boundary);
  for (const attached of attachedPolicies(resolved.template, resource)) {
    const source: GrantSource = { kind: 'attachedPolicy', label: `${attached.logicalId} (${attached.type.replace('AWS::IAM::', '')})`, span: attached.keySpan };
    const read = readPolicyDocument(roleContext, valueOf(attached.properties, 'PolicyDocument'), source);
    out.grants.push(...read.grants);
    out.unknowns.push(...read.unknowns);
  }
  return out;
}

/** `AWS::IAM::Policy`/`ManagedPolicy` resources whose `Roles` name the role, and `AWS::IAM::RolePolicy` for it. */
function attachedPolicies(template: TemplateFacts, role: ResourceFact): ResourceFact[] {
  const roleName = stringOf(valueOf(role.properties, 'RoleName'));
  const names = (value: TemplateValue) =>
    (value.kind === 'intrinsic' && value.name === 'Ref' && stringOf(value.argument) === role.logicalId) ||
    (roleName !== undefined && stringOf(value) === roleName);
  return template.resources.filter((resource) => {
    if (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') {
      return listOf(valueOf(resource.properties, 'Roles')).some(names);
    }
    if (resource.type === 'AWS::IAM::RolePolicy') {
      const value = valueOf(resource.properties, 'RoleName');
      return !!value && names(value);
    }
    return false;
  });
}
