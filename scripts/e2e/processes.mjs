// Starts child processes in their own process groups and makes sure every one of them is stopped, even on Ctrl+C.
import { spawn } from 'node:child_process';

/** Process group IDs this run started and has not stopped yet. */
const groups = new Set();
/** Set by Ctrl+C (or SIGTERM/SIGHUP): nothing new may start. */
let interrupted = false;

/** Whether the run was interrupted by a signal. */
export function wasInterrupted() {
  return interrupted;
}

/** Spawns a command as the leader of a new process group (setsid), remembered until stopped. */
export function spawnGroup(command, args, options = {}) {
  if (interrupted) throw new Error('interrupted');
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid) groups.add(child.pid);
  return child;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Polls `check` every `intervalMs` until it returns a truthy value; throws after `timeoutMs`. */
export async function waitFor(what, check, { timeoutMs = 30_000, intervalMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Stops a whole process group: SIGTERM, then SIGKILL if anything is left after `graceMs`. */
export async function stopGroup(pgid, graceMs = 10_000) {
  signalGroup(pgid, 'SIGTERM');
  try {
    await waitFor(`process group ${pgid} to exit`, () => !groupAlive(pgid), { timeoutMs: graceMs, intervalMs: 100 });
  } catch {
    signalGroup(pgid, 'SIGKILL');
    await waitFor(`process group ${pgid} to die`, () => !groupAlive(pgid), { timeoutMs: 5_000, intervalMs: 100 }).catch(() => {});
  }
  groups.delete(pgid);
}

/** Stops every process group still running, in reverse start order. */
export async function stopAll() {
  for (const pgid of [...groups].reverse()) await stopGroup(pgid);
}

/** Whether a group started here still has live processes. */
export function isRunning(pgid) {
  return groupAlive(pgid);
}

/** On Ctrl+C, SIGTERM or SIGHUP: run `cleanup`, then exit with 130; on any exit, kill what is left. */
export function stopEverythingOnInterrupt(cleanup) {
  const onSignal = async (signal) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[e2e] ${signal}: stopping everything this run started`);
    try {
      await cleanup();
    } finally {
      process.exit(130);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);
  process.on('exit', () => {
    for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
  });
}

/** Resolves with the exit code of a child (or the signal that ended it, as 128 + number). */
export function exitOf(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    if (child.signalCode !== null) return resolve(128);
    child.once('error', () => resolve(127));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
