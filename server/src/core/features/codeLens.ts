// CodeLens: where impact counts go (function and state machine logical IDs in templates, handler exports in code) and their titles.
import type { Analysis } from '../analysis';
import type { Span } from '../model/types';
import { countsTitle, impactCounts } from '../impact/reach';
import { isCompute } from '../impact/callIndex';
import { exportSpan } from '../query/code';
import { usersOfFile } from '../impact/moduleImpact';

/** The command a resolved lens runs; its one argument is the function or state machine id (`<template path>#<LogicalId>`). */
export const SHOW_IMPACT_COMMAND = 'samAtlas.showImpact';

/** A lens before resolution: where it goes and which node it counts. */
export interface CodeLensItem {
  span: Span;
  id: string;
  /** Set when several functions share the place (one handler for several functions): the title names the function. */
  label?: string;
}

/** A resolved lens: the title and the command with its arguments. */
export interface ResolvedCodeLens {
  title: string;
  command: string;
  arguments: [string];
}

/** The lenses of a file, cheap to list: counts are computed only on resolve. */
export function codeLenses(analysis: Analysis, file: string): CodeLensItem[] {
  const template = analysis.template(file);
  if (template) {
    const nodes = [...analysis.functions.filter((f) => f.file === file), ...analysis.stateMachines.filter((s) => s.file === file)];
    return nodes.map((n) => ({ span: n.keySpan, id: n.id })).sort((a, b) => a.span.start - b.span.start);
  }
  const facts = analysis.code.get(file);
  if (!facts) return [];
  const items: CodeLensItem[] = [];
  const seen = new Set<string>();
  // The handler file's export, and the declaration it re-exports when that is in another file (both show the lens).
  for (const fn of usersOfFile(analysis, file)) {
    const resolution = fn.resolution;
    if (resolution.status !== 'resolved') continue;
    const own = resolution.file === file ? facts.exports.find((e) => e.name === resolution.exportName)?.span : undefined;
    const span = own ?? exportSpan(analysis, resolution.file, resolution.exportName);
    if (!span || span.file !== file || seen.has(`${span.start}|${fn.id}`)) continue;
    seen.add(`${span.start}|${fn.id}`);
    items.push({ span, id: fn.id });
  }
  for (const item of items) if (items.some((other) => other !== item && other.span.start === item.span.start)) item.label = item.id.slice(item.id.lastIndexOf('#') + 1);
  return items.sort((a, b) => a.span.start - b.span.start);
}

/** The title and command of a lens; undefined when the node is no longer in the snapshot. */
export function resolveCodeLens(analysis: Analysis, id: string, label?: string): ResolvedCodeLens | undefined {
  if (!isCompute(analysis, id)) return undefined;
  const title = countsTitle(impactCounts(analysis, id));
  return { title: label ? `${label}: ${title}` : title, command: SHOW_IMPACT_COMMAND, arguments: [id] };
}
