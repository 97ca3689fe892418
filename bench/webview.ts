// Benchmarks the dependency-graph webview in headless Chromium with a whole workspace's graph: first drawing, expand, search, collapse, pan, heap.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { HostMessage } from '../client/src/graph/messages';
import { searchNodes } from '../client/webview/model';
import { GraphRequest, type GraphResult } from '../server/src/protocol/index';
import { startServer } from '../test/support/lspClient';
import { CHROMIUM, launch, openWebview, webviewBuilt, type WebviewPage } from '../test/unit/webview/browserHarness';
import { layeredGraph } from '../test/unit/webview/sampleGraphs';

/**
 * The figures of one pass (milliseconds unless named otherwise); `webviewBench` keeps the best of each over its passes.
 * `…PageMs` is measured inside the page, from the input event (or the message) to the page's `rendered` message, which
 * it posts once the frame is on screen; `…WallMs` is the same seen from the bench, Playwright's round trips included.
 */
export interface WebviewBenchResult {
  /** The whole graph as the server sends it. */
  nodes: number;
  edges: number;
  /** Functions and state machines, the call edges, and their services: what the default `calls` mode shows. */
  computeNodes: number;
  callEdges: number;
  services: number;
  /** Drawn elements of the first drawing (one node per service). */
  drawnNodes: number;
  drawnEdges: number;
  /** The graph message (JSON text parsed in the page, as VS Code delivers it) to the first drawing on screen. */
  firstRenderPageMs: number;
  firstRenderWallMs: number;
  /** Of which the page's layout and cytoscape update (its own `layoutMs`). */
  firstLayoutMs: number;
  /** The details panel's Expand button of a selected service to the service's nodes on screen. */
  expandPageMs: number;
  expandWallMs: number;
  expandedNodes: number;
  /** A double-click on a collapsed service (from its first press, so a conservative figure) to its nodes on screen. */
  doubleClickPageMs: number;
  /** Typing a function's name key by key: the slowest key and the last key, from keydown to the highlight on screen. */
  searchKeyMaxMs: number;
  searchLastKeyMs: number;
  /** Enter in the search box to the match's service expanded and on screen (wall: until the details show the match). */
  searchExpandPageMs: number;
  searchExpandWallMs: number;
  /** "Collapse all" to one node per service again, on screen. */
  collapsePageMs: number;
  collapseWallMs: number;
  /** Animation-frame intervals while dragging the canvas (pan) and wheeling (zoom) over the collapsed drawing. */
  panFrameP95Ms: number;
  panFrameMaxMs: number;
  zoomFrameP95Ms: number;
  zoomFrameMaxMs: number;
  /** The page's JS heap after a garbage collection, with the whole graph loaded and drawn. */
  heapMb: number;
  /** A synthetic 1,000-node neighbourhood (the webview test's): "Expand all" to every node laid out, and on screen. */
  neighbourhoodNodes: number;
  neighbourhoodLayoutMs: number;
  neighbourhoodPageMs: number;
}

/** The bar the page is held to: the first drawing, each interaction after it, and frames while panning or zooming. */
export const interactiveBar = { firstRenderMs: 2000, interactionMs: 200, frameMs: 50, neighbourhoodMs: 2000 };

const wholeSystem = { upstream: 2, downstream: 2 };
const computeKinds = new Set(['function', 'stateMachine']);

/** The whole-workspace graph as the real language server answers `samAtlas/graph` (what the panel receives). */
export async function workspaceGraph(root: string): Promise<GraphResult> {
  const client = await startServer(root);
  try {
    await client.whenReady(600_000);
    return await client.connection.sendRequest(GraphRequest.type, {});
  } finally {
    await client.stop();
  }
}

