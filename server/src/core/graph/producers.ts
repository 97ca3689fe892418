// What each function's code calls: SDK calls in its handler and the local modules it imports, with helper arguments filled in.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import type { LocalCall, SdkCall, TracedValue } from '../model/types';
import { moduleClosure } from '../query/code';

/** One SDK call as made on behalf of a function, with `param` values replaced by the caller's arguments where known. */
export interface FunctionCall {
  call: SdkCall;
  args: Record<string, TracedValue>;
  entries?: Record<string, TracedValue>[];
  /** Where the helper was called from, when the SDK call is inside a helper with parameters. */
  via?: LocalCall;
}

/** Every SDK call a function's code may make (its handler file and every local module it reaches). */
export function functionCalls(analysis: Analysis, fn: FunctionModel): FunctionCall[] {
  if (fn.resolution.status !== 'resolved') return [];
  const closure = moduleClosure(analysis, fn.resolution.file);
  const out: FunctionCall[] = [];
  for (const file of closure) {
    const facts = analysis.code.get(file);
    if (!facts) continue;
    for (const call of facts.sdkCalls) {
      if (!usesParams(call) || !call.inFunction) {
        out.push({ call, args: call.args, entries: call.entries });
        continue;
      }
      const sites = helperCallSites(analysis, closure, file, call.inFunction);
      if (!sites.length) out.push({ call, args: call.args, entries: call.entries });
      for (const site of sites) {
        out.push({ call, args: substitute(call.args, site.args), entries: call.entries?.map((e) => substitute(e, site.args)), via: site });
      }
    }
  }
  return out;
}

function usesParams(call: SdkCall): boolean {
  const values = [...Object.values(call.args), ...(call.entries ?? []).flatMap((e) => Object.values(e))];
  return values.some(hasParam);
}

function hasParam(value: TracedValue): boolean {
  return value.kind === 'param' || (value.kind === 'concat' && value.parts.some(hasParam));
}

/** Calls, anywhere in the closure, to the helper `name` exported by `helperFile`. */
function helperCallSites(analysis: Analysis, closure: Set<string>, helperFile: string, name: string): LocalCall[] {
  const sites: LocalCall[] = [];
  for (const file of closure) {
    const facts = analysis.code.get(file);
    if (!facts) continue;
    for (const local of facts.localCalls) {
      if (local.imported !== name) continue;
      if (analysis.resolveImport(file, local.module, facts.language === 'python') === helperFile) sites.push(local);
    }
  }
  return sites;
}

function substitute(args: Record<string, TracedValue>, actual: TracedValue[]): Record<string, TracedValue> {
  const out: Record<string, TracedValue> = {};
  for (const [key, value] of Object.entries(args)) out[key] = fill(value, actual);
  return out;
}

function fill(value: TracedValue, actual: TracedValue[]): TracedValue {
  if (value.kind === 'param') return actual[value.index] ?? { kind: 'unknown', reason: `argument ${value.name} not passed` };
  if (value.kind === 'concat') return { kind: 'concat', parts: value.parts.map((p) => fill(p, actual)) };
  return value;
}
