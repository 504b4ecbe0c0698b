/**
 * The way to the device import engine: a warm worker thread in the built app and CLI
 * (started on the first import, kept for the next: it holds the staged preview between
 * preview and apply), or the engine in this thread when running from source (tests).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES, type ErrorCode } from '../domain/errors';
import { BUNDLED } from '../bundled';
import {
  openImportEngine,
  type ApplyRequest,
  type ApplyResult,
  type ImportEngine,
  type ImportHooks,
  type PreviewRequest,
  type StagedPreview,
} from './device-import';
import type { JobContext } from './context';

/** What each operation takes and gives. */
interface Ops {
  preview: { args: PreviewRequest; value: StagedPreview };
  apply: { args: ApplyRequest; value: ApplyResult };
  check: { args: { token: string }; value: null };
  discard: { args: { token: string }; value: { discarded: boolean } };
  errorsCsv: { args: { token: string }; value: string };
}
type Op = keyof Ops;

export type ImportWorkerRequest = {
  [K in Op]: { id: number; db: string; op: K; args: Ops[K]['args']; cancel: Int32Array };
}[Op];

export type ImportWorkerReply =
  | { id: number; type: 'progress'; done: number; total: number; message: string }
  | { id: number; type: 'done'; value: unknown }
  | { id: number; type: 'error'; code: string; message: string };

/**
 * The worker bundle, next to main.js and cli.js in a build; absent when running from
 * source (tests), unless VENDOR_RISK_IMPORT_WORKER names a built one (the benchmark does).
 */
const WORKER_FILE = process.env.VENDOR_RISK_IMPORT_WORKER ?? join(__dirname, 'device-importer.js');

const CANCELLED = 'The import was cancelled; nothing was changed';

export interface ImportRunner {
  /** Where imports run. */
  readonly runsIn: 'worker' | 'main';
  call<K extends Op>(op: K, args: Ops[K]['args'], job: JobContext): Promise<Ops[K]['value']>;
  close(): void;
}

/** The import engine for the database at `dbPath`, in its worker when the bundle is there. */
export function createImportRunner(dbPath: string): ImportRunner {
  if (existsSync(WORKER_FILE)) return workerRunner(dbPath);
  // A build imports only in its worker: importing here would freeze the window.
  if (BUNDLED) throw new Error(`The import worker is missing from this installation (${WORKER_FILE})`);
  return inProcessRunner(dbPath);
}

/** Runs one request on an engine (in the worker, or here from source). */
export async function runImportOp(
  engine: ImportEngine,
  request: ImportWorkerRequest,
  hooks: ImportHooks,
): Promise<unknown> {
  switch (request.op) {
    case 'preview':
      return engine.preview(request.args, hooks);
    case 'apply':
      return engine.apply(request.args, hooks);
    case 'check':
      engine.check(request.args.token);
      return null;
    case 'discard':
      return engine.discard(request.args.token);
    case 'errorsCsv':
      return engine.errorsCsv(request.args.token);
  }
}

function inProcessRunner(dbPath: string): ImportRunner {
  let opened: ReturnType<typeof openImportEngine> | null = null;
  const engine = () => (opened ??= openImportEngine(dbPath)).engine;
  return {
    runsIn: 'main',
    async call(op, args, job) {
      await new Promise((resolve) => setImmediate(resolve));
      const hooks = { progress: job.progress, cancelled: () => job.signal.aborted };
      if (hooks.cancelled()) throw new AppError('CANCELLED', CANCELLED);
      const e = engine();
      const value = (await runImportOp(
        e,
        { op, args } as ImportWorkerRequest,
        hooks,
      )) as Ops[typeof op]['value'];
      e.idle();
      return value;
    },
    close() {
      opened?.close();
      opened = null;
    },
  };
}

function workerRunner(dbPath: string): ImportRunner {
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void; job: JobContext; cancel: Int32Array }
  >();
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  const get = () => {
    if (worker) return worker;
    const w = new Worker(WORKER_FILE);
    w.unref(); // the CLI may exit while the worker idles
    w.on('message', (m: ImportWorkerReply) => {
      const entry = waiting.get(m.id);
      if (!entry) return; // a cancelled request finishing
      if (m.type === 'progress') return entry.job.progress(m.done, m.total, m.message);
      waiting.delete(m.id);
      if (waiting.size === 0) w.unref();
      if (m.type === 'done') entry.resolve(m.value);
      else
        entry.reject(
          (ERROR_CODES as readonly string[]).includes(m.code) && m.code !== 'INTERNAL'
            ? new AppError(m.code as ErrorCode, m.message)
            : new Error(m.message),
        );
    });
    const gone = (error: Error) => {
      if (worker === w) worker = null;
      failAll(error);
    };
    w.on('error', gone);
    w.on('exit', (code) => gone(new Error(`The import worker stopped (exit code ${code})`)));
    worker = w;
    return w;
  };
  return {
    runsIn: 'worker',
    call(op, args, job) {
      return new Promise((resolve, reject) => {
        if (job.signal.aborted) return reject(new AppError('CANCELLED', CANCELLED));
        const id = (nextId += 1);
        const cancel = new Int32Array(new SharedArrayBuffer(4));
        const w = get();
        // The worker sees the flag between pieces of work. A read is abandoned at once; a
        // write waits for the worker's answer, which says whether it rolled back or had
        // already committed.
        const onAbort = () => {
          Atomics.store(cancel, 0, 1);
          if (op !== 'apply' && waiting.delete(id)) reject(new AppError('CANCELLED', CANCELLED));
        };
        const settle =
          <T>(f: (v: T) => void) =>
          (v: T) => {
            job.signal.removeEventListener('abort', onAbort);
            f(v);
          };
        waiting.set(id, {
          resolve: settle(resolve as (v: unknown) => void),
          reject: settle(reject),
          job,
          cancel,
        });
        job.signal.addEventListener('abort', onAbort, { once: true });
        w.ref();
        const request = { id, db: dbPath, op, args, cancel } as ImportWorkerRequest;
        // File bytes move to the worker instead of being copied.
        const bytes = op === 'preview' ? fileBytes(args as PreviewRequest) : null;
        w.postMessage(request, bytes ? [bytes.buffer as ArrayBuffer] : []);
      });
    },
    close() {
      const w = worker;
      worker = null;
      failAll(new AppError('CANCELLED', CANCELLED));
      void w?.terminate();
    },
  };
}

/** A preview's file bytes when they own their whole buffer (and so can be moved, not copied). */
function fileBytes(request: PreviewRequest): Uint8Array | null {
  if (!('bytes' in request.file)) return null;
  const { bytes } = request.file;
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : null;
}
