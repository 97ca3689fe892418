// A one-worker pool that reads and analyses code files on the second core while the main thread parses templates.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from '../core/index';
import type { WorkerAnswer, WorkerRequest } from './factsWorker';

export type PoolResult = { path: string; text: string; facts: FileFacts } | { path: string; error: string };

/** Sends batches of paths to a worker; `undefined` from `create` when no bundled worker exists (tests run from source). */
export class FactsPool {
  private nextBatch = 0;
  private readonly waiting = new Map<number, (results: PoolResult[]) => void>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (answer: WorkerAnswer) => {
      const resolve = this.waiting.get(answer.batch);
      this.waiting.delete(answer.batch);
      resolve?.(answer.results as PoolResult[]);
    });
    worker.on('error', () => this.failAll());
    worker.on('exit', () => this.failAll());
  }

  /** Starts the worker next to the running bundle (`dist/factsWorker.js`). */
  static create(): FactsPool | undefined {
    const file = join(__dirname, 'factsWorker.js');
    if (__filename.endsWith('.ts') || !existsSync(file)) return undefined;
    try {
      return new FactsPool(new Worker(file));
    } catch {
      return undefined;
    }
  }

  /** Reads and analyses `paths` in the worker. */
  analyse(paths: string[], maxFileSize: number): Promise<PoolResult[]> {
    const batch = this.nextBatch++;
    return new Promise((resolve) => {
      this.waiting.set(batch, resolve);
      this.worker.postMessage({ batch, paths, maxFileSize } satisfies WorkerRequest);
    });
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(): void {
    for (const resolve of this.waiting.values()) resolve([]);
    this.waiting.clear();
  }
}
