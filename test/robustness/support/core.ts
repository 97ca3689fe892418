// Runs in-memory workspaces through the analysis core and exercises every feature the facade exports, recording any exception.
import * as core from '../../../server/src/core/index';
import type { Analysis } from '../../../server/src/core/index';
import type { Random } from './random';

export const WS = '/ws';

/** Loads files (absolute paths under /ws) into a fresh host the way the loader does: templates first, then the code they need. */
export function analyseFiles(files: Map<string, string>, host = core.createHost({ roots: [WS] })): Analysis {
  host.setFileList(files.keys());
  let analysis = host.applyChanges([...files].filter(([path]) => !core.isCodeFile(path)).map(([path, text]) => ({ path, text })));
  for (let round = 0; round < 10; round++) {
    const needed = analysis.neededFiles().filter((f) => files.has(f) && !analysis.code.has(f));
    if (!needed.length) break;
    analysis = host.applyChanges(needed.map((path) => ({ path, text: files.get(path)! })));
  }
  const rest = [...files].filter(([path]) => core.isCodeFile(path) && !analysis.code.has(path));
  return rest.length ? host.applyChanges(rest.map(([path, text]) => ({ path, text }))) : analysis;
}

/** A call that threw: which feature, where, and the error. */
export interface Failure {
  feature: string;
  where: string;
  error: string;
}

/** Calls `run`, recording an exception as a failure instead of stopping. */
function attempt(failures: Failure[], feature: string, where: string, run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    failures.push({ feature, where, error: error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).join(' | ') : String(error) });
    return undefined;
  }
}

/** Offsets worth asking about: random ones plus the start, the end, and just past the end. */
function offsetsIn(random: Random, length: number, count: number): number[] {
  const out = [0, length, length + 1];
  for (let i = 0; i < count; i++) out.push(random.int(length + 1));
  return out;
}

/** The workspace-wide features: diagnostics, the index report, the graph, symbols, listings, impact and permissions. */
function exerciseWorkspace(analysis: Analysis, random: Random, failures: Failure[]): number {
  let calls = 0;
  const call = (feature: string, where: string, run: () => unknown) => {
    calls++;
    return attempt(failures, feature, where, run);
  };
  call('diagnose', 'workspace', () => core.diagnose(analysis));
  const report = call('indexReport', 'workspace', () => core.indexReport(analysis, WS));
  call('indexReport JSON', 'workspace', () => JSON.stringify(report));
  const view = call('graphView', 'workspace', () => core.graphView(analysis)) as core.GraphView | undefined;
  if (view) {
    call('toMermaid', 'workspace', () => core.toMermaid(view));
    call('toDot', 'workspace', () => core.toDot(analysis, view));
  }
  const graph = call('graphOf', 'workspace', () => core.graphOf(analysis)) as core.Graph | undefined;
  const focus = graph?.nodes.length ? random.pick(graph.nodes).id : `${WS}/template.yaml#Missing`;
  call('graphView focus', focus, () => core.graphView(analysis, focus, 1 + random.int(4)));
  for (const query of ['', 'a', random.pick(['Fn', 'GET /', '*', '\\', '(', 'Queue'])]) call('workspaceSymbols', query, () => core.workspaceSymbols(analysis, query));
  call('listEndpoints', 'workspace', () => core.listEndpoints(analysis));
  call('listFunctions', 'workspace', () => core.listFunctions(analysis));
  for (const fn of analysis.functions.slice(0, 8)) {
    call('permissionsOf', fn.id, () => core.permissionsOf(analysis, fn));
    call('usagesOf', fn.id, () => core.usagesOf(analysis, fn));
    call('impactCounts', fn.id, () => core.impactCounts(analysis, fn.id));
    call('impactView', fn.id, () => core.impactView(analysis, { id: fn.id }));
  }
  for (const template of analysis.templates.slice(0, 8)) call('estimateResources', template.file, () => core.estimateResources(analysis, template));
  call('changesView', 'all files', () => core.changesView(analysis, [...analysis.templates.map((t) => t.file), ...analysis.code.keys()], 'changes'));
  return calls;
}

/** The per-file features at `perFile` random offsets of each file: definition, references, hover, call hierarchy, symbols, lenses, fixes. */
function exerciseFile(analysis: Analysis, file: string, text: string, random: Random, perFile: number, failures: Failure[]): number {
  let calls = 0;
  const call = (feature: string, where: string, run: () => unknown) => {
    calls++;
    return attempt(failures, feature, where, run);
  };
  call('documentSymbols', file, () => core.documentSymbols(analysis, file));
  const lenses = call('codeLenses', file, () => core.codeLenses(analysis, file)) as core.CodeLensItem[] | undefined;
  for (const lens of (lenses ?? []).slice(0, 5)) call('resolveCodeLens', lens.id, () => core.resolveCodeLens(analysis, lens.id, lens.label));
  call('impactView file', file, () => core.impactView(analysis, { file }));
  for (const offset of offsetsIn(random, text.length, perFile)) {
    const where = `${file}@${offset}`;
    call('definition', where, () => core.definition(analysis, file, offset));
    call('references', where, () => core.references(analysis, file, offset, random.chance(0.5)));
    call('hover', where, () => core.hover(analysis, file, offset));
    call('permissionFixes', where, () => core.permissionFixes(analysis, file, offset, offset + random.int(200), (path) => (path === file ? text : undefined)));
    const items = (call('prepareCallHierarchy', where, () => core.prepareCallHierarchy(analysis, file, offset)) as core.CallItem[] | undefined) ?? [];
    for (const item of items.slice(0, 3)) {
      call('incomingCalls', item.id, () => core.incomingCalls(analysis, item.id));
      call('outgoingCalls', item.id, () => core.outgoingCalls(analysis, item.id));
    }
  }
  return calls;
}

/** Calls every feature of the core on `analysis`: workspace-wide ones once, per-file ones at random offsets. */
export function exerciseAll(analysis: Analysis, files: Map<string, string>, random: Random, perFile = 12): { calls: number; failures: Failure[] } {
  const failures: Failure[] = [];
  let calls = exerciseWorkspace(analysis, random, failures);
  for (const [file, text] of files) calls += exerciseFile(analysis, file, text, random, perFile, failures);
  // Unknown files and ids must be answered with nothing, not an exception.
  calls += exerciseFile(analysis, `${WS}/not-there.yaml`, '', random, 2, failures);
  attempt(failures, 'incomingCalls unknown', 'id', () => core.incomingCalls(analysis, `${WS}/x.yaml#Nope`));
  attempt(failures, 'outgoingCalls unknown', 'id', () => core.outgoingCalls(analysis, 'garbage'));
  return { calls, failures };
}

/** A one-line summary of failures for an assertion message. */
export function describeFailures(failures: Failure[], limit = 5): string {
  return failures
    .slice(0, limit)
    .map((f) => `${f.feature} at ${f.where}: ${f.error}`)
    .join('\n');
}
