/**
 * `vendor-risk vendors list --json` over 5,000 vendors, as a ratio to `node -e ''`
 * started the same way (goals: under 0.5 s wall time, and within 4× of `node -e ''`).
 * Also reported: the first list of a day, which computes every vendor's standing first
 * (and, on a first run, fills Node's compile cache).
 */
import { test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Conf from 'conf';
import { createServices } from '../electron/services/services';
import { seedVendors } from './seed';
import { medianWallMs, nodeWallMs, report } from './report';

const BIN = resolve(__dirname, '../bin/vendor-risk.cjs');
const RUNS = 9;

test('cli: vendors list --json over 5,000 vendors', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vendor-risk-bench-'));
  try {
    const services = createServices({
      dataDir,
      preferences: new Conf({ cwd: dataDir, configName: 'preferences' }),
      appVersion: 'bench',
    });
    seedVendors(services, 5000);
    services.close();

    const list = [BIN, '--data-dir', dataDir, 'vendors', 'list', '--json'];
    // The first list of a day computes every vendor's standing (tier, score …) before listing.
    nodeWallMs(['-e', '']);
    const cold = nodeWallMs(list);
    const out = spawnSync(process.execPath, list, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const parsed = JSON.parse(out.stdout) as { items: unknown[] };
    if (parsed.items.length !== 5000) throw new Error(`expected 5000 vendors, got ${parsed.items.length}`);

    const [baseline, cli] = medianWallMs([['-e', ''], list], RUNS) as [number, number];
    report('cli-vendors-list-5000', {
      cli_ms: cli,
      node_baseline_ms: baseline,
      ratio: cli / baseline,
      goal_ms: 500,
      goal_ratio: 4,
      goal_ms_met: cli < 500,
      goal_ratio_met: cli / baseline < 4,
      goal_met: cli < 500 && cli / baseline < 4,
      first_of_day_ms: cold,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
