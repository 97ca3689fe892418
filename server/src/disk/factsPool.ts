// Files to read and analyse, in batches that a worker thread (where one pays off) and the main thread each claim when free.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from '../core/index';
import type { WorkerAnswer, WorkerClose, WorkerRequest } from './factsWorker';

/**
 * A file's text, its `textHash` and facts (with their compact JSON for the cache when asked for; no facts when the
 * worker knew the on-disk cache has them), or why it was not read (`error`, to report), or neither (not a template,
 * or refused quietly).
 */
export type PoolResult = { path: string; text: string; hash: string; facts?: FileFacts; json?: string } | { path: string; error: string } | { path: string };

/**
 * Templates are parsed first (they name the code files), on the main thread only: parsing one costs less than copying
 * its facts (large, span-carrying trees) from the worker. Code files are what they name and what those import; both
 * threads take those.
 */
export type BatchKind = 'template' | 'code';

/** Files per batch: small enough that the two threads finish together, large enough that messages cost little. */
const BATCH_SIZE: Record<BatchKind, number> = { template: 4, code: 32 };

/** `claim[0]` values: nobody has it yet, the worker took it, the main thread took it. */
const FREE = 0;
export const BY_WORKER = 1;
const BY_MAIN = 2;

interface Batch {
  id: number;
  kind: BatchKind;
  paths: string[];
  /** One shared integer: whichever thread swaps it from FREE first analyses the batch. */
  claim: Int32Array;
}

export interface PoolOptions {
  maxFileSize: number;
  /** Workspace folders no read may leave. */
  roots: string[];
  /** `false`: no worker, the main thread does every batch (tests); a path: that worker script (tests); absent: the bundled one, where it pays off (`workerPaysOff`). */
  worker?: false | string;
  /** The worker also writes the facts it computes as compact JSON (for the on-disk cache). */
  compact?: boolean;
  /** Where the worker keeps its compiled code between runs, so it starts sooner (default: the cache folder); `false`: nowhere. */
  codeCache?: string | false;
  /** Content hashes of the files the on-disk cache has facts for, by path: the worker only reads those (the main thread takes their facts from the cache). */
  cached?: ReadonlyMap<string, string>;
}

/**
 * A work queue shared with one worker thread. `add` files as they become known (full code batches go to the worker
 * at once); `run` has the main thread take free batches too (templates from the front, code from the back) until
 * every batch is done. `onDone` gets each batch's results on the main thread, whichever thread analysed it.
 */
export class FactsPool {
  private worker: Worker | undefined;
  private nextId = 0;
  /** Batches not done yet, by id. */
  private readonly open = new Map<number, Batch>();
  /** Batches the main thread may still claim, oldest first. */
  private claimable: Record<BatchKind, Batch[]> = { template: [], code: [] };
  private pending: Record<BatchKind, string[]> = { template: [], code: [] };
  private wake: (() => void) | undefined;

  constructor(
    private readonly options: PoolOptions,
    /** The main thread's way to read and analyse a batch (the same work the worker does). */
    private readonly analyse: (kind: BatchKind, paths: string[]) => PoolResult[],
    private readonly onDone: (kind: BatchKind, results: PoolResult[]) => void,
  ) {
    const { worker } = options;
    this.worker = worker === false || (worker === undefined && !workerPaysOff()) ? undefined : startWorker(worker, { codeCache: options.codeCache, cached: options.cached });
    this.worker?.on('message', (answer: WorkerAnswer) => {
      const batch = this.open.get(answer.batch);
      if (batch && answer.results) this.finish(batch, answer.results as PoolResult[]);
    });
    this.worker?.on('error', () => this.stopped());
    this.worker?.on('exit', () => this.stopped());
  }

  /** Queues a file; a full code batch goes to the worker at once. */
  add(kind: BatchKind, path: string): void {
    this.pending[kind].push(path);
    if (this.pending[kind].length >= BATCH_SIZE[kind]) this.flush(kind);
  }

