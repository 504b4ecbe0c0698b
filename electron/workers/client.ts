/**
 * The one client for worker threads — the data host, the device importer, the report
 * renderer and the data worker: it starts the worker, sends calls, passes progress to the
 * job, cancels (a flag the worker looks at, or ending the worker), answers the worker's
 * questions, and fails every waiting call when the worker crashes.
 */
import { existsSync } from 'node:fs';
import { Worker, type Transferable } from 'node:worker_threads';
import { AppError } from '../domain/errors';
import { BUNDLED } from '../bundled';
import type { JobContext } from '../services/context';
import {
  errorFromShape,
  errorToShape,
  writeSlot,
  SLOT_ANSWERED,
  SLOT_FAILED,
  type FromWorker,
  type ToWorker,
} from './protocol';
import { CLOSE, idle, unmoved, type OpHandlers, type OpTable, type WorkerHooks } from './serve';

export interface WorkerClientOptions<Ops extends OpTable> {
  /** The worker bundle. */
  file: string;
  /** What the worker is called in errors ("the import worker"). */
  name: string;
  /** Kept between calls (true), or one worker per call, ended after it (false). */
  warm: boolean;
  /**
   * How a cancel reaches work under way: the worker is ended at once ('terminate'), or it
   * looks at a flag between pieces of work ('flag').
   */
  cancel: 'terminate' | 'flag';
  /** With 'flag': the calls whose answer is still awaited after a cancel (a write says whether it rolled back). */
  answersAfterCancel?: (op: keyof Ops) => boolean;
  /** The words of a cancelled call's error. */
  cancelledMessage: string;
  /** Calls run one at a time, in order (the worker holds its thread for each). */
  sequential?: boolean;
  /** Keeps this process alive while the worker idles (the data host); otherwise only while a call waits. */
  keepAlive?: boolean;
  /** Answers the worker's questions (`hooks.ask`). */
  answer?(op: string, args: unknown): unknown;
  /** Answers questions the worker waits for with its thread stopped (`hooks.askSync`). */
  answerSync?(op: string, args: unknown): unknown;
  /** One-way messages from the worker. */
  onEvent?(name: string, payload: unknown): void;
  /**
   * The same operations run in this thread when the bundle is absent (running from source,
   * in tests); a build without its worker refuses instead.
   */
  local?: () => OpHandlers<Ops> | Promise<OpHandlers<Ops>>;
}

export interface WorkerClient<Ops extends OpTable> {
  /** Where the operations run: the worker, or this thread (from source). */
  readonly runsIn: 'worker' | 'main';
  /** Calls one operation; progress goes to the job, and its signal cancels. */
  call<K extends keyof Ops & string>(
    op: K,
    args: Ops[K]['args'],
    job: JobContext,
    transfer?: readonly Transferable[],
  ): Promise<Ops[K]['value']>;
  /** Ends the worker; calls still waiting fail as cancelled. */
  close(): Promise<void>;
}

interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
  job: JobContext;
  worker: Worker;
}

/** A client for the worker in `options.file` (or the same operations here, from source). */
export function createWorkerClient<Ops extends OpTable>(
  options: WorkerClientOptions<Ops>,
): WorkerClient<Ops> {
  if (!existsSync(options.file)) {
    // A build runs this work only in its worker: running it here would freeze the window.
    if (BUNDLED || !options.local)
      throw new Error(`The ${options.name} is missing from this installation (${options.file})`);
    return localClient(options, options.local);
  }
  return workerClient(options);
}

