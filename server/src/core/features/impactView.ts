// The impact view behind `samAtlas/impact` and the CLI: one target's trees, or the trees and lists of a set of changed files.
import type { Analysis } from '../analysis';
import type { ChangeImpact, Impact, ImpactNode } from '../impact/types';
import { impactOf, type ImpactTarget } from '../impact/impactOf';
import { impactOfChangedFiles } from '../impact/changes';
import { computeItem, newBudget, upstreamTree } from '../impact/trees';
import { displayPath } from '../query/display';

/** An impact answer; `error` says why there is nothing to show. */
export interface ImpactView extends Impact {
  /** For changed files: the files, affected functions, endpoints and templates as flat lists. */
  changes?: ChangeImpact;
  error?: string;
}

/** The impact of a node id (`<template>#<LogicalId>`, `env:NAME`) or of a file (code module or template). */
export function impactView(analysis: Analysis, target: ImpactTarget): ImpactView {
  const found = impactOf(analysis, target);
  if (found) return found;
  const what = target.id ?? (target.file ? displayPath(analysis, target.file) : '');
  return { target: { kind: 'function', id: target.id ?? target.file ?? '', label: what }, upstream: [], downstream: [], error: what ? `Nothing in the workspace is named ${what}.` : 'Give an id or a file.' };
}

/** The impact of changed files (absolute paths): per file, the nodes it changes, each with its callers up to the entry points. */
export function changesView(analysis: Analysis, files: string[], label: string): ImpactView {
  const changes = impactOfChangedFiles(analysis, files);
  const budget = newBudget();
  const upstream: ImpactNode[] = [];
  for (const file of changes.files) {
    if (file.kind === 'other') continue;
    const children = file.nodes.map((id): ImpactNode => {
      if (budget.expanded.has(id)) return { ...computeItem(analysis, id), repeated: true };
      budget.expanded.add(id);
      return { ...computeItem(analysis, id), children: upstreamTree(analysis, id, budget) };
    });
    const detail = `${file.kind} · ${file.nodes.length} function${file.nodes.length === 1 ? '' : 's'}`;
    upstream.push({ id: file.file, kind: file.kind === 'template' ? 'template' : 'module', label: displayPath(analysis, file.file), detail, span: { file: file.file, start: 0, end: 0 }, children });
  }
  return { target: { kind: 'changes', id: label, label }, upstream, downstream: [], changes };
}
