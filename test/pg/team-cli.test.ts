import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from '../../electron/storage/pg/team-setup';
import { tempDir } from '../unit/helpers';
import { countingProxy } from './counting-proxy';
import {
  cli,
  connect,
  freshDatabase,
  serverUrl,
  teamWithAdminAndBuyer,
  uniqueName,
  urlWith,
} from './support';

const server = serverUrl();

describe.skipIf(!server)('vendor-risk team (against a throwaway PostgreSQL server)', () => {
  let url = '';
  beforeAll(async () => {
    url = await freshDatabase(server!);
  });

  it('prepares an empty database, and a second run changes nothing but says so', async () => {
    const first = await cli(['team', 'init', '--database', url, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.alreadyTeam).toBe(false);
    expect(report.migrations.map((m: { version: number }) => m.version)).toEqual(
      PG_MIGRATIONS.map((m) => m.version),
    );
    expect(report.roles.map((r: { group: string }) => r.group)).toEqual([
      'vr_admin',
      'vr_procurement',
      'vr_security',
      'vr_legal',
      'vr_viewer',
    ]);
    expect(report.tables).toBeGreaterThanOrEqual(30);
    expect(report.policies).toBeGreaterThan(0);

    const again = await cli(['team', 'init', '--json'], { VENDOR_RISK_DATABASE_URL: url });
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.alreadyTeam).toBe(true);
    expect(second.migrations).toEqual([]);
    expect(second.roles.every((r: { created: boolean }) => !r.created)).toBe(true);
    expect(second.policies).toBe(report.policies);

    const text = await cli(['team', 'init', '--database', url]);
    expect(text.stdout).toMatch(/is a team database already .*Nothing to migrate/s);
  });

  it('prepares a database for an owner who is not a superuser, only CREATEROLE', async () => {
    const ownerName = uniqueName('owner');
    const password = 'owner password 12345';
    const admin = await connect(server!);
    const db = uniqueName('vrtest');
    await admin.query(`CREATE ROLE ${ownerName} LOGIN CREATEROLE PASSWORD '${password}'`);
    await admin.query(`CREATE DATABASE ${db} OWNER ${ownerName}`);
    afterAll(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${ownerName}`);
    });
    const ownerUrl = urlWith(server!, { user: ownerName, password, database: db });
    const r = await cli(['team', 'init', '--database', ownerUrl, '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).migrations).toHaveLength(PG_MIGRATIONS.length);
    const user = uniqueName('pat');
    const added = await cli(['team', 'user', 'add', user, '--role', 'procurement', '--database', ownerUrl], {
      VENDOR_RISK_NEW_PASSWORD: 'procurement password 1',
    });
    expect(added.code).toBe(0);
    // The login works in that database through the owner's functions (the audit trail).
    const asPat = await connect(urlWith(ownerUrl, { user, password: 'procurement password 1' }));
    const entry = await asPat.query(
      "SELECT entry_id FROM vr_audit_append(NULL, 'vendor', NULL, 'create', NULL, NULL)",
    );
    expect(entry.rows[0].entry_id).toBe('1');
  });

  it('refuses a database that holds something else, and changes nothing in it', async () => {
    const other = await freshDatabase(server!);
    const client = await connect(other);
    await client.query('CREATE TABLE public.payroll (id integer)');
    const r = await cli(['team', 'init', '--database', other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vendor-risk: the database is not empty \(schema public: 1 tables/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const schemas = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = 'vendor_risk'");
    expect(schemas.rowCount).toBe(0);
  });

  it('creates a login in a role without ever printing its password, and lists the logins', async () => {
    const name = uniqueName('dana');
    const password = 'a long enough secret 42';
    const r = await cli(['team', 'user', 'add', name, '--role', 'legal', '--database', url], {
      VENDOR_RISK_NEW_PASSWORD: password,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Created the login ${name} in the role legal (vr_legal)`);
    expect(r.stdout + r.stderr).not.toContain(password);

    // The login works with its password, and is a member of the legal group only.
    const asDana = new pg.Client({ connectionString: urlWith(url, { user: name, password }) });
    await asDana.connect();
    const who = await asDana.query(
      "SELECT session_user::text AS me, pg_has_role('vr_legal', 'member') AS legal",
    );
    await asDana.end();
    expect(who.rows[0]).toEqual({ me: name, legal: true });

    const dup = await cli(['team', 'user', 'add', name, '--role', 'viewer', '--database', url], {
      VENDOR_RISK_NEW_PASSWORD: password,
    });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toBe(`vendor-risk: a login named ${name} exists already\n`);

    // Any login may list the team, with --json or as a table.
    const list = await cli(['team', 'users', '--json', '--database', urlWith(url, { user: name, password })]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).users).toContainEqual({ name, roles: ['legal'], canLogin: true });
    const table = await cli(['team', 'users', '--database', url]);
    expect(table.stdout).toMatch(new RegExp(`^${name}\\s+legal$`, 'm'));

    // A login disabled by hand is still listed, as one that cannot log in.
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    await owner.query(`ALTER ROLE "${name}" NOLOGIN`);
    await owner.end();
    const disabled = await cli(['team', 'users', '--database', url]);
    expect(disabled.stdout).toMatch(new RegExp(`^${name}\\s+legal \\(cannot log in\\)$`, 'm'));
  });

  it('refuses what it cannot do with exit codes 1 and 2 and one line', async () => {
    const noDb = await cli(['team', 'users']);
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toMatch(/^vendor-risk: no team database: give --database/);

    const badRole = await cli(['team', 'user', 'add', 'x', '--role', 'boss', '--database', url]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain("unknown role 'boss'");

    const short = await cli(['team', 'user', 'add', 'shorty', '--role', 'viewer', '--database', url], {
      VENDOR_RISK_NEW_PASSWORD: 'short',
    });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('the password is too short');

    // TLS is required off this machine: refused before anything is sent.
    const plain = await cli([
      'team',
      'users',
      '--database',
      'postgresql://dana@db.example.internal/team?sslmode=disable',
    ]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe(
      'vendor-risk: TLS is required for db.example.internal (not this machine): use sslmode=verify-full (or require), not disable\n',
    );

    const wrong = await cli(['team', 'users', '--database', urlWith(url, { password: 'not-the-password' })]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(
      /^vendor-risk: cannot connect to postgresql:\/\/owner@127\.0\.0\.1:\d+\/vrtest_\w+: password authentication failed/,
    );
  });

  it('refuses to create a login for a user who may not, naming their role', async () => {
    const name = uniqueName('vic');
    const password = 'viewer password 1234';
    await cli(['team', 'user', 'add', name, '--role', 'viewer', '--database', url], {
      VENDOR_RISK_NEW_PASSWORD: password,
    });
    const r = await cli(
      [
        'team',
        'user',
        'add',
        uniqueName('eve'),
        '--role',
        'admin',
        '--database',
        urlWith(url, { user: name, password }),
      ],
      { VENDOR_RISK_NEW_PASSWORD: password },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^vendor-risk: the database refused: permission denied to create role \\(${name} is in vr_viewer\\)`,
      ),
    );
  });
});

describe.skipIf(!server)('a command on a team database that goes quiet', () => {
  it('says on a terminal that it waits for the database, erases that once it answers, and prints the list', async () => {
    const { buyer } = await teamWithAdminAndBuyer(server!, 'buyer password 1234');
    const dataDir = tempDir();
    const added = await cli(
      ['vendors', 'add', '--name', 'Quiet Line Freight', '--category', '3pl', '--data-dir', dataDir],
      { VENDOR_RISK_DATABASE_URL: buyer },
    );
    expect(added.code).toBe(0);
    // The command's connection passes through a proxy that holds everything for 8 s, past the
    // 4 s after which the connection says it waits (the login is held too).
    const proxy = countingProxy(new URL(buyer));
    try {
      const url = new URL(buyer);
      url.port = String(proxy.port);
      proxy.holdFor(8000);
      const { main } = await import('../../electron/cli');
      let stdout = '';
      let stderr = '';
      const code = await main(
        ['vendors', 'list', '--json', '--data-dir', dataDir, '--database', url.toString()],
        {
          stdout: (s) => void (stdout += s),
          stderr: (s) => void (stderr += s),
          env: {},
          stderrIsTTY: true,
        },
      );
      expect(code).toBe(0);
      expect(stderr).toContain('The team database is not answering; waiting for it (up to a minute)…');
      // The line is erased once the database answers: what follows starts on a clean line.
      expect(stderr.endsWith('\r\x1b[2K')).toBe(true);
      expect((JSON.parse(stdout) as { items: { name: string }[] }).items.map((v) => v.name)).toEqual([
        'Quiet Line Freight',
      ]);
    } finally {
      await proxy.close();
    }
  });
});
