import * as sqliteModule from 'node:sqlite';
import { DatabaseSync } from 'node:sqlite';
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../domain/errors';
import { BACKUP_DIR, snapshotName, SNAPSHOT_PATTERN } from '../domain/backups';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';
import { foldForSearch } from '../domain/search';
import { createCipher, type Cipher } from './cipher';
import { KEY_FILE } from './keyfile';
import type { SqlConnection } from './sql';
import { ownerOnlyDir, ownerOnlyNewFile, tightenDataFolder, type Tightened } from './owner-only';

export const DATABASE_FILE = 'vendor-risk.db';

/** An open database with a transaction helper: SQLite's file, or a team database (pg/team-database.ts). */
export interface Database {
  /** The data folder's own SQLite file ('solo'), or a team's PostgreSQL database ('team'). */
  readonly kind: 'solo' | 'team';
  /** What the repositories run their SQL on. */
  readonly sql: SqlConnection;
  /** Where it is, for messages: the file, or the team database's URL without its password. */
  readonly path: string;
  /** Seals and opens the sensitive columns (storage/cipher.ts); off until a key is set. */
  readonly cipher: Cipher;
  /** Runs `fn` in one transaction (nested calls join the outer one); rolls back if it throws. */
  transaction<T>(fn: () => T): T;
  /**
   * Runs `fn` without this connection moving the write-ahead log into the file when its
   * writes commit: for a write right after a device import, whose own connection does that
   * once it has answered (services/device-import.ts, `idle`). A team database has no such log.
   */
  leavingCheckpoint<T>(fn: () => T): T;
  /** The schema version recorded in the file. */
  schemaVersion(): number;
  /**
   * Copies the database to `path`, a batch of pages at a time between which other work
   * runs; `onStep` may throw to stop (the copy is then incomplete).
   */
  backupTo(path: string, onStep?: () => void): Promise<void>;
  /** Replaces the whole database with the one at `path` in place (open statements stay valid), then migrates it. */
  restoreFrom(path: string): Promise<void>;
  /** What was narrowed to the owner's only when the folder was opened (for the audit trail). */
  readonly tightened: readonly Tightened[];
  close(): void;
}

/** The data folder's own SQLite database, with what only SQLite can do. */
export interface SqliteDatabase extends Database {
  readonly kind: 'solo';
  readonly sqlite: DatabaseSync;
}

/** Where a damaged data file was moved, for the message that says so. */
export interface DamagedData {
  movedTo: string;
  newestSnapshot: string | null;
}

/**
 * Opens (creating if needed) the database in `dataDir`: WAL mode, a busy timeout so the
 * app and the CLI can share one data folder, pending migrations applied. A file written
 * by a newer version is refused, not opened.
 */
export interface OpenOptions {
  /** Run SQLite's quick integrity check first (the app at start; the CLI skips it to start fast). */
  checkIntegrity?: boolean;
  migrations?: readonly Migration[];
}

