// Go to definition: from template references, Handler values, endpoints and env reads to what they name.
import type { Analysis } from '../analysis';
import type { Span, TemplateFacts, TemplateReference } from '../model/types';
import { resolveName } from '../sam/names';
import { joinPath, dirname } from '../util/paths';
import { locate } from '../query/locate';
import { exportSpan, functionsUsingFile, handlerTarget } from '../query/code';

/** Where the thing at `offset` is defined; empty when nothing is known there. */
export function definition(analysis: Analysis, file: string, offset: number): Span[] {
  const located = locate(analysis, file, offset);
  if (!located) return [];
  switch (located.kind) {
    case 'reference':
      return referenceTarget(analysis, located.template, located.reference);
    case 'handler':
      return handlerTarget(analysis, located.fn);
    case 'resource':
      return located.fn ? handlerTarget(analysis, located.fn) : [];
    case 'endpoint':
      return located.fn ? handlerTarget(analysis, located.fn) : [];
    case 'codeUri': {
      const folder = joinPath(dirname(located.fn.file), located.fn.codeUri!.value);
      return [{ file: folder, start: 0, end: 0 }];
    }
    case 'envRead':
      return envDefinitions(analysis, file, located.read.name);
    case 'export':
      return located.functions.flatMap((fn) => (fn.handler ? [fn.handler.span] : [fn.keySpan]));
    default:
      return [];
  }
}

/** The definition of a name used in a template reference. */
export function referenceTarget(analysis: Analysis, template: TemplateFacts, reference: TemplateReference): Span[] {
  if (reference.kind === 'ImportValue') return analysis.findExports(reference.target).map((e) => e.output.keySpan);
  const kind = reference.kind === 'Condition' ? 'condition' : reference.kind === 'FindInMap' ? 'mapping' : 'value';
  const target = resolveName(template, reference.target, kind);
  if (!target) return [];
  switch (target.kind) {
    case 'parameter':
      return [target.parameter.keySpan];
    case 'resource':
      return [target.resource.keySpan];
    case 'generated':
      return [target.source.keySpan];
    case 'condition':
      return [target.condition.keySpan];
    case 'mapping':
      return [target.mapping.keySpan];
    default:
      return [];
  }
}

/** The `Environment.Variables` entries (Globals included) of every function whose code reads this variable. */
export function envDefinitions(analysis: Analysis, file: string, name: string): Span[] {
  const spans: Span[] = [];
  const seen = new Set<string>();
  for (const fn of functionsUsingFile(analysis, file)) {
    const variable = fn.environment.find((v) => v.name === name);
    if (!variable) continue;
    const key = `${variable.keySpan.file}:${variable.keySpan.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    spans.push(variable.keySpan);
  }
  return spans;
}

