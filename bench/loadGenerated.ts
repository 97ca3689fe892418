// Generates a workspace of N functions under /tmp and loads it into a fresh host on this thread (for the profiling aids).
import { join } from 'node:path';
import { createHost, type Analysis, type Host } from '../server/src/core/index';
import { loadWorkspace } from '../server/src/disk/loader';
import { generateWorkspace } from './generate';

/** The generated workspace of `n` functions (the command line's first argument, else 2,000), loaded. */
export async function loadGenerated(n = Number(process.argv[2] ?? 2000)): Promise<{ root: string; host: Host; analysis: Analysis }> {
  const root = join('/tmp', `sam-atlas-rules-${n}`);
  generateWorkspace(root, n);
  const host = createHost({ roots: [root] });
  const { analysis } = await loadWorkspace(host, [root], { maxFileSize: 5e6, pool: false });
  return { root, host, analysis };
}
