// Expands one SAM policy template item of `Policies` with its parameters resolved to template resources, literals or placeholders.
import type { MapValue } from '../model/types';
import { expandPolicyTemplate, getPolicyTemplate } from '../iam/policyTemplates';
import { describeValue } from '../sam/values';
import type { Grant, GrantResource, GrantSource, PolicyTemplateUse } from './model';
import { branches } from './policyDocument';
import { grantResource, partsOfValue, partsText, type Part, type ValueContext } from './resourcePattern';

const MAX_COMBINATIONS = 8;
const TOKEN = /\u0001(\d+)\u0001/g;

/** Expands `{TemplateName: {Param: value}}`; unknown templates come back with `known: false` and no grants. */
export function expandTemplateUse(context: ValueContext, item: MapValue, policyIndex: number, when?: string): PolicyTemplateUse {
  const entry = item.entries[0];
  const template = getPolicyTemplate(entry.key);
  const use: PolicyTemplateUse = {
    name: entry.key, keySpan: entry.keySpan, itemSpan: item.span, policyIndex, known: !!template,
    parameters: [], missing: [], unexpected: [], grants: [], when,
  };
  const given = entry.value.kind === 'map' ? entry.value.entries : [];
  const alternatives: Part[][][] = [];
  const tokens: Record<string, string> = {};
  for (const parameter of given) {
    const options = branches(parameter.value).map((b) => partsOfValue(context, b.value) ?? [{ kind: 'placeholder' as const, label: describeValue(b.value) }]);
    use.parameters.push({ name: parameter.key, text: options.map(partsText).join(' | '), keySpan: parameter.keySpan });
    tokens[parameter.key] = `\u0001${alternatives.length}\u0001`;
    alternatives.push(options.length ? options : [[{ kind: 'placeholder', label: parameter.key }]]);
  }
  if (!template) return use;
  const expansion = expandPolicyTemplate(entry.key, tokens);
  if (!expansion) return use;
  use.missing = expansion.missing;
  use.unexpected = given.filter((p) => expansion.unexpected.includes(p.key)).map((p) => ({ name: p.key, keySpan: p.keySpan }));
  const source: GrantSource = { kind: 'template', label: entry.key, span: entry.keySpan, policyIndex };
  for (const statement of expansion.statements) {
    const grant: Grant = {
      effect: 'Allow',
      actions: statement.actions,
      resources: statement.resources.flatMap((text) => resourcesOf(text, alternatives)),
      source,
      when,
    };
    if (statement.condition) grant.conditional = true;
    use.grants.push(grant);
  }
  return use;
}

/** A template resource string with parameter tokens, once per combination of the parameters' `!If` branches. */
function resourcesOf(text: string, alternatives: Part[][][]): GrantResource[] {
  const used = [...new Set([...text.matchAll(TOKEN)].map((m) => Number(m[1])))];
  let combinations: Map<number, Part[]>[] = [new Map()];
  for (const index of used) {
    const next: Map<number, Part[]>[] = [];
    for (const combination of combinations) {
      for (const option of alternatives[index]) next.push(new Map([...combination, [index, option]]));
    }
    combinations = next.slice(0, MAX_COMBINATIONS);
  }
  return combinations.map((combination) => grantResource(substitute(text, combination)));
}

function substitute(text: string, values: Map<number, Part[]>): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    parts.push(...(values.get(Number(match[1])) ?? []));
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