export function openDatabase(dataDir: string, options: OpenOptions = {}): SqliteDatabase {
  const migrations = options.migrations ?? MIGRATIONS;
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory())
    throw new AppError('INVALID_INPUT', `The data folder ${dataDir} is a file, not a folder`);
  // What an earlier version left readable by other users is narrowed (and said in the trail).
  const tightened = tightenDataFolder(dataDir);
  ownerOnlyDir(dataDir);
  const path = join(dataDir, DATABASE_FILE);
  // A new database starts as an empty file only the owner can read: SQLite gives its WAL the same
  // permissions. Made exclusively: another process opening the same new folder may have made it first.
  ownerOnlyNewFile(path);
  let sqlite: DatabaseSync;
  let damage: string | null = null;
  try {
    sqlite = new DatabaseSync(path);
    // The busy timeout first (the constructor option is ignored before Node 22.16), so
    // the app and the CLI wait for each other instead of failing.
    sqlite.exec('PRAGMA busy_timeout = 5000');
    // secure_delete: deleted and overwritten content is zeroed, so no old text lingers in the file.
    // Switching a new file to WAL can be refused at once (no busy wait) while another process
    // creates the same file: retried for up to the busy timeout.
    whileBusy(() =>
      sqlite.exec(
        'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;',
      ),
    );
    if (options.checkIntegrity) {
      const check = (sqlite.prepare('PRAGMA quick_check').all() as { quick_check: string }[]).map(
        (r) => r.quick_check,
      );
      if (check.join() !== 'ok') {
        damage = check.slice(0, 3).join('; ');
        sqlite.close();
      }
    }
  } catch (error) {
    closeQuietly(sqlite!);
    // Only a file that is not a database, or a corrupt one, is moved aside: a busy one is not damaged.
    if (!/not a database|malformed|corrupt/i.test(messageOf(error)))
      throw new AppError('DATA_DAMAGED', `The data file ${path} cannot be opened: ${messageOf(error)}`);
    damage = messageOf(error);
  }
  if (damage !== null) {
    const moved = moveAside(dataDir);
    throw new AppError(
      'DATA_DAMAGED',
      `The data file was damaged (${damage}) and was moved aside to ${moved.movedTo}; nothing was deleted. ` +
        (moved.newestSnapshot
          ? `The newest snapshot is ${moved.newestSnapshot}: restore it (vendor-risk backup restore FILE), or start again with an empty data folder.`
          : 'There is no snapshot to restore; starting again gives an empty data folder.'),
      [
        { path: 'movedTo', message: moved.movedTo },
        ...(moved.newestSnapshot ? [{ path: 'newestSnapshot', message: moved.newestSnapshot }] : []),
      ],
    );
  }
  sqlite = sqlite!;
  sqlite.function('vr_fold', { deterministic: true }, (value) => foldForSearch(String(value ?? '')));
  const cipher = createCipher(() => existsSync(join(dataDir, KEY_FILE)));
  // Search reads sealed notes opened (while locked they simply do not match).
  sqlite.function('vr_open', (value, at) => cipher.tryOpen(String(value ?? ''), String(at ?? '')));

  let depth = 0;
  const transaction = <T>(fn: () => T): T => {
    const savepoint = `sp${depth}`;
    sqlite.exec(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
    depth += 1;
    const outer = depth === 1;
    const undo = () => sqlite.exec(outer ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
    let result: T;
    try {
      result = fn();
    } catch (error) {
      depth -= 1;
      undo();
      throw error;
    }
    // Counted down once, whether or not the commit goes through (a busy COMMIT is rolled back).
    depth -= 1;
    try {
      sqlite.exec(outer ? 'COMMIT' : `RELEASE ${savepoint}`);
    } catch (error) {
      if (sqlite.isTransaction) undo();
      throw error;
    }
    return result;
  };
  const schemaVersion = () =>
    Number((sqlite.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  const leavingCheckpoint = <T>(fn: () => T): T => {
    const pages = Number(
      (sqlite.prepare('PRAGMA wal_autocheckpoint').get() as { wal_autocheckpoint: number })
        .wal_autocheckpoint,
    );
    sqlite.exec('PRAGMA wal_autocheckpoint = 0');
    try {
      return fn();
    } finally {
      sqlite.exec(`PRAGMA wal_autocheckpoint = ${pages}`);
    }
  };

  const backupTo = async (out: string, onStep?: () => void): Promise<void> => {
    // node:sqlite's online backup (Node 22.16+) copies in batches; older Node copies at once.
    if (typeof sqliteModule.backup !== 'function') {
      sqlite.prepare('VACUUM INTO ?').run(out);
      return;
    }
    await sqliteModule.backup(sqlite, out, { rate: 256, progress: () => onStep?.() });
  };
  const restoreFrom = async (source: string): Promise<void> => {
    const from = new DatabaseSync(source, { readOnly: true });
    try {
      if (typeof sqliteModule.backup === 'function') await sqliteModule.backup(from, path, { rate: 256 });
      else throw new AppError('INVALID_INPUT', 'Restoring needs Node 22.16 or newer');
    } finally {
      from.close();
    }
    migrate(db, migrations, dataDir);
  };

  const db: SqliteDatabase = {
    kind: 'solo',
    sqlite,
    sql: sqlite,
    path,
    cipher,
    transaction,
    leavingCheckpoint,
    schemaVersion,
    backupTo,
    restoreFrom,
    tightened,
    close: () => closeQuietly(sqlite),
  };
  try {
    migrate(db, migrations, dataDir);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return db;
}

/** Moves a damaged database (and its WAL files) aside, never deleting it; names the newest snapshot. */
function moveAside(dataDir: string): DamagedData {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const movedTo = join(dataDir, `${DATABASE_FILE}.damaged-${stamp}`);
  for (const suffix of ['', '-wal', '-shm']) {
    const from = join(dataDir, DATABASE_FILE + suffix);
    if (existsSync(from)) renameSync(from, movedTo + suffix);
  }
  const dir = join(dataDir, BACKUP_DIR);
  const newest = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => SNAPSHOT_PATTERN.test(f))
        .sort()
        .at(-1)
    : undefined;
  return { movedTo, newestSnapshot: newest ? join(dir, newest) : null };
}

function migrate(db: SqliteDatabase, migrations: readonly Migration[], dataDir: string): void {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const current = db.schemaVersion();
  if (current > latest) {
    throw new AppError(
      'DATA_TOO_NEW',
      `The data in ${db.path} was written by a newer version of Vendor Risk Desk (schema ${current}; this version knows ${latest}). Update the app to open it.`,
    );
  }
  if (current > 0 && current < latest) {
    // Data from an earlier version: a snapshot first, so a failed or regretted upgrade can be undone.
    const dir = join(dataDir, BACKUP_DIR);
    ownerOnlyDir(dir);
    // A name no other process took: two opening the same folder in one second both snapshot it.
    const taken = readdirSync(dir);
    let file = join(dir, snapshotName(new Date(), 'migration', taken));
    while (!ownerOnlyNewFile(file)) {
      taken.push(basename(file));
      file = join(dir, snapshotName(new Date(), 'migration', taken));
    }
    db.sqlite.prepare('VACUUM INTO ?').run(file);
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
      migration.run?.(db.sqlite);
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

function closeQuietly(sqlite: DatabaseSync | undefined): void {
  try {
    if (sqlite?.isOpen) sqlite.close();
  } catch {
    // Already closed, or never opened: nothing to release.
  }
}

/** Runs `fn`, trying again every 20 ms for up to 5 s while SQLite says the database is busy. */
function whileBusy<T>(fn: () => T): T {
  const deadline = Date.now() + 5000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      return fn();
    } catch (error) {
      if (!/database is locked|busy/i.test(messageOf(error)) || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 20);
    }
  }
}
