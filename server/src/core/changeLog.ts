// Which code files changed between two snapshots of one host, so per-function results can be reused without re-checking every input.

interface Entry {
  version: number;
  paths: string[];
}

/** The host's record of code-file changes by snapshot version (the most recent ones only). */
export class ChangeLog {
  private readonly entries: Entry[] = [];
  /** Versions at or before this one are too old to tell: their changes were dropped. */
  private forgottenUpTo = 0;

  constructor(private readonly capacity = 256) {}

  /** Records the code files whose facts changed (added, edited or deleted) in the snapshot `version`. */
  record(version: number, paths: string[]): void {
    if (!paths.length) return;
    this.entries.push({ version, paths });
    if (this.entries.length > this.capacity) this.forgottenUpTo = this.entries.shift()!.version;
  }

  /** The code files that changed between two versions (in either order), or `undefined` when that is too long ago to tell. */
  between(a: number, b: number): string[] | undefined {
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    if (low === high) return [];
    if (low < this.forgottenUpTo) return undefined;
    const out: string[] = [];
    for (let i = this.entries.length - 1; i >= 0 && this.entries[i].version > low; i--) {
      if (this.entries[i].version <= high) out.push(...this.entries[i].paths);
    }
    return out;
  }

  /** Whether none of `files` changed between two versions (false when it cannot tell). */
  unchanged(a: number, b: number, files: ReadonlySet<string>): boolean {
    if (a === b) return true;
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    if (low < this.forgottenUpTo) return false;
    for (let i = this.entries.length - 1; i >= 0 && this.entries[i].version > low; i--) {
      if (this.entries[i].version > high) continue;
      for (const path of this.entries[i].paths) if (files.has(path)) return false;
    }
    return true;
  }
}
