import { describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { openBlockingConnection, startConnectionEarly } from '../../electron/storage/pg/blocking-connection';
import { serverUrl } from './support';

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
});
