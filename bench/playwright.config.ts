import { defineConfig } from '@playwright/test';
import e2e from '../test/e2e/playwright.config';

// The test workers are forked with this process's flags: without V8's memory reducer, which
// would shrink the bench's own heap (the runner, the seeding services) with full collections
// in the middle of a measured window of the main thread (bench/report.ts `mainThreadBlocks`).
if (!process.execArgv.includes('--no-memory-reducer')) process.execArgv.push('--no-memory-reducer');
// BENCH_CPU_PROFILE=DIR: each worker writes a CPU profile of its main thread there, to find
// what ran in a long block (the bench prints the block's tick on the monotonic clock, as the
// profile stamps its samples).
const profileDir = process.env.BENCH_CPU_PROFILE;
if (profileDir && !process.execArgv.includes('--cpu-prof'))
  process.execArgv.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=500');

// Benchmarks reuse the E2E browser set-up; they print numbers and ratios, they do not time out on them.
export default defineConfig({
  ...e2e,
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../test-results/bench',
  workers: 1,
  timeout: 180_000,
});
