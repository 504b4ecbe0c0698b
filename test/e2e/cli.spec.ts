/**
 * The built `vendor-risk` binary as a user runs it: real processes, real exit codes,
 * several at once on one data folder.
 */
import { test, expect } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../../bin/vendor-risk.cjs');

function run(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, VENDOR_RISK_USER: 'CLI Test' },
  });
}

function runAsync(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, VENDOR_RISK_USER: 'CLI Test' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => done({ code: code ?? 1, stderr }));
  });
}

test.describe('vendor-risk binary', () => {
  let dir = '';
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vendor-risk-cli-'));
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('devices import reads the file in a worker thread and writes in one transaction', () => {
    const file = join(dir, 'inventory.csv');
    const rows = ['Asset ID;Serial Number;Manufacturer;Firmware Signed;Lifecycle'];
    for (let i = 0; i < 2000; i++)
      rows.push(`dev-${i};S${i};Zebra;${i % 2 ? 'yes' : 'no'};${i % 50 ? 'active' : 'retired'}`);
    rows.push('dev-1;S1;Zebra;yes;active'); // a duplicate of row 3
    writeFileSync(file, rows.join('\r\n'));
    const dry = run([
      '--data-dir',
      dir,
      'devices',
      'import',
      file,
      '--source',
      'Asset DB',
      '--dry-run',
      '--json',
    ]);
    expect(dry.status).toBe(0);
    const preview = (
      JSON.parse(dry.stdout) as { preview: { readIn: string; counts: Record<string, number> } }
    ).preview;
    expect(preview.readIn).toBe('worker');
    expect(preview.counts).toEqual({ read: 2001, valid: 2000, rejected: 0, duplicates: 1, warned: 0 });
    const real = run(['--data-dir', dir, 'devices', 'import', file, '--source', 'Asset DB']);
    expect(real.status).toBe(0);
    // "retired" is placed by its words: nothing is left to place.
    expect(real.stdout).not.toContain('could not place');
    expect(real.stdout).toContain('Duplicate device ID dev-1: rows 3 and 2002 (row 2002 skipped)');
    expect(real.stdout).toContain('Imported 2000 devices from Asset DB: 2000 added, 0 changed, 0 removed.');
    const again = run(['--data-dir', dir, 'devices', 'import', file, '--source', 'Asset DB', '--dry-run']);
    expect(again.stdout).toContain(
      'Since the last import from Asset DB: 0 added, 0 changed, 0 removed, 2000 unchanged.',
    );
    // A changed firmware flag and a device gone: the worker's diff and write.
    const changed = rows
      .filter((r) => !r.startsWith('dev-7;'))
      .map((r) => (r.startsWith('dev-5;') ? r.replace(';yes;', ';no;') : r));
    writeFileSync(file, changed.join('\r\n'));
    const reimport = run(['--data-dir', dir, 'devices', 'import', file, '--source', 'Asset DB']);
    expect(reimport.stdout).toContain(
      'Since the last import from Asset DB: 0 added, 1 changed, 1 removed, 1998 unchanged.',
    );
    expect(reimport.stdout).toContain('Imported 1999 devices from Asset DB: 0 added, 1 changed, 1 removed.');
    const garbage = join(dir, 'garbage.csv');
    writeFileSync(garbage, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 0, 0]));
    const refused = run(['--data-dir', dir, 'devices', 'import', garbage]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'vendor-risk: This is not a CSV or JSON file, nor an .xlsx workbook; it looks like binary data.\n',
    );
  });

  test('exit codes and one error line on stderr', () => {
    const ok = run([
      '--data-dir',
      dir,
      'vendors',
      'add',
      '--name',
      'Łódź Cold Store',
      '--category',
      '3pl',
      '--json',
    ]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ name: 'Łódź Cold Store', category: '3pl' });

    const usage = run(['--data-dir', dir, 'vendors', 'list', '--colour', 'red']);
    expect(usage.status).toBe(1);
    expect(usage.stdout).toBe('');
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);

    const invalid = run([
      '--data-dir',
      dir,
      'vendors',
      'add',
      '--name',
      'X',
      '--category',
      'spaceship',
      '--json',
    ]);
    expect(invalid.status).toBe(2);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toMatch(/^vendor-risk: invalid input: category: /);
    expect(invalid.stderr.trim().split('\n')).toHaveLength(1);

    const missing = run(['--data-dir', dir, 'vendors', 'show', 'Nobody Ltd']);
    expect(missing.status).toBe(2);

    const list = run(['--data-dir', dir, 'vendors', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 1 });

    // Output that cannot be written (a full disk: Linux's /dev/full) is one line and exit 2.
    if (existsSync('/dev/full')) {
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [BIN, '--data-dir', dir, 'vendors', 'list', '--json'], {
          encoding: 'utf8',
          stdio: ['ignore', full, 'pipe'],
        });
        expect(r.stderr).toMatch(/^vendor-risk: the output could not be written: ENOSPC[^\n]*\n$/);
        expect(r.status).toBe(2);
      } finally {
        closeSync(full);
      }
    } else console.warn('skipped the full-disk case: this system has no /dev/full');
  });

  test('a read on an existing folder others may read narrows it and answers, with no --user', () => {
    // `mkdir DIR` before the first command: the folder is 0755, and opening narrows it to the owner.
    const folder = join(dir, 'made-by-hand');
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    const env = { ...process.env };
    delete env.VENDOR_RISK_USER;
    const list = spawnSync(process.execPath, [BIN, '--data-dir', folder, 'vendors', 'list', '--json'], {
      encoding: 'utf8',
      env,
    });
    expect(list.stderr).toBe('');
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ items: [], total: 0 });
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const trail = JSON.parse(run(['--data-dir', folder, 'audit', 'list', '--json']).stdout) as {
      items: { entity: string; actor: string }[];
    };
    expect(trail.items.find((e) => e.entity === 'settings')?.actor).toBe(userInfo().username);
  });

  test('several processes on a new data folder at once all succeed', async () => {
    for (let round = 0; round < 4; round++) {
      const fresh = join(dir, `round-${round}`);
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          runAsync(['--data-dir', fresh, 'vendors', 'add', '--name', `Parallel ${i}`, '--category', 'other']),
        ),
      );
      for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
      expect(JSON.parse(run(['--data-dir', fresh, 'vendors', 'list', '--json']).stdout)).toMatchObject({
        total: 4,
      });
    }
  });
});
