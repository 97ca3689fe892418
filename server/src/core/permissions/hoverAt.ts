// Permission hovers at a position: an SDK call in code, a policy template name in Policies, an IAM action string in a policy.
import type { Analysis } from '../analysis';
import type { Span } from '../model/types';
import { actionInfo } from '../iam/iamData';
import { getPolicyTemplate } from '../iam/policyTemplates';
import { functionsUsingFile } from '../query/code';
import type { PolicyTemplateUse, Usage } from './model';
import { actionsOfPattern } from './actionData';
import { permissionsOf } from './effective';
import { missingUsages } from './missing';
import { usagesOf } from './usage';
import { writtenActions } from './writtenPolicies';
import { cell, shortArn } from './hoverText';

/** A hover: Markdown and the span it is about. */
export interface PermissionHover {
  markdown: string;
  span: Span;
}

const contains = (span: Span, offset: number) => span.start <= offset && offset <= span.end;

/** The permission hover at `offset` of `file`, if something permission-related is there. */
export function permissionHover(analysis: Analysis, file: string, offset: number): PermissionHover | undefined {
  const template = analysis.template(file);
  if (template) return templateNameHover(analysis, file, offset) ?? actionHover(analysis, file, offset);
  return analysis.code.has(file) ? sdkCallHover(analysis, file, offset) : undefined;
}

/** An SDK call (or a call to a helper that makes one): its IAM actions, target and whether each function may. */
function sdkCallHover(analysis: Analysis, file: string, offset: number): PermissionHover | undefined {
  const candidates: { fn: string; usage: Usage; at: Span; note?: string }[] = [];
  const size = (s: Span) => s.end - s.start;
  for (const fn of functionsUsingFile(analysis, file)) {
    const notes = new Map(missingUsages(analysis, fn).map((m) => [m.usage, m.suggestion]));
    for (const usage of usagesOf(analysis, fn)) {
      const suggestion = notes.get(usage);
      const note = suggestion && `${suggestion.template} (${suggestion.parameter}: ${suggestion.readable}) would grant it`;
      const at = [usage.evidence, usage.callSpan].filter((s) => s.file === file && contains(s, offset)).sort((a, b) => size(a) - size(b))[0];
      if (at) candidates.push({ fn: fn.logicalId, usage, at, note });
    }
  }
  const span = candidates.map((c) => c.at).sort((a, b) => size(a) - size(b))[0];
  const found = candidates.filter((c) => span && c.at.start === span.start && c.at.end === span.end);
  if (!span || !found.length) return undefined;
  const first = found[0].usage;
  const actions = [...new Set(found.map((f) => f.usage.action))];
  const lines = [`**${first.operation}** (${first.service}) needs ${actions.map((a) => `\`${a}\``).join(', ')}${first.candidate ? ' (which of them depends on the arguments)' : ''}`, ''];
  for (const { fn, usage, note } of found) {
    const target = usage.targetText === '?' ? 'an unknown resource' : `\`${usage.targetText}\``;
    if (usage.status === 'granted') lines.push(`- ${fn}: ✓ \`${usage.action}\` on ${target}, allowed by ${usage.grantedBy.map((g) => g.source.label).join(', ')}`);
    else if (usage.status === 'missing') lines.push(`- ${fn}: ✗ \`${usage.action}\` on ${target} is **not allowed**${usage.deniedBy ? ` (denied by ${usage.deniedBy.source.label})` : note ? `; ${note}` : ''}`);
    else lines.push(`- ${fn}: ? \`${usage.action}\` on ${target}: cannot tell${usage.grantedBy.length ? ` (maybe ${usage.grantedBy.map((g) => g.source.label).join(', ')})` : ''}`);
  }
  return { markdown: lines.join('\n'), span };
}

/** A policy template name in Policies: what it grants with the parameters filled in. */
function templateNameHover(analysis: Analysis, file: string, offset: number): PermissionHover | undefined {
  let use: PolicyTemplateUse | undefined;
  for (const fn of analysis.functions) {
    if (fn.file !== file) continue;
    use = permissionsOf(analysis, fn).templates.find((t) => contains(t.keySpan, offset));
    if (use) break;
  }
  if (!use) return undefined;
  const template = getPolicyTemplate(use.name);
  if (!template) return { markdown: `**${use.name}** is not a SAM policy template known offline.`, span: use.keySpan };
  const parameters = use.parameters.map((p) => `${p.name}: \`${cell(p.text)}\``).join(', ');
  const lines = [`**${use.name}** · SAM policy template`, '', template.description, '', `Parameters: ${parameters || 'none'}`];
  if (use.missing.length) lines.push('', `**Missing:** ${use.missing.join(', ')}`);
  lines.push('', '| Actions | Resources |', '|---|---|');
  for (const grant of use.grants) {
    lines.push(`| ${grant.actions.map((a) => `\`${a}\``).join(' ')} | ${grant.resources.map((r) => `\`${cell(shortArn(r.text))}\``).join(' ')} |`);
  }
  return { markdown: lines.join('\n'), span: use.keySpan };
}

/** An IAM action string in a policy: access level and description, or what a wildcard covers. */
function actionHover(analysis: Analysis, file: string, offset: number): PermissionHover | undefined {
  const template = analysis.template(file)!;
  const written = writtenActions(template).find((w) => contains(w.span, offset));
  if (!written) return undefined;
  const action = written.action;
  if (/[*?]/.test(action)) {
    const covered = actionsOfPattern(action);
    const listed = covered.slice(0, 10).map((a) => `\`${a}\``).join(', ');
    const text = covered.length ? `Matches ${covered.length} action${covered.length === 1 ? '' : 's'}: ${listed}${covered.length > 10 ? ', …' : ''}` : 'Matches no known action.';
    return { markdown: `\`${action}\` · wildcard\n\n${text}`, span: written.span };
  }
  const info = actionInfo(action);
  if (!info) return { markdown: `**${action}** is not a known IAM action.`, span: written.span };
  return { markdown: `**${info.service}:${info.name}** · ${info.accessLevel || 'unknown access level'}\n\n${info.description}`, span: written.span };
}
