// Worker thread entry: reads templates and source files and extracts their facts, so parsing uses the second core.
import { parentPort, workerData } from 'node:worker_threads';
import { createHost } from '../core/index';
import { compactFacts } from './factsCache';
import { BY_WORKER, type BatchKind, type WorkerData } from './factsPool';
import { readForAnalysis } from './loader';

/** A batch of files to read and analyse, unless the main thread has already claimed it (`claim` lives in shared memory). */
export interface WorkerRequest {
  batch: number;
  kind: BatchKind;
  paths: string[];
  claim: Int32Array;
  maxFileSize: number;
  roots: string[];
  /** Whether to add each file's facts as compact JSON (done here, in parallel, rather than when the cache is saved). */
  compact: boolean;
}

/** Each file's text, hash and facts (or why it was not read): see `PoolResult`. */
export interface WorkerAnswer {
  batch: number;
  results: ({ path: string; text: string; hash: string; facts?: unknown; json?: string } | { path: string; error: string } | { path: string })[];
}

const host = createHost({ roots: ['/'] });
/** Files whose facts the main thread takes from the on-disk cache (when their hash is still this one). */
const cached = (workerData as WorkerData | undefined)?.cached;
const inCache = cached?.size ? (path: string, hash: string) => cached.get(path) === hash : undefined;

/** Requests not taken yet, in the order they came. */
let queue: WorkerRequest[] = [];
let scheduled = false;
let analysed = false;

/** Once idle after some work (so the code that work compiled is in it), writes the code cache the bootstrap asked for, if any. */
function saveCodeCache(): void {
  const holder = globalThis as { samAtlasSaveCodeCache?: () => void };
  const save = holder.samAtlasSaveCodeCache;
  holder.samAtlasSaveCodeCache = undefined;
  save?.();
}

/** What the pool sends when it closes: the worker drops what is left, writes its code cache if it has work behind it, and ends. */
export interface WorkerClose {
  close: true;
}

parentPort?.on('message', (message: WorkerRequest | WorkerClose) => {
  if ('close' in message) {
    queue = [];
    if (analysed) saveCodeCache();
    process.exit(0);
  }
  queue.push(message);
  schedule();
});

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // One batch per turn, so requests that arrive meanwhile are seen before the next choice.
  setImmediate(step);
}

/** Analyses the oldest batch not claimed yet (code batches: the main thread parses the templates, and takes code batches from the newest). Reads are synchronous: nothing else runs here. */
function step(): void {
  scheduled = false;
  queue = queue.filter((request) => Atomics.load(request.claim, 0) === 0);
  if (!queue.length) {
    if (analysed) saveCodeCache();
    return;
  }
  const request = queue.shift()!;
  if (Atomics.compareExchange(request.claim, 0, 0, BY_WORKER) === 0) {
    const results = request.paths.map((path) => {
      const result = readForAnalysis(host, request.kind, path, request.maxFileSize, request.roots, inCache);
      return request.compact && 'facts' in result && result.facts ? { ...result, json: compactFacts(result.facts) } : result;
    });
    parentPort!.postMessage({ batch: request.batch, results } satisfies WorkerAnswer);
    analysed = true;
  }
  schedule();
}
