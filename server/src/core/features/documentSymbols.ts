// Document symbols (outline) of a template: Parameters, Resources grouped by type, functions with their endpoints, Outputs.
import type { Analysis } from '../analysis';
import type { Span, TemplateFacts } from '../model/types';
import { symbolKindForType, type SymbolKindName } from '../query/symbolKinds';

export interface SymbolNode {
  name: string;
  detail?: string;
  kind: SymbolKindName;
  span: Span;
  selectionSpan: Span;
  children?: SymbolNode[];
}

/** The outline of a template file; empty for files that are not templates. */
export function documentSymbols(analysis: Analysis, file: string): SymbolNode[] {
  const template = analysis.template(file);
  if (!template?.root) return [];
  const out: SymbolNode[] = [];
  const section = (key: string) => template.root!.entries.find((e) => e.key === key);
  const parameters = section('Parameters');
  if (parameters && template.parameters.length) {
    out.push(group('Parameters', parameters.keySpan, parameters.value.span, template.parameters.map((p) => leaf(p.name, p.type, 'variable', p.keySpan, p.span))));
  }
  const conditions = section('Conditions');
  if (conditions && template.conditions.length) {
    out.push(group('Conditions', conditions.keySpan, conditions.value.span, template.conditions.map((c) => leaf(c.name, undefined, 'constant', c.keySpan, c.span))));
  }
  const resources = section('Resources');
  if (resources) out.push(group('Resources', resources.keySpan, resources.value.span, resourceGroups(analysis, template)));
  const outputs = section('Outputs');
  if (outputs && template.outputs.length) {
    out.push(group('Outputs', outputs.keySpan, outputs.value.span, template.outputs.map((o) => leaf(o.name, undefined, 'property', o.keySpan, o.span))));
  }
  return out;
}

function resourceGroups(analysis: Analysis, template: TemplateFacts): SymbolNode[] {
  const byType = new Map<string, SymbolNode[]>();
  for (const resource of template.resources) {
    const fn = analysis.functions.find((f) => f.file === template.file && f.logicalId === resource.logicalId);
    const node = leaf(resource.logicalId, resource.type, fn ? 'function' : symbolKindForType(resource.type), resource.keySpan, spanFrom(resource.keySpan, resource.span));
    if (fn) {
      node.detail = fn.runtime ? `${fn.runtime} · ${fn.handler?.value ?? ''}`.trim() : fn.handler?.value;
      node.children = analysis.endpoints
        .filter((e) => e.functionId === fn.id)
        .map((e) => leaf(`${e.method} ${e.path}`, e.api, 'event', e.span, e.span));
    }
    const list = byType.get(resource.type) ?? [];
    list.push(node);
    byType.set(resource.type, list);
  }
  return [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, nodes]) => {
      const first = nodes[0].span;
      const last = nodes[nodes.length - 1].span;
      return group(type, nodes[0].selectionSpan, { file: first.file, start: Math.min(...nodes.map((n) => n.span.start)), end: Math.max(last.end, ...nodes.map((n) => n.span.end)) }, nodes, 'module');
    });
}

function leaf(name: string, detail: string | undefined, kind: SymbolKindName, selectionSpan: Span, span: Span): SymbolNode {
  return { name, detail, kind, selectionSpan, span: spanFrom(selectionSpan, span) };
}

function group(name: string, selectionSpan: Span, span: Span, children: SymbolNode[], kind: SymbolKindName = 'namespace'): SymbolNode {
  return { name, kind, selectionSpan, span: spanFrom(selectionSpan, span), children };
}

/** A span that covers both (the key and its value), as LSP wants the selection inside the range. */
function spanFrom(a: Span, b: Span): Span {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
