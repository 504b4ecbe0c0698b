/**
 * The benches' measure of the main thread's longest block (bench/report.ts): it must see a
 * block the thread itself causes, however busy the machine is, and not charge the thread
 * for time it spent waiting (for a timer, for a worker's answer, for a CPU).
 */
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { mainThreadBlocks } from '../../bench/report';
import { ranOutsidePauses } from '../../bench/machine-pauses';

/** Keeps this thread busy for `ms` of its own running time. */
function busy(ms: number): void {
  const start = process.threadCpuUsage();
  let used = 0;
  while (used < ms) {
    const now = process.threadCpuUsage(start);
    used = (now.user + now.system) / 1000;
  }
}

describe('the longest main-thread block', () => {
  it('counts a 40 ms task on this thread as a block of at least 40 ms', async () => {
    const seen = await mainThreadBlocks(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      busy(40);
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    // A pause of the machine inside the task is running time to the kernel (the task ends
    // sooner) and is taken off the block: what is left is the thread's own work.
    expect(seen.blockMs + seen.blockPausedMs).toBeGreaterThanOrEqual(40);
    expect(seen.gapMs).toBeGreaterThanOrEqual(35);
  });

  it('counts a block at the very end of the work, after the last tick', async () => {
    const seen = await mainThreadBlocks(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      busy(30);
    });
    // Pauses the witness saw in that tick are taken off, all of them: what is left plus what was taken is the whole.
    expect(seen.blockMs + seen.blockPausedMs).toBeGreaterThanOrEqual(30);
  });

  it('does not count time spent waiting for another thread that works', async () => {
    const seen = await mainThreadBlocks(
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(
            'const end = Date.now() + 300; while (Date.now() < end); require("node:worker_threads").parentPort.postMessage("done")',
            { eval: true },
          );
          worker.once('message', () => void worker.terminate().then(() => resolve()));
          worker.once('error', reject);
        }),
    );
    expect(seen.blockMs).toBeLessThan(16);
  });

  it('takes a pause of the whole machine off the tick it fell in, never the thread’s own work', () => {
    // The kernel charged 100.5 ms of "running" to a tick of 250 ms in which the witness saw the machine stand still 97 ms.
    const pause = { from: 1_010, to: 1_120, ms: 97, cpu: 1 };
    expect(ranOutsidePauses({ from: 1_000, to: 1_250, ran: 100.5, cpus: [1, 1] }, [pause])).toBeCloseTo(3.5);
    // A 40 ms task in a tick with no pause counts whole; a pause elsewhere takes nothing off.
    expect(ranOutsidePauses({ from: 2_000, to: 2_045, ran: 40, cpus: [1, 1] }, [pause])).toBe(40);
    // A pause that only grazes the tick takes off at most the part it overlaps.
    expect(ranOutsidePauses({ from: 1_118, to: 1_160, ran: 40, cpus: [1, 1] }, [pause])).toBe(38);
    // A pause of a CPU the thread was not on, at the tick's start or end, takes nothing off.
    expect(ranOutsidePauses({ from: 1_000, to: 1_250, ran: 100.5, cpus: [0, 0] }, [pause])).toBe(100.5);
    // Never below nothing.
    expect(ranOutsidePauses({ from: 1_000, to: 1_120, ran: 2, cpus: [0, 1] }, [pause])).toBe(0);
  });
});
