/**
 * Trust: `audit verify` over 1,000,000 entries with the data of 2,000 assessed vendors
 * reconciled against it (goal: under 8 s, off the main thread), against reading the same
 * rows without hashing; and a backup of a database with 2,000 vendors and 100,000
 * devices (goal: under 3 s), with the longest the main thread was blocked meanwhile
 * (the app stays responsive; goal: 16 ms), against copying the file with the file system.
 * "Blocked" is the most this thread ran between two ticks of a 5 ms timer; the wall-clock
 * gap, which on a shared machine is mostly the OS giving the CPU to others, is reported
 * beside it (bench/report.ts `mainThreadBlocks`).
 */
import { test } from '@playwright/test';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import Conf from 'conf';
import { openAppCore } from '../electron/ipc/app-core';
import { PREFERENCES_FILE } from '../electron/services/preferences';
import { auditHash } from '../electron/domain/audit-chain';
import { DATABASE_FILE } from '../electron/storage/database';
import type { ResponseOf } from '../electron/ipc/contract';
import { BLOCK_GOAL_MS, longestBlock, mainThreadBlocks, report } from './report';
import { benchHost } from './host';
import { seedAssessedVendors, seedVendors } from './seed';

const ENTRIES = 1_000_000;
const VENDORS = 2000;

function core(dataDir: string) {
  return openAppCore({
    dataDir,
    preferences: new Conf({ cwd: dataDir, configName: PREFERENCES_FILE.configName }),
    appVersion: 'bench',
    isTrustedPageUrl: () => true,
  });
}

test.setTimeout(600_000);
test('trust: audit verify with reconciliation over 1,000,000 entries and 2,000 vendors; backup of 2,000 vendors and 100,000 devices', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vendor-risk-bench-'));
  try {
    // 2,000 vendors with a submitted assessment each, decisions and clauses on some: made in the app.
    const app = core(dataDir);
    await seedAssessedVendors(app.services, VENDORS);
    app.close();
    // Then the trail made as long as years of use would: updates of those vendors that leave
    // them as they are, written straight into the table through the chain formula, and the
    // trail's record of its length kept with them.
    const db = new DatabaseSync(join(dataDir, DATABASE_FILE));
    const states = db
      .prepare(
        "SELECT entity_id AS id, after_json AS after FROM audit_log WHERE entity = 'vendor' ORDER BY id",
      )
      .all() as { id: string; after: string }[];
    const newest = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      id: number;
      hash: string;
    };
    const insert = db.prepare(
      'INSERT INTO audit_log (id, at, actor, entity, entity_id, action, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    db.exec('BEGIN');
    let prev = newest.hash;
    for (let id = newest.id + 1; id <= ENTRIES; id++) {
      const state = states[id % states.length]!;
      const e = {
        id,
        at: new Date(1_800_000_000_000 + id * 1000).toISOString(),
        actor: `user ${id % 20}`,
        entity: 'vendor',
        entityId: state.id,
        action: 'update',
        beforeJson: state.after,
        afterJson: state.after,
      };
      const hash = auditHash(e, prev);
      insert.run(id, e.at, e.actor, e.entity, e.entityId, e.action, e.beforeJson, e.afterJson, prev, hash);
      prev = hash;
    }
    db.prepare('UPDATE audit_record SET entries = ?, last_id = ?, hash = ? WHERE id = 1').run(
      ENTRIES,
      ENTRIES,
      prev,
    );
    db.exec('COMMIT');
    // Baseline: the same rows read, without hashing or comparing.
    let t = performance.now();
    let n = 0;
    for (const _row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate()) n += 1;
    const readMs = performance.now() - t;
    db.close();

    // Asked of the data host, as the app's main process asks it.
    const again = await benchHost({ dataDir });
    t = performance.now();
    let verdict: ResponseOf<'audit.verify'> | null = null;
    // With a job id, as the Audit page asks it: its progress comes to this thread.
    const seen = await mainThreadBlocks(async () => {
      const r = await again.dispatcher.call('audit.verify', { jobId: 'bench-verify' });
      if (!r.ok) throw new Error(r.error.message);
      verdict = r.value;
    });
    const verifyMs = performance.now() - t;
    const v = verdict!;
    if (
      !v.ok ||
      v.entries !== ENTRIES ||
      v.ranIn !== 'worker' ||
      !v.reconciled ||
      v.reconciled.records < VENDORS
    )
      throw new Error(
        `verify: ${JSON.stringify({ ...v, reconciled: { ...v.reconciled, mismatches: v.reconciled?.mismatches.slice(0, 3) } })}`,
      );
    report('audit-verify-1m', {
      entries: n,
      vendors: VENDORS,
      records_reconciled: v.reconciled.records,
      verify_ms: verifyMs,
      read_only_ms: readMs,
      ratio: verifyMs / readMs,
      main_thread_longest_block_ms: seen.blockMs,
      main_thread_longest_gap_ms: seen.gapMs,
      gap_waiting_for_cpu_ms: seen.gapWaitingForCpuMs ?? 'n/a',
      progress_events: again.progressEvents,
      block_goal_ms: BLOCK_GOAL_MS,
      block_goal_met: seen.blockMs <= BLOCK_GOAL_MS,
      goal_ms: 8000,
      goal_met: verifyMs < 8000,
    });
    await again.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  // A database of 2,000 vendors and 100,000 devices.
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-bench-'));
  try {
    const app = await benchHost({ dataDir: dir });
    seedVendors(app.services, 2000);
    const lines = [
      'Asset ID,Serial Number,Manufacturer,Model,Firmware Version,Firmware Signed,Lifecycle,Zone',
    ];
    for (let i = 0; i < 100_000; i++)
      lines.push(
        `dev-${i},SN${i},${['Zebra', 'Honeywell', 'Axis'][i % 3]},M-${i % 50},1.${i % 9}.0,${i % 7 ? 'yes' : 'no'},active,Zone ${i % 30}`,
      );
    const preview = await app.dispatcher.call('devices.preview', {
      source: 'wms',
      fileName: 'inventory.csv',
      contentBase64: Buffer.from(lines.join('\n')).toString('base64'),
    });
    if (!preview.ok) throw new Error(preview.error.message);
    const applied = await app.dispatcher.call('devices.apply', { token: preview.value.token });
    if (!applied.ok) throw new Error(applied.error.message);
    const file = join(dir, DATABASE_FILE);
    new DatabaseSync(file).exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const bytes = statSync(file).size;

    let t = performance.now();
    copyFileSync(file, join(dir, 'plain-copy.db'));
    const copyMs = performance.now() - t;

    // Outside the data folder, as the backup service requires.
    const out = join(mkdtempSync(join(tmpdir(), 'vendor-risk-bench-backup-')), 'backup.db');
    t = performance.now();
    const block = await longestBlock(async () => {
      const r = await app.dispatcher.call('backups.save', { path: out });
      if (!r.ok) throw new Error(r.error.message);
    });
    const backupMs = performance.now() - t;
    report('backup-2000-vendors-100k-devices', {
      megabytes: bytes / 1024 / 1024,
      backup_ms: backupMs,
      file_copy_ms: copyMs,
      ratio: backupMs / copyMs,
      main_thread_longest_block_ms: block,
      block_goal_ms: BLOCK_GOAL_MS,
      block_goal_met: block <= BLOCK_GOAL_MS,
      goal_ms: 3000,
      goal_met: backupMs < 3000,
    });
    await app.close();
    rmSync(dirname(out), { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