/** Why the benchmark cannot run here (no Chromium, or the webview is not built), or undefined when it can. */
export function webviewBenchUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM}`;
  if (!webviewBuilt()) return 'dist/webview.js is missing: run node scripts/build.mjs first';
  return undefined;
}

/** Runs the benchmark on `root`'s whole graph `runs` times (a fresh page each time) and returns the best of each figure. */
export async function webviewBench(root: string, runs = 3): Promise<WebviewBenchResult> {
  return webviewBenchGraph(await workspaceGraph(root), runs);
}

/** The same on a graph already in hand. */
export async function webviewBenchGraph(graph: GraphResult, runs = 3): Promise<WebviewBenchResult> {
  const unavailable = webviewBenchUnavailable();
  if (unavailable) throw new Error(unavailable);
  const browser = await launch();
  try {
    const passes: WebviewBenchResult[] = [];
    for (let run = 0; run < runs; run++) passes.push({ ...(await wholeSystemPass(browser, graph)), ...(await neighbourhoodPass(browser)) });
    const best = { ...passes[0] };
    for (const key of Object.keys(best) as (keyof WebviewBenchResult)[]) best[key] = Math.min(...passes.map((pass) => pass[key]));
    return best;
  } finally {
    await browser.close();
  }
}

type WholeSystemFigures = Omit<WebviewBenchResult, 'neighbourhoodNodes' | 'neighbourhoodLayoutMs' | 'neighbourhoodPageMs'>;

async function wholeSystemPass(browser: Browser, graph: GraphResult): Promise<WholeSystemFigures> {
  const view = await openWebview(browser);
  const { page } = view;
  try {
    await instrument(page);
    const compute = graph.nodes.filter((node) => computeKinds.has(node.kind));
    const services = [...new Set(compute.map((node) => node.group))];
    let started = performance.now();
    await sendAsText(page, { type: 'graph', graph, scope: wholeSystem });
    const first = await view.rendered(1, 120_000);
    const firstRenderWallMs = performance.now() - started;
    const firstRenderPageMs = await sincePage(page, 1, 'message');
    if (!first.aggregated) throw new Error(`the whole system was drawn node by node (${first.nodes} nodes), not one node per service`);
    const heapMb = await heap(page);
    let renders = 1;

    // Select a service in the middle of the list, then expand it with the details panel's button.
    const service = services[Math.floor(services.length / 2)];
    await page.mouse.click(...await nodePoint(page, `group::${service}`));
    const expandButton = page.locator('#side').getByRole('button', { name: 'Expand', exact: true });
    await expandButton.waitFor();
    started = performance.now();
    await expandButton.click();
    const expanded = await view.rendered(++renders, 60_000);
    await waitForNode(page, compute.find((node) => node.group === service)!.id);
    const expandWallMs = performance.now() - started;
    const expandPageMs = await sincePage(page, renders, 'click');
    await clickButton(view, 'Collapse all');
    await view.rendered(++renders, 60_000);

    // Double-click another service (cytoscape expands on the second release; the figure counts from the first press).
    const other = services[Math.floor(services.length / 4)];
    await page.mouse.dblclick(...await nodePoint(page, `group::${other}`));
    await view.rendered(++renders, 60_000);
    await waitForNode(page, compute.find((node) => node.group === other)!.id);
    const doubleClickPageMs = await sincePage(page, renders, 'mousedown', 2);
    await clickButton(view, 'Collapse all');
    await view.rendered(++renders, 60_000);

    // Type a function of another service key by key (one whose name matches it alone): each key highlights the
    // matches' services, and Enter expands the match's service.
    const candidates = compute.filter((node) => node.group === services[Math.floor(services.length / 3)]).reverse();
    const target = candidates.find((node) => searchNodes(compute, node.label).length === 1) ?? candidates[0];
    const search = page.getByRole('searchbox', { name: 'Search nodes' });
    await search.click();
    const keys: number[] = [];
    for (const key of target.label) {
      await search.press(key);
      const frame = await page.waitForFunction(() => {
        const { keyFrame } = (globalThis as unknown as PageGlobals).__bench;
        return keyFrame >= 0 && { ms: keyFrame };
      });
      keys.push((await frame.jsonValue() as { ms: number }).ms);
    }
    await waitForMatch(page, `group::${target.group}`);
    started = performance.now();
    await search.press('Enter');
    await view.rendered(++renders, 60_000);
    await page.locator('#side').getByText(target.id, { exact: true }).waitFor();
    const searchExpandWallMs = performance.now() - started;
    const searchExpandPageMs = await sincePage(page, renders, 'keydown');

    started = performance.now();
    await clickButton(view, 'Collapse all');
    const collapsed = await view.rendered(++renders, 60_000);
    const collapseWallMs = performance.now() - started;
    const collapsePageMs = await sincePage(page, renders, 'click');
    if (collapsed.nodes !== first.nodes) throw new Error(`collapsing drew ${collapsed.nodes} nodes, the first drawing ${first.nodes}`);
    const frames = await panAndZoom(page);
    if (view.problems.length) throw new Error(`the page reported problems: ${view.problems.join('; ')}`);
    return {
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      computeNodes: compute.length,
      callEdges: graph.edges.filter((edge) => edge.kind === 'call').length,
      services: services.length,
      drawnNodes: first.nodes,
      drawnEdges: first.edges,
      firstRenderPageMs,
      firstRenderWallMs: Math.round(firstRenderWallMs),
      firstLayoutMs: first.layoutMs,
      expandPageMs,
      expandWallMs: Math.round(expandWallMs),
      expandedNodes: expanded.nodes,
      doubleClickPageMs,
      searchKeyMaxMs: Math.max(...keys),
      searchLastKeyMs: keys[keys.length - 1],
      searchExpandPageMs,
      searchExpandWallMs: Math.round(searchExpandWallMs),
      collapsePageMs,
      collapseWallMs: Math.round(collapseWallMs),
      ...frames,
      heapMb,
    };
  } finally {
    await page.context().close();
  }
}

/** The webview test's synthetic 1,000-node neighbourhood: resources mode, then "Expand all" to every node drawn. */
async function neighbourhoodPass(browser: Browser): Promise<Pick<WebviewBenchResult, 'neighbourhoodNodes' | 'neighbourhoodLayoutMs' | 'neighbourhoodPageMs'>> {
  const view = await openWebview(browser);
  try {
    await instrument(view.page);
    const { graph, focus } = layeredGraph(1000, 25);
    await sendAsText(view.page, { type: 'graph', graph, scope: { focus, upstream: 5, downstream: 5 } });
    await view.rendered(1, 120_000);
    await clickButton(view, 'Resources');
    await view.rendered(2, 120_000);
    await clickButton(view, 'Expand all');
    const detailed = await view.rendered(3, 120_000);
    if (detailed.aggregated) throw new Error('Expand all left services collapsed');
    return { neighbourhoodNodes: detailed.nodes, neighbourhoodLayoutMs: detailed.layoutMs, neighbourhoodPageMs: await sincePage(view.page, 3, 'click') };
  } finally {
    await view.page.context().close();
  }
}

/**
 * Records on the page's clock: input events, when a message arrives (before its JSON is parsed), when the page posts
 * `rendered`, and for each keydown the time until the frame after it is on screen.
 */
async function instrument(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const bench = window.__bench = { inputs: [], rendered: [], keyFrame: 0 };
    for (const type of ['mousedown', 'click', 'keydown']) {
      window.addEventListener(type, (event) => bench.inputs.push({ type, at: event.timeStamp }), true);
    }
    window.addEventListener('keydown', (event) => {
      bench.keyFrame = -1;
      requestAnimationFrame(() => setTimeout(() => { bench.keyFrame = Math.round(performance.now() - event.timeStamp); }, 0));
    }, true);
    const posted = window.__posted;
    const push = posted.push.bind(posted);
    posted.push = (message) => {
      if (message && message.type === 'rendered') bench.rendered.push(performance.now());
      return push(message);
    };
  })()`);
}

