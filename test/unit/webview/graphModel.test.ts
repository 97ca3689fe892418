// The page's pure graph logic: directional scope around a focus, filters, aggregation by service and search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GraphEdgeItem, GraphNodeItem, GraphResult } from '../../../server/src/protocol/index';
import { aggregate, groupNodeId, groupOfDrawnId, boxId, scopeIds, searchNodes, visibleGraph, type Filters } from '../../../client/webview/model';
import { edgeLabel, shortLabel } from '../../../client/webview/elements';
import { layeredGraph } from './sampleGraphs';

function node(id: string, kind: string, group: string): GraphNodeItem {
  return { id, kind, label: id, group };
}

function edge(from: string, to: string, kind: string, label: string, sync?: boolean): GraphEdgeItem {
  return { from, to, kind, label, sync };
}

/** up2 → (call) up1 → q → focus → t → down1 ⇢ (call, async) down2; plus the derived calls through q and t. */
const chain: GraphResult = {
  files: [],
  nodes: [
    node('up2', 'function', 'a'), node('up1', 'function', 'a'), node('q', 'queue', 'a'), node('focus', 'function', 'b'),
    node('t', 'topic', 'b'), node('down1', 'function', 'c'), node('down2', 'stateMachine', 'c'), node('lonely', 'function', 'd'),
  ],
  edges: [
    edge('up2', 'up1', 'call', 'lambda-invoke', true), edge('up2', 'up1', 'invokes', 'Invoke'),
    edge('up1', 'q', 'writes', 'SendMessage'), edge('q', 'focus', 'triggers', 'SQS'), edge('up1', 'focus', 'call', 'sqs', false),
    edge('focus', 't', 'writes', 'Publish'), edge('t', 'down1', 'triggers', 'SNS'), edge('focus', 'down1', 'call', 'sns', false),
    edge('down1', 'down2', 'call', 'stepfunctions', true), edge('down1', 'down2', 'invokes', 'StartExecution'),
  ],
};

const all: Filters = { mode: 'resources', hiddenKinds: new Set(), hiddenGroups: new Set(), sync: true, async: true };

test('the scope walks upstream and downstream separately; a resource edge is half a hop', () => {
  assert.equal(scopeIds(chain, { upstream: 1, downstream: 1 }), undefined);
  assert.deepEqual([...scopeIds(chain, { focus: 'focus', upstream: 1, downstream: 1 })!].sort(), ['down1', 'focus', 'q', 't', 'up1']);
  assert.deepEqual([...scopeIds(chain, { focus: 'focus', upstream: 2, downstream: 1 })!].sort(), ['down1', 'focus', 'q', 't', 'up1', 'up2']);
  assert.deepEqual([...scopeIds(chain, { focus: 'focus', upstream: 1, downstream: 2 })!].sort(), ['down1', 'down2', 'focus', 'q', 't', 'up1']);
});

test('calls mode shows compute nodes and call edges; resources mode every node and the resource edges', () => {
  const calls = visibleGraph(chain, { upstream: 2, downstream: 2 }, { ...all, mode: 'calls' });
  assert.deepEqual(calls.nodes.map((n) => n.id), ['up2', 'up1', 'focus', 'down1', 'down2', 'lonely']);
  assert.deepEqual(calls.edges.map((e) => `${e.edge.from}>${e.edge.to}:${e.edge.label}`), ['up2>up1:lambda-invoke', 'up1>focus:sqs', 'focus>down1:sns', 'down1>down2:stepfunctions']);
  assert.deepEqual(calls.edges.map((e) => e.index), [0, 4, 7, 8]);
  const resources = visibleGraph(chain, { upstream: 2, downstream: 2 }, all);
  assert.equal(resources.nodes.length, 8);
  assert.ok(resources.edges.every((e) => e.edge.kind !== 'call'));
  assert.equal(resources.edges.length, 6);
});

