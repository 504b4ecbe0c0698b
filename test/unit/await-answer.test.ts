import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { awaitAnswer } from '../../electron/storage/pg/blocking-connection';

/** Runs `body` in another thread with `shared` as its workerData; resolves when it ends. */
function inAnotherThread(body: string, shared: Record<string, Int32Array>): Promise<void> {
  const worker = new Worker(`const { workerData: w } = require('node:worker_threads');\n${body}`, {
    eval: true,
    workerData: shared,
  });
  return new Promise((done, fail) => {
    worker.on('error', fail);
    worker.on('exit', () => done());
  });
}

describe('waiting for a team database connection thread to answer', () => {
  it('waits through a wake-up that finds no answer (a late notify of the previous one)', async () => {
    const words = new Int32Array(new SharedArrayBuffer(4));
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const other = inAnotherThread(
      // Wakes the waiter without answering (notify returns how many it woke: it spins until the
      // waiter is waiting), pauses, then answers.
      `while (Atomics.notify(w.words, 0) === 0);
       Atomics.wait(w.pause, 0, 0, 200);
       Atomics.store(w.words, 0, 1);
       Atomics.notify(w.words, 0);`,
      { words, pause },
    );
    expect(awaitAnswer(words, performance.now() + 30_000)).toBe('answered');
    // Returned for the answer, not for the wake-up before it.
    expect(Atomics.load(words, 0)).toBe(1);
    await other;
  });

  it('gives up when the time is past, and when the stop counter moves meanwhile', async () => {
    const words = new Int32Array(new SharedArrayBuffer(4));
    expect(awaitAnswer(words, performance.now() + 50)).toBe('timed-out');

    const counter = new Int32Array(new SharedArrayBuffer(4));
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const other = inAnotherThread(`Atomics.wait(w.pause, 0, 0, 100); Atomics.add(w.counter, 0, 1);`, {
      counter,
      pause,
    });
    // Without the stop this would wait for 30 s, and say 'timed-out'.
    expect(awaitAnswer(words, performance.now() + 30_000, { counter, before: 0 })).toBe('stopped');
    await other;
    // An answer that is there wins over a stop.
    Atomics.store(words, 0, 1);
    expect(awaitAnswer(words, performance.now() + 30_000, { counter, before: 0 })).toBe('answered');
  });
});
