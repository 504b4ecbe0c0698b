/**
 * The one worker client (used by the data host and the import, report and data workers):
 * calls, progress, both ways of cancelling, errors as codes, a crash, questions the worker
 * asks back, events, moved buffers, warm and one-shot workers, and the same operations
 * run in this thread when the bundle is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { nodeBundle } from '../../../vite.shared.mts';
import { createWorkerClient, type WorkerClientOptions } from '../../../electron/workers/client';
import { AppError } from '../../../electron/domain/errors';
import type { JobContext } from '../../../electron/services/context';
import { testOps, type TestOps } from '../../fixtures/test-worker-ops';

let dir = '';
let file = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vendor-risk-worker-'));
  const config = nodeBundle('test/fixtures/test-worker.ts', 'test-worker');
  await build({
    ...config,
    configFile: false,
    logLevel: 'silent',
    build: { ...config.build, outDir: dir, sourcemap: false },
  });
  file = join(dir, 'test-worker.js');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function job(): JobContext & { controller: AbortController; seen: [number, number, string][] } {
  const controller = new AbortController();
  const seen: [number, number, string][] = [];
  return { controller, seen, signal: controller.signal, progress: (d, t, m) => void seen.push([d, t, m]) };
}

const client = (options: Partial<WorkerClientOptions<TestOps>> = {}) =>
  createWorkerClient<TestOps>({
    file,
    name: 'test worker',
    warm: true,
    cancel: 'flag',
    cancelledMessage: 'Cancelled; nothing changed',
    answer: (op, args) => (op === 'double' ? (args as number) * 2 : undefined),
    answerSync: (op, args) => {
      if (op !== 'triple') throw new AppError('INVALID_INPUT', `no ${op}`);
      return (args as number) * 3;
    },
    local: () => testOps,
    ...options,
  });

describe('worker client', () => {
  it('answers a call in the worker and passes progress to the job', async () => {
    const c = client();
    expect(c.runsIn).toBe('worker');
    expect(await c.call('echo', { a: [1, 'two'] }, job())).toEqual({ a: [1, 'two'] });
    const j = job();
    expect(await c.call('count', { n: 3 }, j)).toBe(3);
    expect(j.seen).toEqual([
      [1, 3, 'step 1'],
      [2, 3, 'step 2'],
      [3, 3, 'step 3'],
    ]);
    await c.close();
  });

  it('keeps a warm worker between calls, and starts one per call otherwise', async () => {
    const warm = client();
    const a = await warm.call('thread', null, job());
    expect(await warm.call('thread', null, job())).toBe(a);
    await warm.close();
    const oneShot = client({ warm: false });
    const b = await oneShot.call('thread', null, job());
    expect(await oneShot.call('thread', null, job())).not.toBe(b);
  });

  it('gives up on a read at once when cancelled by flag, and awaits a write’s answer', async () => {
    const c = client({ answersAfterCancel: (op) => op === 'untilCancelled' });
    const read = job();
    const reading = c.call('count', { n: 50 }, read);
    setTimeout(() => read.controller.abort(), 50);
    await expect(reading).rejects.toMatchObject({ code: 'CANCELLED', message: 'Cancelled; nothing changed' });
    const write = job();
    const writing = c.call('untilCancelled', null, write);
    setTimeout(() => write.controller.abort(), 50);
    expect(await writing).toEqual({ rolledBack: true });
    await c.close();
  });

  it('ends a worker that holds its thread when cancelled, and the next call gets a fresh one', async () => {
    const c = client({ cancel: 'terminate' });
    const before = await c.call('thread', null, job());
    const j = job();
    const spinning = c.call('spin', { ms: 60_000 }, j);
    setTimeout(() => j.controller.abort(), 100);
    await expect(spinning).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await c.call('thread', null, job())).not.toBe(before);
    await c.close();
  });

  it('refuses a call whose job is already cancelled without starting it', async () => {
    const c = client();
    const j = job();
    j.controller.abort();
    await expect(c.call('echo', 1, j)).rejects.toMatchObject({ code: 'CANCELLED' });
    await c.close();
  });

  it('brings errors back with their code; an unexpected one stays a plain error', async () => {
    const c = client();
    const known = await c.call('fail', { code: 'app' }, job()).catch((e: unknown) => e);
    expect(known).toBeInstanceOf(AppError);
    expect(known).toMatchObject({ code: 'NOT_FOUND', message: 'No such thing' });
    const plain = await c.call('fail', { code: 'plain' }, job()).catch((e: unknown) => e);
    expect(plain).not.toBeInstanceOf(AppError);
    expect((plain as Error).message).toBe('a plain failure');
    await c.close();
  });

  it('fails the waiting calls when the worker crashes, and starts a new one next time', async () => {
    const c = client();
    const waiting = c.call('count', { n: 20 }, job());
    await expect(c.call('crash', null, job())).rejects.toThrow('The test worker stopped (exit code 3)');
    await expect(waiting).rejects.toThrow('stopped');
    expect(await c.call('echo', 'again', job())).toBe('again');
    await c.close();
  });

  it('answers the worker’s questions, waited for or with its thread stopped, and hears its events', async () => {
    const events: unknown[] = [];
    const c = client({ onEvent: (name, payload) => events.push([name, payload]) });
    expect(await c.call('ask', { q: 21 }, job())).toBe(42);
    expect(await c.call('askSync', { q: 5 }, job())).toBe(15);
    await c.call('emit', { say: 'hello' }, job());
    expect(events).toEqual([['said', 'hello']]);
    const refused = createWorkerClient<TestOps>({
      ...options(),
      answerSync: () => {
        throw new AppError('INVALID_INPUT', 'Not now');
      },
    });
    await expect(refused.call('askSync', { q: 1 }, job())).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Not now',
    });
    await refused.close();
    await c.close();
  });

  it('moves buffers instead of copying them', async () => {
    const c = client();
    const bytes = await c.call('bytes', { size: 1024 }, job());
    expect(bytes.byteLength).toBe(1024);
    expect(bytes[1023]).toBe(7);
    await c.close();
  });

  it('runs the same operations in this thread when the bundle is absent (from source)', async () => {
    const c = client({ file: join(dir, 'missing.js') });
    expect(c.runsIn).toBe('main');
    expect(await c.call('ask', { q: 4 }, job())).toBe(8);
    expect(await c.call('askSync', { q: 4 }, job())).toBe(12);
    const j = job();
    expect(await c.call('count', { n: 2 }, j)).toBe(2);
    expect(j.seen).toHaveLength(2);
    expect(() => client({ file: join(dir, 'missing.js'), local: undefined })).toThrow(
      'The test worker is missing from this installation',
    );
  });
});

function options(): WorkerClientOptions<TestOps> {
  return { file, name: 'test worker', warm: true, cancel: 'flag', cancelledMessage: 'Cancelled' };
}
