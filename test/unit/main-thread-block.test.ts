/**
 * The benches' measure of the main thread's longest block (bench/report.ts): it must see a
 * block the thread itself causes, however busy the machine is, and not charge the thread
 * for time it spent waiting (for a timer, for a worker's answer, for a CPU).
 */
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { mainThreadBlocks } from '../../bench/report';

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
    expect(seen.blockMs).toBeGreaterThanOrEqual(40);
    expect(seen.gapMs).toBeGreaterThanOrEqual(35);
  });

  it('counts a block at the very end of the work, after the last tick', async () => {
    const seen = await mainThreadBlocks(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      busy(30);
    });
    expect(seen.blockMs).toBeGreaterThanOrEqual(30);
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
});
