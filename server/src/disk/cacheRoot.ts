// Where SAM Atlas keeps its caches (facts, compiled code); a module of its own so the small start-up files can use it.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$SAM_ATLAS_CACHE_DIR`, else `$XDG_CACHE_HOME/sam-atlas`, else `~/.cache/sam-atlas`. */
export function cacheRoot(): string {
  return process.env.SAM_ATLAS_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sam-atlas');
}
