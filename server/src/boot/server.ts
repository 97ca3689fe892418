// The language server's start file (dist/server.js): starts the server bundle through the code cache.
import { join } from 'node:path';
import { cacheRoot } from '../disk/cacheRoot';
import { runCached } from './codeCache';

const run = runCached(join(__dirname, 'server-main.js'), cacheRoot());
// Written once the first index has compiled most of the code (or at exit, if that comes first).
setTimeout(() => run.save(), 15_000).unref();
process.on('exit', () => run.save());
