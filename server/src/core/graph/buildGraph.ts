// Builds the workspace graph: resource nodes, code and task actions as edges, and the derived function-to-function calls.
import type { Analysis } from '../analysis';
import type { CallEdge, Graph, GraphEdge, GraphNode, NodeKind, Via } from '../model/graph';
import { nodeId } from '../sam/ids';
import { collectWiring, matchLiteral, type Wiring } from './consumers';
import { patternMatches } from './eventPattern';
import { codeActions, type Action } from './actions';
import { stateMachineActions } from './stepFunctions';
import { matchEndpoint } from './httpRoutes';
import { FunctionMemo } from '../query/memo';
import { contentHash } from '../util/hash';
import { addTo } from '../util/collections';

const KIND_BY_TYPE: [RegExp, NodeKind][] = [
  [/::Function$/, 'function'],
  [/StateMachine$/, 'stateMachine'],
  [/::SQS::Queue$/, 'queue'],
  [/::SNS::Topic$/, 'topic'],
  [/::Events::EventBus$/, 'bus'],
  [/::Events::Rule$/, 'rule'],
  [/::(DynamoDB::Table|Serverless::SimpleTable|DynamoDB::GlobalTable)$/, 'table'],
  [/::Kinesis::Stream$/, 'stream'],
  [/::S3::Bucket$/, 'bucket'],
  [/::(Serverless::Api|Serverless::HttpApi|ApiGateway::RestApi|ApiGatewayV2::Api)$/, 'api'],
];

const graphs = new WeakMap<Analysis, Graph>();

/** The graph of a snapshot, computed once and shared by every feature that asks. */
export function graphOf(analysis: Analysis): Graph {
  let graph = graphs.get(analysis);
  if (!graph) {
    graph = buildGraph(analysis);
    graphs.set(analysis, graph);
  }
  return graph;
}

/** What one function, the state machines or the destinations add to the graph; `signature` is who calls whom, without positions. */
interface Part {
  edges: GraphEdge[];
  calls: CallEdge[];
  /** `unresolved:<service>` nodes the part's edges point to. */
  unresolved: GraphNode[];
  signature: string;
}

/** Everything that depends on the templates only: resource nodes, wiring edges, state machine tasks, destinations. */
interface Base {
  key: string;
  nodes: Map<string, GraphNode>;
  wiring: Wiring;
  edges: GraphEdge[];
  tail: Part;
}

let lastBase: Base | undefined;
let lastComposition: { base: Base; parts: Part[]; signature: string } | undefined;
const parts = new FunctionMemo<Part>(true);

/**
 * Composes the graph from the template-only base and one part per function; after an edit only the functions whose
 * code changed are recomputed, and the call signature is reused when no part's calls changed.
 */
function buildGraph(analysis: Analysis): Graph {
  const base = baseOf(analysis);
  const functionParts = analysis.functions.map((fn) => parts.get(analysis, fn, () => makePart(analysis, base, codeActions(analysis, fn))));
  const nodes = new Map(base.nodes);
  const edges = [...base.edges];
  const calls: CallEdge[] = [];
  for (const part of [...functionParts, base.tail]) {
    for (const node of part.unresolved) if (!nodes.has(node.id)) nodes.set(node.id, node);
    for (const edge of part.edges) edges.push(edge);
    for (const call of part.calls) calls.push(call);
  }
  const previous = lastComposition;
  const same = previous && previous.base === base && previous.parts.length === functionParts.length && previous.parts.every((p, i) => p === functionParts[i] || p.signature === functionParts[i].signature);
  const signature = same ? previous.signature : contentHash([...functionParts, base.tail].map((p) => p.signature).join('\n'));
  lastComposition = { base, parts: functionParts, signature };
  return { nodes: [...nodes.values()], edges, calls, signature };
}

