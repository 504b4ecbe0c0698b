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
});