/** Posts a host message the way VS Code delivers it: JSON text parsed in the page (the parse counts as page time). */
async function sendAsText(page: Page, message: HostMessage): Promise<void> {
  await page.evaluate(`((text) => {
    window.__bench.inputs.push({ type: 'message', at: performance.now() });
    window.postMessage(JSON.parse(text), '*');
  })(${JSON.stringify(JSON.stringify(message))})`);
}

/** Page time from the `nth` last input of `type` before `rendered` message number `count` to that message. */
async function sincePage(page: Page, count: number, type: string, nth = 1): Promise<number> {
  const ms = await page.evaluate(`(() => {
    const bench = window.__bench;
    const at = bench.rendered[${count - 1}];
    const inputs = bench.inputs.filter((input) => input.type === ${JSON.stringify(type)} && input.at <= at);
    return inputs.length >= ${nth} ? Math.round(at - inputs[inputs.length - ${nth}].at) : -1;
  })()`) as number;
  if (ms < 0) throw new Error(`no ${type} before rendered message ${count}`);
  return ms;
}

/** The page's used JS heap after a full garbage collection, in MB. */
async function heap(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const usage = await session.send('Runtime.getHeapUsage');
    return Math.round(usage.usedSize / 1024 / 1024);
  } finally {
    await session.detach();
  }
}