function baseOf(analysis: Analysis): Base {
  const key = analysis.modelKey;
  if (lastBase?.key === key) return lastBase;
  const nodes = new Map<string, GraphNode>();
  for (const template of analysis.templates) {
    for (const resource of template.resources) {
      const kind = KIND_BY_TYPE.find(([pattern]) => pattern.test(resource.type))?.[1];
      if (kind) nodes.set(nodeId(template.file, resource.logicalId), { id: nodeId(template.file, resource.logicalId), kind, label: resource.logicalId, file: template.file, type: resource.type, span: resource.keySpan });
    }
  }
  const wiring = collectWiring(analysis);
  const edges: GraphEdge[] = [];
  for (const trigger of wiring.triggers) edges.push({ from: trigger.source, to: trigger.target, kind: 'triggers', label: trigger.type, evidence: trigger.evidence });
  for (const rule of wiring.rules) {
    if (!nodes.has(rule.id)) nodes.set(rule.id, { id: rule.id, kind: 'rule', label: rule.id.slice(rule.id.lastIndexOf('#') + 1), file: rule.evidence.file, span: rule.evidence });
    if (rule.bus !== 'default' && nodes.has(rule.bus)) edges.push({ from: rule.bus, to: rule.id, kind: 'routes', label: 'rule', evidence: rule.evidence });
    for (const target of rule.targets) edges.push({ from: rule.id, to: target.id, kind: 'triggers', label: 'EventBridge', evidence: target.evidence });
  }
  const tasks: Action[] = [];
  for (const sm of analysis.stateMachines) {
    for (const task of stateMachineActions(analysis, sm)) tasks.push({ from: sm.id, ...task, source: 'task' });
  }
  const base: Base = { key, nodes, wiring, edges, tail: { edges: [], calls: [], unresolved: [], signature: '' } };
  const tail = makePart(analysis, base, tasks);
  for (const trigger of wiring.triggers.filter((t) => t.type === 'Destination')) {
    for (const delivery of deliver(trigger.target, wiring, nodes, 0)) {
      tail.calls.push({ from: trigger.source, to: delivery.target, via: 'lambda-destination', sync: false, evidence: trigger.evidence, through: delivery.through });
    }
  }
  tail.calls = dedupeCalls(tail.calls);
  tail.signature = signatureOf(tail.calls);
  base.tail = tail;
  lastBase = base;
  return base;
}

/** The edges and calls of some actions (one function's, or the state machines' tasks). */
function makePart(analysis: Analysis, base: Base, actions: Action[]): Part {
  const edges: GraphEdge[] = [];
  const calls: CallEdge[] = [];
  const unresolved = new Map<string, GraphNode>();
  for (const action of actions) addAction(analysis, action, base.wiring, base.nodes, unresolved, edges, calls);
  const deduped = dedupeCalls(calls);
  return { edges, calls: deduped, unresolved: [...unresolved.values()], signature: signatureOf(deduped) };
}

function signatureOf(calls: CallEdge[]): string {
  return calls.map((c) => `${c.from}>${c.to}:${c.via}:${c.sync ? 1 : 0}`).sort().join('\n');
}

const SYNC_COMPUTE: Record<string, Via> = { lambda: 'lambda-invoke', sfn: 'stepfunctions' };

function addAction(analysis: Analysis, action: Action, wiring: Wiring, nodes: Map<string, GraphNode>, unresolved: Map<string, GraphNode>, edges: GraphEdge[], calls: CallEdge[]): void {
  const fromTask = action.source === 'task';
  if (action.service === 'eventbridge') {
    const bus = action.event?.bus;
    const busId = !bus ? 'default' : bus.kind === 'resource' ? bus.id : bus.kind === 'literal' ? (bus.value === 'default' ? 'default' : matchLiteral(analysis, bus.value) ?? bus.value) : undefined;
    if (!busId) return unresolvedEdge(action, `event bus: ${bus?.kind === 'unresolved' ? bus.reason : ''}`, unresolved, edges);
    if (nodes.has(busId)) edges.push({ from: action.from, to: busId, kind: 'writes', label: action.operation, evidence: action.evidence });
    for (const rule of rulesOn(wiring, busId)) {
      if (!patternMatches(rule.pattern, { source: action.event?.source, detailType: action.event?.detailType })) continue;
      for (const target of rule.targets) {
        for (const delivery of deliver(target.id, wiring, nodes, 0)) {
          calls.push({ from: action.from, to: delivery.target, via: 'eventbridge', sync: false, evidence: action.evidence, through: [busId, rule.id, ...delivery.through] });
        }
      }
    }
    return;
  }
  const target = action.target;
  if (target.kind !== 'resource') return unresolvedEdge(action, target.kind === 'unresolved' ? target.reason : `literal ${target.value}`, unresolved, edges);
  const node = nodes.get(target.id);
  edges.push({ from: action.from, to: target.id, kind: node?.kind === 'function' || node?.kind === 'stateMachine' ? 'invokes' : 'writes', label: action.operation, evidence: action.evidence });
  if (action.service === 'http') {
    for (const endpoint of matchEndpoint(analysis, target, action.operation)) {
      calls.push({ from: action.from, to: endpoint.functionId, via: 'http', sync: true, evidence: action.evidence, through: [target.id] });
    }
    return;
  }
  if (node?.kind === 'function' || node?.kind === 'stateMachine') {
    calls.push({ from: action.from, to: target.id, via: fromTask ? 'stepfunctions' : SYNC_COMPUTE[action.service] ?? 'lambda-invoke', sync: action.sync, evidence: action.evidence, through: [] });
    return;
  }
  const via = viaFor(node?.kind);
  if (!via) return;
  for (const delivery of deliver(target.id, wiring, nodes, 0, action)) {
    calls.push({ from: action.from, to: delivery.target, via: delivery.via ?? via, sync: false, evidence: action.evidence, through: delivery.through });
  }
}

