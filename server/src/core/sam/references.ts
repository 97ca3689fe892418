// Finds every place a template names something: Ref, GetAtt, ${} in Sub, DependsOn, Condition, ImportValue, FindInMap.
import type { IntrinsicValue, MapEntry, Span, TemplateFacts, TemplateReference, TemplateValue } from '../model/types';
import { listOf, stringOf } from './values';
import { innerSpan } from './yamlShared';
import { FOR_EACH_PREFIX, loopOf } from './forEach';

interface Context {
  facts: TemplateFacts;
  text: string;
  out: TemplateReference[];
  container?: string;
  /** Identifiers of the `Fn::ForEach` loops being walked: names the loop defines, not references. */
  loopNames: string[];
}

/** Collects the references of a parsed template; `text` is the file's text, for exact name spans. */
export function collectReferences(facts: TemplateFacts, text: string): TemplateReference[] {
  const context: Context = { facts, text, out: [], loopNames: [] };
  const root = facts.root;
  if (!root) return [];
  for (const section of root.entries) {
    if (section.key === 'Resources' || section.key === 'Outputs' || section.key === 'Conditions') {
      if (section.value.kind !== 'map') {
        visit(context, section.value, section.key === 'Conditions');
        continue;
      }
      for (const entry of section.value.entries) visitEntry(context, entry, section.key === 'Conditions');
      context.container = undefined;
    } else if (section.key !== 'Parameters' && section.key !== 'Mappings' && section.key !== 'Metadata') {
      visit(context, section.value, false);
    }
  }
  return context.out;
}

/** One resource, output or condition, or a `Fn::ForEach::` loop of them whose identifier is a name inside it. */
function visitEntry(context: Context, entry: MapEntry, isCondition: boolean): void {
  const loop = entry.key.startsWith(FOR_EACH_PREFIX) ? loopOf(entry) : undefined;
  if (loop) {
    visit(context, loop.collection, false);
    context.loopNames.push(loop.identifier);
    for (const output of loop.outputs.entries) visitEntry(context, output, isCondition);
    context.loopNames.pop();
  } else if (isCondition) {
    visit(context, entry.value, true);
  } else {
    context.container = entry.key;
    visitAttributes(context, entry.value);
    visit(context, entry.value, false);
  }
}

/** Resource and output attributes: `DependsOn` and `Condition`. */
function visitAttributes(context: Context, node: TemplateValue): void {
  if (node.kind !== 'map') return;
  for (const entry of node.entries) {
    if (entry.key === 'DependsOn') {
      for (const item of listOf(entry.value)) addScalar(context, item, 'DependsOn');
    } else if (entry.key === 'Condition') {
      addScalar(context, entry.value, 'Condition');
    }
  }
}

