// Shared helpers of the code-facts tests: extract with a plain-data check, read a span's text, find the one call of an operation.
import assert from 'node:assert/strict';
import { extractJsFacts } from '../../../server/src/core/code/jsFacts';
import { extractPythonFacts } from '../../../server/src/core/code/pyFacts';
import type { CodeFacts, SdkCall, Span } from '../../../server/src/core/model/types';

/** Facts of a source file; asserts they are plain data that survive JSON unchanged (no syntax nodes, no undefined fields). */
export function factsOf(path: string, source: string): CodeFacts {
  const result = path.endsWith('.py') ? extractPythonFacts(path, source) : extractJsFacts(path, source);
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
  return result;
}

/** The text a span covers. */
export function slice(source: string, span: Span): string {
  return source.slice(span.start, span.end);
}

/** The single SDK call of this operation (fails when there are none or several). */
export function onlyCall(result: CodeFacts, operation: string): SdkCall {
  const calls = result.sdkCalls.filter((call) => call.operation === operation);
  assert.equal(calls.length, 1, `expected one ${operation} call, found ${JSON.stringify(result.sdkCalls.map((c) => c.operation))}`);
  return calls[0];
}
