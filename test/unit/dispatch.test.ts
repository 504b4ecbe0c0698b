import { describe, it, expect } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_LOG, logInternalError } from '../../electron/storage/error-log';
import { openApp, vendorInput } from './helpers';
import { createDispatcher } from '../../electron/ipc/dispatch';

const page = (url: string, isMainFrame = true) => ({ kind: 'page' as const, url, isMainFrame });

describe('dispatcher', () => {
  it('answers the app page and refuses other senders', async () => {
    const { dispatcher } = openApp();
    expect((await dispatcher.dispatch('vendors.list', {}, page('app://vendor-risk/index.html'))).ok).toBe(
      true,
    );
    for (const sender of [
      page('https://evil.example/'),
      page('file:///index.html'),
      page('app://vendor-risk.evil/index.html'),
      page('app://vendor-risk/index.html', false),
      page(''),
    ]) {
      const result = await dispatcher.dispatch('vendors.list', {}, sender);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    }
  });

  it('returns errors as values: unknown operation, invalid input, not found', async () => {
    const { dispatcher } = openApp();
    expect(await dispatcher.dispatch('vendors.drop', {}, { kind: 'local' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION' },
    });
    expect(await dispatcher.dispatch('__proto__', {}, { kind: 'local' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION' },
    });
    const invalid = await dispatcher.call('vendors.create', { name: '', category: 'spaceship' } as never);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!invalid.ok) {
      expect(invalid.error.details?.map((d) => d.path)).toEqual(expect.arrayContaining(['name', 'category']));
      expect(invalid.error.message).toMatch(/name: Name is required/);
    }
    expect(
      await dispatcher.call('vendors.get', { id: '2c5ea4c0-4067-11e9-8bad-9b1deb4d3b7d' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('turns an unexpected failure into a code and a plain sentence; the error itself goes to the log', async () => {
    const { handlers } = openApp();
    const internal: { error: unknown; reference: string }[] = [];
    const dispatcher = createDispatcher({
      handlers: {
        ...handlers,
        'vendors.list': () => {
          throw new RangeError('Maximum call stack size exceeded');
        },
      },
      isTrustedPageUrl: () => true,
      onInternalError: (_op, error, reference) => internal.push({ error, reference }),
    });
    const result = await dispatcher.call('vendors.list', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `An unexpected problem stopped this request. Its details are in the log in the data folder (logs/errors.log, reference ${internal[0]!.reference}).`,
      },
    });
    expect(internal[0]!.reference).toMatch(/^[0-9A-F]{6}$/);
    expect(JSON.stringify(result)).not.toContain('Maximum call stack');
  });

  it('writes unexpected errors to the data folder’s log, for the owner only', async () => {
    const app = openApp();
    const dispatcher = createDispatcher({
      handlers: {
        ...app.handlers,
        'vendors.list': () => {
          throw new RangeError('Maximum call stack size exceeded');
        },
      },
      isTrustedPageUrl: () => true,
      onInternalError: (operation, error, reference) =>
        logInternalError(app.dataDir, operation, reference, error),
    });
    const result = await dispatcher.call('vendors.list', {});
    const reference = /reference ([0-9A-F]{6})/.exec(result.ok ? '' : result.error.message)![1];
    const file = join(app.dataDir, ERROR_LOG);
    const logged = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(logged.at(-1)).toMatchObject({
      reference,
      operation: 'vendors.list',
      error: 'RangeError',
      message: 'Maximum call stack size exceeded',
    });
    expect(logged.at(-1)!.stack).toContain('RangeError');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a malformed answer from a service', async () => {
    const { handlers } = openApp();
    const dispatcher = createDispatcher({
      handlers: { ...handlers, 'app.info': () => ({ version: 1 }) as never },
      isTrustedPageUrl: () => true,
    });
    expect(await dispatcher.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('reports progress of a long operation under its job id', async () => {
    const { dispatcher, progress } = openApp();
    const result = await dispatcher.call('demo.load', { jobId: 'job-1' });
    expect(result).toMatchObject({ ok: true, value: { added: 30, skipped: 0 } });
    expect(progress.length).toBeGreaterThan(10);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ jobId: 'job-1', operation: 'demo.load' });
    expect(last.done).toBe(last.total);
  });

  it('a cancelled job changes nothing', async () => {
    const { dispatcher, services } = openApp();
    const running = dispatcher.call('demo.load', { jobId: 'job-2' });
    await new Promise((r) => setImmediate(r));
    expect(await dispatcher.call('jobs.cancel', { jobId: 'job-2' })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(services.storage.vendors.count()).toBe(0);
    expect(services.storage.audit.count()).toBe(0);
    expect(await dispatcher.call('jobs.cancel', { jobId: 'job-2' })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });

  it('a cancelled job part way removes what it had added', async () => {
    const { dispatcher, services, progress } = openApp();
    const running = dispatcher.call('demo.load', { jobId: 'job-3' });
    await expect.poll(() => progress.length).toBeGreaterThan(2);
    expect(await dispatcher.call('jobs.cancel', { jobId: 'job-3' })).toMatchObject({ ok: true });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(services.storage.vendors.count()).toBe(0);
    expect(services.demo.status().present).toBe(false);
  });

  it('loading the sample twice adds nothing the second time', async () => {
    const { dispatcher, services } = openApp();
    await dispatcher.call('demo.load', {});
    services.vendors.create(vendorInput({ name: 'Mine' }));
    expect(await dispatcher.call('demo.load', {})).toMatchObject({
      ok: true,
      value: { added: 0, alreadyLoaded: true },
    });
    expect(services.storage.vendors.count()).toBe(31);
  });
});

describe('concurrency', () => {
  it('two sample loads at once add each vendor once', async () => {
    const { dispatcher, services } = openApp();
    const [a, b] = await Promise.all([dispatcher.call('demo.load', {}), dispatcher.call('demo.load', {})]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.value.added + b.value.added).toBe(30);
    expect(services.storage.vendors.count()).toBe(30);
  });
});
