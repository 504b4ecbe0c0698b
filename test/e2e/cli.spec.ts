/**
 * The built `vendor-risk` binary as a user runs it: real processes, real exit codes,
 * several at once on one data folder.
 */
import { test, expect } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