function viaFor(kind: NodeKind | undefined): Via | undefined {
  switch (kind) {
    case 'queue':
      return 'sqs';
    case 'topic':
      return 'sns';
    case 'table':
      return 'dynamodb-stream';
    case 'stream':
      return 'kinesis';
    case 'bucket':
      return 's3';
    case 'bus':
      return 'eventbridge';
    default:
      return undefined;
  }
}

/** The compute nodes a message sent to `resource` reaches, following subscriptions (topic → queue → function). */
function deliver(resource: string, wiring: Wiring, nodes: Map<string, GraphNode>, depth: number, action?: Action): { target: string; through: string[]; via?: Via }[] {
  const kind = nodes.get(resource)?.kind;
  if (kind === 'function' || kind === 'stateMachine') return [{ target: resource, through: [] }];
  if (depth > 4) return [];
  const out: { target: string; through: string[]; via?: Via }[] = [];
  for (const trigger of triggersFrom(wiring, resource)) {
    if (trigger.type === 'Destination') continue;
    if (trigger.type === 'S3' && action && !s3EventMatches(trigger.events, action.operation)) continue;
    for (const next of deliver(trigger.target, wiring, nodes, depth + 1)) out.push({ target: next.target, through: [resource, ...next.through] });
  }
  return out;
}

const ruleIndex = new WeakMap<Wiring, Map<string, Wiring['rules']>>();

/** The rules of one event bus (indexed once per wiring). */
function rulesOn(wiring: Wiring, bus: string): Wiring['rules'] {
  let index = ruleIndex.get(wiring);
  if (!index) {
    index = new Map();
    for (const rule of wiring.rules) addTo(index, rule.bus, rule);
    ruleIndex.set(wiring, index);
  }
  return index.get(bus) ?? [];
}

const triggerIndex = new WeakMap<Wiring, Map<string, Wiring['triggers']>>();

/** The triggers whose source is `resource` (indexed once per wiring). */
function triggersFrom(wiring: Wiring, resource: string): Wiring['triggers'] {
  let index = triggerIndex.get(wiring);
  if (!index) {
    index = new Map();
    for (const trigger of wiring.triggers) addTo(index, trigger.source, trigger);
    triggerIndex.set(wiring, index);
  }
  return index.get(resource) ?? [];
}

function s3EventMatches(events: string[] | undefined, operation: string): boolean {
  if (!events?.length) return true;
  const created = /^(PutObject|CopyObject|CompleteMultipartUpload|Upload)$/.test(operation);
  return events.some((e) => (created ? /ObjectCreated/.test(e) : /ObjectRemoved/.test(e)) || e === 's3:*');
}

function unresolvedEdge(action: Action, reason: string, nodes: Map<string, GraphNode>, edges: GraphEdge[]): void {
  const id = `unresolved:${action.service}`;
  if (!nodes.has(id)) nodes.set(id, { id, kind: 'unresolved', label: `unresolved ${action.service}` });
  edges.push({ from: action.from, to: id, kind: 'writes', label: action.operation, evidence: action.evidence, reason });
}

function dedupeCalls(calls: CallEdge[]): CallEdge[] {
  const seen = new Set<string>();
  return calls.filter((c) => {
    const key = `${c.from}|${c.to}|${c.via}|${c.evidence.file}:${c.evidence.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

