// The facts worker's start file (dist/factsWorker.js): starts the worker bundle through the code cache the pool names.
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { cacheRoot } from '../disk/cacheRoot';
import { runCached } from './codeCache';

/** `workerData.codeCache`: a folder, `false` for none, absent for the default cache folder. */
const folder = (workerData as { codeCache?: string | false } | undefined)?.codeCache;
const run = runCached(join(__dirname, 'factsWorker-main.js'), folder === false ? undefined : folder ?? cacheRoot());
// The worker calls this once it is idle after some work, so the cache holds the code that work compiled.
(globalThis as { samAtlasSaveCodeCache?: () => void }).samAtlasSaveCodeCache = () => run.save();
