// Facts about environment variable names shared by the env-var rules: what Lambda sets itself, what libraries read, when a function's environment is known.
import type { Analysis } from '../analysis';
import type { FunctionModel } from '../model/functions';
import { mapOf, valueOf } from '../sam/values';
import { moduleClosure } from '../query/code';
import { FunctionMemo } from '../query/memo';

/** Variables the Lambda runtime, the AWS SDKs or the language set or read by themselves. */
const RUNTIME_NAMES = new Set(['LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'LANG', 'PATH', 'LD_LIBRARY_PATH', 'NODE_PATH', 'PYTHONPATH', 'TZ', 'HOME', 'NODE_ENV', 'NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'LOG_LEVEL']);

/** Prefixes of variables read by the runtime, the SDK, or common observability libraries and layers. */
const LIBRARY_PREFIXES = /^(AWS_|_|POWERTOOLS_|OTEL_|DD_|NEW_RELIC_|SENTRY_|LUMIGO_|EPSAGON_|ELASTIC_APM_|HONEYCOMB_|DT_|PYTHON)/;

/** Whether a name is set by Lambda or read by a library rather than by the function's own code. */
export function isRuntimeVariable(name: string): boolean {
  let answer = runtimeAnswers.get(name);
  if (answer === undefined) {
    answer = RUNTIME_NAMES.has(name) || LIBRARY_PREFIXES.test(name);
    if (runtimeAnswers.size > 10_000) runtimeAnswers.clear();
    runtimeAnswers.set(name, answer);
  }
  return answer;
}

const runtimeAnswers = new Map<string, boolean>();

/** Whether the function's variables are all written out (not built with `!If` or another intrinsic). */
export function environmentKnown(fn: FunctionModel): boolean {
  let known = environmentKnownCache.get(fn);
  if (known === undefined) environmentKnownCache.set(fn, (known = computeEnvironmentKnown(fn)));
  return known;
}

/** Function models are stable while their template is, and the answer depends on the template only. */
const environmentKnownCache = new WeakMap<FunctionModel, boolean>();

function computeEnvironmentKnown(fn: FunctionModel): boolean {
  const environment = valueOf(fn.properties, 'Environment');
  if (!environment) return true;
  if (environment.kind !== 'map') return false;
  const variables = valueOf(environment, 'Variables');
  return !variables || !!mapOf(environment, 'Variables');
}

/** Whether every code file the function's handler reaches has been read and parsed, so its env reads are all known. */
export function codeKnown(analysis: Analysis, fn: FunctionModel): boolean {
  return codeKnownMemo.get(analysis, fn, () => computeCodeKnown(analysis, fn));
}

const codeKnownMemo = new FunctionMemo<boolean>(true);

function computeCodeKnown(analysis: Analysis, fn: FunctionModel): boolean {
  if (fn.resolution.status !== 'resolved') return false;
  for (const file of moduleClosure(analysis, fn.resolution.file)) {
    const facts = analysis.code.get(file);
    if (!facts || facts.problems.some((p) => p.severity === 'error')) return false;
  }
  return true;
}
