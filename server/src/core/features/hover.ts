// Hover: a Markdown card for resources, functions, parameters, references, Handler values, env reads and handler exports.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { ResourceFact, Span, TemplateFacts } from '../model/types';
import { resolveName } from '../sam/names';
import { describeValue } from '../sam/values';
import { displayPath } from '../query/display';
import { functionsUsingFile } from '../query/code';
import { locate } from '../query/locate';
import { permissionHover } from '../permissions/hoverAt';
import { permissionSection } from '../permissions/hoverText';
import { blastRadiusLine } from '../impact/reach';
import { resourceLimitHover } from '../impact/resourceCount';

export interface HoverResult {
  markdown: string;
  span: Span;
}

const MAX_PROPERTIES = 8;

/** The hover card for the thing at `offset`, if any. */
export function hover(analysis: Analysis, file: string, offset: number): HoverResult | undefined {
  const limits = resourceLimitHover(analysis, file, offset);
  if (limits) return limits;
  const located = locate(analysis, file, offset);
  if (!located) return permissionHover(analysis, file, offset);
  switch (located.kind) {
    case 'resource':
      return { markdown: resourceCard(analysis, located.template, located.resource), span: located.resource.keySpan };
    case 'reference': {
      const ref = located.reference;
      if (ref.kind === 'ImportValue') {
        const found = analysis.findExports(ref.target);
        const lines = found.map((e) => `- \`${e.output.name}\` in ${displayPath(analysis, e.template.file)}: ${describeValue(e.output.value)}`);
        return { markdown: `**Import** \`${ref.target}\`\n\n${lines.join('\n') || 'No template of the workspace exports this name.'}`, span: ref.span };
      }
      const target = resolveName(located.template, ref.target, ref.kind === 'Condition' ? 'condition' : ref.kind === 'FindInMap' ? 'mapping' : 'value');
      if (!target) return { markdown: `\`${ref.target}\` is not defined in this template.`, span: ref.span };
      if (target.kind === 'resource') return { markdown: resourceCard(analysis, located.template, target.resource), span: ref.span };
      if (target.kind === 'generated') return { markdown: `**${ref.target}**: ${target.description}.`, span: ref.span };
      if (target.kind === 'pseudo') return { markdown: `**${ref.target}**: CloudFormation pseudo parameter.`, span: ref.span };
      if (target.kind === 'parameter') {
        const p = target.parameter;
        return { markdown: `**Parameter** \`${p.name}\`${p.type ? ` · ${p.type}` : ''}${p.defaultValue ? `\n\nDefault: \`${describeValue(p.defaultValue)}\`` : ''}`, span: ref.span };
      }
      return { markdown: `**${target.kind === 'condition' ? 'Condition' : 'Mapping'}** \`${ref.target}\``, span: ref.span };
    }
    case 'parameter': {
      const p = located.parameter;
      return { markdown: `**Parameter** \`${p.name}\`${p.type ? ` · ${p.type}` : ''}\n\n${usageLine(located.template, p.name)}`, span: p.keySpan };
    }
    case 'handler':
      return { markdown: functionCard(analysis, located.fn), span: located.fn.handler!.span };
    case 'endpoint':
      return { markdown: `**${located.endpoint.method} ${located.endpoint.path}** on \`${located.endpoint.api}\`${located.fn ? `\n\n${functionCard(analysis, located.fn)}` : ''}`, span: located.endpoint.span };
    case 'envVar':
      return { markdown: `**${located.variable.name}** = \`${describeValue(located.variable.value)}\`${located.variable.fromGlobals ? ' (from Globals)' : ''}`, span: located.variable.keySpan };
    case 'envRead': {
      const lines = functionsUsingFile(analysis, file).map((fn) => {
        const variable = fn.environment.find((v) => v.name === located.read.name);
        return `- ${fn.logicalId}: ${variable ? `\`${describeValue(variable.value)}\`${variable.fromGlobals ? ' (Globals)' : ''}` : '**not defined**'}`;
      });
      return { markdown: `**process.env.${located.read.name}**\n\n${lines.join('\n') || 'No function of the workspace uses this file as its handler.'}`, span: located.read.span };
    }
    case 'export':
      if (!located.functions.length) return undefined;
      return { markdown: located.functions.map((fn) => functionCard(analysis, fn)).join('\n\n---\n\n'), span: located.exported.span };
    default:
      return undefined;
  }
}

function resourceCard(analysis: Analysis, template: TemplateFacts, resource: ResourceFact): string {
  const fn = analysis.functions.find((f) => f.file === template.file && f.logicalId === resource.logicalId);
  if (fn) return functionCard(analysis, fn);
  const lines = [`**${resource.logicalId}** · \`${resource.type}\``];
  const properties = resource.properties?.entries ?? [];
  if (properties.length) {
    lines.push('', ...properties.slice(0, MAX_PROPERTIES).map((e) => `- ${e.key}: \`${truncate(describeValue(e.value), 80)}\``));
    if (properties.length > MAX_PROPERTIES) lines.push(`- … ${properties.length - MAX_PROPERTIES} more`);
  }
  lines.push('', usageLine(template, resource.logicalId));
  return lines.join('\n');
}

/** The card for a function: runtime, handler, endpoints, events, environment. */
export function functionCard(analysis: Analysis, fn: FunctionModel): string {
  const lines = [`**${fn.logicalId}** · \`${fn.resourceType}\`${fn.runtime ? ` · ${fn.runtime}` : ''}`];
  const r = fn.resolution;
  if (r.status === 'resolved') lines.push('', `Handler: \`${displayPath(analysis, r.file)}\` → \`${r.exportName}\``);
  else if (r.status === 'missing-file') lines.push('', `Handler \`${fn.handler?.value}\`: **file not found** (looked for ${r.looked.slice(0, 3).map((l) => `\`${displayPath(analysis, l)}\``).join(', ')})`);
  else if (r.status === 'inline') lines.push('', 'Handler: inline code');
  else if (r.status === 'outside-workspace') lines.push('', `Handler: outside the workspace (\`${r.path}\`), not read`);
  else lines.push('', `Handler: ${r.reason}`);
  const endpoints = analysis.endpoints.filter((e) => e.functionId === fn.id);
  if (endpoints.length) lines.push('', `Endpoints: ${endpoints.map((e) => `\`${e.method} ${e.path}\``).join(', ')}`);
  const events = fn.events.filter((e) => e.type !== 'Api' && e.type !== 'HttpApi');
  if (events.length) lines.push('', `Events: ${events.map((e) => `${e.name} (${e.type})`).join(', ')}`);
  if (fn.environment.length) lines.push('', `Environment: ${fn.environment.map((v) => `\`${v.name}\``).join(', ')}`);
  if (fn.timeout !== undefined) lines.push('', `Timeout: ${fn.timeout} s`);
  lines.push('', permissionSection(analysis, fn));
  lines.push('', blastRadiusLine(analysis, fn.id));
  return lines.join('\n');
}

function usageLine(template: TemplateFacts, name: string): string {
  const uses = template.references.filter((r) => r.target === name && r.kind !== 'Condition');
  if (!uses.length) return 'Not referenced in this template.';
  const containers = [...new Set(uses.map((u) => u.container).filter(Boolean))];
  return `Referenced ${uses.length} time${uses.length === 1 ? '' : 's'}${containers.length ? ` by ${containers.slice(0, 6).join(', ')}${containers.length > 6 ? ', …' : ''}` : ''}.`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
