/**
 * Importing a million-row device inventory (about 130 MB of CSV) end to end through the
 * dispatcher, as "Choose file…" and the CLI do it (goal: under 12 s), with the peak
 * resident memory of the whole process, worker included (goal: under 600 MB), and the
 * longest the main thread was blocked (goal: never over 16 ms, one frame): the most it ran
 * between two ticks of a 5 ms timer, with the longest wall-clock gap between ticks and how
 * much of that gap it waited for a CPU reported beside it (bench/report.ts
 * `mainThreadBlocks`). The peak memory that counts is the CLI's, importing the same file in
 * a process of its own (this test's process also holds the test runner).
 */
import { test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOCK_GOAL_MS, mainThreadBlocks, report } from './report';
import { freshCore, importFile, runCliMeasured, writeInventory } from './inventory';

const ROWS = 1_000_000;

test('devices: import 1,000,000 rows within time, memory and main-thread limits', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-bench-file-'));
  const file = join(dir, 'inventory-1m.csv');
  const core = await freshCore();
  try {
    const bytes = writeInventory(file, ROWS);

    // The import by the CLI in a process of its own (first, on a quiet machine): its wall time and peak memory, worker included.
    const cli = runCliMeasured([
      '--data-dir',
      join(dir, 'cli-data'),
      'devices',
      'import',
      file,
      '--source',
      'WMS asset export',
      '--json',
    ]);
    report('devices-import-1m-cli', {
      rows: ROWS,
      wall_ms: cli.wallMs,
      peak_rss_mb: cli.peakRssMb,
      rss_goal_mb: 600,
      rss_goal_met: cli.peakRssMb < 600,
      exit_code: cli.exitCode,
    });

    const rssBefore = process.resourceUsage().maxRSS / 1024;
    const t = performance.now();
    let previewMs = 0;
    const seen = await mainThreadBlocks(async () => {
      previewMs = (await importFile(core, file, ROWS)).previewMs;
    });
    const importMs = performance.now() - t;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    report('devices-import-1m', {
      rows: ROWS,
      megabytes: bytes / 1024 / 1024,
      import_ms: importMs,
      preview_ms: previewMs,
      apply_ms: importMs - previewMs,
      goal_ms: 12_000,
      goal_met: importMs < 12_000,
      // This process also holds the test runner: the memory goal is judged on the CLI's run above.
      process_peak_rss_mb: peakMb,
      process_rss_before_mb: rssBefore,
      main_thread_longest_block_ms: seen.blockMs,
      main_thread_longest_charged_ms: seen.chargedMs,
      machine_longest_pause_ms: seen.machinePauseMs,
      pause_witness: seen.pauseWitness,
      main_thread_longest_gap_ms: seen.gapMs,
      gap_waiting_for_cpu_ms: seen.gapWaitingForCpuMs ?? 'n/a',
      progress_events: core.progressEvents,
      block_goal_ms: BLOCK_GOAL_MS,
      block_goal_met: seen.blockMs <= BLOCK_GOAL_MS,
    });
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