/** Walks values with an explicit stack; `inCondition` marks condition expressions where `{Condition: X}` is a reference. */
function visit(context: Context, start: TemplateValue, inCondition: boolean): void {
  const stack: { value: TemplateValue; inCondition: boolean }[] = [{ value: start, inCondition }];
  while (stack.length) {
    const { value, inCondition: cond } = stack.pop()!;
    if (value.kind === 'intrinsic') {
      intrinsic(context, value);
      const conditional = cond || ['Fn::If', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Fn::Equals'].includes(value.name);
      if (value.name === 'Fn::If' && value.argument.kind === 'seq') {
        addScalar(context, value.argument.items[0], 'Condition');
        for (const item of value.argument.items.slice(1)) stack.push({ value: item, inCondition: false });
      } else if (value.name !== 'Ref' && value.name !== 'Fn::GetAtt' && value.name !== 'Condition') {
        if (value.name !== 'Fn::Sub') stack.push({ value: value.argument, inCondition: conditional });
        else if (value.argument.kind === 'seq' && value.argument.items[1]) stack.push({ value: value.argument.items[1], inCondition: false });
      }
    } else if (value.kind === 'map') {
      for (const entry of value.entries) {
        if (cond && entry.key === 'Condition' && value.entries.length === 1) addScalar(context, entry.value, 'Condition');
        else stack.push({ value: entry.value, inCondition: cond });
      }
    } else if (value.kind === 'seq') {
      for (const item of value.items) stack.push({ value: item, inCondition: cond });
    }
  }
}

function intrinsic(context: Context, value: IntrinsicValue): void {
  const arg = value.argument;
  switch (value.name) {
    case 'Ref':
      addScalar(context, arg, 'Ref');
      break;
    case 'Condition':
      addScalar(context, arg, 'Condition');
      break;
    case 'Fn::GetAtt':
      getAtt(context, arg);
      break;
    case 'Fn::Sub':
      sub(context, arg);
      break;
    case 'Fn::ImportValue':
      addScalar(context, arg, 'ImportValue');
      break;
    case 'Fn::FindInMap':
      if (arg.kind === 'seq') addScalar(context, arg.items[0], 'FindInMap');
      break;
  }
}

function addScalar(context: Context, value: TemplateValue | undefined, kind: TemplateReference['kind']): void {
  const name = stringOf(value);
  if (!value || name === undefined || name === '' || context.loopNames.includes(name)) return;
  context.out.push({ target: name, kind, span: innerSpan(context, value.span), container: context.container });
}

function getAtt(context: Context, arg: TemplateValue): void {
  if (arg.kind === 'seq') {
    const target = stringOf(arg.items[0]);
    if (!target || !arg.items[0] || context.loopNames.includes(target)) return;
    const attribute = arg.items.slice(1).map(stringOf).filter(Boolean).join('.');
    context.out.push({ target, attribute, kind: 'GetAtt', span: innerSpan(context, arg.items[0].span), container: context.container });
    return;
  }
  const text = stringOf(arg);
  if (!text) return;
  const span = innerSpan(context, arg.span);
  const dot = text.indexOf('.');
  const target = dot >= 0 ? text.slice(0, dot) : text;
  if (context.loopNames.includes(target)) return;
  context.out.push({
    target,
    attribute: dot >= 0 ? text.slice(dot + 1) : undefined,
    kind: 'GetAtt',
    span: { file: span.file, start: span.start, end: span.start + target.length },
    container: context.container,
  });
}

function sub(context: Context, arg: TemplateValue): void {
  const stringNode = arg.kind === 'seq' ? arg.items[0] : arg;
  if (!stringNode || stringNode.kind !== 'scalar') return;
  const localNames: string[] = [];
  if (arg.kind === 'seq' && arg.items[1]?.kind === 'map') localNames.push(...arg.items[1].entries.map((e) => e.key));
  for (const found of subPlaceholders(context.text, stringNode.span)) {
    if (localNames.includes(found.name) || context.loopNames.includes(found.name)) continue;
    context.out.push({
      target: found.name,
      attribute: found.attribute,
      kind: 'Sub',
      span: found.span,
      container: context.container,
      localNames: localNames.length ? localNames : undefined,
    });
  }
}

/** The `${Name}` and `${Name.Attr}` placeholders in the source text of a Sub string (not `${!Literal}`). */
export function subPlaceholders(text: string, span: Span): { name: string; attribute?: string; span: Span }[] {
  const out: { name: string; attribute?: string; span: Span }[] = [];
  const source = text.slice(span.start, span.end);
  const pattern = /\$\{([^}!$][^}$]*)\}/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source))) {
    const inner = match[1].trim();
    const dot = inner.startsWith('AWS::') ? -1 : inner.indexOf('.');
    const name = dot >= 0 ? inner.slice(0, dot) : inner;
    const start = span.start + match.index + 2 + (match[1].length - match[1].trimStart().length);
    out.push({ name, attribute: dot >= 0 ? inner.slice(dot + 1) : undefined, span: { file: span.file, start, end: start + name.length } });
  }
  return out;
}
