/**
 * The thread that holds a team database connection for a thread that waits for each answer
 * (blocking-connection.ts): the data host, or the CLI. It runs node-postgres, which is
 * asynchronous, and answers each query on a port the waiting thread reads synchronously,
 * then wakes it through a shared word. Change notices (LISTEN) travel to the owner as
 * ordinary messages.
 *
 * Self-contained (only `pg` and Node's modules), so Node runs it from source in tests
 * (its types are stripped) and the build bundles it as `pg-connection.js`.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import pg from 'pg';

/** Where to connect: given at start, or in the first message of a thread started early. */
interface Open {
  config: pg.ClientConfig;
  /** Channels to LISTEN on (their notices go to the owner as `{ t: 'notice' }`). */
  listen: string[];
  /** Started again in the middle of the owner's transaction (the last thread hung): refuse the rest of it. */
  transactionLost?: boolean;
}

interface Start extends Partial<Open> {
  /** Word 0: 0 while a query runs, 1 when its answer is on the port. */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

interface Query {
  text: string;
  values: unknown[];
  arrays: boolean;
}

const start = workerData as Start;
const words = new Int32Array(start.signal);
/**
 * The connection's settings. A thread started early (the CLI starts it while it loads, when
 * the command names a team database: loading `pg` then costs no waiting) has none until its
 * owner sends `{ t: 'open' }`, always before its first query.
 */
let open: Open | null = start.config ? (start as Open) : null;

// The values the SQLite side gives: bigint counts and sums as numbers (audit numbers and
// sizes stay far below 2^53), booleans as 1/0, times as the text stored.
const NUMBER = (v: string) => Number(v);
const PARSERS: Record<number, (v: string) => unknown> = {
  20: NUMBER, // int8
  1700: NUMBER, // numeric
  16: (v) => (v === 't' ? 1 : 0), // bool
  1082: (v) => v, // date
  1114: (v) => v, // timestamp
  1184: (v) => v, // timestamptz
};
const types = {
  getTypeParser: (oid: number, format?: string) =>
    PARSERS[oid] ?? (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format),
};

let client: pg.Client | null = null;
let connecting: Promise<pg.Client> | null = null;
/** A transaction is open on the connection: BEGIN was answered, its COMMIT or ROLLBACK not yet. */
let inTransaction = false;
/**
 * The connection was lost inside a transaction (the server rolled it back). Until its owner
 * ends it, every statement is refused as lost: run on a new connection, the rest of the
 * transaction would be saved piece by piece without its first part (a half-written change).
 */
let transactionLost = false;

/**
 * A login the server refused (class 28: a wrong password, no such role), by its settings' key,
 * until a query is told. Neither the taker's settings (when the same) nor that query log in
 * again: one typo is one failed login on the server, not three (the early start-up's, the
 * taker's and the query's), which matters where failed logins lock an account. After it is
 * told, the next query tries again (a password changed on the server meanwhile).
 */
let refused: { key: string; error: unknown } | null = null;

/** What a login depends on: settings with the same key share a connection. */
const loginKey = (settings: Open) => JSON.stringify([settings.config, settings.listen]);

/**
 * Takes the settings, and connects at once: the owner's first query finds the login done or
 * under way. A thread started early may be told twice: first by the CLI's start-up (which
 * read the URL before the program loaded), then by the connection that takes it; the login
 * begun with the same settings is kept, one with other settings is dropped for a new one.
 */
function opened(settings: Open): void {
  const same = open !== null && loginKey(open) === loginKey(settings);
  open = settings;
  transactionLost = Boolean(settings.transactionLost);
  if (transactionLost) {
    inTransaction = true;
    return;
  }
  if (same && (client || connecting || refused?.key === loginKey(settings))) return;
  if (!same) {
    const old = client;
    client = null;
    connecting = null;
    old?.end().catch(() => undefined);
  }
  // A failure here is the first query's to report (it tries again).
  connect().catch(() => undefined);
}
if (open) opened(open);

const BEGINS = /^\s*BEGIN\b/i;
/** COMMIT or ROLLBACK of the whole transaction (not ROLLBACK TO SAVEPOINT). */
const ENDS = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

/** The connection went away: a transaction under way went with it. */
function lost(c: pg.Client): void {
  if (client !== c) return;
  client = null;
  if (inTransaction) transactionLost = true;
}

/** Logs in with `settings` and listens on their channels. */
async function login(settings: Open): Promise<pg.Client> {
  const c = new pg.Client({ ...settings.config, types } as pg.ClientConfig);
  // A server that goes away: the next query connects again (a transaction under way is lost
  // with the connection, and its caller is told).
  c.on('error', () => lost(c));
  c.on('end', () => lost(c));
  c.on('notification', (n) =>
    parentPort!.postMessage({ t: 'notice', channel: n.channel, payload: n.payload ?? '' }),
  );
  try {
    await c.connect();
    for (const channel of settings.listen) await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  } catch (error) {
    c.end().catch(() => undefined);
    throw error;
  }
  return c;
}

/** The connection: the login under way, or a new one with the current settings. */
function connect(): Promise<pg.Client> {
  if (connecting) return connecting;
  const settings = open!;
  const attempt: Promise<pg.Client> = login(settings)
    .catch((error: unknown) => {
      if (/^28/.test(String((error as { code?: unknown })?.code)))
        refused = { key: loginKey(settings), error };
      throw error;
    })
    .then((c) => {
      if (loginKey(open!) === loginKey(settings)) return (client = c);
      // Other settings came while logging in (opened): this login is not the one wanted any more.
      c.end().catch(() => undefined);
      if (connecting === attempt) connecting = null;
      return connect();
    })
    .finally(() => {
      if (connecting === attempt) connecting = null;
    });
  connecting = attempt;
  return attempt;
}

function answer(message: unknown): void {
  start.port.postMessage(message);
  Atomics.store(words, 0, 1);
  Atomics.notify(words, 0);
}

function errorShape(error: unknown): Record<string, unknown> {
  const e = error as Record<string, unknown> & Error;
  if (error instanceof AggregateError && error.errors.length) return errorShape(error.errors[0]);
  return {
    message: e?.message || String(e?.code ?? error),
    code: typeof e?.code === 'string' ? e.code : undefined,
    detail: typeof e?.detail === 'string' ? e.detail : undefined,
    hint: typeof e?.hint === 'string' ? e.hint : undefined,
    // A query the server never answered, or answered by closing the connection (class 08:
    // connection exception; 57P: the server shutting down or restarting): the connection is
    // gone, not a refusal.
    lost:
      !(typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) ||
      /^(08|57P0[1-3])/.test(String(e?.code)),
  };
}

start.port.on('message', (q: Query | { t: 'close' } | ({ t: 'open' } & Open)) => {
  if ('t' in q && q.t === 'open') return opened(q);
  if ('t' in q) {
    // The goodbye is written to the socket at once; the owner need not wait for the server to
    // hang up (the thread ends when it has). A login under way is let finish, then ended.
    const ending = client
      ? client.end()
      : (connecting?.then((c) => c.end()) ?? Promise.resolve()).catch(() => undefined);
    answer({ ok: true, rows: [], rowCount: 0 });
    void ending.finally(() => process.exit(0));
    return;
  }
  const ends = ENDS.test(q.text);
  if (transactionLost) {
    if (ends) {
      transactionLost = false;
      inTransaction = false;
    }
    // Ending it is all that is left to do: a ROLLBACK is what the server did already.
    if (ends && /^\s*ROLLBACK/i.test(q.text)) answer({ ok: true, rows: [], rowCount: 0 });
    else
      answer({
        ok: false,
        error: {
          message: 'the connection was lost in the middle of a transaction, which the server rolled back',
          lost: true,
          // Known not saved: the statement (a COMMIT too) was never sent.
          rolledBack: true,
        },
      });
    return;
  }
  void (async () => {
    let c: pg.Client | null = null;
    try {
      // A refused login is told once, without logging in again (`refused`).
      const told = refused?.key === loginKey(open!) ? refused.error : undefined;
      refused = null;
      if (told) throw told;
      c = client ?? (await connect());
      const config = { text: q.text, values: q.values, ...(q.arrays ? { rowMode: 'array' } : {}) };
      const r = await c.query(config as pg.QueryConfig);
      if (BEGINS.test(q.text)) inTransaction = true;
      else if (ends) inTransaction = false;
      // A multi-statement text answers with one result per statement: the last one's rows.
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      answer({ ok: true, rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 });
    } catch (error) {
      if (refused?.error === error) refused = null; // this query's own login: told now
      const shape = errorShape(error);
      if (ends) inTransaction = false;
      else if (shape.lost && c) lost(c);
      answer({ ok: false, error: shape });
    }
  })();
});
