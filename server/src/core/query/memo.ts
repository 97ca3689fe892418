// Per-function memoisation across snapshots: a result is reused while the inputs it depends on are unchanged.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import { moduleClosure } from './code';

interface Entry<T> {
  key: string;
  /** The snapshot version the entry was last known valid at. */
  version: number;
  /** The handler's module closure when the result depends on code. */
  closure?: ReadonlySet<string>;
  value: T;
}

/** A cache of one kind of per-function result; function models are stable across snapshots while their template is. */
export class FunctionMemo<T> {
  private readonly entries = new WeakMap<FunctionModel, Entry<T>>();

  /**
   * `dependsOnCode`: the result also depends on the code facts of the handler and every local module it imports;
   * the host's change log tells whether any of them changed since the entry was made, without walking the imports again.
   */
  constructor(private readonly dependsOnCode: boolean) {}

  get(analysis: Analysis, fn: FunctionModel, compute: () => T): T {
    const key = analysis.modelKey;
    const cached = this.entries.get(fn);
    if (cached && cached.key === key && (!cached.closure || analysis.changes.unchanged(cached.version, analysis.version, cached.closure))) {
      if (analysis.version > cached.version) cached.version = analysis.version;
      return cached.value;
    }
    const closure = this.dependsOnCode && fn.resolution.status === 'resolved' ? moduleClosure(analysis, fn.resolution.file) : undefined;
    const value = compute();
    this.entries.set(fn, { key, version: analysis.version, closure, value });
    return value;
  }
}
