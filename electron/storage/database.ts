import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../domain/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';
import { foldForSearch } from '../domain/search';

export const DATABASE_FILE = 'vendor-risk.db';

/** An open database with a transaction helper. */
export interface Database {
  readonly sqlite: DatabaseSync;
  readonly path: string;
  /** Runs `fn` in one transaction (nested calls join the outer one); rolls back if it throws. */
  transaction<T>(fn: () => T): T;
  /** The schema version recorded in the file. */
  schemaVersion(): number;
  close(): void;
}

/**
 * Opens (creating if needed) the database in `dataDir`: WAL mode, a busy timeout so the
 * app and the CLI can share one data folder, pending migrations applied. A file written
 * by a newer version is refused, not opened.
 */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Database {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DATABASE_FILE);
  let sqlite: DatabaseSync;
  try {
    sqlite = new DatabaseSync(path);
    // The busy timeout first (the constructor option is ignored before Node 22.16), so
    // the app and the CLI wait for each other instead of failing.
    sqlite.exec('PRAGMA busy_timeout = 5000');
    sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  } catch (error) {
    throw new AppError('DATA_DAMAGED', `The data file ${path} cannot be opened: ${messageOf(error)}`);
  }
  sqlite.function('vr_fold', { deterministic: true }, (value) => foldForSearch(String(value ?? '')));

  let depth = 0;
  const transaction = <T>(fn: () => T): T => {
    const savepoint = `sp${depth}`;
    sqlite.exec(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
    depth += 1;
    try {
      const result = fn();
      depth -= 1;
      sqlite.exec(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
      return result;
    } catch (error) {
      depth -= 1;
      sqlite.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      throw error;
    }
  };
  const schemaVersion = () =>
    Number((sqlite.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);

  const db: Database = { sqlite, path, transaction, schemaVersion, close: () => sqlite.close() };
  try {
    migrate(db, migrations);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return db;
}

function migrate(db: Database, migrations: readonly Migration[]): void {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const current = db.schemaVersion();
  if (current > latest) {
    throw new AppError(
      'DATA_TOO_NEW',
      `The data in ${db.path} was written by a newer version of Vendor Risk Desk (schema ${current}; this version knows ${latest}). Update the app to open it.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      // Another process (the CLI beside the app) may have applied it meanwhile.
      if (db.schemaVersion() >= migration.version) return;
      db.sqlite.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      db.sqlite.exec(migration.sql);
      db.sqlite
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(migration.version, migration.name, new Date().toISOString());
      db.sqlite.exec(`PRAGMA user_version = ${migration.version}`);
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export { LATEST_SCHEMA_VERSION };
