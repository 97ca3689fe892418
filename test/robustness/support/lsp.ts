// Helpers for driving the real server in robustness tests: bounded requests, positions, log capture, the server's memory.
import { readFileSync } from 'node:fs';
import { computeLineStarts, offsetToPosition } from '../../../server/src/core/index';
import { startServer, type TestClient } from '../../support/lspClient';

/** The answer to one request: a result, an error response, or a timeout (a hang). */
export type Outcome = { kind: 'result'; value: unknown; ms: number } | { kind: 'error'; message: string; code?: number; ms: number } | { kind: 'timeout'; ms: number };

/** Sends a request and waits at most `timeoutMs` for its answer. */
export async function ask(client: TestClient, method: string, params: unknown, timeoutMs = 20_000): Promise<Outcome> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout', ms: Date.now() - started }), timeoutMs);
  });
  const answer = client.connection.sendRequest(method, params).then(
    (value): Outcome => ({ kind: 'result', value, ms: Date.now() - started }),
    (error: { message?: string; code?: number }): Outcome => ({ kind: 'error', message: String(error?.message ?? error), code: error?.code, ms: Date.now() - started }),
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The LSP position of a UTF-16 offset in `text`. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  return offsetToPosition(computeLineStarts(text), Math.max(0, Math.min(offset, text.length)));
}

/** Offsets of the interesting places of a file: intrinsics, handlers, logical IDs, env reads. */
export function interestingOffsets(text: string): number[] {
  const out: number[] = [];
  for (const match of text.matchAll(/!Ref |!GetAtt |!Sub |\$\{|Handler: |CodeUri: |DependsOn: |process\.env\.|os\.environ|^ {2}\w+:|export /gm)) {
    out.push(match.index! + match[0].length + 1);
  }
  return out;
}

/** Server log lines (window/logMessage) and stderr, to check nothing "unhandled" was reported. */
export interface ServerLog {
  messages: string[];
}

/** Starts the server with a cache folder of its own, capturing its log messages. */
export async function startLoggedServer(root: string, cacheFolder: string, options: unknown = {}, args?: string[]): Promise<{ client: TestClient; log: ServerLog }> {
  const previous = process.env.SAM_ATLAS_CACHE_DIR;
  process.env.SAM_ATLAS_CACHE_DIR = cacheFolder;
  try {
    const client = await startServer(root, options, args);
    const log: ServerLog = { messages: [] };
    client.connection.onNotification('window/logMessage', (params: { message: string }) => log.messages.push(params.message));
    return { client, log };
  } finally {
    if (previous === undefined) delete process.env.SAM_ATLAS_CACHE_DIR;
    else process.env.SAM_ATLAS_CACHE_DIR = previous;
  }
}

/** Lines from the server's stderr or log that report a crash or an unhandled error. */
export function alarmingLines(client: TestClient, log: ServerLog): string[] {
  const lines = [...client.stderr.join('').split('\n'), ...log.messages];
  return lines.filter((line) => /unhandled|uncaught|fatal|RangeError|Maximum call stack|heap out of memory|indexing failed/i.test(line));
}

/** The resident memory of a process in bytes (Linux `/proc/<pid>/status`), or undefined elsewhere. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the server process is still running. */
export function isAlive(client: TestClient): boolean {
  return client.process.exitCode === null && client.process.signalCode === null;
}
