/**
 * One team database connection that answers synchronously, so the services and
 * repositories written for SQLite's synchronous driver run unchanged over PostgreSQL
 * (docs/decisions.md, "The team database behind the same storage"). The client runs in a
 * thread of its own (connection-worker.mts); this thread posts a query and waits for the
 * answer, as it waits for SQLite's disk today. Only the data host and the CLI open one:
 * never Electron's main thread, which must not wait.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type pg from 'pg';
import { AppError } from '../../domain/errors';
import type { TeamWaiting } from '../../domain/team-connection';
import { BUNDLED } from '../../bundled';

/** The built worker, next to the bundle that opens it; its source when running from source. */
const WORKER_FILE =
  process.env.VENDOR_RISK_PG_WORKER ??
  (BUNDLED ? join(__dirname, 'pg-connection.js') : join(__dirname, 'connection-worker.mts'));

/** How long a query may go unanswered before the server counts as unreachable. */
const ANSWER_TIMEOUT_MS = 60_000;
/**
 * What a thread's first answer may take on top: the thread starts, loads node-postgres and
 * logs in first (a login that gets no answer gives up after its own 10 s,
 * `connectionTimeoutMillis` in connection.ts), all slower on a busy machine.
 */
const FIRST_ANSWER_ALLOWANCE_MS = 15_000;
/**
 * How long a query may go unanswered before whoever waits is told (the window says the team
 * database is not answering while the query goes on waiting, up to the timeout above).
 */
const WAITING_NOTICE_MS = 4_000;
/** How often a wait told of checks whether whoever shows it asked to stop waiting. */
const STOP_CHECK_MS = 200;

export interface QueryResult {
  rows: unknown[];
  rowCount: number;
}

/**
 * Whether a statement is a transaction's COMMIT: the one statement whose outcome is unknown
 * when its answer never comes (the server may have committed before the connection went).
 */
const isCommit = (text: string | undefined) => text !== undefined && /^\s*COMMIT\s*;?\s*$/i.test(text);
/** How a request the team database never took ends its message (the login's form leaves it out). */
export const NOTHING_SAVED = '; nothing was saved — try again when it is back';
/** What a save given up at its COMMIT says instead of {@link NOTHING_SAVED}. */
const MAY_HAVE_SAVED = 'the save may have been made — check once it is back before saving again';

/** What the database said when it refused a statement. */
export class DatabaseRefusal extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail: string | undefined,
  ) {
    super(message);
    this.name = 'DatabaseRefusal';
  }
}

export interface BlockingConnection {
  /** Runs one statement (or several, without values) and returns the last one's rows. */
  query(text: string, values?: readonly unknown[], options?: { arrays?: boolean }): QueryResult;
  /** Change notices on the channels given when opening, as they arrive (between queries). */
  onNotice(listener: (channel: string, payload: string) => void): void;
  /** Where it connects, for messages (no password). */
  readonly display: string;
  close(): void;
}

/** A connection thread without its owner yet: the worker, the owner's end of its port, its signal word. */
interface BareThread {
  worker: Worker;
  port: MessagePort;
  words: Int32Array;
}

/** Starts a connection thread; without settings, it loads and waits for `{ t: 'open' }`. */
function spawnThread(settings?: object): BareThread {
  const signal = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_FILE, {
    workerData: { ...settings, signal, port: port2 },
    transferList: [port2],
  });
  return { worker, port: port1, words: new Int32Array(signal) };
}

/** Where a thread started early waits for the first connection of this process to take it. */
const EARLY = Symbol.for('vendor-risk.team-connection-thread');

/**
 * Starts the connection's thread ahead of its first use, so that loading node-postgres goes on
 * while the rest of the program loads (the CLI calls this first when a command names a team
 * database). The first connection opened takes it; one never taken ends with the process.
 */
export function startConnectionEarly(): void {
  const holder = globalThis as { [EARLY]?: BareThread };
  if (holder[EARLY] || !existsSync(WORKER_FILE)) return;
  const early = spawnThread();
  early.worker.unref();
  holder[EARLY] = early;
}

function takeEarlyThread(): BareThread | undefined {
  const holder = globalThis as { [EARLY]?: BareThread };
  const early = holder[EARLY];
  delete holder[EARLY];
  return early;
}

