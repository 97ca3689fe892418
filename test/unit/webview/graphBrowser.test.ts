// The built graph webview in headless Chromium: the example shop from the real server, hostile labels, 1,500 nodes, layout time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { GraphRequest, type GraphResult } from '../../../server/src/protocol/index';
import { parseWebviewMessage, type WebviewMessage } from '../../../client/src/graph/messages';
import { boxId, groupNodeId, searchNodes, visibleGraph } from '../../../client/webview/model';
import { startServer } from '../../support/lspClient';
import { CHROMIUM, REPO, launch, openWebview, violations, webviewBuilt, type WebviewPage } from './browserHarness';
import { hostile, layeredGraph, withHostileNodes } from './sampleGraphs';

const OUTPUT = join(REPO, 'test-output');
const skip = !existsSync(CHROMIUM) ? `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)` : false;
const wholeSystem = { upstream: 2, downstream: 2 };

/** The part of the page's cytoscape instance the tests read (it registers itself on its container). */
interface CyElement {
  id(): string;
  position(): { x: number; y: number };
  scratch(key: string, value?: unknown): unknown;
  emit(event: string): void;
}
interface CyPage {
  nodes(): { forEach(each: (node: CyElement) => void): void };
  elements(selector: string): { length: number; map<T>(each: (element: CyElement) => T): T[] };
  getElementById(id: string): CyElement;
}

let browser: Browser;
let shopAnswer: Promise<GraphResult> | undefined;

/** The example shop's whole graph, as the real language server answers `samAtlas/graph` (asked once). */
function shopGraph(): Promise<GraphResult> {
  shopAnswer ??= (async () => {
    const server = await startServer(join(REPO, 'examples', 'shop'));
    try {
      await server.whenReady();
      return await server.connection.sendRequest(GraphRequest.type, {});
    } finally {
      await server.stop();
    }
  })();
  return shopAnswer;
}

async function clickButton(view: WebviewPage, name: string): Promise<void> {
  await view.page.getByRole('button', { name, exact: true }).first().click();
}

async function assertClean(view: WebviewPage): Promise<void> {
  assert.deepEqual(await violations(view.page), [], 'CSP violations');
  assert.deepEqual(view.problems, []);
  assert.deepEqual(view.dialogs, []);
}