test('kind, service and sync/async filters hide what they name, but never the focus', () => {
  const scope = { focus: 'focus', upstream: 5, downstream: 5 };
  const noAsync = visibleGraph(chain, scope, { ...all, mode: 'calls', async: false });
  assert.deepEqual(noAsync.edges.map((e) => e.edge.label), ['lambda-invoke', 'stepfunctions']);
  const noSync = visibleGraph(chain, scope, { ...all, mode: 'calls', sync: false });
  assert.deepEqual(noSync.edges.map((e) => e.edge.label), ['sqs', 'sns']);
  const hidden = visibleGraph(chain, scope, { ...all, hiddenKinds: new Set(['function']), hiddenGroups: new Set(['c']) });
  assert.deepEqual(hidden.nodes.map((n) => n.id), ['q', 'focus', 't']);
});

test('aggregation draws collapsed services as one node and merges the edges between them', () => {
  const visible = visibleGraph(chain, { upstream: 2, downstream: 2 }, all);
  const display = aggregate(visible, new Set(['b']));
  assert.deepEqual(display.boxes, ['b']);
  assert.deepEqual(display.aggregates, [{ group: 'a', count: 3 }, { group: 'c', count: 2 }, { group: 'd', count: 1 }]);
  assert.deepEqual(display.nodes.map((n) => n.id), ['focus', 't']);
  const drawn = display.edges.map((e) => `${e.source}>${e.target}×${e.items.length}`);
  assert.deepEqual(drawn, [`${groupNodeId('a')}>focus×1`, 'focus>t×1', `t>${groupNodeId('c')}×1`]);
  const collapsed = aggregate(visible, new Set());
  assert.deepEqual(collapsed.edges.map((e) => `${e.source}>${e.target}×${e.items.length}`), [`${groupNodeId('a')}>${groupNodeId('b')}×1`, `${groupNodeId('b')}>${groupNodeId('c')}×1`]);
  const calls = aggregate(visibleGraph(chain, { upstream: 2, downstream: 2 }, { ...all, mode: 'calls' }), new Set());
  assert.deepEqual(calls.edges.map((e) => e.items.map((item) => item.edge.label)), [['sqs'], ['sns']]);
  assert.equal(groupOfDrawnId(groupNodeId('a/b')), 'a/b');
  assert.equal(groupOfDrawnId(boxId('x')), 'x');
  assert.equal(groupOfDrawnId('/w/t.yaml#Fn'), undefined);
});

test('merged edges are labelled with their count, single ones with their via, long labels are cut', () => {
  const { graph } = layeredGraph(400, 6);
  const display = aggregate(visibleGraph(graph, { upstream: 2, downstream: 2 }, all), new Set());
  const merged = display.edges.find((e) => e.items.length > 1);
  assert.ok(merged);
  assert.equal(edgeLabel(merged), `\u00d7${merged.items.length}`);
  const total = display.edges.reduce((sum, e) => sum + e.items.length, 0);
  const internal = graph.edges.filter((e) => e.kind !== 'call' && graph.nodes.find((n) => n.id === e.from)!.group === graph.nodes.find((n) => n.id === e.to)!.group).length;
  assert.equal(total + internal, graph.edges.filter((e) => e.kind !== 'call').length);
  assert.equal(shortLabel('x'.repeat(100)).length, 48);
});

test('search matches labels and ids case-insensitively and ignores a blank query', () => {
  assert.deepEqual(searchNodes(chain.nodes, '  ').map((n) => n.id), []);
  assert.deepEqual(searchNodes(chain.nodes, 'DOWN').map((n) => n.id), ['down1', 'down2']);
});

test('the 1,000-node sample neighbourhood lies within five hops of its focus', () => {
  const { graph, focus } = layeredGraph(1000, 25);
  assert.equal(graph.nodes.length, 1000);
  assert.equal(scopeIds(graph, { focus, upstream: 5, downstream: 5 })!.size, 1000);
});
