/**
 * The one message protocol between a thread and the workers it starts (the data host,
 * the import, report and data workers): calls with ids, progress, answers, errors as
 * codes, questions the worker asks back, and one-way events.
 */
import { AppError, ERROR_CODES, type AppErrorShape } from '../domain/errors';

/** What the caller sends. */
export type ToWorker =
  | { t: 'call'; id: number; op: string; args: unknown; cancel: Int32Array }
  /** The answer to a question the worker asked with `ask`. */
  | { t: 'answer'; id: number; ok: true; value: unknown }
  | { t: 'answer'; id: number; ok: false; error: ErrorShape };

/** What the worker sends. */
export type FromWorker =
  | { t: 'progress'; id: number; done: number; total: number; message: string }
  | { t: 'done'; id: number; value: unknown }
  | { t: 'error'; id: number; error: ErrorShape }
  /** A question for the caller; answered with an `answer` message. */
  | { t: 'ask'; id: number; op: string; args: unknown }
  /**
   * A question the worker waits for with its thread stopped (for APIs that answer at once,
   * like the OS keychain): the answer is written into `slot` as JSON.
   */
  | { t: 'askSync'; op: string; args: unknown; slot: SharedArrayBuffer }
  | { t: 'event'; name: string; payload: unknown };

/**
 * An error as it crosses threads: the shape the dispatcher answers with (its code is checked
 * again on arrival, as a thread of another build could send any).
 */
export type ErrorShape = AppErrorShape;

/** An error as it crosses threads. */
export function errorToShape(error: unknown): ErrorShape {
  if (error instanceof AppError) return error.toShape();
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** An error from another thread: an AppError when its code is one the app gives users, else an Error. */
export function errorFromShape(shape: ErrorShape): Error {
  return (ERROR_CODES as readonly string[]).includes(shape.code) && shape.code !== 'INTERNAL'
    ? new AppError(shape.code, shape.message, shape.details, { unconfirmed: shape.unconfirmed })
    : new Error(shape.message);
}

/** Bytes for a synchronous answer: a state word, a length word, then the JSON. */
export const SYNC_SLOT_BYTES = 64 * 1024;
/** State word values: waiting, answered, failed. */
export const SLOT_WAITING = 0;
export const SLOT_ANSWERED = 1;
export const SLOT_FAILED = 2;

/** Writes a synchronous answer (or failure) into its slot and wakes the waiting worker. */
export function writeSlot(
  slot: SharedArrayBuffer,
  state: typeof SLOT_ANSWERED | typeof SLOT_FAILED,
  value: unknown,
): void {
  const words = new Int32Array(slot, 0, 2);
  let bytes = new TextEncoder().encode(JSON.stringify(value ?? null));
  if (bytes.length > slot.byteLength - 8) {
    state = SLOT_FAILED;
    bytes = new TextEncoder().encode(
      JSON.stringify({ code: 'INTERNAL', message: 'The answer was too large' }),
    );
  }
  new Uint8Array(slot, 8).set(bytes);
  words[1] = bytes.length;
  Atomics.store(words, 0, state);
  Atomics.notify(words, 0);
}

/** Reads an answered slot: the value, or throws the failure. */
export function readSlot(slot: SharedArrayBuffer): unknown {
  const words = new Int32Array(slot, 0, 2);
  const text = new TextDecoder().decode(new Uint8Array(slot, 8, words[1]).slice());
  const value: unknown = JSON.parse(text);
  if (Atomics.load(words, 0) === SLOT_FAILED) throw errorFromShape(value as ErrorShape);
  return value;
}
