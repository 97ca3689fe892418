// The two-level layout: every node placed, service boxes wrap their nodes, nothing overlaps, big graphs stay fast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ElementDefinition } from 'cytoscape';
import { toElements } from '../../../client/webview/elements';
import { layeredPositions, strongestLinks, type Placed } from '../../../client/webview/layout';
import { LayoutCache } from '../../../client/webview/layoutCache';
import { aggregate, boxId, groupCounts, groupNodeId, visibleGraph, type Filters } from '../../../client/webview/model';
import { layeredGraph } from './sampleGraphs';

const resources: Filters = { mode: 'resources', hiddenKinds: new Set(), hiddenGroups: new Set(), sync: true, async: true };
const measure = (text: string): number => text.length * 7;

interface Rect { id: string; left: number; right: number; top: number; bottom: number }

function rectOf(element: ElementDefinition, placed: Placed): Rect {
  const width = placed.width ?? Number(element.data.width);
  const height = placed.height ?? Number(element.data.height);
  return { id: String(element.data.id), left: placed.x - width / 2, right: placed.x + width / 2, top: placed.y - height / 2, bottom: placed.y + height / 2 };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

function drawn(nodeCount: number, groups: number, expandedShare: number): ElementDefinition[] {
  const { graph } = layeredGraph(nodeCount, groups);
  const visible = visibleGraph(graph, { upstream: 2, downstream: 2 }, resources);
  const names = [...groupCounts(visible.nodes).keys()];
  return toElements(aggregate(visible, new Set(names.slice(0, Math.round(names.length * expandedShare)))), measure);
}

function check(elements: ElementDefinition[], viewport?: { width: number; height: number }, positions = layeredPositions(elements, viewport)): void {
  const nodes = elements.filter((element) => element.group === 'nodes');
  const rects = new Map<string, Rect>();
  for (const node of nodes) {
    const placed = positions.get(String(node.data.id));
    assert.ok(placed && Number.isFinite(placed.x) && Number.isFinite(placed.y), `placed ${node.data.id}`);
    rects.set(String(node.data.id), rectOf(node, placed));
  }
  const boxes = nodes.filter((node) => node.data.role === 'box').map((node) => rects.get(String(node.data.id))!);
  const others = nodes.filter((node) => node.data.role !== 'box');
  for (const node of others) {
    const rect = rects.get(String(node.data.id))!;
    if (node.data.box) {
      const box = rects.get(String(node.data.box))!;
      assert.ok(rect.left >= box.left && rect.right <= box.right && rect.top >= box.top && rect.bottom <= box.bottom, `${rect.id} inside its box`);
    }
  }
  const tops = [...boxes, ...others.filter((node) => node.data.role === 'aggregate').map((node) => rects.get(String(node.data.id))!)];
  for (let i = 0; i < tops.length; i++) for (let j = i + 1; j < tops.length; j++) assert.ok(!overlaps(tops[i], tops[j]), `${tops[i].id} and ${tops[j].id} overlap`);
  const members = others.filter((node) => node.data.role === 'node').map((node) => rects.get(String(node.data.id))!);
  for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) assert.ok(!overlaps(members[i], members[j]), `${members[i].id} and ${members[j].id} overlap`);
}

test('places every node of a mixed drawing without overlaps, each inside its service box', () => {
  check(drawn(300, 8, 0.5), { width: 1200, height: 800 });
  check(drawn(120, 5, 1));
  check(drawn(200, 6, 0));
});

test('lays out 1,000 expanded nodes in well under the time the browser budget allows', () => {
  const elements = drawn(1000, 25, 1);
  const started = performance.now();
  const positions = layeredPositions(elements, { width: 1400, height: 900 });
  const elapsed = performance.now() - started;
  assert.equal(positions.size, elements.filter((element) => element.group === 'nodes').length);
  assert.ok(elapsed < 20_000, `took ${elapsed} ms`);
});

test('remembers drawings, grows the last layout in place for a few services, and lays out afresh for many', () => {
  const { graph } = layeredGraph(600, 30);
  const visible = visibleGraph(graph, { upstream: 2, downstream: 2 }, resources);
  const names = [...groupCounts(visible.nodes).keys()];
  const draw = (expanded: string[]) => toElements(aggregate(visible, new Set(expanded)), measure);
  const viewport = { width: 1400, height: 900 };
  const cache = new LayoutCache();
  const collapsed = draw([]);
  const first = cache.positions(collapsed, viewport);
  assert.equal(cache.lastKind, 'full');
  assert.deepEqual(first, layeredPositions(collapsed, viewport), 'a fresh layout is the plain two-level layout');
  // The service's position: its collapsed node, or the box it expanded into.
  const at = (positions: Map<string, Placed>, name: string) => positions.get(groupNodeId(name)) ?? positions.get(boxId(name))!;
  let previous = first;
  for (const expanded of [[names[3]], [names[3], names[7]], [names[7]]]) {
    const elements = draw(expanded);
    const grown = cache.positions(elements, viewport);
    assert.equal(cache.lastKind, 'grown', `expanding ${expanded.join(', ')} grows the last layout`);
    check(elements, viewport, grown);
    for (const a of names) {
      for (const b of names) {
        const [was, is] = [[at(previous, a), at(previous, b)], [at(grown, a), at(grown, b)]];
        // (A box's centre sits a little below its block's, under the title: only a change of side counts.)
        assert.ok((is[0].x - is[1].x) * (was[0].x - was[1].x) >= 0, `${a} stays on its side of ${b}`);
        assert.ok((is[0].y - is[1].y) * (was[0].y - was[1].y) >= 0, `${a} stays above or below ${b}`);
      }
    }
    previous = grown;
  }
  assert.deepEqual(cache.positions(collapsed, viewport), first, 'collapsing everything again gives the first drawing back');
  assert.equal(cache.lastKind, 'remembered');
  const many = draw(names.slice(0, 10));
  check(many, viewport, cache.positions(many, viewport));
  assert.equal(cache.lastKind, 'full', 'expanding ten services at once lays the drawing out afresh');
});

test('keeps only the heaviest links of each block to steer the layout', () => {
  const links = [
    { source: 'a', target: 'b', weight: 5 }, { source: 'a', target: 'c', weight: 1 }, { source: 'a', target: 'd', weight: 3 },
    { source: 'e', target: 'c', weight: 2 },
  ];
  assert.deepEqual(strongestLinks(links, 1).map((link) => `${link.source}${link.target}`), ['ab', 'ad', 'ec']);
  assert.equal(strongestLinks(links, 3).length, 4);
});