/**
 * Waits until a connection thread's word says it has answered, until `until` (on
 * performance.now()'s clock), or until `stop`'s counter moves from `before` (read between
 * slices of the wait). A wake-up that finds the word still 0 is waited through: it is the
 * previous answer's notify arriving late (its thread was held up between setting the word and
 * notifying, as happens on a busy machine), and the answer to this query is yet to come.
 */
export function awaitAnswer(
  words: Int32Array,
  until: number,
  stop?: { counter: Int32Array; before: number },
): 'answered' | 'timed-out' | 'stopped' {
  for (;;) {
    if (Atomics.load(words, 0) !== 0) return 'answered';
    const left = until - performance.now();
    if (left <= 0) return 'timed-out';
    Atomics.wait(words, 0, 0, stop ? Math.min(left, STOP_CHECK_MS) : left);
    if (stop && Atomics.load(words, 0) === 0 && Atomics.load(stop.counter, 0) !== stop.before)
      return 'stopped';
  }
}

interface Answer {
  ok: boolean;
  rows?: unknown[];
  rowCount?: number;
  error?: { message: string; code?: string; detail?: string; lost: boolean; rolledBack?: boolean };
}

/**
 * Opens the connection's thread, which logs in at once. A query the server never answers
 * (it went away, the network dropped) throws `AppError('OFFLINE')`; the next query tries a
 * new connection, so work resumes when the server returns. A statement the server refuses
 * throws a {@link DatabaseRefusal} with its SQLSTATE.
 */
