// `npm run bench`: cold index (CLI and language server), parse floor, request latencies and edit-to-diagnostics time for N = 100, 1,000, 5,000.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallHierarchyIncomingCallsRequest, CallHierarchyPrepareRequest, CodeLensRequest, CodeLensResolveRequest, DefinitionRequest, HoverRequest, type CodeLens } from 'vscode-languageserver-protocol';
import { workerPaysOff } from '../server/src/disk/factsPool';
import { GraphRequest } from '../server/src/protocol/index';
import { REPO, startServer, uri } from '../test/support/lspClient';
import { parseFloorOnce } from './floor';
import { generateWorkspace } from './generate';
import { shopLatency } from './shop';
import { printWebviewBench, webviewBench, webviewBenchUnavailable, type WebviewBenchResult } from './webview';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const EDIT_PAUSE_MS = 200;
/** Warm starts measured per size (the machine varies by 10–30 % from run to run): the median is reported, with the range. */
const WARM_RUNS = 3;

interface Result {
  functions: number;
  templates: number;
  parseFloorMs: number;
  /** The same parse in a fresh process, first pass (cold JIT, as a separate single-threaded program would run it; module loading not counted). */
  parseFloorFreshMs: number;
  /** The first run on a machine: no facts and no code caches. */
  cliFirstRunMs: number;
  /** A workspace never indexed (no facts cache), with the bundles' code caches from earlier runs. */
  cliColdMs: number;
  /** Median of `WARM_RUNS` runs with the facts cache of an earlier run, nothing changed. */
  cliWarmMs: number;
  cliWarmRangeMs: [number, number];
  /** With the facts cache of an earlier run after 1 % of the handlers and one template changed (a pull or a branch switch). */
  cliWarmChangedMs: number;
  cliPeakRssMb: number;
  cliRatio: number;
  lspReadyMs: number;
  /** Server start to the answer of the whole-workspace graph request (the first complete graph). */
  lspGraphMs: number;
  lspRatio: number;
  /** Server start to the end of the first diagnosis (the last diagnostics of the first run published). */
  lspFirstDiagnosisMs: number;
  /** The same with the facts cache the first server wrote (a re-opened workspace): median of `WARM_RUNS` starts, and the range. */
  lspWarmGraphMs: number;
  lspWarmGraphRangeMs: [number, number];
  lspWarmReadyMs: number;
  lspPeakRssMb: number;
  latency: Record<string, { p50: number; p95: number }>;
  editToDiagnostics: { p50: number; p95: number };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

function stats(values: number[]): { p50: number; p95: number } {
  return { p50: percentile(values, 50), p95: percentile(values, 95) };
}

/** `parseFloor` in a new process, on its first pass (cold JIT): what a separate single-threaded program spends parsing. */
function parseFloorFresh(root: string, n: number): number {
  const script = `const { parseFloorOnce } = require(${JSON.stringify(join(REPO, 'bench', 'floor.ts'))}); process.stdout.write(String(parseFloorOnce(${JSON.stringify(root)}, ${n})));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, encoding: 'utf8' });
  const ms = Number(child.stdout);
  if (child.status !== 0 || !Number.isFinite(ms)) throw new Error(`the fresh parse floor failed: ${child.stderr.slice(-500)}`);
  return ms;
}

/** The median and the range of some timings. */
function medianAndRange(values: number[]): { median: number; range: [number, number] } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: Math.round(sorted[Math.floor(sorted.length / 2)]), range: [Math.round(sorted[0]), Math.round(sorted[sorted.length - 1])] };
}

/** Changes 1 % of the handlers (a new env read) and one template (a moved route), as a pull would; returns how to put them back. */
function changeSome(root: string, n: number): () => void {
  const originals = new Map<string, string>();
  const change = (file: string, edit: (text: string) => string) => {
    const text = readFileSync(file, 'utf8');
    originals.set(file, text);
    writeFileSync(file, edit(text));
  };
  const services = Math.round(n / 10);
  for (let i = 0; i < Math.max(1, Math.round(n / 100)); i++) {
    const s = (i * 37) % services;
    change(join(root, `svc${s}`, 'src', 'handlers', `F${s}x${i % 10}.ts`), (text) => `${text}\nexport const changed${i} = process.env.CHANGED_${i};\n`);
  }
  change(join(root, 'svc0', 'template.yaml'), (text) => text.replace(/Path: \/([^\s]+)/, 'Path: /moved/$1'));
  return () => {
    for (const [file, text] of originals) writeFileSync(file, text);
  };
}

/** Runs the CLI's index with the facts cache in `cacheDir` (empty: a cold start) and returns wall time and peak RSS. */
function cliIndex(root: string, cacheDir: string): Promise<{ ms: number; rssMb: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const env = { ...process.env, SAM_ATLAS_REPORT_RSS: '1', SAM_ATLAS_CACHE_DIR: cacheDir };
    const child = spawn(process.execPath, [join(REPO, 'dist', 'cli.js'), 'index', root, '--json'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      const ms = performance.now() - start;
      const rss = /maxRSS=(\d+)/.exec(stderr);
      if (code !== 0 || !rss) reject(new Error(`cli failed (${code}): ${stderr.slice(-500)}`));
      else resolve({ ms, rssMb: Number(rss[1]) / 1024 });
    });
  });
}

function vmHwmMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Starts a server on `root` and returns it with the time to `ready` and to the answer of the whole-workspace graph request. */
async function startAndGraph(root: string): Promise<{ client: Awaited<ReturnType<typeof startServer>>; readyMs: number; graphMs: number }> {
  const start = performance.now();
  const client = await startServer(root);
  await client.whenReady(600_000);
  const readyMs = performance.now() - start;
  const graph = await client.connection.sendRequest(GraphRequest.type, {});
  if (!graph.nodes.length) throw new Error('the whole-workspace graph is empty');
  return { client, readyMs, graphMs: performance.now() - start };
}

/** Waits until the server has published diagnostics and then sent none for a second; returns how long that took. */
async function diagnosticsSettled(client: Awaited<ReturnType<typeof startServer>>): Promise<number> {
  const start = performance.now();
  let last = performance.now();
  client.onDiagnostics = () => (last = performance.now());
  await client.waitFor(() => (client.diagnostics.size > 0 && performance.now() - last > 1000 ? true : undefined), 120_000, 'the first diagnosis');
  client.onDiagnostics = undefined;
  return last - start;
}

/**
 * Runs the CLI and a server once on a generated workspace of 1,000 functions with `cacheDir`, so the bundles' code
 * caches are there. Not the example shop: there the main thread takes every batch before the worker has started, and
 * a worker that did no work writes no code cache (it would hold none of the parser's compiled code).
 */
async function primeCodeCaches(cacheDir: string): Promise<void> {
  const primer = join(tmpdir(), 'sam-atlas-bench-primer-1000');
  if (!existsSync(primer)) generateWorkspace(primer, 1000);
  await cliIndex(primer, cacheDir);
  const saved = process.env.SAM_ATLAS_CACHE_DIR;
  process.env.SAM_ATLAS_CACHE_DIR = cacheDir;
  const client = await startServer(primer);
  await client.whenReady(60_000);
  await client.stop();
  process.env.SAM_ATLAS_CACHE_DIR = saved;
  const caches = readdirSync(cacheDir).filter((name) => name.endsWith('.v8'));
  for (const bundle of ['cli-main', 'server-main', ...(workerPaysOff() ? ['factsWorker-main'] : [])]) if (!caches.some((name) => name.startsWith(`${bundle}-`))) console.log(`note: no code cache for ${bundle} after priming`);
}

async function lspBench(root: string, n: number, floor: number): Promise<Pick<Result, 'lspReadyMs' | 'lspGraphMs' | 'lspFirstDiagnosisMs' | 'lspWarmGraphMs' | 'lspWarmGraphRangeMs' | 'lspWarmReadyMs' | 'lspRatio' | 'lspPeakRssMb' | 'latency' | 'editToDiagnostics'>> {
  const { client, readyMs: lspReadyMs, graphMs: lspGraphMs } = await startAndGraph(root);
  // Latencies are measured in the steady state: after the first diagnosis (during it, a request can wait for one rule step).
  const firstDiagnosisMs = await diagnosticsSettled(client);
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const latency: Record<string, number[]> = { hover: [], definition: [], callHierarchy: [], codeLensResolve: [], graph: [] };
  const services = Math.round(n / 10);
  for (let i = 0; i < SAMPLES; i++) {
    const s = (i * 7919) % services;
    const f = i % Math.min(10, n);
    const template = join(root, `svc${s}`, 'template.yaml');
    const text = readFileSync(template, 'utf8');
    const lines = text.split('\n');
    const keyLine = lines.findIndex((l) => l.startsWith(`  F${s}x${f}:`));
    const handlerLine = lines.findIndex((l, index) => index > keyLine && l.includes('Handler:'));
    const at = { line: keyLine, character: 4 };
    const doc = { uri: uri(template) };
    latency.hover.push(await time(() => client.connection.sendRequest(HoverRequest.type, { textDocument: doc, position: at })));
    latency.definition.push(await time(() => client.connection.sendRequest(DefinitionRequest.type, { textDocument: doc, position: { line: handlerLine, character: 20 } })));
    latency.callHierarchy.push(
      await time(async () => {
        const items = await client.connection.sendRequest(CallHierarchyPrepareRequest.type, { textDocument: doc, position: at });
        if (items?.[0]) await client.connection.sendRequest(CallHierarchyIncomingCallsRequest.type, { item: items[0] });
      }),
    );
    const lenses = ((await client.connection.sendRequest(CodeLensRequest.type, { textDocument: doc }).catch(() => [])) ?? []) as CodeLens[];
    if (lenses[0]) latency.codeLensResolve.push(await time(() => client.connection.sendRequest(CodeLensResolveRequest.type, lenses[0])));
    latency.graph.push(await time(() => client.connection.sendRequest(GraphRequest.type, { focus: `${template}#F${s}x${f}`, depth: 2 })));
  }
  const edits: number[] = [];
  const handler = join(root, 'svc0', 'src', 'handlers', 'F0x0.ts');
  const original = readFileSync(handler, 'utf8');
  await client.open(handler, original);
  for (let i = 0; i < 20; i++) {
    const marker = `process.env.BENCH_UNDEFINED_${i}`;
    const text = original.replace("log('start", `void ${marker};\n  log('start`);
    // A pause between edits, as between two edits a person makes (the server throttles a burst of keystrokes).
    await new Promise((resolve) => setTimeout(resolve, EDIT_PAUSE_MS));
    const sent = performance.now();
    let seen = false;
    const listener = () => (seen = true);
    client.onDiagnostics = listener;
    await client.change(handler, i % 2 ? original : text, i + 2);
    await client.waitFor(() => (seen ? true : undefined), 30_000, 'diagnostics after edit');
    edits.push(performance.now() - sent);
  }
  const lspPeakRssMb = vmHwmMb(client.process.pid!);
  // The facts cache is written a second after the index: it is there by now.
  await client.stop();
  const warmStarts: { readyMs: number; graphMs: number }[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const warm = await startAndGraph(root);
    await warm.client.stop();
    warmStarts.push(warm);
  }
  const warm = medianAndRange(warmStarts.map((w) => w.graphMs));
  const out: Record<string, { p50: number; p95: number }> = {};
  for (const [key, values] of Object.entries(latency)) if (values.length) out[key] = stats(values);
  return { lspReadyMs, lspGraphMs, lspFirstDiagnosisMs: Math.round(lspGraphMs + firstDiagnosisMs), lspWarmGraphMs: warm.median, lspWarmGraphRangeMs: warm.range, lspWarmReadyMs: medianAndRange(warmStarts.map((w) => w.readyMs)).median, lspRatio: lspGraphMs / floor, lspPeakRssMb, latency: out, editToDiagnostics: stats(edits) };
}

