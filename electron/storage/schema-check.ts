/**
 * What a database file's schema holds beyond ours: a backup brings rows, never schema, so
 * a trigger, view, index or table planted in one (an `AFTER UPDATE` that silently writes
 * "low" whenever a vendor is raised to critical, say) refuses the restore. Ours is what
 * the migrations make at the file's schema version, compared object by object, SQL and all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase } from './database';
import { MIGRATIONS } from './migrations';

type Schema = Map<string, string>;

/** A schema's objects by "type name", each with its SQL (whitespace folded); SQLite's own are left out. */
function schemaOf(sqlite: DatabaseSync): Schema {
  const rows = sqlite
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .all() as { type: string; name: string; sql: string | null }[];
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, (r.sql ?? '').replace(/\s+/g, ' ').trim()]));
}

const ours = new Map<number, Schema>();

/** The schema the migrations make at a version (made once per version in a scratch folder). */
function ourSchemaAt(version: number): Schema {
  let schema = ours.get(version);
  if (!schema) {
    const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-schema-'));
    try {
      const db = openDatabase(dir, { migrations: MIGRATIONS.filter((m) => m.version <= version) });
      try {
        schema = schemaOf(db.sqlite);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    ours.set(version, schema);
  }
  return schema;
}

/** The objects of a file's schema that ours at its version does not have, or has otherwise ("trigger x"). */
export function schemaNotOurs(sqlite: DatabaseSync, version: number): string[] {
  const expected = ourSchemaAt(version);
  const found = schemaOf(sqlite);
  const foreign: string[] = [];
  for (const [name, sql] of found) if (expected.get(name) !== sql) foreign.push(name);
  for (const name of expected.keys()) if (!found.has(name)) foreign.push(`${name} (missing)`);
  return foreign.sort();
}
