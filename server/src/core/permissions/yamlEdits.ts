// Text edits on a template that keep it valid: add an item to a function's Policies (creating the key if needed), replace a value.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { Span } from '../model/types';
import { entryOf } from '../sam/values';

/** One text replacement: `span` (in its file) becomes `newText`. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** A policy template item: its name and its parameters as YAML values (`['TableName', '!Ref Orders']`). */
export interface PolicyItem {
  name: string;
  parameters: [string, string][];
}

/** The column of an offset and whether only spaces precede it on its line. */
function columnOf(text: string, offset: number): { column: number; clean: boolean } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return { column: offset - lineStart, clean: /^ *$/.test(before) };
}

/** The end of the line where the content before `offset` ends (spans of collections include trailing newlines). */
function lineEnd(text: string, offset: number): number {
  let content = offset;
  while (content > 0 && /\s/.test(text[content - 1])) content--;
  const end = text.indexOf('\n', content);
  return end < 0 ? text.length : end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

function blockItem(item: PolicyItem, indent: string): string {
  const head = `${indent}- ${item.name}:${item.parameters.length ? '' : ' {}'}`;
  return [head, ...item.parameters.map(([key, value]) => `${indent}    ${key}: ${value}`)].join('\n');
}

function flowItem(item: PolicyItem): string {
  return `{${item.name}: {${item.parameters.map(([key, value]) => `${key}: ${value}`).join(', ')}}}`;
}

/**
 * The edit that adds `item` to the function's own `Policies` (block or flow list, or a single value turned into a
 * list), or creates `Policies:` at the end of its Properties. Undefined for JSON templates and shapes it cannot edit safely.
 */
export function addPolicyItemEdit(analysis: Analysis, fn: FunctionModel, item: PolicyItem, text: string): TextEdit | undefined {
  const template = analysis.template(fn.file);
  const properties = analysis.resource(fn.file, fn.logicalId)?.properties;
  if (!template || template.format !== 'yaml' || !properties || text.length !== template.size) return undefined;
  const entry = entryOf(properties, 'Policies');
  const at = (offset: number): Span => ({ file: fn.file, start: offset, end: offset });
  if (!entry) {
    const first = columnOf(text, properties.span.start);
    if (!first.clean || text[properties.span.start] === '{') return undefined;
    const indent = ' '.repeat(first.column);
    const end = lineEnd(text, properties.span.end);
    return { span: at(end), newText: `\n${indent}Policies:\n${blockItem(item, `${indent}  `)}` };
  }
  const value = entry.value;
  if (value.kind === 'seq' && text[value.span.start] === '[') {
    const close = text.lastIndexOf(']', value.span.end);
    if (close < value.span.start) return undefined;
    return { span: at(close), newText: `${value.items.length ? ', ' : ''}${flowItem(item)}` };
  }
  if (value.kind === 'seq' && text[value.span.start] === '-') {
    const dash = columnOf(text, value.span.start);
    if (!dash.clean || !value.items.length) return undefined;
    const end = lineEnd(text, value.items[value.items.length - 1].span.end);
    return { span: at(end), newText: `\n${blockItem(item, ' '.repeat(dash.column))}` };
  }
  if ((value.kind === 'scalar' || value.kind === 'intrinsic') && !text.slice(value.span.start, value.span.end).includes('\n')) {
    const key = columnOf(text, entry.keySpan.start);
    if (!key.clean) return undefined;
    const indent = ' '.repeat(key.column + 2);
    const original = text.slice(value.span.start, value.span.end);
    const colon = text.indexOf(':', entry.keySpan.end);
    if (colon < 0 || colon > value.span.start) return undefined;
    return { span: { file: fn.file, start: colon, end: value.span.end }, newText: `:\n${indent}- ${original}\n${blockItem(item, indent)}` };
  }
  return undefined;
}

/** Applies edits to a text (edits must not overlap); used by tests and by clients without a workspace-edit API. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start)) {
    out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  }
  return out;
}