async function main(): Promise<void> {
  const base = join(tmpdir(), 'sam-atlas-bench');
  mkdirSync(base, { recursive: true });
  const results: Result[] = [];
  const shop = await shopLatency();
  console.log(`examples/shop: hover p50 ${shop.hover.p50} ms, p95 ${shop.hover.p95} ms; definition p50 ${shop.definition.p50} ms, p95 ${shop.definition.p95} ms (${shop.samples} positions)`);
  let webview: WebviewBenchResult | undefined;
  for (const n of SIZES) {
    const root = join(base, `n${n}`);
    const generated = generateWorkspace(root, n);
    parseFloorOnce(root, Math.min(n, 100)); // warm up the parsers like the index does
    const floor = parseFloorOnce(root, n);
    const floorFresh = parseFloorFresh(root, n);
    const cacheDir = mkdtempSync(join(tmpdir(), 'sam-atlas-bench-cache-'));
    // The very first run on a machine also compiles the bundles and writes their code caches.
    const first = await cliIndex(root, mkdtempSync(join(tmpdir(), 'sam-atlas-bench-cache-')));
    // Cold: a workspace never indexed, on a machine where SAM Atlas has run before (code caches there, no facts).
    await primeCodeCaches(cacheDir);
    const cli = await cliIndex(root, cacheDir);
    const warmRuns: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warmRuns.push((await cliIndex(root, cacheDir)).ms);
    const warm = medianAndRange(warmRuns);
    const restore = changeSome(root, n);
    const warmChanged = await cliIndex(root, cacheDir);
    restore();
    // The next runs start from the original files and their cache.
    await cliIndex(root, cacheDir);
    process.env.SAM_ATLAS_CACHE_DIR = mkdtempSync(join(tmpdir(), 'sam-atlas-bench-cache-'));
    await primeCodeCaches(process.env.SAM_ATLAS_CACHE_DIR);
    const lsp = await lspBench(root, n, floor);
    // The graph webview with the largest whole system, aggregated by service, in headless Chromium.
    if (n === Math.max(...SIZES)) {
      const unavailable = webviewBenchUnavailable();
      if (unavailable) console.log(`webview: skipped (${unavailable})`);
      else printWebviewBench((webview = await webviewBench(root)));
    }
    const result: Result = { functions: n, templates: generated.templates, parseFloorMs: Math.round(floor), parseFloorFreshMs: Math.round(floorFresh), cliFirstRunMs: Math.round(first.ms), cliColdMs: Math.round(cli.ms), cliWarmMs: warm.median, cliWarmRangeMs: warm.range, cliWarmChangedMs: Math.round(warmChanged.ms), cliPeakRssMb: Math.round(cli.rssMb), cliRatio: Math.round((cli.ms / floor) * 100) / 100, ...lsp };
    result.lspReadyMs = Math.round(result.lspReadyMs);
    result.lspGraphMs = Math.round(result.lspGraphMs);
    result.lspWarmGraphMs = Math.round(result.lspWarmGraphMs);
    result.lspRatio = Math.round(result.lspRatio * 100) / 100;
    result.lspPeakRssMb = Math.round(result.lspPeakRssMb);
    results.push(result);
    console.log(JSON.stringify(result));
  }
  const growth = (key: 'cliColdMs' | 'lspGraphMs') => {
    const a = results.find((r) => r.functions === 1000);
    const b = results.find((r) => r.functions === 5000);
    return a && b ? Math.round((b[key] / a[key]) * 100) / 100 : null;
  };
  const summary = { machine: machine(), date: new Date().toISOString(), shop, results, growth1000to5000: { cli: growth('cliColdMs'), lsp: growth('lspGraphMs') }, webview };
  mkdirSync(join(REPO, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO, 'bench', 'results', 'latest.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`growth 1,000 → 5,000 functions: CLI ×${summary.growth1000to5000.cli}, language server ×${summary.growth1000to5000.lsp} (linear is 5)`);
  console.table(results.map((r) => ({ N: r.functions, floor: r.parseFloorMs, cli: r.cliColdMs, 'cli/floor': r.cliRatio, 'cli first run': r.cliFirstRunMs, 'cli warm': r.cliWarmMs, 'cli warm, 1% changed': r.cliWarmChangedMs, 'cli MB': r.cliPeakRssMb, 'lsp ready': r.lspReadyMs, 'lsp graph': r.lspGraphMs, 'lsp/floor': r.lspRatio, 'lsp warm': r.lspWarmGraphMs, 'lsp MB': r.lspPeakRssMb, 'hover p95': r.latency.hover?.p95, 'def p95': r.latency.definition?.p95, 'calls p95': r.latency.callHierarchy?.p95, 'lens p95': r.latency.codeLensResolve?.p95, 'graph p95': r.latency.graph?.p95, 'edit→diag p50': r.editToDiagnostics.p50 })));
}

function machine(): string {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
  const cores = (readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm) ?? []).length;
  const mem = Math.round(Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) / 1024 / 1024);
  return `${cores} cores (${cpu}), ${mem} GiB, Node ${process.version}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
