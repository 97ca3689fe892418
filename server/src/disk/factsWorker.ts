// Worker thread entry: reads source files and extracts their facts, so parsing uses the second core.
import { parentPort } from 'node:worker_threads';
import { createHost } from '../core/index';
import { readTextFile } from './loader';

/** A request: files to read and analyse; the answer carries the text's facts (or the read error). */
export interface WorkerRequest {
  batch: number;
  paths: string[];
  maxFileSize: number;
}

export interface WorkerAnswer {
  batch: number;
  results: ({ path: string; text: string; facts: unknown } | { path: string; error: string })[];
}

const host = createHost({ roots: ['/'] });

parentPort?.on('message', async (request: WorkerRequest) => {
  const results: WorkerAnswer['results'] = [];
  for (const path of request.paths) {
    const read = await readTextFile(path, request.maxFileSize);
    if ('error' in read) results.push({ path, error: read.error });
    else results.push({ path, text: read.text, facts: host.factsFor(path, read.text) });
  }
  parentPort!.postMessage({ batch: request.batch, results } satisfies WorkerAnswer);
});
