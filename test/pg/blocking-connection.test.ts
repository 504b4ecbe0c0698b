import { describe, expect, it } from 'vitest';
import { openBlockingConnection } from '../../electron/storage/pg/blocking-connection';
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
