// Call hierarchy over the derived calls: items are functions and state machines; callers and callees go through queues, topics and buses.
import type { Analysis } from '../analysis';
import type { CallEdge } from '../model/graph';
import type { Span } from '../model/types';
import { graphOf } from '../graph/buildGraph';
import { handlerTarget } from '../query/code';
import { displayPath } from '../query/display';
import { locate } from '../query/locate';
import { splitNodeId } from '../sam/ids';
import { addTo } from '../util/collections';

export interface CallItem {
  id: string;
  name: string;
  detail: string;
  kind: 'function' | 'stateMachine';
  /** Where the item opens: the handler export when known, else the logical ID in the template. */
  span: Span;
}

export interface CallGroup {
  item: CallItem;
  /** The call sites, in the caller's document (the evidence lines). */
  spans: Span[];
  via: string[];
}

/** The item at `offset`: a function's or state machine's logical ID in a template, or a handler export in code. */
export function prepareCallHierarchy(analysis: Analysis, file: string, offset: number): CallItem[] {
  const located = locate(analysis, file, offset);
  if (!located) return [];
  if (located.kind === 'resource') {
    const id = `${located.template.file}#${located.resource.logicalId}`;
    const item = callItem(analysis, id);
    return item ? [item] : [];
  }
  if (located.kind === 'export') return located.functions.map((fn) => callItem(analysis, fn.id)).filter((i): i is CallItem => !!i);
  if (located.kind === 'handler') return [callItem(analysis, located.fn.id)].filter((i): i is CallItem => !!i);
  return [];
}

/** The item for a function or state machine id. */
export function callItem(analysis: Analysis, id: string, detail?: string): CallItem | undefined {
  const fn = analysis.function(id);
  const { file, logicalId } = splitNodeId(id);
  if (fn) {
    const span = handlerTarget(analysis, fn)[0] ?? fn.keySpan;
    return { id, name: logicalId, detail: detail ?? displayPath(analysis, file), kind: 'function', span };
  }
  const sm = analysis.stateMachines.find((s) => s.id === id);
  if (sm) return { id, name: logicalId, detail: detail ?? displayPath(analysis, file), kind: 'stateMachine', span: sm.keySpan };
  return undefined;
}

/** Who calls the item, grouped by caller. */
export function incomingCalls(analysis: Analysis, id: string): CallGroup[] {
  return group(analysis, graphOf(analysis).calls.filter((c) => c.to === id), (c) => c.from);
}

/** What the item calls, grouped by callee. */
export function outgoingCalls(analysis: Analysis, id: string): CallGroup[] {
  return group(analysis, graphOf(analysis).calls.filter((c) => c.from === id), (c) => c.to);
}

function group(analysis: Analysis, calls: CallEdge[], key: (c: CallEdge) => string): CallGroup[] {
  const byId = new Map<string, CallEdge[]>();
  for (const call of calls) addTo(byId, key(call), call);
  const out: CallGroup[] = [];
  for (const [other, list] of byId) {
    const via = [...new Set(list.map((c) => `${c.via}${c.sync ? '' : ' (async)'}`))];
    const item = callItem(analysis, other, `via ${via.join(', ')} · ${displayPath(analysis, splitNodeId(other).file)}`);
    if (item) out.push({ item, spans: list.map((c) => c.evidence), via });
  }
  return out.sort((a, b) => a.item.name.localeCompare(b.item.name));
}