export function openBlockingConnection(
  config: pg.ClientConfig,
  options: {
    display: string;
    listen?: readonly string[];
    answerTimeoutMs?: number;
    /**
     * Told `waiting: true` when a query (the login's included) has gone unanswered for a few
     * seconds (the server may be away) while it goes on waiting, and `waiting: false` once it
     * is answered or given up (`OFFLINE`), with how long it has waited. Told from inside the
     * wait, so it must only pass the news on (post a message, write a line), never query.
     */
    onWaiting?(state: TeamWaiting): void;
    /** After how long an unanswered query is told to onWaiting. */
    waitingNoticeMs?: number;
    /**
     * A counter shared with whoever shows the waiting (the window's "Stop waiting"): adding one
     * to it gives up the wait told of, as the timeout would (`OFFLINE`). A thread that is
     * waiting cannot hear a message, so it reads the counter between short slices of its wait.
     */
    stopWaiting?: Int32Array;
  },
): BlockingConnection {
  const timeoutMs = options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
  const noticeMs = options.waitingNoticeMs ?? WAITING_NOTICE_MS;
  const tellWaiting = (state: TeamWaiting) => {
    try {
      options.onWaiting?.(state);
    } catch {
      // Telling is a courtesy: the query goes on whatever the listener does.
    }
  };
  if (!existsSync(WORKER_FILE))
    throw new Error(`The team database connection is missing from this installation (${WORKER_FILE})`);
  const { types: _types, ...cloneable } = config as pg.ClientConfig & { types?: unknown };
  const listeners: ((channel: string, payload: string) => void)[] = [];
  let closed = false;
  /** Whether the caller has a transaction open (a new thread must refuse the rest of it). */
  let inTransaction = false;

  interface Thread {
    worker: Worker;
    port: MessagePort;
    words: Int32Array;
    /** Why it stopped on its own (a crash); the next query starts another. */
    stopped: Error | null;
    /** Whether it has answered once (it has started and logged in). */
    answered: boolean;
  }
  let thread: Thread | null = null;
  /** The connection's thread, started now (it logs in at once) and again after one that stopped or hung. */
  const current = (): Thread => {
    if (thread && !thread.stopped) return thread;
    const settings = {
      config: cloneable,
      listen: options.listen ?? [],
      // A thread started in the middle of a transaction refuses the rest of it.
      transactionLost: inTransaction,
    };
    const early = takeEarlyThread();
    let started: Thread;
    if (early) {
      started = { ...early, stopped: null, answered: false };
      early.port.postMessage({ t: 'open', ...settings });
    } else {
      const spawned = spawnThread(settings);
      started = { ...spawned, stopped: null, answered: false };
    }
    const { worker } = started;
    // The process may end while the connection idles; notices keep nothing alive either.
    worker.unref();
    worker.on('message', (m: { t: string; channel: string; payload: string }) => {
      if (m.t === 'notice') for (const l of listeners) l(m.channel, m.payload);
    });
    worker.on('error', (error) => {
      started.stopped = error;
    });
    worker.on('exit', (code) => {
      started.stopped ??= new Error(`the team database connection stopped (exit code ${code})`);
    });
    thread = started;
    return started;
  };
  current();

  const ask = (message: {
    text?: string;
    t?: string;
    values?: readonly unknown[];
    arrays?: boolean;
  }): Answer => {
    if (closed) throw new AppError('OFFLINE', `The team database connection to ${options.display} is closed`);
    const t = current();
    Atomics.store(t.words, 0, 0);
    t.port.postMessage(message);
    const waitMs = t.answered ? timeoutMs : timeoutMs + FIRST_ANSWER_ALLOWANCE_MS;
    const asked = performance.now();
    let outcome = awaitAnswer(t.words, asked + Math.min(noticeMs, waitMs));
    // Unanswered for a while: whoever waits is told, and the wait goes on for the rest (in
    // slices when it can be stopped, the counter read before telling so a stop at once counts).
    if (outcome === 'timed-out' && noticeMs < waitMs) {
      const stop = options.stopWaiting;
      const before = stop ? Atomics.load(stop, 0) : 0;
      tellWaiting({ waiting: true, waitedMs: Math.round(performance.now() - asked) });
      outcome = awaitAnswer(t.words, asked + waitMs, stop && { counter: stop, before });
      tellWaiting({ waiting: false, waitedMs: Math.round(performance.now() - asked) });
    }
    if (outcome !== 'answered') {
      // A late answer must never be read as the next query's: this thread is ended, and the
      // next query starts another (which refuses the rest of a transaction under way).
      void t.worker.terminate();
      thread = null;
      const unconfirmed = isCommit(message.text);
      throw new AppError(
        'OFFLINE',
        (outcome === 'stopped'
          ? `Stopped waiting for the team database at ${options.display}`
          : `The team database at ${options.display} did not answer within ${Math.round(waitMs / 1000)} s`) +
          (unconfirmed ? ` after a save was sent to it: ${MAY_HAVE_SAVED}` : NOTHING_SAVED),
        undefined,
        { unconfirmed },
      );
    }
    t.answered = true;
    const received = receiveMessageOnPort(t.port);
    if (!received) throw new Error('the team database connection answered nothing');
    if (message.text !== undefined) {
      if (/^\s*BEGIN\b/i.test(message.text)) inTransaction = (received.message as Answer).ok;
      else if (/^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i.test(message.text)) inTransaction = false;
    }
    return received.message as Answer;
  };

  return {
    display: options.display,
    query(text, values = [], queryOptions = {}) {
      const answer = ask({ text, values, arrays: queryOptions.arrays ?? false });
      if (answer.ok) return { rows: answer.rows ?? [], rowCount: answer.rowCount ?? 0 };
      const error = answer.error!;
      if (error.lost && /password must be a string/.test(error.message))
        // node-postgres's words when the server asks for a password and none was given.
        throw new AppError(
          'INVALID_INPUT',
          `The team database at ${options.display} asks for a password: give it in the URL, in PGPASSWORD or ~/.pgpass, or run on a terminal to be asked for it`,
        );
      if (error.lost) {
        // A COMMIT the connection broke under may have been made; one refused because the
        // transaction was lost before it was not sent at all.
        const unconfirmed = isCommit(text) && !error.rolledBack;
        throw new AppError(
          'OFFLINE',
          unconfirmed
            ? `The connection to the team database at ${options.display} was lost (${error.message}) after a save was sent to it: ${MAY_HAVE_SAVED}`
            : `The team database at ${options.display} cannot be reached (${error.message})${NOTHING_SAVED}`,
          undefined,
          { unconfirmed },
        );
      }
      throw new DatabaseRefusal(error.message, error.code, error.detail);
    },
    onNotice(listener) {
      listeners.push(listener);
    },
    close() {
      if (closed) return;
      if (thread && !thread.stopped)
        try {
          ask({ t: 'close' });
        } catch {
          // Closing a connection that is gone already.
        }
      closed = true;
    },
  };
}
