// Background work waits for the answers already sent to be written: over a stream (stdio) and over process.send (IPC).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { countSends, outputWritten, type Output } from '../../../server/src/lsp/output';

/** Settles `promise` against a marker: whether it had resolved after the current turns ran. */
async function resolvedYet(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

test('over a stream: waits while a write that filled the buffer is on its way, not for a small one', async () => {
  const chunks: (() => void)[] = [];
  // A reader that takes a chunk only when told to, like a client whose pipe is full.
  const stream = new Writable({ highWaterMark: 1024, write: (_chunk, _encoding, callback) => void chunks.push(callback) });
  const watched: Output = { backlog: () => stream.writableNeedDrain, drained: stream, event: 'drain' };
  stream.write('x'.repeat(10));
  assert.equal(await resolvedYet(outputWritten(watched)), true, 'a write below the buffer size does not hold the work back');
  chunks.shift()!();
  stream.write('y'.repeat(100_000));
  const waiting = outputWritten(watched);
  assert.equal(await resolvedYet(waiting), false, 'the large answer is still queued');
  chunks.shift()!();
  assert.equal(await resolvedYet(waiting), true, 'written out: the work goes on');
});

test('over IPC: counts the messages process.send has not written yet, whatever arguments it was given', async () => {
  const completions: ((error: Error | null) => void)[] = [];
  const seen: unknown[][] = [];
  const target = {
    send(message: unknown, handle?: unknown, options?: unknown, callback?: (error: Error | null) => void): boolean {
      seen.push([message, handle, options]);
      completions.push(callback!);
      return true;
    },
  };
  const watched = countSends(target);
  assert.equal(watched.backlog(), false);
  await outputWritten(watched);
  const calledBack: string[] = [];
  target.send('first', undefined, undefined, () => calledBack.push('first'));
  (target.send as (m: unknown, cb: () => void) => boolean)('second', () => calledBack.push('second'));
  target.send('third');
  assert.deepEqual(seen, [['first', undefined, undefined], ['second', undefined, undefined], ['third', undefined, undefined]]);
  const waiting = outputWritten(watched);
  completions.shift()!(null);
  completions.shift()!(null);
  assert.equal(await resolvedYet(waiting), false, 'one message is still on its way');
  completions.shift()!(null);
  assert.equal(await resolvedYet(waiting), true);
  assert.deepEqual(calledBack, ['first', 'second'], "the callers' own callbacks still run");
  assert.equal(watched.backlog(), false);
});

test('over IPC: a send that throws (a closed channel) does not count as on its way', async () => {
  const target = {
    send(): boolean {
      throw new Error('Channel closed');
    },
  };
  const watched = countSends(target as never);
  assert.throws(() => (target.send as (m: unknown) => boolean)('lost'), /Channel closed/);
  assert.equal(watched.backlog(), false);
  assert.equal(await resolvedYet(outputWritten(watched)), true);
});
