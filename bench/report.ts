import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const RESULTS = join(__dirname, 'results', 'latest.json');

/** Prints one benchmark line and keeps it in bench/results/latest.json. */
export function report(name: string, values: Record<string, number | string | boolean>): void {
  const line = Object.entries(values)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? +v.toFixed(3) : v}`)
    .join('  ');
  console.log(`bench ${name}: ${line}`);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const all = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
    : {};
  all[name] = { ...values, at: new Date().toISOString() };
  writeFileSync(RESULTS, JSON.stringify(all, null, 2));
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The longest the main thread may be blocked while the data host works: one frame (issue 17). */
export const BLOCK_GOAL_MS = 16;

/** The longest the event loop went without running a 5 ms timer while `work` ran. */
export async function longestBlock(work: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  // A block at the very end of the work, which no timer tick came after.
  return Math.max(worst, performance.now() - last - 5);
}
