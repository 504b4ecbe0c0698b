import { defineConfig } from '@playwright/test';
import e2e from '../test/e2e/playwright.config';

// The test workers are forked with this process's flags: without V8's memory reducer, which
// would shrink the bench's own heap (the runner, the seeding services) with full collections
// in the middle of a measured window of the main thread (bench/report.ts `mainThreadBlocks`).
if (!process.execArgv.includes('--no-memory-reducer')) process.execArgv.push('--no-memory-reducer');

// Benchmarks reuse the E2E browser set-up; they print numbers and ratios, they do not time out on them.
export default defineConfig({
  ...e2e,
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../test-results/bench',
  workers: 1,
  timeout: 180_000,
});
