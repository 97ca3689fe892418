// Reads an IAM policy document written in a template (Statement list, Effect, Action, Resource, Condition) into grants.
import type { TemplateValue } from '../model/types';
import { describeValue, entryOf, stringOf, valueOf } from '../sam/values';
import type { Statement } from '../iam/statement';
import type { Grant, GrantResource, GrantSource, Unknown, WrittenAction } from './model';
import { flattenIf, grantResources, isNoValue, type ValueContext } from './resourcePattern';

/** Grants read from a document, and what could not be read. */
export interface ReadPolicy {
  grants: Grant[];
  unknowns: Unknown[];
}

/** Reads a policy document (`{Version, Statement}`), following `!If` in the document and in its statements. */
export function readPolicyDocument(context: ValueContext, document: TemplateValue | undefined, source: GrantSource, when?: string): ReadPolicy {
  const out: ReadPolicy = { grants: [], unknowns: [] };
  if (!document) return out;
  for (const doc of branches(document)) {
    if (doc.value.kind !== 'map') {
      out.unknowns.push({ reason: `${source.label}: policy document ${describeValue(doc.value)} cannot be read`, span: doc.value.span });
      continue;
    }
    const statements = valueOf(doc.value, 'Statement');
    for (const statement of branches(statements)) {
      for (const item of flattenIf(statement.value)) {
        const grant = readStatement(context, item, source, joinWhen(when, doc.when, statement.when), out.unknowns);
        if (grant) out.grants.push(grant);
      }
    }
  }
  return out;
}

/** A value, or both branches of an `!If` with the condition they depend on. */
export function branches(value: TemplateValue | undefined, when?: string): { value: TemplateValue; when?: string }[] {
  if (!value) return [];
  if (value.kind === 'intrinsic' && value.name === 'Fn::If' && value.argument.kind === 'seq' && value.argument.items.length === 3) {
    const condition = stringOf(value.argument.items[0]) ?? '?';
    const [, yes, no] = value.argument.items;
    return [...branches(yes, joinWhen(when, `${condition}`)), ...branches(no, joinWhen(when, `not ${condition}`))].filter((b) => !isNoValue(b.value));
  }
  return [{ value, when }];
}

/** Joins two branch conditions (`IsProd and not UseVpc`). */
export function joinWhen(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((p): p is string => !!p);
  return present.length ? present.join(' and ') : undefined;
}

function readStatement(context: ValueContext, statement: TemplateValue, source: GrantSource, when: string | undefined, unknowns: Unknown[]): Grant | undefined {
  if (statement.kind !== 'map') {
    unknowns.push({ reason: `${source.label}: statement ${describeValue(statement)} cannot be read`, span: statement.span });
    return undefined;
  }
  const effect = stringOf(valueOf(statement, 'Effect'));
  if (effect !== 'Allow' && effect !== 'Deny') {
    if (effect !== undefined || valueOf(statement, 'Effect')) unknowns.push({ reason: `${source.label}: Effect is not Allow or Deny`, span: statement.span });
    return undefined;
  }
  const actionEntry = entryOf(statement, 'Action') ?? entryOf(statement, 'NotAction');
  const resourceEntry = entryOf(statement, 'Resource') ?? entryOf(statement, 'NotResource');
  const written = writtenActions(actionEntry?.value, source, unknowns);
  const actions = written.map((w) => w.action);
  const resources = grantResources(context, resourceEntry?.value);
  const grant: Grant = { effect, actions: actionEntry?.key === 'NotAction' ? [] : actions, resources: [], source, when };
  if (actionEntry?.key === 'NotAction') grant.notActions = actions;
  if (resourceEntry?.key === 'NotResource') grant.notResources = resources;
  else grant.resources = resources;
  if (entryOf(statement, 'Condition')) grant.conditional = true;
  grant.written = { statement: statement.span, actionValue: actionEntry?.value.span, resourceValue: resourceEntry?.value.span, actions: written, file: statement.span.file };
  return grant;
}

/** The action strings of an Action value, with their spans; unreadable ones make the picture incomplete. */
function writtenActions(value: TemplateValue | undefined, source: GrantSource, unknowns: Unknown[]): WrittenAction[] {
  const out: WrittenAction[] = [];
  for (const item of flattenIf(value)) {
    const text = stringOf(item);
    if (text === undefined || text.includes('${')) {
      unknowns.push({ reason: `${source.label}: action ${describeValue(item)} cannot be read`, span: item.span });
      continue;
    }
    out.push({ action: text.trim(), span: item.span });
  }
  return out;
}

/** A statement of the IAM knowledge base (plain strings) as a grant: `*` matches everything, other resources are ARN patterns. */
export function grantOfStatement(statement: Statement, source: GrantSource, when?: string): Grant {
  const resource = (text: string): GrantResource => ({ text, pattern: /^\*+$/.test(text.trim()) ? { kind: 'any' } : { kind: 'arn', text } });
  const grant: Grant = { effect: statement.effect, actions: [...statement.actions], resources: statement.resources.map(resource), source, when };
  if (statement.notActions) grant.notActions = [...statement.notActions];
  if (statement.notResources) grant.notResources = statement.notResources.map(resource);
  if (statement.condition) grant.conditional = true;
  return grant;
}
