// Reads the resources of IAM statements (strings, Ref, GetAtt, Sub, Join, ImportValue, If) into readable text and matchable patterns.
import type { Analysis } from '../analysis';
import type { TemplateFacts, TemplateValue } from '../model/types';
import { resolveTemplateValue, type Resolved } from '../graph/resolveValue';
import { PSEUDO_PARAMETERS } from '../sam/names';
import { describeValue, listOf, stringOf, valueOf } from '../sam/values';
import type { GrantResource, ResourcePattern } from './model';

/** The template a value is read in, and the snapshot used to resolve its names. */
export interface ValueContext {
  analysis: Analysis;
  template: TemplateFacts;
}

/** A piece of a resource string: literal text, a template resource, or a value that could not be resolved. */
export type Part =
  | { kind: 'text'; text: string }
  | { kind: 'resource'; id: string; logicalId: string; resourceType: string; attribute?: string; label: string }
  | { kind: 'placeholder'; label: string };

const MAX_DEPTH = 6;

/** One value as parts, or undefined when it cannot be read as a string. */
export function partsOfValue(context: ValueContext, value: TemplateValue | undefined, depth = 0): Part[] | undefined {
  if (!value || depth > MAX_DEPTH) return undefined;
  if (value.kind === 'scalar') return value.value === null ? undefined : [{ kind: 'text', text: String(value.value) }];
  if (value.kind !== 'intrinsic') return undefined;
  switch (value.name) {
    case 'Ref':
    case 'Fn::GetAtt':
    case 'Fn::ImportValue':
      return [partOfResolved(context, resolveTemplateValue(context.analysis, context.template, value), labelOf(value))];
    case 'Fn::Sub':
      return subParts(context, value.argument, depth);
    case 'Fn::Join':
      return joinParts(context, value.argument, depth);
    default:
      return undefined;
  }
}

/** The readable name of a Ref/GetAtt/ImportValue (`OrdersTable`, `Queue.Arn`, `ImportValue shop-x`). */
function labelOf(value: TemplateValue): string {
  if (value.kind !== 'intrinsic') return describeValue(value);
  const arg = value.argument;
  if (value.name === 'Ref') return stringOf(arg) ?? describeValue(arg);
  if (value.name === 'Fn::GetAtt') return arg.kind === 'seq' ? arg.items.map((i) => stringOf(i) ?? '?').join('.') : stringOf(arg) ?? '?';
  return `ImportValue ${stringOf(arg) ?? describeValue(arg)}`;
}

function partOfResolved(context: ValueContext, resolved: Resolved, label: string): Part {
  if (resolved.kind === 'literal') return { kind: 'text', text: resolved.value };
  if (resolved.kind === 'resource') {
    const fact = resolved.template.resources.find((r) => r.logicalId === resolved.logicalId);
    return { kind: 'resource', id: resolved.id, logicalId: resolved.logicalId, resourceType: fact?.type ?? '', attribute: resolved.attribute, label };
  }
  return { kind: 'placeholder', label };
}

/** `!Sub` text: literal runs, pseudo parameters kept as `${AWS::...}`, other placeholders resolved. */
function subParts(context: ValueContext, argument: TemplateValue, depth: number): Part[] | undefined {
  const text = stringOf(argument.kind === 'seq' ? argument.items[0] : argument);
  const variables = argument.kind === 'seq' ? argument.items[1] : undefined;
  if (text === undefined) return undefined;
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$\{([^}$]*)\}/g)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    last = at + match[0].length;
    const name = match[1].trim();
    if (name.startsWith('!')) parts.push({ kind: 'text', text: `\${${name.slice(1)}}` });
    else if (PSEUDO_PARAMETERS.has(name)) parts.push({ kind: 'text', text: `\${${name}}` });
    else {
      const local = valueOf(variables, name);
      const inner = local ? partsOfValue(context, local, depth + 1) : [namedPart(context, name)];
      parts.push(...(inner ?? [{ kind: 'placeholder', label: name }]));
    }
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** A `${Name}` or `${Name.Attr}` of a Sub, resolved as Ref or GetAtt would be. */
function namedPart(context: ValueContext, name: string): Part {
  const span = { file: context.template.file, start: 0, end: 0 };
  const scalar = { kind: 'scalar' as const, value: name, span };
  const synthetic: TemplateValue = name.includes('.')
    ? { kind: 'intrinsic', name: 'Fn::GetAtt', short: true, nameSpan: span, argument: scalar, span }
    : { kind: 'intrinsic', name: 'Ref', short: true, nameSpan: span, argument: scalar, span };
  return partOfResolved(context, resolveTemplateValue(context.analysis, context.template, synthetic), name);
}

