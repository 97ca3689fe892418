// Per-function memoisation across snapshots: a result is reused while the inputs it depends on are the same objects.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { CodeFacts } from '../model/types';
import { moduleClosure } from './code';

interface Entry<T> {
  key: string;
  closure?: (CodeFacts | undefined)[];
  value: T;
}

/** A cache of one kind of per-function result; function models are stable across snapshots while their template is. */
export class FunctionMemo<T> {
  private readonly entries = new WeakMap<FunctionModel, Entry<T>>();

  /**
   * `dependsOnCode`: the result also depends on the code facts of the handler and every local module it imports
   * (compared by identity: facts are cached per content hash, so an unchanged file keeps its facts object).
   */
  constructor(private readonly dependsOnCode: boolean) {}

  get(analysis: Analysis, fn: FunctionModel, compute: () => T): T {
    const key = `${analysis.templatesKey}|${analysis.fileListVersion}`;
    const closure = this.dependsOnCode && fn.resolution.status === 'resolved' ? [...moduleClosure(analysis, fn.resolution.file)].map((f) => analysis.code.get(f)) : undefined;
    const cached = this.entries.get(fn);
    if (cached && cached.key === key && sameFacts(cached.closure, closure)) return cached.value;
    const value = compute();
    this.entries.set(fn, { key, closure, value });
    return value;
  }
}

function sameFacts(a: (CodeFacts | undefined)[] | undefined, b: (CodeFacts | undefined)[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((facts, i) => facts === b[i]);
}