function workerClient<Ops extends OpTable>(options: WorkerClientOptions<Ops>): WorkerClient<Ops> {
  let warm: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, Waiting>();
  let queue: Promise<unknown> = Promise.resolve();
  const cancelled = () => new AppError('CANCELLED', options.cancelledMessage);

  const failAll = (worker: Worker, error: Error) => {
    for (const [id, w] of waiting)
      if (w.worker === worker) {
        waiting.delete(id);
        w.reject(error);
      }
  };
  const unrefIfIdle = (worker: Worker) => {
    if (options.keepAlive) return;
    for (const w of waiting.values()) if (w.worker === worker) return;
    worker.unref();
  };
  const end = (worker: Worker) => {
    if (warm === worker) warm = null;
    void worker.terminate();
  };

  const start = (): Worker => {
    const worker = new Worker(options.file);
    if (!options.keepAlive) worker.unref(); // the CLI may exit while a worker idles
    worker.on('message', (m: FromWorker) => onMessage(worker, m));
    worker.on('error', (error) => {
      if (warm === worker) warm = null;
      failAll(worker, error);
    });
    worker.on('exit', (code) => {
      if (warm === worker) warm = null;
      failAll(worker, new Error(`The ${options.name} stopped (exit code ${code})`));
    });
    return worker;
  };

  const onMessage = (worker: Worker, m: FromWorker) => {
    switch (m.t) {
      case 'progress':
        return waiting.get(m.id)?.job.progress(m.done, m.total, m.message);
      case 'done':
      case 'error': {
        const entry = waiting.get(m.id);
        if (!entry) {
          // A call given up on (cancelled) finishing: a worker started for it alone ends now.
          if (!options.warm) end(worker);
          return;
        }
        waiting.delete(m.id);
        if (!options.warm) end(worker);
        else unrefIfIdle(worker);
        if (m.t === 'done') entry.resolve(m.value);
        else entry.reject(errorFromShape(m.error));
        return;
      }
      case 'ask':
        return void Promise.resolve()
          .then(() => {
            if (!options.answer) throw new Error(`Nobody answers ${m.op}`);
            return options.answer(m.op, m.args);
          })
          .then(
            (value) => worker.postMessage({ t: 'answer', id: m.id, ok: true, value } satisfies ToWorker),
            (error: unknown) =>
              worker.postMessage({
                t: 'answer',
                id: m.id,
                ok: false,
                error: errorToShape(error),
              } satisfies ToWorker),
          );
      case 'askSync':
        try {
          if (!options.answerSync) throw new Error(`Nobody answers ${m.op}`);
          return writeSlot(m.slot, SLOT_ANSWERED, options.answerSync(m.op, m.args));
        } catch (error) {
          return writeSlot(m.slot, SLOT_FAILED, errorToShape(error));
        }
      case 'event':
        return options.onEvent?.(m.name, m.payload);
    }
  };

  const send = <K extends keyof Ops & string>(
    op: K,
    args: Ops[K]['args'],
    job: JobContext,
    transfer: readonly Transferable[],
  ) =>
    new Promise<Ops[K]['value']>((resolve, reject) => {
      if (job.signal.aborted) return reject(cancelled());
      const worker = options.warm ? (warm ??= start()) : start();
      const id = (nextId += 1);
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const onAbort = () => {
        if (options.cancel === 'terminate') {
          if (!waiting.delete(id)) return;
          end(worker);
          return reject(cancelled());
        }
        // The worker sees the flag between pieces of work. A read is given up on at once; a
        // write's answer is awaited: it says whether it rolled back or had already committed.
        Atomics.store(flag, 0, 1);
        if (!options.answersAfterCancel?.(op) && waiting.delete(id)) {
          unrefIfIdle(worker);
          reject(cancelled());
        }
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
        worker,
      });
      job.signal.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      worker.postMessage({ t: 'call', id, op, args, cancel: flag } satisfies ToWorker, transfer);
    });

  return {
    runsIn: 'worker',
    call(op, args, job, transfer = []) {
      if (!options.sequential) return send(op, args, job, transfer);
      const next = queue.then(() => send(op, args, job, transfer));
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      const worker = warm;
      warm = null;
      for (const w of new Set([...waiting.values()].map((e) => e.worker))) failAll(w, cancelled());
      await worker?.terminate();
    },
  };
}

/** The same operations in this thread (running from source). */
function localClient<Ops extends OpTable>(
  options: WorkerClientOptions<Ops>,
  load: () => OpHandlers<Ops> | Promise<OpHandlers<Ops>>,
): WorkerClient<Ops> {
  let handlers: Promise<OpHandlers<Ops>> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const run = async <K extends keyof Ops & string>(op: K, args: Ops[K]['args'], job: JobContext) => {
    // Answers come after this turn of the event loop, as they would from a worker.
    await new Promise((resolve) => setImmediate(resolve));
    if (job.signal.aborted) throw new AppError('CANCELLED', options.cancelledMessage);
    const table = await (handlers ??= Promise.resolve(load()));
    const hooks: WorkerHooks = {
      progress: job.progress,
      cancelled: () => job.signal.aborted,
      ask: async (question, questionArgs) => options.answer?.(question, questionArgs),
      askSync: (question, questionArgs) => options.answerSync?.(question, questionArgs),
      emit: (name, payload) => options.onEvent?.(name, payload),
    };
    try {
      return unmoved(await table[op](args, hooks)) as Ops[K]['value'];
    } finally {
      idle(table);
    }
  };
  return {
    runsIn: 'main',
    call(op, args, job) {
      if (!options.sequential) return run(op, args, job);
      const next = queue.then(() => run(op, args, job));
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      const table = await handlers;
      await table?.[CLOSE]?.();
    },
  };
}
