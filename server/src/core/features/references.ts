// Find references: every intrinsic naming a resource or parameter, its imports in other templates, and the env vars pointing at it.
import type { Analysis } from '../analysis';
import type { Span, TemplateFacts, TemplateValue } from '../model/types';
import { walkValues } from '../sam/values';
import { subPlaceholders } from '../sam/references';
import { locate } from '../query/locate';
import { moduleClosure } from '../query/code';

/** A named thing of one template that references can point at. */
interface Subject {
  template: TemplateFacts;
  name: string;
  kind: 'value' | 'condition' | 'output';
  declaration?: Span;
}

/** References of the thing at `offset`; the declaration is included when `includeDeclaration`. */
export function references(analysis: Analysis, file: string, offset: number, includeDeclaration: boolean): Span[] {
  const subject = subjectAt(analysis, file, offset);
  if (!subject) return [];
  const spans: Span[] = [];
  if (includeDeclaration && subject.declaration) spans.push(subject.declaration);
  if (subject.kind === 'output') {
    spans.push(...importsOfOutput(analysis, subject));
    return spans;
  }
  for (const reference of subject.template.references) {
    const isCondition = reference.kind === 'Condition';
    if (reference.target !== subject.name || isCondition !== (subject.kind === 'condition')) continue;
    if (reference.kind === 'ImportValue' || reference.kind === 'FindInMap') continue;
    spans.push(reference.span);
  }
  if (subject.kind === 'value') spans.push(...codeReadsOf(analysis, subject));
  return dedupe(spans);
}

/** The environment variables whose values name `name` in the template (by Ref, GetAtt or Sub). */
export function envVarsPointingAt(analysis: Analysis, template: TemplateFacts, name: string): { functionId: string; variable: string; span: Span }[] {
  const out: { functionId: string; variable: string; span: Span }[] = [];
  for (const fn of analysis.functions) {
    if (fn.file !== template.file) continue;
    for (const variable of fn.environment) {
      if (valueNames(variable.value).includes(name)) out.push({ functionId: fn.id, variable: variable.name, span: variable.keySpan });
    }
  }
  return out;
}

/** The logical IDs and parameters a value names through Ref, GetAtt and Sub (without its text: Sub placeholders from the scalar). */
export function valueNames(value: TemplateValue): string[] {
  const names: string[] = [];
  walkValues(value, (node) => {
    if (node.kind !== 'intrinsic') return;
    const arg = node.argument;
    if (node.name === 'Ref' && arg.kind === 'scalar') names.push(String(arg.value));
    if (node.name === 'Fn::GetAtt') {
      const first = arg.kind === 'seq' ? arg.items[0] : arg;
      if (first?.kind === 'scalar') names.push(String(first.value).split('.')[0]);
    }
    if (node.name === 'Fn::Sub') {
      const str = arg.kind === 'seq' ? arg.items[0] : arg;
      if (str?.kind === 'scalar' && typeof str.value === 'string') {
        names.push(...subPlaceholders(str.value, { file: '', start: 0, end: str.value.length }).map((p) => p.name));
      }
    }
  });
  return names;
}

/** Reads in handler code (`process.env.X`) of the env vars that point at the subject. */
function codeReadsOf(analysis: Analysis, subject: Subject): Span[] {
  const spans: Span[] = [];
  for (const pointer of envVarsPointingAt(analysis, subject.template, subject.name)) {
    const fn = analysis.function(pointer.functionId);
    if (fn?.resolution.status !== 'resolved') continue;
    for (const file of moduleClosure(analysis, fn.resolution.file)) {
      for (const read of analysis.code.get(file)?.envReads ?? []) if (read.name === pointer.variable) spans.push(read.span);
    }
  }
  return spans;
}

function subjectAt(analysis: Analysis, file: string, offset: number): Subject | undefined {
  const located = locate(analysis, file, offset);
  if (!located) return undefined;
  switch (located.kind) {
    case 'reference': {
      const ref = located.reference;
      if (ref.kind === 'ImportValue') {
        const exported = analysis.findExports(ref.target)[0];
        return exported && { template: exported.template, name: exported.output.name, kind: 'output', declaration: exported.output.keySpan };
      }
      const declaration = located.template.resources.find((r) => r.logicalId === ref.target)?.keySpan ?? located.template.parameters.find((p) => p.name === ref.target)?.keySpan;
      return { template: located.template, name: ref.target, kind: ref.kind === 'Condition' ? 'condition' : 'value', declaration };
    }
    case 'resource':
      return { template: located.template, name: located.resource.logicalId, kind: 'value', declaration: located.resource.keySpan };
    case 'parameter':
      return { template: located.template, name: located.parameter.name, kind: 'value', declaration: located.parameter.keySpan };
    case 'condition':
      return { template: located.template, name: located.condition.name, kind: 'condition', declaration: located.condition.keySpan };
    case 'output':
      return { template: located.template, name: located.output.name, kind: 'output', declaration: located.output.keySpan };
    default:
      return undefined;
  }
}

/** The `!ImportValue` uses, in any template, of the export an output declares. */
function importsOfOutput(analysis: Analysis, subject: Subject): Span[] {
  const spans: Span[] = [];
  for (const template of analysis.templates) {
    for (const reference of template.references) {
      if (reference.kind !== 'ImportValue') continue;
      if (analysis.findExports(reference.target).some((e) => e.template === subject.template && e.output.name === subject.name)) spans.push(reference.span);
    }
  }
  return spans;
}

function dedupe(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const key = `${s.file}:${s.start}:${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
