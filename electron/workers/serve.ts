/**
 * The worker's side of the one worker protocol: a worker entry hands its table of
 * operations to `serveWorker`, which answers calls, reports progress (each whole percent,
 * not every row), shows the cancel flag, and lets an operation ask the caller.
 */
import { parentPort, type Transferable } from 'node:worker_threads';
import {
  errorFromShape,
  errorToShape,
  readSlot,
  SLOT_WAITING,
  SYNC_SLOT_BYTES,
  type FromWorker,
  type ToWorker,
} from './protocol';

/** Operation name → what it takes and what it gives. */
export type OpTable = Record<string, { args: unknown; value: unknown }>;

/** What an operation can do besides its work. */
export interface WorkerHooks {
  /** Reports progress to the caller's job. */
  progress(done: number, total: number, message: string): void;
  /** Whether the caller cancelled (looked at between pieces of work). */
  cancelled(): boolean;
  /** Asks the caller and waits for the answer. */
  ask(op: string, args: unknown): Promise<unknown>;
  /** Asks the caller with this thread stopped until it answers (for small, quick answers). */
  askSync(op: string, args: unknown): unknown;
  /** Tells the caller something; no answer. */
  emit(name: string, payload: unknown): void;
}

/** An answer whose buffers move to the caller instead of being copied. */
export class Moved<T> {
  constructor(
    readonly value: T,
    readonly transfer: readonly Transferable[],
  ) {}
}

/** Released when a table run in the caller's own thread is closed. */
export const CLOSE = Symbol('close');
/** Work that can wait: run after each answer, before the next call. */
export const IDLE = Symbol('idle');

/** The handler of every operation in a table. */
export type OpHandlers<Ops extends OpTable> = {
  [K in keyof Ops]: (
    args: Ops[K]['args'],
    hooks: WorkerHooks,
  ) => Ops[K]['value'] | Moved<Ops[K]['value']> | Promise<Ops[K]['value'] | Moved<Ops[K]['value']>>;
} & { [CLOSE]?: () => void | Promise<void>; [IDLE]?: () => void };

/** The value of an answer, unwrapped from `Moved`. */
export function unmoved<T>(answer: T | Moved<T>): T {
  return answer instanceof Moved ? answer.value : answer;
}

/** Runs a table's idle work; what fails is left for the next time (a checkpoint another connection is doing, say). */
export function idle(handlers: { [IDLE]?: () => void }): void {
  try {
    handlers[IDLE]?.();
  } catch {
    // Left for the next time.
  }
}

/** How long a synchronous question may wait (a keychain may show the user a prompt). */
const ASK_SYNC_TIMEOUT_MS = 120_000;

/** Answers calls from the thread that started this worker with the operations in `handlers`. */
export function serveWorker<Ops extends OpTable>(
  handlers: OpHandlers<Ops>,
  options: { sequential?: boolean } = {},
): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker runs only in a worker thread');
  const post = (m: FromWorker, transfer: readonly Transferable[] = []) => port.postMessage(m, transfer);
  const questions = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextQuestion = 0;
  let queue: Promise<void> = Promise.resolve();

  const ask = (op: string, args: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = (nextQuestion += 1);
      questions.set(id, { resolve, reject });
      post({ t: 'ask', id, op, args });
    });
  const askSync = (op: string, args: unknown) => {
    const slot = new SharedArrayBuffer(SYNC_SLOT_BYTES);
    post({ t: 'askSync', op, args, slot });
    const state = new Int32Array(slot, 0, 1);
    if (Atomics.wait(state, 0, SLOT_WAITING, ASK_SYNC_TIMEOUT_MS) === 'timed-out')
      throw new Error(`No answer to ${op}`);
    return readSlot(slot);
  };
  const emit = (name: string, payload: unknown) => post({ t: 'event', name, payload });

  const run = async (call: Extract<ToWorker, { t: 'call' }>) => {
    const { id } = call;
    let last = '';
    const hooks: WorkerHooks = {
      // Reported when the whole percent or the words change: at most about a hundred a stage.
      progress(done, total, message) {
        const step = `${total > 0 ? Math.floor((done / total) * 100) : done}:${message}`;
        if (step === last) return;
        last = step;
        post({ t: 'progress', id, done, total, message });
      },
      cancelled: () => Atomics.load(call.cancel, 0) === 1,
      ask,
      askSync,
      emit,
    };
    try {
      const handler = Object.hasOwn(handlers, call.op) ? handlers[call.op as keyof Ops] : undefined;
      if (!handler) throw new Error(`Unknown worker operation: ${call.op}`);
      const answer = await handler(call.args as Ops[keyof Ops]['args'], hooks);
      if (answer instanceof Moved) post({ t: 'done', id, value: answer.value }, answer.transfer);
      else post({ t: 'done', id, value: answer });
    } catch (error) {
      post({ t: 'error', id, error: errorToShape(error) });
    }
    if (handlers[IDLE]) {
      await new Promise((resolve) => setImmediate(resolve));
      idle(handlers);
    }
  };

  port.on('message', (m: ToWorker) => {
    if (m.t === 'answer') {
      const question = questions.get(m.id);
      questions.delete(m.id);
      if (m.ok) question?.resolve(m.value);
      else question?.reject(errorFromShape(m.error));
      return;
    }
    if (!options.sequential) return void run(m);
    queue = queue.then(() => run(m));
  });
}
