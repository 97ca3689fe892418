// Reads a SAM function's `Policies` in every form: managed names and ARNs, intrinsics, inline documents, policy templates, `!If`.
import type { MapValue, Span, TemplateValue } from '../model/types';
import { resolveTemplateValue } from '../graph/resolveValue';
import { describeValue, listOf, valueOf } from '../sam/values';
import type { Grant, GrantSource, ManagedPolicyUse, PolicyTemplateUse, Unknown } from './model';
import { knownManagedStatements, managedPolicyName } from './managedPolicyExtras';
import { branches, grantOfStatement, readPolicyDocument } from './policyDocument';
import { expandTemplateUse } from './templateExpansion';
import type { ValueContext } from './resourcePattern';

/** What a list of policies contributes to a role. */
export interface PolicySet {
  grants: Grant[];
  managed: ManagedPolicyUse[];
  templates: PolicyTemplateUse[];
  unknowns: Unknown[];
}

/** An empty policy set to add to. */
export function emptyPolicySet(): PolicySet {
  return { grants: [], managed: [], templates: [], unknowns: [] };
}

/** Adds `more` to `into`. */
export function mergePolicySet(into: PolicySet, more: PolicySet): void {
  into.grants.push(...more.grants);
  into.managed.push(...more.managed);
  into.templates.push(...more.templates);
  into.unknowns.push(...more.unknowns);
}

/** Reads the `Policies` property of an `AWS::Serverless::Function` (or state machine). */
export function readSamPolicies(context: ValueContext, policies: TemplateValue | undefined): PolicySet {
  const out = emptyPolicySet();
  for (const [index, item] of listOf(policies).entries()) {
    for (const branch of branches(item)) {
      if (branch.value.kind === 'seq') {
        for (const inner of branch.value.items) readItem(context, inner, index, branch.when, out);
      } else readItem(context, branch.value, index, branch.when, out);
    }
  }
  return out;
}

function readItem(context: ValueContext, item: TemplateValue, index: number, when: string | undefined, out: PolicySet): void {
  if (item.kind === 'scalar' || item.kind === 'intrinsic') {
    mergePolicySet(out, readManagedPolicy(context, item, 'Policies', index, when));
    return;
  }
  if (item.kind !== 'map') {
    out.unknowns.push({ reason: `Policies item ${describeValue(item)} cannot be read`, span: item.span });
    return;
  }
  if (valueOf(item, 'Statement')) {
    const source: GrantSource = { kind: 'inline', label: 'inline policy', span: item.span, policyIndex: index };
    const read = readPolicyDocument(context, item, source, when);
    out.grants.push(...read.grants);
    out.unknowns.push(...read.unknowns);
    return;
  }
  if (item.entries.length !== 1) {
    out.unknowns.push({ reason: 'a Policies item that is neither a policy document nor one policy template', span: item.span });
    return;
  }
  const use = expandTemplateUse(context, item, index, when);
  out.templates.push(use);
  out.grants.push(...use.grants);
  if (!use.known) out.unknowns.push({ reason: `${use.name} is not a SAM policy template known offline`, span: use.keySpan });
}

/**
 * A managed policy named by a string or intrinsic: a known AWS managed policy (its statements become grants),
 * an `AWS::IAM::ManagedPolicy` of the template (its document), or something unknown.
 */
export function readManagedPolicy(context: ValueContext, value: TemplateValue, reason: string, index?: number, when?: string): PolicySet {
  const out = emptyPolicySet();
  const resolved = value.kind === 'scalar' ? { kind: 'literal' as const, value: String(value.value) } : resolveTemplateValue(context.analysis, context.template, value);
  if (resolved.kind === 'resource') {
    const resource = resolved.template.resources.find((r) => r.logicalId === resolved.logicalId);
    if (resource?.type === 'AWS::IAM::ManagedPolicy') {
      const source: GrantSource = { kind: 'attachedPolicy', label: resolved.logicalId, span: resource.keySpan, policyIndex: index };
      const read = readPolicyDocument({ analysis: context.analysis, template: resolved.template }, valueOf(resource.properties, 'PolicyDocument'), source, when);
      out.managed.push({ name: resolved.logicalId, known: true, reason, span: value.span });
      out.grants.push(...read.grants);
      out.unknowns.push(...read.unknowns);
      return out;
    }
  }
  const text = resolved.kind === 'literal' ? resolved.value : describeValue(value);
  const name = resolved.kind === 'literal' ? managedPolicyName(text) ?? text : text;
  const statements = resolved.kind === 'literal' ? knownManagedStatements(text) : undefined;
  out.managed.push({ name, known: !!statements, reason, span: value.span });
  const source: GrantSource = { kind: 'managed', label: name, span: value.span, policyIndex: index };
  if (statements) out.grants.push(...statements.map((s) => grantOfStatement(s, source, when)));
  else out.unknowns.push({ reason: `managed policy ${name} is not known offline`, span: value.span });
  return out;
}

/** Reads `[{PolicyName, PolicyDocument}]` (an IAM role's inline policies). */
export function readRolePolicies(context: ValueContext, policies: TemplateValue | undefined, roleSpan: Span): PolicySet {
  const out = emptyPolicySet();
  for (const branch of branches(policies)) {
    for (const item of listOf(branch.value)) {
      for (const policy of branches(item, branch.when)) {
        const map = policy.value.kind === 'map' ? (policy.value as MapValue) : undefined;
        const label = map ? describeValue(valueOf(map, 'PolicyName')) || 'inline policy' : 'inline policy';
        const source: GrantSource = { kind: 'rolePolicy', label, span: map?.span ?? roleSpan };
        const read = readPolicyDocument(context, valueOf(map, 'PolicyDocument') ?? policy.value, source, policy.when);
        out.grants.push(...read.grants);
        out.unknowns.push(...read.unknowns);
      }
    }
  }
  return out;
}
