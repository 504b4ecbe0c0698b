import { describe, expect, it } from 'vitest';
import { openTeamDatabase } from '../../electron/storage/pg/team-database';
import { addTeamUser, initTeamDatabase, PG_SCHEMA_VERSION } from '../../electron/storage/pg/team-setup';
import { connect, freshDatabase, serverUrl, uniqueName, urlWith } from './support';

const server = serverUrl();
const PASSWORD = 'open test password 1';

describe.skipIf(!server)('opening a team database', () => {
  it('refuses a database team init has not prepared, saying who prepares it', async () => {
    const empty = await freshDatabase(server!);
    expect(() => openTeamDatabase(empty)).toThrow(
      /is not a team database yet: its owner prepares it with `vendor-risk team init/,
    );
  });

  it('knows the login, its roles and the tables’ keys, and refuses a schema newer than this build', async () => {
    const owner = await freshDatabase(server!);
    const client = await connect(owner);
    await initTeamDatabase(client);
    const name = uniqueName('admin');
    await addTeamUser(client, name, 'admin', PASSWORD);
    const db = openTeamDatabase(urlWith(owner, { user: name, password: PASSWORD }));
    try {
      expect(db.user).toBe(name);
      expect(db.roles).toEqual(['admin']);
      expect(db.teamSchemaVersion).toBe(PG_SCHEMA_VERSION);
      // INSERT OR REPLACE becomes an upsert on the table's key, read on opening: the second replaces the first.
      const put = db.sql.prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
      put.run('probe', 'first', '2026-12-07T10:00:00.000Z');
      put.run('probe', 'second', '2026-12-07T10:01:00.000Z');
      expect(db.sql.prepare("SELECT value FROM settings WHERE key = 'probe'").all()).toEqual([
        { value: 'second' },
      ]);
    } finally {
      db.close();
    }
    await client.query(
      `INSERT INTO team_schema (version, name) VALUES (${PG_SCHEMA_VERSION + 1}, 'from a newer build')`,
    );
    expect(() => openTeamDatabase(urlWith(owner, { user: name, password: PASSWORD }))).toThrow(
      /prepared by a newer version of Vendor Risk Desk \(team schema \d+\); update this app/,
    );
  });

  it('says that a password is needed when the URL gives none, not that the server cannot be reached', async () => {
    const owner = await freshDatabase(server!);
    const client = await connect(owner);
    await initTeamDatabase(client);
    const name = uniqueName('dana');
    await addTeamUser(client, name, 'legal', PASSWORD);
    await client.end();
    const saved = process.env.PGPASSWORD;
    delete process.env.PGPASSWORD;
    try {
      expect(() => openTeamDatabase(urlWith(owner, { user: name, password: '' }))).toThrow(
        /asks for a password: give it in the URL, in PGPASSWORD or ~\/\.pgpass, or run on a terminal/,
      );
    } finally {
      if (saved !== undefined) process.env.PGPASSWORD = saved;
    }
  });

  it('a save that cannot get its turn in time is refused, naming who holds it; the holder is not left waiting', async () => {
    const owner = await freshDatabase(server!);
    const client = await connect(owner);
    await initTeamDatabase(client);
    const [holder, saver] = [uniqueName('pat'), uniqueName('lee')];
    await addTeamUser(client, holder, 'procurement', PASSWORD);
    await addTeamUser(client, saver, 'procurement', PASSWORD);
    // A session left open by hand, holding the writers' turn.
    const held = await connect(urlWith(owner, { user: holder, password: PASSWORD }));
    await held.query('BEGIN; SELECT 1 FROM write_turn WHERE id = 1 FOR UPDATE');
    const db = openTeamDatabase(urlWith(owner, { user: saver, password: PASSWORD }), { turnTimeoutMs: 500 });
    try {
      const put = () =>
        db.transaction(() =>
          db.sql
            .prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
            .run('savedFilters', '[]', '2026-12-07T10:00:00.000Z'),
        );
      expect(put).toThrow(
        new RegExp(
          `^Another save has held the team database for 1 s or more \\(by ${holder}\\); nothing was saved`,
        ),
      );
      // The connection is usable again at once: the turn is taken once the holder lets go.
      await held.query('COMMIT');
      expect(put()).toMatchObject({ changes: 1 });
    } finally {
      db.close();
      await held.end();
      await client.end();
    }
  });
});
