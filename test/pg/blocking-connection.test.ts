import { describe, expect, it } from 'vitest';
import type { TeamWaiting } from '../../electron/domain/team-connection';
import { Worker, type MessagePort } from 'node:worker_threads';
import {
  openBlockingConnection,
  startConnectionEarly,
  type BlockingConnection,
} from '../../electron/storage/pg/blocking-connection';
import { countingProxy } from './counting-proxy';
import { serverUrl, uniqueName } from './support';
import { AppError } from '../../electron/domain/errors';
import { teamConnection } from '../../electron/storage/pg/connection';

const server = serverUrl();

describe.skipIf(!server)('a team database connection that stops answering', () => {
  it('gives up after its timeout, never reads the late answer as the next one, and refuses the rest of a transaction', () => {
    const conn = openBlockingConnection(
      { connectionString: server! },
      { display: 'the test server', answerTimeoutMs: 1000 },
    );
    try {
      expect(conn.query('SELECT 41 + 1 AS n').rows).toEqual([{ n: 42 }]);
      expect(() => conn.query('SELECT pg_sleep(3), 7 AS late')).toThrow(/did not answer within 1 s/);
      // The next query is answered by a new connection: its own answer, not the late one.
      expect(conn.query('SELECT 5 AS n').rows).toEqual([{ n: 5 }]);

      conn.query('BEGIN');
      expect(() => conn.query('SELECT pg_sleep(3)')).toThrow(/did not answer/);
      // The transaction went with the old connection: the rest of it is refused, not run on its own.
      expect(() => conn.query('SELECT 1')).toThrow(/lost in the middle of a transaction/);
      conn.query('ROLLBACK');
      conn.query('BEGIN');
      expect(conn.query('SELECT 3 AS n').rows).toEqual([{ n: 3 }]);
      conn.query('COMMIT');
    } finally {
      conn.close();
    }
  });
});

describe.skipIf(!server)('a save whose answer never comes back', () => {
  it('says it may have been made when that was its COMMIT (it was), and that nothing was saved before (nothing was)', () => {
    const table = uniqueName('unconfirmed');
    const check = openBlockingConnection({ connectionString: server! }, { display: 'the test server' });
    check.query(`CREATE TABLE ${table} (n int)`);
    const count = () => (check.query(`SELECT count(*)::int AS n FROM ${table}`).rows[0] as { n: number }).n;
    // The way back is lost: what is asked reaches the server and is done there.
    const proxy = countingProxy(new URL(server!));
    const url = new URL(server!);
    url.port = String(proxy.port);
    const conn = openBlockingConnection(
      { connectionString: url.toString() },
      { display: 'the test server', answerTimeoutMs: 1000 },
    );
    const refusal = (run: () => void): AppError => {
      try {
        run();
      } catch (error) {
        if (error instanceof AppError) return error;
        throw error;
      }
      throw new Error('it was answered');
    };
    try {
      conn.query('BEGIN');
      conn.query(`INSERT INTO ${table} VALUES (1)`);
      proxy.holdAnswers();
      const atCommit = refusal(() => conn.query('COMMIT'));
      expect(atCommit.code).toBe('OFFLINE');
      expect(atCommit.message).toBe(
        'The team database at the test server did not answer within 1 s after a save was sent to it: the save may have been made — check once it is back before saving again',
      );
      expect(atCommit.toShape()).toMatchObject({ code: 'OFFLINE', unconfirmed: true });
      // And it was made (waited for: the server may be slow to get to it).
      for (const deadline = Date.now() + 30_000; count() === 0 && Date.now() < deadline;)
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      expect(count()).toBe(1);

      proxy.release();
      conn.query('ROLLBACK'); // as the storage's transaction ends one whose COMMIT failed
      conn.query('BEGIN');
      proxy.holdAnswers();
      const before = refusal(() => conn.query(`INSERT INTO ${table} VALUES (2)`));
      expect(before.message).toBe(
        'The team database at the test server did not answer within 1 s; nothing was saved — try again when it is back',
      );
      expect(before.toShape()).not.toHaveProperty('unconfirmed');
      proxy.release();
      conn.query('ROLLBACK');
      expect(count()).toBe(1);

      // A COMMIT after the connection was lost mid-transaction is never sent: nothing was saved.
      conn.query('BEGIN');
      conn.query(`INSERT INTO ${table} VALUES (3)`);
      const pid = (conn.query('SELECT pg_backend_pid() AS pid').rows[0] as { pid: number }).pid;
      check.query('SELECT pg_terminate_backend($1)', [pid]);
      expect(() => conn.query('SELECT 1')).toThrow(/nothing was saved/);
      const afterLoss = refusal(() => conn.query('COMMIT'));
      expect(afterLoss.message).toMatch(/lost in the middle of a transaction.*; nothing was saved/);
      expect(afterLoss.toShape()).not.toHaveProperty('unconfirmed');
      expect(count()).toBe(1);
    } finally {
      conn.close();
      check.query(`DROP TABLE ${table}`);
      check.close();
      void proxy.close();
    }
  });
});

