/**
 * What the team edition's tests share: the throwaway server's URL (test/pg/global-setup.ts),
 * a fresh database per test file, logins as the roles, and psql as one of them.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Conf from 'conf';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createServices } from '../../electron/services/services';
import { addTeamUser, initTeamDatabase } from '../../electron/storage/pg/team-setup';
import { tempDir } from '../unit/helpers';

/** The owner's URL of the test server, or null (the reason is printed once per file). */
export function serverUrl(): string | null {
  const url = inject('pgUrl');
  if (!url) console.warn(`skipped: ${inject('pgSkipReason')}`);
  return url;
}

/** The URL with another login, password and/or database. */
export function urlWith(
  url: string,
  change: { user?: string; password?: string; database?: string },
): string {
  const u = new URL(url);
  if (change.user !== undefined) u.username = encodeURIComponent(change.user);
  if (change.password !== undefined) u.password = encodeURIComponent(change.password);
  if (change.database !== undefined) u.pathname = `/${change.database}`;
  return u.toString();
}

/** A short name no other test uses (databases and logins are the server's). */
export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;

/** A fresh, empty database on the server (dropped after the file); its owner's URL. */
export async function freshDatabase(ownerUrl: string): Promise<string> {
  const name = uniqueName('vrtest');
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  afterAll(async () => {
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return urlWith(ownerUrl, { database: name });
}

/** A connected client with the team schema on its search path; closed after the file. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: '-c search_path=vendor_risk' });
  client.on('error', () => undefined);
  await client.connect();
  afterAll(() => client.end().catch(() => undefined));
  return client;
}

/** What psql printed and how it ended, run as the URL's login. */
export function psql(url: string, sql: string): { status: number | null; stdout: string; stderr: string } {
  const bin = inject('pgBin');
  const u = new URL(url);
  const r = spawnSync(
    bin ? join(bin, 'psql') : 'psql',
    [
      '-X',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      u.hostname,
      '-p',
      u.port,
      '-U',
      decodeURIComponent(u.username),
      '-d',
      u.pathname.slice(1),
      '-At',
      '-c',
      sql,
    ],
    { encoding: 'utf8', env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } },
  );
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

/** Runs `vendor-risk` with the given arguments and environment, as a script would. */
export async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../electron/cli');
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env,
  });
  return { code, stdout, stderr };
}

/**
 * A fresh database prepared by `team init`, with an admin and a procurement login (each
 * named uniquely, with `password`): the owner's URL and client, and each login's URL.
 */
export async function teamWithAdminAndBuyer(
  ownerOfServer: string,
  password: string,
): Promise<{ owner: string; ownerClient: pg.Client; admin: string; buyer: string }> {
  const owner = await freshDatabase(ownerOfServer);
  const ownerClient = await connect(owner);
  await initTeamDatabase(ownerClient);
  const a = uniqueName('admin');
  const b = uniqueName('buyer');
  await addTeamUser(ownerClient, a, 'admin', password);
  await addTeamUser(ownerClient, b, 'procurement', password);
  return {
    owner,
    ownerClient,
    admin: urlWith(owner, { user: a, password }),
    buyer: urlWith(owner, { user: b, password }),
  };
}

/** The services of a new data folder on the team database `database`, unlocked with `passphrase` if given. */
export function teamServices(database: string, passphrase?: string) {
  const dataDir = tempDir();
  return createServices({
    dataDir,
    preferences: new Conf({ cwd: dataDir, configName: 'preferences' }),
    appVersion: 'test',
    database,
    encryption: { passphrase },
  });
}
