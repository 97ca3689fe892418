// `sam-atlas` (dist/cli.js): starts the command-line bundle through the code cache (`--no-cache` uses none).
import { join } from 'node:path';
import { cacheRoot } from '../disk/cacheRoot';
import { runCached } from './codeCache';

const run = runCached(join(__dirname, 'cli-main.js'), process.argv.includes('--no-cache') ? undefined : cacheRoot());
process.on('exit', () => run.save());