describe('the graph webview in headless Chromium', { skip }, () => {
  before(async () => {
    assert.ok(webviewBuilt(), 'dist/webview.js is missing: run node scripts/build.mjs first');
    mkdirSync(OUTPUT, { recursive: true });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  test('draws the example shop from the real server, under the page CSP, in both modes', async () => {
    const shop = await shopGraph();
    const view = await openWebview(browser);
    await view.send({ type: 'graph', graph: shop, scope: wholeSystem });
    const calls = await view.rendered(1);
    const computeNodes = shop.nodes.filter((node) => node.kind === 'function' || node.kind === 'stateMachine');
    const groups = new Set(computeNodes.map((node) => node.group));
    assert.equal(calls.nodes, computeNodes.length + groups.size, 'one node per function or state machine, one box per service');
    assert.equal(calls.edges, shop.edges.filter((edge) => edge.kind === 'call').length);
    assert.equal(calls.aggregated, false);
    assert.ok(await view.page.locator('#graph canvas').count() > 0);
    assert.match(await view.page.locator('#status').innerText(), new RegExp(`^${computeNodes.length} nodes`));
    await view.page.screenshot({ path: join(OUTPUT, 'webview-shop-calls.png') });
    await clickButton(view, 'Resources');
    const resources = await view.rendered(2);
    assert.equal(resources.nodes, shop.nodes.length + new Set(shop.nodes.map((node) => node.group)).size);
    await view.page.screenshot({ path: join(OUTPUT, 'webview-shop-resources.png') });
    const status = view.page.locator('#status');
    const box = (await view.page.locator('#graph').boundingBox())!;
    await view.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let step = 0; step < 30 && !(await status.innerText()).startsWith('Zoomed out'); step++) {
      await view.page.mouse.wheel(0, 400);
      await view.page.waitForTimeout(50);
    }
    assert.match(await status.innerText(), /^Zoomed out: one node per service/, 'zooming far out collapses the services');
    await view.page.screenshot({ path: join(OUTPUT, 'webview-shop-zoomed-out.png') });
    for (let step = 0; step < 30 && (await status.innerText()).startsWith('Zoomed out'); step++) {
      await view.page.mouse.wheel(0, -400);
      await view.page.waitForTimeout(50);
    }
    assert.match(await status.innerText(), new RegExp(`^${shop.nodes.length} nodes`), 'zooming back in restores every node');
    await assertClean(view);
  });

  test('shows hostile labels, groups and kinds as text, and exports them escaped', async () => {
    const graph = withHostileNodes(await shopGraph());
    const view = await openWebview(browser);
    await view.send({ type: 'graph', graph, scope: wholeSystem });
    await view.rendered(1);
    await view.page.getByRole('searchbox', { name: 'Search nodes' }).fill('onerror');
    await view.page.getByRole('searchbox', { name: 'Search nodes' }).press('Enter');
    const side = view.page.locator('#side');
    await side.getByText(hostile.label, { exact: true }).first().waitFor();
    const callsText = await side.innerText();
    for (const text of [hostile.label, hostile.group, hostile.edgeLabel, 'Other<b>bold</b>']) assert.ok(callsText.includes(text), `side panel shows ${text}`);
    await side.getByRole('button', { name: 'Open', exact: true }).click();
    await side.getByRole('button', { name: new RegExp(`^Other<b>bold</b> \u2014 `) }).click();
    await clickButton(view, 'Mermaid');
    await clickButton(view, 'Copy Mermaid');
    await clickButton(view, 'Resources');
    await view.rendered(2);
    assert.ok((await side.innerText()).includes('<i>kind</i> (1)'), 'the legend shows an unknown kind as text');
    await clickButton(view, 'SVG');
    await clickButton(view, 'PNG');
    await view.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'export').length >= 2);
    const posted = await view.posted();
    const evil = graph.nodes.find((node) => node.label === hostile.label)!;
    assert.ok(posted.some((m) => m.type === 'openNode' && m.id === evil.id), 'Open posts the node id');
    assert.ok(posted.some((m) => m.type === 'openEdge' && m.index === graph.edges.length - 1), 'an edge entry posts the edge index');
    assert.ok(posted.some((m) => m.type === 'export' && m.format === 'mermaid') && posted.some((m) => m.type === 'copyMermaid'));
    for (const message of posted) assert.ok(parseWebviewMessage(message), `the extension accepts ${message.type}`);
    const svg = posted.find((m): m is Extract<WebviewMessage, { format: 'svg' }> => m.type === 'export' && m.format === 'svg')!;
    assert.ok(svg.content.includes('&#60;img src=x onerror=&#34;window.__xss=1&#34;&#62;') && !svg.content.includes('<img'));
    const parsed = await view.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const attributes = [...doc.querySelectorAll('*')].flatMap((node) => [...node.attributes].map((attribute) => attribute.name));
      return { error: doc.querySelector('parsererror') !== null, tags: [...new Set([...doc.querySelectorAll('*')].map((node) => node.localName))], handlers: attributes.filter((name) => name.startsWith('on')) };
    }, svg.content);
    assert.deepEqual(parsed, { error: false, tags: parsed.tags.filter((tag) => ['svg', 'defs', 'marker', 'path', 'rect', 'ellipse', 'text', 'tspan'].includes(tag)), handlers: [] });
    const dom = await view.page.evaluate(() => ({
      xss: (window as unknown as { __xss: number }).__xss,
      images: document.querySelectorAll('img, svg, iframe, object').length,
      scripts: document.querySelectorAll('script').length,
    }));
    assert.deepEqual(dom, { xss: 0, images: 0, scripts: 1 });
    await assertClean(view);
  });

  test('aggregates 1,500 nodes by service and expands the service of a search match', async (t) => {
    const view = await openWebview(browser);
    const { graph } = layeredGraph(1500, 30);
    const visible = visibleGraph(graph, wholeSystem, { mode: 'calls', hiddenKinds: new Set(), hiddenGroups: new Set(), sync: true, async: true });
    const groups = new Set(visible.nodes.map((node) => node.group));
    const started = Date.now();
    await view.send({ type: 'graph', graph, scope: wholeSystem });
    const first = await view.rendered(1);
    t.diagnostic(`1,500-node system (${visible.nodes.length} compute nodes): aggregated drawing laid out in ${first.layoutMs} ms, on screen after ${first.paintMs} ms (${Date.now() - started} ms from posting the graph, message passing included)`);
    assert.deepEqual({ nodes: first.nodes, aggregated: first.aggregated }, { nodes: groups.size, aggregated: true });
    const target = visible.nodes[visible.nodes.length - 1];
    await view.page.getByRole('searchbox', { name: 'Search nodes' }).fill(target.label);
    await view.page.getByRole('searchbox', { name: 'Search nodes' }).press('Enter');
    const expanded = await view.rendered(2);
    const members = visible.nodes.filter((node) => node.group === target.group).length;
    assert.deepEqual({ nodes: expanded.nodes, aggregated: expanded.aggregated }, { nodes: groups.size - 1 + members + 1, aggregated: true });
    await view.page.locator('#side').getByText(target.id, { exact: true }).waitFor();
    await view.page.screenshot({ path: join(OUTPUT, 'webview-1500-aggregated.png') });
    await assertClean(view);
  });

  test('grows the drawing in place for one service, gives the first drawing back, and restyles only what changed', async () => {
    const view = await openWebview(browser);
    const { graph } = layeredGraph(1500, 30);
    const visible = visibleGraph(graph, wholeSystem, { mode: 'calls', hiddenKinds: new Set(), hiddenGroups: new Set(), sync: true, async: true });
    const groups = [...new Set(visible.nodes.map((node) => node.group))];
    await view.send({ type: 'graph', graph, scope: wholeSystem });
    await view.rendered(1);
    // Tags every drawn element (scratch data survives only on elements that are kept), and reads the node positions.
    const drawing = () => view.page.evaluate(() => {
      const cy = (document.getElementById('graph') as unknown as { _cyreg: { cy: CyPage } })._cyreg.cy;
      const positions: Record<string, string> = {};
      let kept = 0;
      cy.nodes().forEach((node) => {
        positions[node.id()] = `${node.position().x},${node.position().y}`;
        if (node.scratch('_tagged')) kept++;
        node.scratch('_tagged', true);
      });
      return { positions, kept, marked: cy.elements('.match').map((element) => element.id()), faded: cy.elements('.faded').length };
    });
    const emit = (id: string) => view.page.evaluate((target) => {
      (document.getElementById('graph') as unknown as { _cyreg: { cy: CyPage } })._cyreg.cy.getElementById(target).emit('dbltap');
    }, id);
    const first = await drawing();
    // A node whose name matches nodes of its own service only (names like FnL2N1 are prefixes of others).
    const target = visible.nodes.find((node) => new Set(searchNodes(visible.nodes, node.label).map((match) => match.group)).size === 1)!;
    const group = target.group;
    await emit(groupNodeId(group));
    const expanded = await view.rendered(2);
    const members = visible.nodes.filter((node) => node.group === group).length;
    assert.deepEqual({ nodes: expanded.nodes, aggregated: expanded.aggregated }, { nodes: groups.length + members, aggregated: true });
    assert.equal((await drawing()).kept, groups.length - 1, 'every other service keeps its drawn node');
    await emit(boxId(group));
    await view.rendered(3);
    const back = await drawing();
    assert.deepEqual(back.positions, first.positions, 'collapsing the service again gives the first drawing back');
    const search = view.page.getByRole('searchbox', { name: 'Search nodes' });
    await search.fill('L');
    assert.deepEqual(await view.page.locator('.matches').innerText(), `${visible.nodes.length} found`);
    assert.deepEqual({ marked: (await drawing()).marked, faded: (await drawing()).faded }, { marked: [], faded: 0 }, 'a query matching every node marks nothing');
    await search.fill(target.label);
    const marked = await drawing();
    assert.deepEqual(marked.marked, [groupNodeId(group)]);
    assert.ok(marked.faded > groups.length - 2, 'the other services and the edges are faded');
    await assertClean(view);
  });

  test('lays out a 1,000-node neighbourhood in detail when every service is expanded', async (t) => {
    const view = await openWebview(browser);
    const { graph, focus } = layeredGraph(1000, 25);
    const scope = { focus, upstream: 5, downstream: 5 };
    await view.send({ type: 'graph', graph, scope });
    await view.rendered(1);
    await clickButton(view, 'Resources');
    const aggregated = await view.rendered(2);
    assert.equal(aggregated.aggregated, true);
    const started = Date.now();
    await clickButton(view, 'Expand all');
    const detailed = await view.rendered(3, 120_000);
    const wall = Date.now() - started;
    t.diagnostic(`1,000-node neighbourhood: aggregated layout ${aggregated.layoutMs} ms (on screen ${aggregated.paintMs} ms); full layout of ${detailed.nodes} nodes and ${detailed.edges} edges ${detailed.layoutMs} ms, on screen after ${detailed.paintMs} ms (${wall} ms from the click)`);
    assert.deepEqual({ nodes: detailed.nodes, aggregated: detailed.aggregated }, { nodes: 1000 + new Set(graph.nodes.map((node) => node.group)).size, aggregated: false });
    assert.ok(detailed.layoutMs < 60_000, `layout took ${detailed.layoutMs} ms`);
    await view.page.screenshot({ path: join(OUTPUT, 'webview-1000-detailed.png') });
    await view.page.getByRole('combobox', { name: 'Upstream' }).selectOption('1');
    await view.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'depth'));
    assert.deepEqual((await view.posted()).find((m) => m.type === 'depth'), { type: 'depth', upstream: 1, downstream: 5 });
    await assertClean(view);
  });
});
