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
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type pg from 'pg';
import { AppError } from '../../domain/errors';
import { BUNDLED } from '../../bundled';

/** The built worker, next to the bundle that opens it; its source when running from source. */
const WORKER_FILE =
  process.env.VENDOR_RISK_PG_WORKER ??
  (BUNDLED ? join(__dirname, 'pg-connection.js') : join(__dirname, 'connection-worker.mts'));

/** How long a query may go unanswered before the server counts as unreachable. */
const ANSWER_TIMEOUT_MS = 60_000;

export interface QueryResult {
  rows: unknown[];
  rowCount: number;
}

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

interface Answer {
  ok: boolean;
  rows?: unknown[];
  rowCount?: number;
  error?: { message: string; code?: string; detail?: string; lost: boolean };
}

/**
 * Opens the connection's thread; the first query connects. A query the server never answers
 * (it went away, the network dropped) throws `AppError('OFFLINE')`; the next query tries a
 * new connection, so work resumes when the server returns. A statement the server refuses
 * throws a {@link DatabaseRefusal} with its SQLSTATE.
 */
export function openBlockingConnection(
  config: pg.ClientConfig,
  options: { display: string; listen?: readonly string[] },
): BlockingConnection {
  if (!existsSync(WORKER_FILE))
    throw new Error(`The team database connection is missing from this installation (${WORKER_FILE})`);
  const signal = new SharedArrayBuffer(4);
  const words = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const { types: _types, ...cloneable } = config as pg.ClientConfig & { types?: unknown };
  const worker = new Worker(WORKER_FILE, {
    workerData: { config: cloneable, signal, port: port2, listen: options.listen ?? [] },
    transferList: [port2],
  });
  // The process may end while the connection idles; notices keep nothing alive either.
  worker.unref();
  const listeners: ((channel: string, payload: string) => void)[] = [];
  worker.on('message', (m: { t: string; channel: string; payload: string }) => {
    if (m.t === 'notice') for (const l of listeners) l(m.channel, m.payload);
  });
  let stopped: Error | null = null;
  worker.on('error', (error) => {
    stopped = error;
  });
  worker.on('exit', (code) => {
    stopped ??= new Error(`the team database connection stopped (exit code ${code})`);
  });

  const ask = (message: unknown): Answer => {
    if (stopped)
      throw new AppError(
        'OFFLINE',
        `The team database at ${options.display} is unavailable: ${stopped.message}`,
      );
    Atomics.store(words, 0, 0);
    port1.postMessage(message);
    if (Atomics.wait(words, 0, 0, ANSWER_TIMEOUT_MS) === 'timed-out')
      throw new AppError('OFFLINE', `The team database at ${options.display} did not answer within a minute`);
    const received = receiveMessageOnPort(port1);
    if (!received) throw new Error('the team database connection answered nothing');
    return received.message as Answer;
  };

  return {
    display: options.display,
    query(text, values = [], queryOptions = {}) {
      const answer = ask({ text, values, arrays: queryOptions.arrays ?? false });
      if (answer.ok) return { rows: answer.rows ?? [], rowCount: answer.rowCount ?? 0 };
      const error = answer.error!;
      if (error.lost)
        throw new AppError(
          'OFFLINE',
          `The team database at ${options.display} cannot be reached (${error.message}); nothing was saved — try again when it is back`,
        );
      throw new DatabaseRefusal(error.message, error.code, error.detail);
    },
    onNotice(listener) {
      listeners.push(listener);
    },
    close() {
      if (stopped) return;
      try {
        ask({ t: 'close' });
      } catch {
        // Closing a connection that is gone already.
      }
      stopped = new Error('closed');
    },
  };
}
