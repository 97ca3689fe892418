// One entry point for impact questions: a function, state machine, resource, environment variable, code module or template.
import type { Analysis } from '../analysis';
import type { Impact, ImpactNode } from './types';
import { isCompute } from './callIndex';
import { impactCounts } from './reach';
import { computeItem, downstreamTree, newBudget, upstreamTree } from './trees';
import { resourceImpact } from './resourceImpact';
import { moduleImpact } from './moduleImpact';
import { envVarImpact } from './envImpact';
import { impactOfChangedFiles } from './changes';
import { displayPath } from '../query/display';

/** What to analyse: a node id (`<template>#<LogicalId>`, or `env:NAME`), or a file (a code module or a template). */
export interface ImpactTarget {
  id?: string;
  file?: string;
}

/** The impact of a target, or undefined when the workspace has nothing by that id or file. */
export function impactOf(analysis: Analysis, target: ImpactTarget): Impact | undefined {
  if (target.id?.startsWith('env:')) return envVarImpact(analysis, target.id.slice(4));
  if (target.id) return isCompute(analysis, target.id) ? computeImpact(analysis, target.id) : resourceImpact(analysis, target.id);
  if (!target.file) return undefined;
  if (analysis.template(target.file)) return templateImpact(analysis, target.file);
  if (analysis.code.has(target.file)) return moduleImpact(analysis, target.file);
  return undefined;
}

/** The impact of a function or state machine: callers up to the entry points, callees and resources below. */
export function computeImpact(analysis: Analysis, id: string): Impact {
  const item = computeItem(analysis, id);
  const budget = newBudget();
  const upstream = upstreamTree(analysis, id, budget);
  const downstream = downstreamTree(analysis, id, newBudget());
  return { target: { kind: item.kind, id, label: item.label, span: item.span }, upstream, downstream, counts: impactCounts(analysis, id) };
}

/** A template as a change: every function and state machine it declares, each with its callers. */
function templateImpact(analysis: Analysis, file: string): Impact {
  const change = impactOfChangedFiles(analysis, [file]);
  const budget = newBudget();
  const upstream: ImpactNode[] = change.files[0].nodes.map((id) => ({ ...computeItem(analysis, id), children: upstreamTree(analysis, id, budget) }));
  const downstream: ImpactNode[] = change.files[0].nodes.map((id) => ({ ...computeItem(analysis, id), children: downstreamTree(analysis, id, newBudget()) }));
  return { target: { kind: 'template', id: file, label: displayPath(analysis, file), span: { file, start: 0, end: 0 } }, upstream, downstream };
}
