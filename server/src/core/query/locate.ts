// Says what sits at an offset of a file: a reference, a logical ID, a Handler value, an endpoint path, an env read, an export.
import type { Analysis } from '../analysis';
import type { EndpointModel, EnvVarModel, FunctionModel } from '../model/functions';
import type { CodeExport, EnvRead, NamedEntry, OutputFact, ParameterFact, ResourceFact, Span, TemplateFacts, TemplateReference } from '../model/types';

export type Located =
  | { kind: 'reference'; template: TemplateFacts; reference: TemplateReference }
  | { kind: 'resource'; template: TemplateFacts; resource: ResourceFact; fn?: FunctionModel }
  | { kind: 'parameter'; template: TemplateFacts; parameter: ParameterFact }
  | { kind: 'output'; template: TemplateFacts; output: OutputFact }
  | { kind: 'condition'; template: TemplateFacts; condition: NamedEntry }
  | { kind: 'handler'; template: TemplateFacts; fn: FunctionModel }
  | { kind: 'codeUri'; template: TemplateFacts; fn: FunctionModel }
  | { kind: 'endpoint'; template: TemplateFacts; endpoint: EndpointModel; fn?: FunctionModel }
  | { kind: 'envVar'; template: TemplateFacts; fn: FunctionModel; variable: EnvVarModel }
  | { kind: 'envRead'; file: string; read: EnvRead }
  | { kind: 'export'; file: string; exported: CodeExport; functions: FunctionModel[] };

/** Whether the offset is inside the span (its end included, so a cursor just after a name counts). */
export function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** What is at `offset` in `file`, most specific first. */
export function locate(analysis: Analysis, file: string, offset: number): Located | undefined {
  const template = analysis.template(file);
  if (template) return locateInTemplate(analysis, template, offset);
  const code = analysis.code.get(file);
  if (!code) return undefined;
  const read = code.envReads.find((r) => contains(r.span, offset));
  if (read) return { kind: 'envRead', file, read };
  const exported = code.exports.find((e) => contains(e.span, offset));
  if (exported) {
    const functions = analysis.functionsForHandlerFile(file).filter((fn) => fn.resolution.status === 'resolved' && fn.resolution.exportName === exported.name);
    return { kind: 'export', file, exported, functions };
  }
  return undefined;
}

function locateInTemplate(analysis: Analysis, template: TemplateFacts, offset: number): Located | undefined {
  const reference = template.references.find((r) => contains(r.span, offset));
  if (reference) return { kind: 'reference', template, reference };
  const functions = analysis.functions.filter((f) => f.file === template.file);
  for (const fn of functions) {
    if (!contains(fn.span, offset) && !contains(fn.keySpan, offset)) continue;
    if (fn.handler && contains(fn.handler.span, offset)) return { kind: 'handler', template, fn };
    if (fn.codeUri && contains(fn.codeUri.span, offset)) return { kind: 'codeUri', template, fn };
  }
  const endpoint = analysis.endpoints.find((e) => e.span.file === template.file && contains(e.span, offset));
  if (endpoint) return { kind: 'endpoint', template, endpoint, fn: analysis.function(endpoint.functionId) };
  for (const fn of functions) {
    const variable = fn.environment.find((v) => contains(v.keySpan, offset));
    if (variable) return { kind: 'envVar', template, fn, variable };
  }
  const resource = template.resources.find((r) => contains(r.keySpan, offset));
  if (resource) return { kind: 'resource', template, resource, fn: functions.find((f) => f.logicalId === resource.logicalId) };
  const parameter = template.parameters.find((p) => contains(p.keySpan, offset));
  if (parameter) return { kind: 'parameter', template, parameter };
  const output = template.outputs.find((o) => contains(o.keySpan, offset));
  if (output) return { kind: 'output', template, output };
  const condition = template.conditions.find((c) => contains(c.keySpan, offset));
  if (condition) return { kind: 'condition', template, condition };
  return undefined;
}
