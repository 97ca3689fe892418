// Impact of an environment variable: the functions that define it and the code that reads it, and the resource its value names.
import type { Analysis } from '../analysis';
import type { Impact, ImpactNode } from './types';
import { computeItem } from './trees';
import { callIndexOf } from './callIndex';
import { resolveTemplateValue } from '../graph/resolveValue';
import { usersOfFile } from './moduleImpact';
import { displayPath } from '../query/display';
import { describeValue } from '../sam/values';

/** The impact of the variable `name`, in every template or only in `template` when given. */
export function envVarImpact(analysis: Analysis, name: string, template?: string): Impact {
  const definers = analysis.functions.filter((fn) => (!template || fn.file === template) && fn.environment.some((v) => v.name === name));
  const upstream: ImpactNode[] = [];
  const targets = new Map<string, ImpactNode>();
  const readsBy = new Map<string, ImpactNode[]>();
  for (const [file, facts] of analysis.code) {
    const reads = facts.envReads.filter((r) => r.name === name);
    if (!reads.length) continue;
    for (const user of usersOfFile(analysis, file)) {
      const list = readsBy.get(user.id) ?? [];
      for (const read of reads) list.push({ id: `${file}:${read.span.start}`, kind: 'module', label: displayPath(analysis, file), detail: `reads ${name}`, span: read.span, children: [] });
      readsBy.set(user.id, list);
    }
  }
  for (const fn of definers) {
    const variable = fn.environment.find((v) => v.name === name)!;
    const reads = readsBy.get(fn.id) ?? [];
    upstream.push({ ...computeItem(analysis, fn.id), detail: `${name} = ${describeValue(variable.value)}${variable.fromGlobals ? ' (Globals)' : ''}`, evidence: variable.keySpan, children: reads });
    const owner = analysis.template(fn.file);
    const resolved = owner ? resolveTemplateValue(analysis, owner, variable.value) : undefined;
    if (resolved?.kind === 'resource' && !targets.has(resolved.id)) {
      const node = callIndexOf(analysis).nodes.get(resolved.id);
      targets.set(resolved.id, { id: resolved.id, kind: 'resource', label: resolved.logicalId, detail: `${resolved.attribute ? `${resolved.attribute} of ` : ''}${node?.type ?? 'resource'} · ${displayPath(analysis, resolved.template.file)}`, span: node?.span ?? analysis.resource(resolved.template.file, resolved.logicalId)?.keySpan, children: [] });
    }
  }
  const first = definers[0]?.environment.find((v) => v.name === name);
  return {
    target: { kind: 'envVar', id: `env:${name}`, label: name, span: first?.keySpan },
    upstream,
    downstream: [...targets.values()],
  };
}