describe.skipIf(!server)('a save abandoned in the middle of its transaction', () => {
  it('does not keep the writers’ lock from a colleague: the server ends the session after its idle limit', () => {
    const lock = 0x7465_7374; // a lock of this test's own, taken as the team's writers take theirs
    // The network between one person's app and the server drops (the proxy holds everything):
    // the app gives up, but the server keeps the session and its transaction.
    const proxy = countingProxy(new URL(server!));
    const url = new URL(server!);
    url.port = String(proxy.port);
    const gone = openBlockingConnection(teamConnection(url.toString()).config, {
      display: 'the one whose network dropped',
      answerTimeoutMs: 1000,
    });
    const colleague = openBlockingConnection(teamConnection(server!).config, { display: 'a colleague' });
    try {
      gone.query(`BEGIN; SELECT pg_advisory_xact_lock(${lock})`);
      proxy.hold();
      expect(() => gone.query('SELECT 1')).toThrow(/did not answer within 1 s; nothing was saved/);
      // The colleague's save waits for the lock until the server ends that session, within
      // its idle limit and well within the colleague's own minute (without the limit it would
      // wait for as long as the network stays down, and give up).
      const asked = performance.now();
      colleague.query(`BEGIN; SELECT pg_advisory_xact_lock(${lock})`);
      colleague.query('COMMIT');
      console.log(`the colleague had the lock ${Math.round(performance.now() - asked)} ms later`);
    } finally {
      gone.close();
      colleague.close();
      void proxy.close();
    }
  }, 150_000);
});

describe.skipIf(!server)('a team database connection that leaves a query unanswered for a while', () => {
  it('tells whoever waits, goes on waiting, and tells again once answered or given up', () => {
    const told: TeamWaiting[] = [];
    const conn = openBlockingConnection(
      { connectionString: server! },
      {
        display: 'the test server',
        waitingNoticeMs: 300,
        answerTimeoutMs: 2500,
        onWaiting: (state) => told.push(state),
      },
    );
    try {
      // pg_sleep holds the answer past the notice (certain, not timed): told, then answered.
      expect(conn.query('SELECT pg_sleep(1), 7 AS n').rows).toMatchObject([{ n: 7 }]);
      expect(told.map((t) => t.waiting)).toEqual([true, false]);
      expect(told[0]!.waitedMs).toBeGreaterThanOrEqual(300);
      expect(told[1]!.waitedMs).toBeGreaterThanOrEqual(1000);

      // Past the timeout: told, given up (OFFLINE), and told that the wait is over.
      told.length = 0;
      expect(() => conn.query('SELECT pg_sleep(4)')).toThrow(/did not answer within 3 s/);
      expect(told.map((t) => t.waiting)).toEqual([true, false]);
      expect(told[1]!.waitedMs).toBeGreaterThanOrEqual(2500);
    } finally {
      conn.close();
    }
  });

  it('gives the wait up at once when "Stop waiting" adds to the shared counter from another thread', () => {
    const stop = new Int32Array(new SharedArrayBuffer(4));
    // A stop pressed while nothing waits does not give up the next wait.
    Atomics.add(stop, 0, 1);
    // The window's side: another thread that adds to the counter once it hears of the wait,
    // as the main process does while the data host's thread is blocked waiting.
    const go = new Int32Array(new SharedArrayBuffer(4));
    const presser = new Worker(
      `const { workerData } = require('node:worker_threads');
       Atomics.wait(workerData.go, 0, 0);
       Atomics.add(workerData.stop, 0, 1);`,
      { eval: true, workerData: { go, stop } },
    );
    const told: TeamWaiting[] = [];
    const conn = openBlockingConnection(
      { connectionString: server! },
      {
        display: 'the test server',
        waitingNoticeMs: 300,
        stopWaiting: stop,
        onWaiting: (state) => {
          told.push(state);
          if (state.waiting && told.length > 2) {
            Atomics.store(go, 0, 1);
            Atomics.notify(go, 0);
          }
        },
      },
    );
    try {
      expect(conn.query('SELECT pg_sleep(1), 6 AS n').rows).toMatchObject([{ n: 6 }]);
      expect(told.map((t) => t.waiting)).toEqual([true, false]);
      // Without the stop this would be answered, 30 s later.
      expect(() => conn.query('SELECT pg_sleep(30)')).toThrow(
        /^Stopped waiting for the team database at the test server; nothing was saved/,
      );
      expect(told.map((t) => t.waiting)).toEqual([true, false, true, false]);
      // The next query is answered by a new connection.
      expect(conn.query('SELECT 9 AS n').rows).toEqual([{ n: 9 }]);
    } finally {
      conn.close();
      void presser.terminate();
    }
  });

  it('says nothing of a query answered before the notice, and a listener that throws breaks nothing', () => {
    const told: TeamWaiting[] = [];
    // The product's notice (a few seconds): a loopback SELECT is answered long before it.
    const conn = openBlockingConnection(
      { connectionString: server! },
      { display: 'the test server', onWaiting: (state) => told.push(state) },
    );
    const careless = openBlockingConnection(
      { connectionString: server! },
      {
        display: 'the test server',
        waitingNoticeMs: 300,
        onWaiting: () => {
          throw new Error('a careless listener');
        },
      },
    );
    try {
      for (let i = 0; i < 20; i++) expect(conn.query('SELECT $1::int AS n', [i]).rows).toEqual([{ n: i }]);
      expect(told).toEqual([]);
      expect(careless.query('SELECT pg_sleep(1), 8 AS n').rows).toMatchObject([{ n: 8 }]);
    } finally {
      conn.close();
      careless.close();
    }
  });
});

