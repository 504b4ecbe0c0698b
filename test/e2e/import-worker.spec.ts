/**
 * The device import in the built import worker (the E2E config points the services at
 * it), through the real dispatcher: the window's operations wait while an import is being
 * written instead of blocking on the database, and a cancelled read is abandoned at once
 * and leaves nothing behind.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { openAppCore } from '../../electron/ipc/app-core';
import { PREFERENCES_FILE } from '../../electron/services/preferences';
import { AuditQuerySchema } from '../../electron/domain/audit';

function core() {
  const dataDir = mkdtempSync(join(tmpdir(), 'vendor-risk-import-worker-'));
  const progress: { message: string }[] = [];
  const opened = openAppCore({
    dataDir,
    preferences: new Conf({ cwd: dataDir, configName: PREFERENCES_FILE.configName }),
    appVersion: 'e2e',
    isTrustedPageUrl: () => true,
    onProgress: (e) => progress.push(e),
  });
  return {
    ...opened,
    progress,
    close: () => {
      opened.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const inventory = (rows: number) =>
  Buffer.from(
    ['Hostname,Serial No.,Mfr', ...Array.from({ length: rows }, (_, i) => `h-${i},S${i},Zebra`)].join('\n'),
  ).toString('base64');

test('an operation that arrives while an import is written waits for it without holding the thread', async () => {
  const app = core();
  try {
    const p = await app.dispatcher.call('devices.preview', {
      source: 'WMS',
      fileName: 'inv.csv',
      contentBase64: inventory(150_000),
    });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.readIn).toBe('worker');
    const events: string[] = [];
    const applying = app.dispatcher
      .call('devices.apply', { token: p.value.token, jobId: 'apply-1' })
      .then((r) => {
        events.push('import written');
        return r;
      });
    // The window's write comes while the worker writes: once it has said so.
    await expect
      .poll(() => app.progress.some((e) => e.message === 'Writing devices'), {
        timeout: 10_000,
        intervals: [2],
      })
      .toBe(true);
    const created = app.dispatcher
      .call('vendors.create', { name: 'Arrives during the import', category: 'other' })
      .then((r) => {
        events.push('vendor created');
        return r;
      });
    // Had the write waited on the database's lock, this thread could not have run anything until the import's commit.
    setTimeout(() => events.push('thread free'), 0);
    const [a, v] = await Promise.all([applying, created]);
    expect(a.ok && v.ok).toBe(true);
    expect(events[0]).toBe('thread free');
    expect(app.services.storage.devices.count()).toBe(150_000);
    const audit = app.services.storage.audit
      .query(AuditQuerySchema.parse({ limit: 2 }))
      .items.map((e) => e.entity);
    expect(audit).toEqual(['vendor', 'device-import']);
  } finally {
    app.close();
  }
});

test('a cancelled read in the worker is abandoned at once and a new one works', async () => {
  const app = core();
  try {
    const events: string[] = [];
    const slow = app.dispatcher.call('devices.preview', {
      source: 'WMS',
      fileName: 'inv.csv',
      contentBase64: inventory(200_000),
      jobId: 'read-1',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cancelled = await app.dispatcher.call('jobs.cancel', { jobId: 'read-1' });
    events.push(`cancel asked: ${cancelled.ok && cancelled.value.cancelled}`);
    const r = await slow;
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const again = await app.dispatcher.call('devices.preview', {
      source: 'WMS',
      fileName: 'inv.csv',
      contentBase64: inventory(10),
    });
    expect(again.ok && again.value.counts.valid).toBe(10);
    expect(events).toEqual(['cancel asked: true']);
    expect(app.services.storage.devices.count()).toBe(0);
  } finally {
    app.close();
  }
});
