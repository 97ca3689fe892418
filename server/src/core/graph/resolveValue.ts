// Traces values to template resources: intrinsics in templates, env vars and literals in code, across stacks via ImportValue.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { TemplateFacts, TemplateValue, TracedValue } from '../model/types';
import { nodeId } from '../sam/ids';
import { PSEUDO_PARAMETERS } from '../sam/names';
import { stringOf, valueOf } from '../sam/values';

export type Resolved =
  | { kind: 'resource'; id: string; template: TemplateFacts; logicalId: string; attribute?: string; rest?: string }
  | { kind: 'literal'; value: string }
  | { kind: 'unresolved'; reason: string };

const MAX_DEPTH = 8;

/** Resolves a template value (as written in `template`) to the resource it names, a literal, or why not. */
export function resolveTemplateValue(analysis: Analysis, template: TemplateFacts, value: TemplateValue | undefined, depth = 0): Resolved {
  if (!value) return { kind: 'unresolved', reason: 'no value' };
  if (depth > MAX_DEPTH) return { kind: 'unresolved', reason: 'too many indirections' };
  if (value.kind === 'scalar') return value.value === null ? { kind: 'unresolved', reason: 'empty value' } : { kind: 'literal', value: String(value.value) };
  if (value.kind !== 'intrinsic') return { kind: 'unresolved', reason: `a ${value.kind} is not a name` };
  const arg = value.argument;
  switch (value.name) {
    case 'Ref':
      return refTarget(analysis, template, stringOf(arg) ?? '', depth);
    case 'Fn::GetAtt': {
      const text = arg.kind === 'seq' ? arg.items.map(stringOf).join('.') : stringOf(arg) ?? '';
      const [logicalId, ...attribute] = text.split('.');
      return resourceOrUnknown(template, logicalId, attribute.join('.'));
    }
    case 'Fn::Sub':
      return subTarget(analysis, template, arg, depth);
    case 'Fn::ImportValue': {
      const name = resolveTemplateValue(analysis, template, arg, depth + 1);
      if (name.kind !== 'literal') return { kind: 'unresolved', reason: 'ImportValue of a computed name' };
      return importTarget(analysis, name.value, depth);
    }
    default:
      return { kind: 'unresolved', reason: `${value.name} is not traced` };
  }
}

/** The export of another stack with this name, resolved in its own template. */
export function importTarget(analysis: Analysis, name: string, depth: number): Resolved {
  const exports = analysis.findExports(name);
  if (exports.length !== 1) return { kind: 'unresolved', reason: exports.length ? `export ${name} is ambiguous` : `no template exports ${name}` };
  return resolveTemplateValue(analysis, exports[0].template, exports[0].output.value, depth + 1);
}

function refTarget(analysis: Analysis, template: TemplateFacts, name: string, depth: number): Resolved {
  if (PSEUDO_PARAMETERS.has(name)) return { kind: 'unresolved', reason: `pseudo parameter ${name}` };
  const parameter = template.parameters.find((p) => p.name === name);
  if (parameter) {
    if (parameter.defaultValue) return resolveTemplateValue(analysis, template, parameter.defaultValue, depth + 1);
    return { kind: 'unresolved', reason: `parameter ${name} has no default` };
  }
  const [logicalId, attribute] = name.split('.');
  return resourceOrUnknown(template, logicalId, attribute);
}

function resourceOrUnknown(template: TemplateFacts, logicalId: string, attribute?: string): Resolved {
  if (template.resources.some((r) => r.logicalId === logicalId)) {
    return { kind: 'resource', id: nodeId(template.file, logicalId), template, logicalId, attribute: attribute || undefined };
  }
  if (/^Serverless(Rest|Http)Api$/.test(logicalId)) return { kind: 'resource', id: nodeId(template.file, logicalId), template, logicalId, attribute };
  return { kind: 'unresolved', reason: `${logicalId} is not a resource of ${template.file}` };
}

/** A Sub string names the one resource among its placeholders (an ARN or URL built around it), else it is a literal. */
function subTarget(analysis: Analysis, template: TemplateFacts, arg: TemplateValue, depth: number): Resolved {
  const textValue = arg.kind === 'seq' ? arg.items[0] : arg;
  const variables = arg.kind === 'seq' ? arg.items[1] : undefined;
  const text = stringOf(textValue);
  if (text === undefined) return { kind: 'unresolved', reason: 'Sub of a non-string' };
  const resources: Resolved[] = [];
  let literal = text;
  for (const match of text.matchAll(/\$\{([^}!$]+)\}/g)) {
    const [name, ...attribute] = match[1].trim().split('.');
    const local = valueOf(variables, name);
    const resolved = local
      ? resolveTemplateValue(analysis, template, local, depth + 1)
      : PSEUDO_PARAMETERS.has(match[1].trim())
        ? { kind: 'unresolved' as const, reason: 'pseudo' }
        : refTarget(analysis, template, attribute.length ? `${name}.${attribute.join('.')}` : name, depth + 1);
    if (resolved.kind === 'resource') resources.push({ ...resolved, attribute: attribute.join('.') || resolved.attribute, rest: text.slice((match.index ?? 0) + match[0].length) });
    else if (resolved.kind === 'literal') literal = literal.replace(match[0], resolved.value);
  }
  if (resources.length === 1) return resources[0];
  if (resources.length > 1) return { kind: 'unresolved', reason: 'Sub names several resources' };
  return literal.includes('${') ? { kind: 'literal', value: literal } : { kind: 'literal', value: literal };
}

/** Resolves a value traced in a function's code: env vars through the function's Environment, literals as they are. */
export function resolveCodeValue(analysis: Analysis, fn: FunctionModel, value: TracedValue | undefined): Resolved {
  if (!value) return { kind: 'unresolved', reason: 'argument not given' };
  switch (value.kind) {
    case 'literal':
      return { kind: 'literal', value: value.value };
    case 'env': {
      const variable = fn.environment.find((v) => v.name === value.name);
      if (!variable) return { kind: 'unresolved', reason: `${fn.logicalId} has no env var ${value.name}` };
      const template = analysis.template(fn.file);
      return template ? resolveTemplateValue(analysis, template, variable.value) : { kind: 'unresolved', reason: 'template missing' };
    }
    case 'concat': {
      const parts = value.parts.map((p) => resolveCodeValue(analysis, fn, p));
      const resource = parts.findIndex((p) => p.kind === 'resource');
      if (resource >= 0) {
        const rest = parts.slice(resource + 1).map((p) => (p.kind === 'literal' ? p.value : '{*}')).join('');
        const found = parts[resource] as Extract<Resolved, { kind: 'resource' }>;
        return { ...found, rest: (found.rest ?? '') + rest };
      }
      if (parts.every((p) => p.kind === 'literal')) return { kind: 'literal', value: parts.map((p) => (p as { value: string }).value).join('') };
      return { kind: 'unresolved', reason: parts.find((p) => p.kind === 'unresolved')?.kind === 'unresolved' ? (parts.find((p) => p.kind === 'unresolved') as { reason: string }).reason : 'computed value' };
    }
    case 'param':
      return { kind: 'unresolved', reason: `parameter ${value.name} of a helper` };
    case 'unknown':
      return { kind: 'unresolved', reason: value.reason };
  }
}
