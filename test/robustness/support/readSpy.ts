// Records every file the loader opens or reads (through node:fs, with or without promises), with its real path, to prove nothing outside the workspace is read.
import fs, { promises as fsp, realpathSync } from 'node:fs';

export interface ReadSpy {
  /** Real paths of every file opened or read while the spy was on. */
  readonly paths: string[];
  /** Restores the original functions. */
  stop(): void;
}

function realOf(path: unknown): string {
  const text = typeof path === 'string' ? path : path instanceof URL ? path.pathname : Buffer.isBuffer(path) ? path.toString() : String(path);
  try {
    return realpathSync(text);
  } catch {
    return text;
  }
}

/** Wraps `fs.promises.readFile`, `fs.promises.open` and `fs.openSync` (what the loader reads with); call `stop` when done. */
export function spyOnReads(): ReadSpy {
  const paths: string[] = [];
  const restore: (() => void)[] = [];
  const wrap = <T extends object>(owner: T, name: keyof T & string) => {
    const original = owner[name] as unknown as (...args: unknown[]) => unknown;
    (owner as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      if (typeof args[0] !== 'number' && !(args[0] && typeof args[0] === 'object' && 'fd' in (args[0] as object))) paths.push(realOf(args[0]));
      return original.apply(this, args);
    };
    restore.push(() => ((owner as Record<string, unknown>)[name] = original));
  };
  wrap(fsp, 'readFile');
  wrap(fsp, 'open');
  wrap(fs, 'openSync');
  return {
    paths,
    stop() {
      for (const undo of restore.reverse()) undo();
    },
  };
}
