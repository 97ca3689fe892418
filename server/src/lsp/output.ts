// Background work yields to replies still being written: a large answer (the whole graph) leaves in pipe-sized pieces between turns.
import { EventEmitter, once } from 'node:events';

/** The longest a background step waits for the output to drain (a client that stops reading must not stop diagnostics). */
const MAX_WAIT_MS = 2000;

/** What is known of the messages on their way out: whether more is queued than a turn writes, and the event when it is out. */
export interface Output {
  backlog(): boolean;
  drained: EventEmitter;
  event: string;
}

let output: Output | undefined;

/**
 * Watches the transport the server was started with: standard output (`--stdio`, bytes queued) or the IPC channel
 * (`--node-ipc`, messages whose `process.send` has not completed). Other transports are not watched.
 */
export function watchOutput(argv = process.argv): void {
  if (argv.includes('--stdio')) {
    // `drain` comes only after a write that filled the buffer; what is queued below that leaves within a turn.
    output = { backlog: () => process.stdout.writableNeedDrain, drained: process.stdout, event: 'drain' };
  } else if (argv.some((arg) => arg.startsWith('--node-ipc')) && typeof process.send === 'function') {
    output = countSends(process as { send: SendFunction });
  }
}

type SendFunction = (message: unknown, handle?: unknown, options?: unknown, callback?: (error: Error | null) => void) => boolean;

/** Counts the messages sent through `target.send` whose write has not completed (the IPC channel queues the rest). */
export function countSends(target: { send: SendFunction }): Output {
  const original = target.send.bind(target);
  const drained = new EventEmitter();
  let inFlight = 0;
  target.send = (message, handle, options, callback) => {
    // The same optional arguments as `process.send`: the callback may come second or third.
    if (typeof handle === 'function') [callback, handle, options] = [handle as typeof callback, undefined, undefined];
    else if (typeof options === 'function') [callback, options] = [options as typeof callback, undefined];
    inFlight++;
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      if (--inFlight === 0) drained.emit('drain');
    };
    try {
      return original(message, handle, options, (error) => {
        finished();
        callback?.(error);
      });
    } catch (error) {
      // A closed channel throws at once: that message is not on its way.
      finished();
      throw error;
    }
  };
  return { backlog: () => inFlight > 0, drained, event: 'drain' };
}

/**
 * Resolves once the messages already sent have been written out (at once when nothing is queued or nothing is
 * watched). Each turn of the event loop writes only what the pipe takes, so a long step between turns would hold a
 * large answer back.
 */
export async function outputWritten(watched: Output | undefined = output): Promise<void> {
  if (!watched?.backlog()) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([once(watched.drained, watched.event), new Promise((resolve) => (timer = setTimeout(resolve, MAX_WAIT_MS)))]);
  clearTimeout(timer);
}
