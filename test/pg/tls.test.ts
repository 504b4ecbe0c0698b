import { describe, expect, inject, it } from 'vitest';
import { withTeamClient } from '../../electron/storage/pg/client';
import { serverUrl, urlWith } from './support';

const server = serverUrl();
const ca = inject('pgCaFile');
if (server && !ca) console.warn('skipped: the test server runs without TLS (openssl not found)');

/** Whether the session the URL opens is encrypted, or the error that refused it. */
async function encrypted(url: string): Promise<boolean | string> {
  try {
    return await withTeamClient(url, async (client) => {
      const r = await client.query<{ ssl: boolean }>(
        'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      return r.rows[0]!.ssl;
    });
  } catch (error) {
    return (error as Error).message;
  }
}

describe.skipIf(!server || !ca)(
  'TLS to the team database (a server whose certificate names localhost)',
  () => {
    const at = (host: string, query: string) => {
      const u = new URL(urlWith(server!, {}));
      u.hostname = host;
      return `${u.toString()}?${query}`;
    };

    it('encrypts with sslmode=require, and verifies the server with verify-full and its CA', async () => {
      expect(await encrypted(at('127.0.0.1', 'sslmode=require'))).toBe(true);
      expect(await encrypted(at('localhost', `sslmode=verify-full&sslrootcert=${ca}`))).toBe(true);
      expect(await encrypted(at('127.0.0.1', `sslmode=verify-ca&sslrootcert=${ca}`))).toBe(true);
      expect(await encrypted(at('127.0.0.1', ''))).toBe(false);
    });

    it('refuses a certificate for another name, or one no trusted CA signed, under verify-full', async () => {
      expect(await encrypted(at('127.0.0.1', `sslmode=verify-full&sslrootcert=${ca}`))).toMatch(
        /^cannot connect to .*: Hostname\/IP does not match certificate's altnames/,
      );
      expect(await encrypted(at('localhost', 'sslmode=verify-full'))).toMatch(
        /^cannot connect to .*: the server's certificate is not signed by a CA this machine trusts \(\w+\): give the team's CA with sslrootcert=FILE$/,
      );
    });
  },
);
