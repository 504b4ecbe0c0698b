import { DatabaseSync } from 'node:sqlite';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/storage/migrations';
import { EDITABLE_TABLES, TEAM_ONLY_TABLES } from '../../electron/storage/pg/schema-tables';
import { initTeamDatabase } from '../../electron/storage/pg/team-setup';
import { connect, freshDatabase, serverUrl } from './support';

const server = serverUrl();

/** SQLite's declared type → the PostgreSQL type the team schema must use (docs/team.md). */
const BOOLEANS = new Set([
  'answers.follow_up',
  'device_vulnerabilities.in_kev',
  'device_vulnerabilities.suppressed',
]);
const BIGINTS = new Set(['audit_log.id', 'audit_record.entries', 'audit_record.last_id', 'evidence.size']);
function expectedType(table: string, column: string, sqliteType: string): string {
  const key = `${table}.${column}`;
  if (BOOLEANS.has(key)) return 'boolean';
  if (BIGINTS.has(key)) return 'bigint';
  return { TEXT: 'text', INTEGER: 'integer', REAL: 'double precision' }[sqliteType] ?? `? ${sqliteType}`;
}

/** Every table and column of a SQLite database with all migrations applied. */
function sqliteSchema(): Map<string, { type: string; notNull: boolean }> {
  const db = new DatabaseSync(':memory:');
  for (const m of MIGRATIONS) {
    db.exec(m.sql);
    m.run?.(db);
  }
  const columns = new Map<string, { type: string; notNull: boolean }>();
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  for (const { name } of tables) {
    const info = db.prepare(`PRAGMA table_info(${name})`).all() as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }[];
    for (const c of info)
      columns.set(`${name}.${c.name}`, {
        type: expectedType(name, c.name, c.type),
        // PostgreSQL keys are never null; SQLite allows it but the app never writes one.
        notNull: c.notnull === 1 || c.pk > 0,
      });
  }
  db.close();
  return columns;
}

describe.skipIf(!server)('the team schema mirrors the SQLite schema', () => {
  let pgColumns = new Map<string, { type: string; notNull: boolean }>();

  beforeAll(async () => {
    const client = await connect(await freshDatabase(server!));
    await initTeamDatabase(client);
    const r = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      // The team's own bookkeeping (its schema version, the writers' turn) has no SQLite twin.
      "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'vendor_risk' AND table_name NOT IN ('team_schema', 'write_turn')",
    );
    pgColumns = new Map(
      r.rows.map((c) => [
        `${c.table_name}.${c.column_name}`,
        { type: c.data_type, notNull: c.is_nullable === 'NO' },
      ]),
    );
  });

  it('has every SQLite table and column, with the mapped type and nullability (a new SQLite migration needs its PostgreSQL twin)', () => {
    const missing: string[] = [];
    const sqlite = sqliteSchema();
    expect(sqlite.size).toBeGreaterThan(150);
    for (const [column, want] of sqlite) {
      const got = pgColumns.get(column);
      if (!got) missing.push(`${column} is missing`);
      else if (got.type !== want.type) missing.push(`${column} is ${got.type}, not ${want.type}`);
      else if (got.notNull !== want.notNull)
        missing.push(`${column} is ${got.notNull ? 'NOT NULL' : 'nullable'} in PostgreSQL, not in SQLite`);
    }
    expect(missing).toEqual([]);
  });

  it('has nothing SQLite lacks but the team columns on editable tables and the team-only tables', () => {
    const sqlite = sqliteSchema();
    const team = new Set(['row_version', 'changed_by', 'changed_at']);
    // Each login's own cached standings (roles.ts): whose a standing is.
    const perLogin = new Set(['vendor_standings.computed_by']);
    const teamOnly = new Set<string>(TEAM_ONLY_TABLES);
    const extra = [...pgColumns.keys()].filter((c) => !sqlite.has(c) && !teamOnly.has(c.split('.')[0]!));
    const editable = new Set<string>(EDITABLE_TABLES);
    // SQLite's implicit rowid is a column on every team table (schema-compat.ts).
    expect(
      extra.filter(
        (c) =>
          c.split('.')[1] !== 'rowid' &&
          !perLogin.has(c) &&
          !(team.has(c.split('.')[1]!) && editable.has(c.split('.')[0]!)),
      ),
    ).toEqual([]);
    for (const table of EDITABLE_TABLES)
      for (const c of team) expect(pgColumns.has(`${table}.${c}`)).toBe(true);
  });
});
