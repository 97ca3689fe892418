// Shared pieces of the browser drivers: the harness's environment, Chromium launch, result records and deadlines.
import { appendFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** One finished test or step, one JSON object per line in the results file. */
export interface TestRecord {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
  artifacts?: string[];
}

/** What scripts/e2e/run.mjs hands to a driver through environment variables. */
export interface DriverEnvironment {
  /** The workbench URL, with the folder and the payload already in it. */
  url: string;
  /** The opened workspace folder (absolute path). */
  workspace: string;
  /** The JSON-lines results file. */
  results: string;
  /** Folder for screenshots. */
  artifacts: string;
  /** Log file for browser console output. */
  log: string;
  /** Overall deadline of the driver. */
  timeoutMs: number;
  chromium: string;
}

/** Reads the driver environment; fails loudly when a variable is missing. */
export function driverEnvironment(): DriverEnvironment {
  const read = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set (run the suites through scripts/e2e/run.mjs)`);
    return value;
  };
  return {
    url: read('SAM_ATLAS_E2E_URL'),
    workspace: read('SAM_ATLAS_E2E_WORKSPACE'),
    results: read('SAM_ATLAS_E2E_RESULTS'),
    artifacts: read('SAM_ATLAS_E2E_ARTIFACTS'),
    log: read('SAM_ATLAS_E2E_LOG'),
    timeoutMs: Number(process.env.SAM_ATLAS_E2E_TIMEOUT_MS ?? 600_000),
    chromium: process.env.SAM_ATLAS_E2E_CHROMIUM ?? '/usr/bin/chromium',
  };
}

/** Launches Debian's Chromium headless with flags that keep it off the network and quiet. */
export function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Appends a result record. */
export function record(resultsFile: string, entry: TestRecord): void {
  appendFileSync(resultsFile, JSON.stringify(entry) + '\n');
}

/** Appends a line to the driver's log file. */
export function logLine(logFile: string, line: string): void {
  appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
}

/** Rejects with a clear message when a promise takes longer than `timeoutMs`. */
export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns something other than undefined; errors count as "not yet". */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