/** Where a drawn node is on screen (cytoscape registers itself on its container as `_cyreg`). */
async function nodePoint(page: Page, id: string): Promise<[number, number]> {
  const point = await page.evaluate(`((id) => {
    const container = document.getElementById('graph');
    const node = container._cyreg.cy.getElementById(id);
    if (node.empty()) return undefined;
    const rect = container.getBoundingClientRect();
    const at = node.renderedPosition();
    const inside = at.x > 0 && at.y > 0 && at.x < rect.width && at.y < rect.height;
    return inside ? { x: rect.left + at.x, y: rect.top + at.y } : undefined;
  })(${JSON.stringify(id)})`) as { x: number; y: number } | undefined;
  if (!point) throw new Error(`${id} is not drawn on screen`);
  return [point.x, point.y];
}

/**
 * What the bench reads in the page. Predicates are functions, not strings: the page's CSP forbids the `eval` that
 * Playwright polls string predicates with (and tsx would add helpers to named inner functions, so there are none).
 */
interface PageGlobals {
  __bench: { keyFrame: number };
  document: { getElementById(id: string): { _cyreg: { cy: { getElementById(id: string): { nonempty(): boolean; hasClass(name: string): boolean } } } } };
}

async function waitForNode(page: Page, id: string): Promise<void> {
  await page.waitForFunction((node) => (globalThis as unknown as PageGlobals).document.getElementById('graph')._cyreg.cy.getElementById(node).nonempty(), id, { timeout: 60_000 });
}

async function waitForMatch(page: Page, id: string): Promise<void> {
  await page.waitForFunction((node) => (globalThis as unknown as PageGlobals).document.getElementById('graph')._cyreg.cy.getElementById(node).hasClass('match'), id, { timeout: 60_000 });
}

async function clickButton(view: WebviewPage, name: string): Promise<void> {
  await view.page.getByRole('button', { name, exact: true }).first().click();
}

/** Frame intervals (p95 and max) while panning by dragging the background, then while zooming with the wheel. */
async function panAndZoom(page: Page): Promise<Pick<WebviewBenchResult, 'panFrameP95Ms' | 'panFrameMaxMs' | 'zoomFrameP95Ms' | 'zoomFrameMaxMs'>> {
  const box = (await page.locator('#graph').boundingBox())!;
  const panOf = () => page.evaluate(`JSON.stringify(document.getElementById('graph')._cyreg.cy.pan())`);
  const before = await panOf();
  const pan = await frames(page, async () => {
    // From the bottom left corner, which the fitted drawing leaves empty, so the drag pans instead of moving a node.
    await page.mouse.move(box.x + 3, box.y + box.height - 3);
    await page.mouse.down();
    for (let step = 1; step <= 30; step++) await page.mouse.move(box.x + 3 + step * 10, box.y + box.height - 3 - step * 6);
    await page.mouse.up();
  });
  if ((await panOf()) === before) throw new Error('dragging the background did not pan the view');
  const zoom = await frames(page, async () => {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let step = 0; step < 10; step++) await page.mouse.wheel(0, -120);
    for (let step = 0; step < 10; step++) await page.mouse.wheel(0, 120);
  });
  return { panFrameP95Ms: pan.p95, panFrameMaxMs: pan.max, zoomFrameP95Ms: zoom.p95, zoomFrameMaxMs: zoom.max };
}