  /** Analyses every queued file (and those `onDone` queues meanwhile); stops early when cancelled. */
  async run(isCancelled?: () => boolean): Promise<void> {
    while (!isCancelled?.()) {
      this.flush();
      if (!this.open.size) return;
      const batch = this.claim('template') ?? this.claim('code');
      if (batch) {
        this.finish(batch, this.analyse(batch.kind, batch.paths));
        // Lets the worker's answers in (and, in the server, requests and cancellation).
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        // Everything left is the worker's: wait for its next answer (looking at cancellation now and then).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 100);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /**
   * Stops the worker (batches it has not answered are dropped). It is asked to end rather than terminated, so that a
   * code cache it is writing is not cut off halfway (it is terminated after `graceMs` all the same).
   */
  async close(graceMs = 2000): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ close: true } satisfies WorkerClose);
    const timer = setTimeout(() => void worker.terminate(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** Sends the queued files of a kind (or of both) to the worker now, though their batches are not full. */
  flush(kind?: BatchKind): void {
    if (!kind) {
      this.flush('template');
      this.flush('code');
      return;
    }
    const paths = this.pending[kind];
    if (!paths.length) return;
    this.pending[kind] = [];
    const shared = this.worker && kind === 'code';
    const batch: Batch = { id: this.nextId++, kind, paths, claim: new Int32Array(shared ? new SharedArrayBuffer(4) : new ArrayBuffer(4)) };
    this.open.set(batch.id, batch);
    this.claimable[kind].push(batch);
    if (!shared) return;
    const { maxFileSize, roots, compact = false } = this.options;
    this.worker!.postMessage({ batch: batch.id, kind, paths, claim: batch.claim, maxFileSize, roots, compact } satisfies WorkerRequest);
  }

  /** The next batch this thread takes: the oldest template batch, else the newest free code batch (the worker works from the oldest). */
  private claim(kind: BatchKind): Batch | undefined {
    const list = this.claimable[kind];
    while (list.length) {
      const batch = kind === 'template' ? list.shift()! : list.pop()!;
      // A batch the worker took leaves the list for good (unless the worker stops: see `stopped`).
      if (Atomics.compareExchange(batch.claim, 0, FREE, BY_MAIN) === FREE) return batch;
    }
    return undefined;
  }

  private finish(batch: Batch, results: PoolResult[]): void {
    if (!this.open.delete(batch.id)) return;
    this.onDone(batch.kind, results);
    this.wake?.();
    this.wake = undefined;
  }

  /** The worker is gone: the batches it took and did not answer go back to the main thread. */
  private stopped(): void {
    if (!this.worker) return;
    this.worker = undefined;
    const left: Record<BatchKind, Batch[]> = { template: [], code: [] };
    for (const batch of this.open.values()) {
      Atomics.store(batch.claim, 0, FREE);
      left[batch.kind].push(batch);
    }
    this.claimable = left;
    this.wake?.();
    this.wake = undefined;
  }
}

/**
 * Whether a worker thread pays off on this machine: not with two processors or fewer. Measured there at 5,000
 * functions, two isolates (each compiling the parsers, and V8's background compiler and collector threads on top)
 * made the language server's first complete graph slower than one thread (2.8-3.1 s against 2.4-2.65 s) and the
 * CLI no faster. `SAM_ATLAS_WORKER=on` or `off` decides instead.
 */
export function workerPaysOff(processors = availableParallelism(), setting = process.env.SAM_ATLAS_WORKER): boolean {
  if (setting === 'on' || setting === 'off') return setting === 'on';
  return processors > 2;
}

/** What a worker is started with. */
export interface WorkerData {
  /** Where its start file keeps the bundle's V8 code cache (default: the cache folder); `false`: nowhere. */
  codeCache?: string | false;
  /** See `PoolOptions.cached`. */
  cached?: ReadonlyMap<string, string>;
}

/** Starts the worker next to the running bundle (`dist/factsWorker.js`, none when running from source), or the one given. */
function startWorker(given: string | undefined, workerData: WorkerData): Worker | undefined {
  const file = given ?? join(__dirname, 'factsWorker.js');
  if ((!given && __filename.endsWith('.ts')) || !existsSync(file)) return undefined;
  try {
    return new Worker(file, { workerData });
  } catch {
    return undefined;
  }
}