describe.skipIf(!server)('a connection thread started early', () => {
  it('is taken by the first connection opened, which logs in through it; the next one starts its own', () => {
    const key = Symbol.for('vendor-risk.team-connection-thread');
    const holder = globalThis as Record<symbol, unknown>;
    startConnectionEarly();
    const early = holder[key] as { worker: Worker } | undefined;
    expect(early?.worker).toBeDefined();
    // A second call while one waits starts no other.
    startConnectionEarly();
    expect(holder[key]).toBe(early);
    const first = openBlockingConnection({ connectionString: server! }, { display: 'the test server' });
    const second = openBlockingConnection({ connectionString: server! }, { display: 'the test server' });
    try {
      expect(holder[key]).toBeUndefined();
      expect(first.query('SELECT pg_backend_pid() AS pid, 1 AS n').rows).toMatchObject([{ n: 1 }]);
      const pids = [first, second].map(
        (c) => (c.query('SELECT pg_backend_pid() AS pid').rows[0] as { pid: number }).pid,
      );
      expect(new Set(pids).size).toBe(2);
    } finally {
      first.close();
      second.close();
    }
  });

  /** Starts a thread early and tells it where to log in, as the CLI's start-up does (bin/vendor-risk.cjs). */
  const startTold = (config: object, listen: string[] = []) => {
    const key = Symbol.for('vendor-risk.team-connection-thread');
    startConnectionEarly();
    const early = (globalThis as Record<symbol, unknown>)[key] as { port: MessagePort };
    early.port.postMessage({ t: 'open', config, listen });
  };
  /** The backends logged in under `name`, once at least `least` are (waits for that state, not for a time). */
  const backendsNamed = (observer: BlockingConnection, name: string, least: number): number[] => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows = observer.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [name])
        .rows as { pid: number }[];
      if (rows.length >= least || Date.now() > deadline) return rows.map((r) => r.pid);
    }
  };

  it('told where to log in before it is taken, keeps that login for a connection with the same settings', () => {
    const observer = openBlockingConnection({ connectionString: server! }, { display: 'the test server' });
    const name = `early-same-${process.pid}`;
    const config = { connectionString: server!, application_name: name };
    startTold(config);
    try {
      const [loggedIn] = backendsNamed(observer, name, 1);
      expect(loggedIn).toBeDefined();
      const conn = openBlockingConnection(config, { display: 'the test server' });
      try {
        expect((conn.query('SELECT pg_backend_pid() AS pid').rows[0] as { pid: number }).pid).toBe(loggedIn);
        expect(backendsNamed(observer, name, 1)).toEqual([loggedIn]);
      } finally {
        conn.close();
      }
    } finally {
      observer.close();
    }
  });

  it('told other settings than the connection that takes it, drops that login for one with the taker’s', () => {
    const observer = openBlockingConnection({ connectionString: server! }, { display: 'the test server' });
    const told = `early-told-${process.pid}`;
    const taker = `early-taker-${process.pid}`;
    startTold({ connectionString: server!, application_name: told });
    try {
      expect(backendsNamed(observer, told, 1)).toHaveLength(1);
      const conn = openBlockingConnection(
        { connectionString: server!, application_name: taker },
        { display: 'the test server' },
      );
      try {
        expect(conn.query("SELECT current_setting('application_name') AS name").rows).toEqual([
          { name: taker },
        ]);
        // The first login is ended, not left idle on the server.
        const deadline = Date.now() + 30_000;
        while (backendsNamed(observer, told, 0).length > 0 && Date.now() < deadline);
        expect(backendsNamed(observer, told, 0)).toEqual([]);
      } finally {
        conn.close();
      }
    } finally {
      observer.close();
    }
  });

  it('refused its login (a wrong password), tries it once on the server: not again for the taker or its first query', async () => {
    const proxy = countingProxy(new URL(server!));
    try {
      const wrong = new URL(server!);
      wrong.password = 'not-the-password';
      wrong.host = `127.0.0.1:${proxy.port}`;
      const config = { connectionString: wrong.href, application_name: `refused-${process.pid}` };
      startTold(config);
      // As in the CLI, the program has loaded (the taker comes) only after that login failed.
      proxy.waitClosed(1);
      const conn = openBlockingConnection(config, { display: 'the test server' });
      try {
        expect(() => conn.query('SELECT 1')).toThrow(/password authentication failed/);
        expect(proxy.connections()).toBe(1);
        // Told once: the next query logs in again (the password may have been changed since).
        expect(() => conn.query('SELECT 1')).toThrow(/password authentication failed/);
        expect(proxy.connections()).toBe(2);
      } finally {
        conn.close();
      }
    } finally {
      await proxy.close();
    }
  });
});
