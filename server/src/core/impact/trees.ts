// Upstream and downstream trees of a function or state machine: callers up to endpoints, schedules and outside event sources; callees and resources.
import type { Analysis } from '../analysis';
import type { EventModel } from '../model/functions';
import type { CallEdge } from '../model/graph';
import type { Span } from '../model/types';
import type { ImpactNode } from './types';
import { callIndexOf, type Access } from './callIndex';
import { handlerTarget } from '../query/code';
import { displayPath } from '../query/display';
import { splitNodeId } from '../sam/ids';
import { listOf, mapOf, stringOf, valueOf } from '../sam/values';

const MAX_NODES = 400;
const MAX_DEPTH = 12;

/** Shared by one answer: nodes already expanded, and how many more may be added. */
export interface TreeBudget {
  expanded: Set<string>;
  remaining: number;
}

/** A fresh budget for one answer. */
export function newBudget(): TreeBudget {
  return { expanded: new Set(), remaining: MAX_NODES };
}

/** Who depends on `id`: its callers (recursively), its endpoints, and the events that no workspace caller explains. */
export function upstreamTree(analysis: Analysis, id: string, budget: TreeBudget = newBudget()): ImpactNode[] {
  budget.expanded.add(id);
  return upstream(analysis, id, budget, new Set([id]), 0);
}

/** What `id` depends on: its callees (recursively) and the resources it reads and writes. */
export function downstreamTree(analysis: Analysis, id: string, budget: TreeBudget = newBudget()): ImpactNode[] {
  budget.expanded.add(id);
  return downstream(analysis, id, budget, new Set([id]), 0);
}

function upstream(analysis: Analysis, id: string, budget: TreeBudget, ancestors: Set<string>, depth: number): ImpactNode[] {
  const index = callIndexOf(analysis);
  const out: ImpactNode[] = [];
  for (const [caller, calls] of groupBy(index.callsTo.get(id) ?? [], (c) => c.from)) {
    const node = computeNode(analysis, caller, calls);
    out.push(expand(node, budget, ancestors, depth, () => upstream(analysis, caller, budget, new Set([...ancestors, caller]), depth + 1)));
  }
  out.sort(byLabel);
  for (const endpoint of analysis.endpointsOf(id)) {
    out.push({ id: `endpoint:${endpoint.api}:${endpoint.method} ${endpoint.path}`, kind: 'endpoint', label: `${endpoint.method} ${endpoint.path}`, detail: `${endpoint.api} · ${displayPath(analysis, endpoint.span.file)}`, span: endpoint.span, children: [] });
  }
  out.push(...entryEvents(analysis, id));
  budget.remaining -= out.length;
  return out;
}

function downstream(analysis: Analysis, id: string, budget: TreeBudget, ancestors: Set<string>, depth: number): ImpactNode[] {
  const index = callIndexOf(analysis);
  const out: ImpactNode[] = [];
  for (const [callee, calls] of groupBy(index.callsFrom.get(id) ?? [], (c) => c.to)) {
    const node = computeNode(analysis, callee, calls);
    out.push(expand(node, budget, ancestors, depth, () => downstream(analysis, callee, budget, new Set([...ancestors, callee]), depth + 1)));
  }
  out.sort(byLabel);
  const resources = [...groupBy(index.accessFrom.get(id) ?? [], (a) => a.to)].map(([resource, accesses]) => resourceNode(analysis, resource, accesses));
  out.push(...resources.sort(byLabel));
  budget.remaining -= out.length;
  return out;
}

function expand(node: ImpactNode, budget: TreeBudget, ancestors: Set<string>, depth: number, children: () => ImpactNode[]): ImpactNode {
  if (ancestors.has(node.id) || budget.expanded.has(node.id) || depth >= MAX_DEPTH || budget.remaining <= 0) return { ...node, repeated: true };
  budget.expanded.add(node.id);
  return { ...node, children: children() };
}

/** A caller or callee node: its name, how the calls are made, and where it opens. */
export function computeNode(analysis: Analysis, id: string, calls: CallEdge[]): ImpactNode {
  const first = calls[0];
  const index = callIndexOf(analysis);
  const through = first.through.map((t) => index.nodes.get(t)?.label ?? splitNodeId(t).logicalId);
  const how = `via ${first.via}${first.sync ? '' : ' (async)'}${through.length ? ` through ${through.join(' → ')}` : ''}`;
  return { ...computeItem(analysis, id), detail: `${how} · ${displayPath(analysis, splitNodeId(id).file)}`, via: first.via, sync: first.sync, evidence: first.evidence };
}

