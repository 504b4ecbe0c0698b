/**
 * A crash during a write leaves the database as it was before the write or after it,
 * never between: the built CLI is killed with SIGKILL at random moments of a device
 * import and of a bulk update (a re-import changing every device), many times; after
 * each kill the database passes SQLite's integrity check, its audit chain holds, and the
 * devices are all from before or all from after.
 */
import { test, expect } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { verifyAuditChain } from '../../electron/storage/file-tasks';
import { decodeDevice } from '../../electron/domain/devices';

const BIN = resolve(__dirname, '../../bin/vendor-risk.cjs');
const ROWS = 20_000;
const RUNS = 8;

function inventory(firmware: string): string {
  const lines = ['Asset ID,Serial Number,Manufacturer,Firmware Version,Firmware Signed,Lifecycle'];
  for (let i = 0; i < ROWS; i++) lines.push(`dev-${i},SN${i},Zebra,${firmware},yes,active`);
  return `${lines.join('\n')}\n`;
}

function cli(dataDir: string, args: string[]) {
  return spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, VENDOR_RISK_USER: 'Crash Test' },
  });
}

/** Starts the CLI and kills it with SIGKILL after `ms`; resolves with how it ended. */
function killAfter(dataDir: string, args: string[], ms: number): Promise<string> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
      env: { ...process.env, VENDOR_RISK_USER: 'Crash Test' },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done(signal ?? `exit ${code}`);
    });
  });
}

/**
 * A fresh copy of `source` at `dir`, and the CLI on it killed at `ms`, or earlier when it
 * finished first: the first import's time, measured on a busy machine, can be longer than
 * a later run takes. Each retry copies the folder again and kills sooner, so that the kill
 * lands while the command runs (the state this test is about), whatever the machine's speed.
 */
async function killWhileRunning(source: string, dir: string, args: string[], ms: number): Promise<string> {
  let outcome = '';
  for (let attempt = 0, at = ms; attempt < 6 && outcome !== 'SIGKILL'; attempt++, at = Math.round(at * 0.6)) {
    rmSync(dir, { recursive: true, force: true });
    cpSync(source, dir, { recursive: true });
    outcome = await killAfter(dir, args, at);
  }
  return outcome;
}

/** What the database holds after a kill: integrity, the audit chain, and the devices' firmware versions. */
function inspect(dataDir: string) {
  const db = new DatabaseSync(join(dataDir, 'vendor-risk.db'));
  try {
    const integrity = (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string })
      .integrity_check;
    const counts = new Map<string, number>();
    for (const r of db.prepare("SELECT data FROM devices WHERE source = 'wms'").all() as { data: string }[]) {
      const v = decodeDevice(r.data).firmwareVersion ?? '';
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const firmware = [...counts].sort().map(([v, n]) => `${v}×${n}`);
    return { integrity, audit: verifyAuditChain(db).ok, firmware };
  } finally {
    db.close();
  }
}

test('killing the CLI during an import or a bulk update never leaves half a write', async () => {
  test.setTimeout(180_000);
  const root = mkdtempSync(join(tmpdir(), 'vendor-risk-crash-'));
  try {
    const v1 = join(root, 'v1.csv');
    const v2 = join(root, 'v2.csv');
    writeFileSync(v1, inventory('1.0.0'));
    writeFileSync(v2, inventory('2.0.0'));
    const empty = join(root, 'empty');
    expect(cli(empty, ['demo', 'load']).status).toBe(0);
    const imported = join(root, 'imported');
    cpSync(empty, imported, { recursive: true });
    const started = Date.now();
    const first = cli(imported, ['devices', 'import', v1, '--source', 'wms']);
    // Kills land from 55% to 97% of a whole import's time: the reading, and the writing at its end.
    const whole = Date.now() - started;
    const killAt = (run: number) => Math.round(whole * (0.55 + (0.42 * run) / (RUNS - 1)));
    expect(first.status, first.stderr).toBe(0);
    expect(inspect(imported).firmware).toEqual([`1.0.0×${ROWS}`]);

    const outcomes: string[] = [];
    const states: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A first import into a folder without devices: none, or all of them.
      const a = join(root, `a${run}`);
      outcomes.push(
        await killWhileRunning(empty, a, ['devices', 'import', v1, '--source', 'wms'], killAt(run)),
      );
      const afterImport = inspect(a);
      expect(afterImport.integrity).toBe('ok');
      expect(afterImport.audit).toBe(true);
      expect([[], [`1.0.0×${ROWS}`]]).toContainEqual(afterImport.firmware);
      states.push(afterImport.firmware.length ? 'import done' : 'import not done');

      // A re-import changing every device: all old, or all new.
      const b = join(root, `b${run}`);
      outcomes.push(
        await killWhileRunning(imported, b, ['devices', 'import', v2, '--source', 'wms'], killAt(run)),
      );
      const afterUpdate = inspect(b);
      expect(afterUpdate.integrity).toBe('ok');
      expect(afterUpdate.audit).toBe(true);
      expect([[`1.0.0×${ROWS}`], [`2.0.0×${ROWS}`]]).toContainEqual(afterUpdate.firmware);
      states.push(afterUpdate.firmware[0]!.startsWith('2.') ? 'update done' : 'update not done');
    }
    // The kills really happened mid-way (most of them), not only after the CLI had finished.
    expect(outcomes.filter((o) => o === 'SIGKILL').length).toBeGreaterThan(RUNS / 2);
    console.log(`crash test: ${outcomes.map((o, i) => `${o} (${states[i]})`).join(', ')}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