/** Runs `gesture` while the page records animation-frame intervals; returns their p95 and max. */
async function frames(page: Page, gesture: () => Promise<void>): Promise<{ p95: number; max: number }> {
  await page.evaluate(`(() => {
    const times = window.__frames = [];
    window.__framesOn = true;
    const tick = (time) => { times.push(time); if (window.__framesOn) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await gesture();
  const times = await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => { window.__framesOn = false; resolve(window.__frames); })))`) as number[];
  const intervals = times.slice(1).map((time, index) => time - times[index]).sort((a, b) => a - b);
  if (intervals.length === 0) return { p95: 0, max: 0 };
  return { p95: Math.round(intervals[Math.min(intervals.length - 1, Math.floor(intervals.length * 0.95))]), max: Math.round(intervals[intervals.length - 1]) };
}

/** Prints the figures against the bar. */
export function printWebviewBench(result: WebviewBenchResult): void {
  const bar = interactiveBar;
  const check = (value: number, limit: number) => `${value} ms ${value <= limit ? '\u2713' : '\u2717'}`;
  console.log(`webview, whole graph ${result.nodes} nodes and ${result.edges} edges (calls mode: ${result.computeNodes} functions and state machines, ${result.callEdges} calls, ${result.services} services); page time, best of the passes`);
  console.log(`  first drawing, one node per service (${result.drawnNodes} nodes, ${result.drawnEdges} edges): ${check(result.firstRenderPageMs, bar.firstRenderMs)} (bar ${bar.firstRenderMs}), layout ${result.firstLayoutMs} ms; ${result.firstRenderWallMs} ms seen from the bench`);
  console.log(`  expand a service with its Expand button (${result.expandedNodes} nodes drawn): ${check(result.expandPageMs, bar.interactionMs)} (bar ${bar.interactionMs}); ${result.expandWallMs} ms seen from the bench; by double-click, from the first press: ${check(result.doubleClickPageMs, bar.interactionMs)}`);
  console.log(`  search, key to highlight: slowest ${check(result.searchKeyMaxMs, bar.interactionMs)}, last ${check(result.searchLastKeyMs, bar.interactionMs)}; Enter to the match expanded ${check(result.searchExpandPageMs, bar.interactionMs)} (${result.searchExpandWallMs} ms seen from the bench)`);
  console.log(`  collapse all: ${check(result.collapsePageMs, bar.interactionMs)}; ${result.collapseWallMs} ms seen from the bench`);
  console.log(`  frames: pan p95 ${check(result.panFrameP95Ms, bar.frameMs)} (max ${result.panFrameMaxMs}), zoom p95 ${check(result.zoomFrameP95Ms, bar.frameMs)} (max ${result.zoomFrameMaxMs})`);
  console.log(`  JS heap ${result.heapMb} MB`);
  console.log(`  synthetic ${result.neighbourhoodNodes}-node neighbourhood, Expand all: layout ${result.neighbourhoodLayoutMs} ms, on screen ${check(result.neighbourhoodPageMs, bar.neighbourhoodMs)} (bar ${bar.neighbourhoodMs})`);
}

if (require.main === module) {
  const root = process.argv[2];
  if (!root) {
    console.error('usage: node --import tsx bench/webview.ts WORKSPACE [RUNS]');
    process.exit(2);
  }
  webviewBench(resolve(root), Number(process.argv[3] ?? 3))
    .then((result) => {
      printWebviewBench(result);
      console.log(JSON.stringify(result));
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
