// Indexes of one snapshot's call graph for impact questions: calls by caller and callee, resource reads and writes, event sources.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { CallEdge, GraphEdge, GraphNode } from '../model/graph';
import type { Span } from '../model/types';
import { graphOf } from '../graph/buildGraph';
import { functionCalls } from '../graph/producers';
import { resolveCodeValue } from '../graph/resolveValue';
import { matchLiteral } from '../graph/consumers';
import { FunctionMemo } from '../query/memo';

/** A function or state machine acting on a resource that is not compute. */
export interface Access {
  from: string;
  to: string;
  mode: 'writes' | 'reads';
  operation: string;
  evidence?: Span;
}

/** The call graph of a snapshot, indexed both ways. */
export interface CallIndex {
  nodes: Map<string, GraphNode>;
  callsFrom: Map<string, CallEdge[]>;
  callsTo: Map<string, CallEdge[]>;
  accessFrom: Map<string, Access[]>;
  accessTo: Map<string, Access[]>;
  /** Graph edges by target: what triggers a function, queue or rule. */
  edgesTo: Map<string, GraphEdge[]>;
  /** Graph edges by source: what a resource triggers or routes to. */
  edgesFrom: Map<string, GraphEdge[]>;
}

const READS: Record<string, { keys: string[]; operations: RegExp }> = {
  dynamodb: { keys: ['TableName'], operations: /^(GetItem|Query|Scan|BatchGetItem|TransactGetItems|DescribeTable)$/ },
  s3: { keys: ['Bucket'], operations: /^(GetObject|HeadObject|ListObjects(V2)?|GetObjectAttributes|SelectObjectContent)$/ },
  sqs: { keys: ['QueueUrl'], operations: /^(ReceiveMessage|DeleteMessage(Batch)?|ChangeMessageVisibility(Batch)?|GetQueueAttributes)$/ },
  kinesis: { keys: ['StreamName', 'StreamARN'], operations: /^(GetRecords|GetShardIterator|DescribeStream(Summary)?)$/ },
};

const indexes = new WeakMap<Analysis, CallIndex>();

/** The indexes of a snapshot, built once. */
export function callIndexOf(analysis: Analysis): CallIndex {
  let index = indexes.get(analysis);
  if (!index) {
    index = buildIndex(analysis);
    indexes.set(analysis, index);
  }
  return index;
}

function buildIndex(analysis: Analysis): CallIndex {
  const graph = graphOf(analysis);
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const callsFrom = new Map<string, CallEdge[]>();
  const callsTo = new Map<string, CallEdge[]>();
  const edgesTo = new Map<string, GraphEdge[]>();
  const edgesFrom = new Map<string, GraphEdge[]>();
  for (const call of graph.calls) {
    push(callsFrom, call.from, call);
    push(callsTo, call.to, call);
  }
  for (const edge of graph.edges) {
    push(edgesTo, edge.to, edge);
    push(edgesFrom, edge.from, edge);
  }
  // Accesses need every function's reads resolved: built only when a question asks for them (the call rules do not).
  let accesses: { from: Map<string, Access[]>; to: Map<string, Access[]> } | undefined;
  const accessesOf = () => (accesses ??= buildAccesses(analysis, graph.edges, nodes));
  return {
    nodes,
    callsFrom,
    callsTo,
    edgesTo,
    edgesFrom,
    get accessFrom() {
      return accessesOf().from;
    },
    get accessTo() {
      return accessesOf().to;
    },
  };
}

/** Writes (graph edges to resources that are not compute) and code reads, by function and by resource, each once. */
function buildAccesses(analysis: Analysis, edges: GraphEdge[], nodes: Map<string, GraphNode>): { from: Map<string, Access[]>; to: Map<string, Access[]> } {
  const from = new Map<string, Access[]>();
  const to = new Map<string, Access[]>();
  const seen = new Set<string>();
  const addAccess = (access: Access) => {
    const key = `${access.from}|${access.to}|${access.mode}|${access.operation}`;
    if (seen.has(key)) return;
    seen.add(key);
    push(from, access.from, access);
    push(to, access.to, access);
  };
  for (const edge of edges) {
    const target = nodes.get(edge.to)?.kind;
    if (edge.kind !== 'writes' || !target || target === 'unresolved' || target === 'external' || target === 'function' || target === 'stateMachine') continue;
    addAccess({ from: edge.from, to: edge.to, mode: 'writes', operation: edge.label, evidence: edge.evidence });
  }
  for (const fn of analysis.functions) for (const access of codeReads(analysis, fn)) addAccess(access);
  return { from, to };
}

const readsMemo = new FunctionMemo<Access[]>(true);

/** The resources a function's code reads (DynamoDB gets and queries, S3 gets, SQS receives), resolved to workspace resources (memoised). */
export function codeReads(analysis: Analysis, fn: FunctionModel): Access[] {
  return readsMemo.get(analysis, fn, () => computeReads(analysis, fn));
}

function computeReads(analysis: Analysis, fn: FunctionModel): Access[] {
  const out: Access[] = [];
  for (const { call, args, via } of functionCalls(analysis, fn)) {
    const read = READS[call.service];
    if (!read || !read.operations.test(call.operation)) continue;
    const value = read.keys.map((k) => args[k]).find(Boolean);
    const resolved = resolveCodeValue(analysis, fn, value);
    const id = resolved.kind === 'resource' ? resolved.id : resolved.kind === 'literal' ? matchLiteral(analysis, resolved.value) : undefined;
    if (id) out.push({ from: fn.id, to: id, mode: 'reads', operation: call.operation, evidence: via?.span ?? call.span });
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whether an id is a function or a state machine of the snapshot. */
export function isCompute(analysis: Analysis, id: string): boolean {
  return !!analysis.function(id) || analysis.stateMachines.some((s) => s.id === id);
}

/** The logical ID span of a function or state machine (where call-graph diagnostics are reported). */
export function computeKeySpan(analysis: Analysis, id: string): Span | undefined {
  return analysis.function(id)?.keySpan ?? analysis.stateMachines.find((s) => s.id === id)?.keySpan;
}

/** The logical ID part of an id. */
export function logicalIdOf(id: string): string {
  return id.slice(id.lastIndexOf('#') + 1);
}