/** A function or state machine as a tree node, without children. */
export function computeItem(analysis: Analysis, id: string): ImpactNode {
  const { file, logicalId } = splitNodeId(id);
  const fn = analysis.function(id);
  if (fn) return { id, kind: 'function', label: logicalId, detail: displayPath(analysis, file), span: handlerTarget(analysis, fn)[0] ?? fn.keySpan, children: [] };
  const sm = analysis.stateMachines.find((s) => s.id === id);
  return { id, kind: 'stateMachine', label: logicalId, detail: displayPath(analysis, file), span: sm?.keySpan, children: [] };
}

function resourceNode(analysis: Analysis, id: string, accesses: Access[]): ImpactNode {
  const node = callIndexOf(analysis).nodes.get(id);
  const modes = ['writes', 'reads'].flatMap((mode) => {
    const operations = [...new Set(accesses.filter((a) => a.mode === mode).map((a) => a.operation))];
    return operations.length ? [`${mode} ${operations.join(', ')}`] : [];
  });
  const label = node?.label ?? splitNodeId(id).logicalId;
  return { id, kind: 'resource', label, detail: `${modes.join('; ')} · ${node?.type ?? 'resource'}`, span: node?.span, evidence: accesses[0].evidence, children: [] };
}

/** Events of a function or state machine that no call of the workspace comes through: schedules and outside sources. */
function entryEvents(analysis: Analysis, id: string): ImpactNode[] {
  const index = callIndexOf(analysis);
  const incoming = index.callsTo.get(id) ?? [];
  const out: ImpactNode[] = [];
  for (const event of eventsOf(analysis, id)) {
    if (event.type === 'Api' || event.type === 'HttpApi') continue;
    const trigger = (index.edgesTo.get(id) ?? []).find((e) => e.evidence && sameSpan(e.evidence, event.keySpan));
    if (trigger && incoming.some((c) => c.through.includes(trigger.from))) continue;
    const schedule = /^Schedule/.test(event.type);
    const source = trigger ? index.nodes.get(trigger.from)?.label ?? splitNodeId(trigger.from).logicalId : undefined;
    const label = schedule ? `${event.type} ${stringOf(valueOf(event.properties, 'Schedule')) ?? stringOf(valueOf(event.properties, 'ScheduleExpression')) ?? event.name}` : `${event.type} ${eventSource(event) ?? source ?? event.name}`;
    const detail = schedule ? `event ${event.name}` : `event ${event.name} · nothing in the workspace sends to it`;
    out.push({ id: `event:${id}.${event.name}`, kind: schedule ? 'schedule' : 'event', label, detail, span: event.keySpan, children: [] });
  }
  return out;
}

/** `shop.orders/OrderPlaced` for an EventBridge pattern. */
function eventSource(event: EventModel): string | undefined {
  const pattern = mapOf(event.properties, 'Pattern');
  if (!pattern) return undefined;
  const first = (key: string) => listOf(valueOf(pattern, key)).map(stringOf).filter(Boolean).join('|');
  const text = [first('source'), first('detail-type')].filter(Boolean).join('/');
  return text || undefined;
}

/** The events of a function, or of a state machine (read from its properties). */
export function eventsOf(analysis: Analysis, id: string): EventModel[] {
  const fn = analysis.function(id);
  if (fn) return fn.events;
  const sm = analysis.stateMachines.find((s) => s.id === id);
  return (mapOf(sm?.properties, 'Events')?.entries ?? []).map((e) => ({ name: e.key, type: stringOf(valueOf(e.value, 'Type')) ?? '', keySpan: e.keySpan, properties: mapOf(e.value, 'Properties') }));
}

function sameSpan(a: Span, b: Span): boolean {
  return a.file === b.file && a.start === b.start;
}

/** Groups items by key, keeping first-seen order. */
export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Sorts nodes by label. */
export function byLabel(a: ImpactNode, b: ImpactNode): number {
  return a.label.localeCompare(b.label);
}