function joinParts(context: ValueContext, argument: TemplateValue, depth: number): Part[] | undefined {
  if (argument.kind !== 'seq' || argument.items.length !== 2 || argument.items[1].kind !== 'seq') return undefined;
  const delimiter = stringOf(argument.items[0]) ?? '';
  const parts: Part[] = [];
  for (const [index, item] of argument.items[1].items.entries()) {
    if (index > 0 && delimiter) parts.push({ kind: 'text', text: delimiter });
    const inner = partsOfValue(context, item, depth + 1);
    if (!inner) return undefined;
    parts.push(...inner);
  }
  return parts;
}

/** The readable text of parts: resources and unresolved values as `${Label}`. */
export function partsText(parts: Part[]): string {
  return parts.map((p) => (p.kind === 'text' ? p.text : `\${${p.label}}`)).join('');
}

/** Turns parts into a statement resource: `*`, a template resource with the glob after it, an ARN pattern. */
export function grantResource(parts: Part[]): GrantResource {
  const text = partsText(parts);
  const resources = parts.filter((p): p is Extract<Part, { kind: 'resource' }> => p.kind === 'resource');
  if (resources.length > 1) return { text, pattern: { kind: 'unknown', reason: 'names several resources' } };
  if (resources.length === 1) {
    const resource = resources[0];
    const after = parts.slice(parts.indexOf(resource) + 1);
    const streamSuffix = resource.attribute === 'StreamArn' ? '/stream/*' : '';
    const suffix = streamSuffix + after.map((p) => (p.kind === 'text' ? p.text.replace(/\$\{[^}$]*\}/g, '*') : '*')).join('');
    return { text, pattern: { kind: 'resource', id: resource.id, logicalId: resource.logicalId, resourceType: resource.resourceType, suffix } };
  }
  if (/^\*+$/.test(text.trim())) return { text, pattern: { kind: 'any' } };
  return { text, pattern: { kind: 'arn', text } };
}

/** The resources of a statement's `Resource` value: a list, `!If` branches (both), single values. */
export function grantResources(context: ValueContext, value: TemplateValue | undefined): GrantResource[] {
  const out: GrantResource[] = [];
  for (const item of flattenIf(value)) {
    const parts = partsOfValue(context, item);
    const pattern: ResourcePattern = { kind: 'unknown', reason: `${describeValue(item)} cannot be read` };
    out.push(parts ? grantResource(parts) : { text: describeValue(item), pattern });
  }
  return out;
}

/** Items of a list value with every `!If` replaced by both of its branches and `AWS::NoValue` dropped. */
export function flattenIf(value: TemplateValue | undefined, depth = 0): TemplateValue[] {
  const out: TemplateValue[] = [];
  for (const item of listOf(value)) {
    if (item.kind === 'intrinsic' && item.name === 'Fn::If' && item.argument.kind === 'seq' && depth < MAX_DEPTH) {
      for (const branch of item.argument.items.slice(1)) out.push(...flattenIf(branch, depth + 1));
    } else if (!isNoValue(item)) out.push(item);
  }
  return out;
}

/** Whether a value is `!Ref AWS::NoValue`. */
export function isNoValue(value: TemplateValue): boolean {
  return value.kind === 'intrinsic' && value.name === 'Ref' && stringOf(value.argument) === 'AWS::NoValue';
}
