/**
 * Importing 5,000 CSAF advisories (a folder, as a user unpacks a vendor's or CISA's
 * repository): the three example advisories' shapes, each copied under 5,000 tracking ids,
 * imported through the data host as the CLI does it. Goal: under 20 s, with the main
 * thread never blocked longer than a frame (the reading and writing are the data host's).
 */
import { test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchHost } from './host';
import { BLOCK_GOAL_MS, longestBlock, report } from './report';

const ADVISORIES = 5_000;
const EXAMPLES = '/work/shared/examples/field/csaf';

/**
 * Writes `count` advisories shaped like the examples into `dir` (in a process of its own, so
 * the 60 MB of text it makes is not this thread's garbage to collect while it is measured);
 * their total bytes.
 */
function writeAdvisories(dir: string, count: number): number {
  const script = `
    const { mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
    const { join } = require('node:path');
    const [examples, dir, count] = process.argv.slice(1);
    const shapes = readdirSync(examples).map((f) => JSON.parse(readFileSync(join(examples, f), 'utf8')));
    let bytes = 0;
    for (let i = 0; i < Number(count); i++) {
      const shape = shapes[i % shapes.length];
      const tracking = { ...shape.document.tracking, id: 'BENCH-' + i };
      const text = JSON.stringify({ ...shape, document: { ...shape.document, tracking } }, null, 2);
      const folder = join(dir, String(Math.floor(i / 1000)));
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'bench-' + i + '.json'), text);
      bytes += Buffer.byteLength(text);
    }
    process.stdout.write(String(bytes));
  `;
  const run = spawnSync(process.execPath, ['-e', script, EXAMPLES, dir, String(count)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`could not write the advisories: ${run.stderr}`);
  return Number(run.stdout);
}

test('advisories: import 5,000 CSAF advisories from a folder', async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-bench-csaf-'));
  const host = await benchHost();
  try {
    const bytes = writeAdvisories(dir, ADVISORIES);
    let importMs = 0;
    let added = 0;
    const block = await longestBlock(async () => {
      const t = performance.now();
      const r = await host.dispatcher.call('advisories.importPaths', {
        paths: [dir],
        jobId: 'bench-advisories',
      });
      importMs = performance.now() - t;
      if (!r.ok) throw new Error(r.error.message);
      added = r.value.advisories.filter((a) => a.outcome === 'added').length;
    });
    if (added !== ADVISORIES) throw new Error(`only ${added} advisories were added`);
    const listed = await host.dispatcher.call('advisories.list', {});
    if (!listed.ok || listed.value.length !== ADVISORIES)
      throw new Error('the advisories are not all listed');
    report('advisories-import-5000', {
      advisories: ADVISORIES,
      megabytes: bytes / 1024 / 1024,
      import_ms: importMs,
      main_thread_longest_block_ms: block,
      block_goal_ms: BLOCK_GOAL_MS,
      block_goal_met: block <= BLOCK_GOAL_MS,
      goal_ms: 20_000,
      goal_met: importMs < 20_000,
    });
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
