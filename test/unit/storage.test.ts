import { describe, it, expect } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, DATABASE_FILE } from '../../electron/storage/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/storage/migrations';
import { AppError } from '../../electron/domain/errors';
import { tempDir } from './helpers';

describe('database', () => {
  it('creates the schema with WAL and records each migration', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(db.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect((db.sqlite.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe(
      'wal',
    );
    const rows = db.sqlite.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('opens an existing database without re-running migrations', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const again = openDatabase(dir);
    expect(again.sqlite.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({
      n: MIGRATIONS.length,
    });
    again.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const raw = new DatabaseSync(join(dir, DATABASE_FILE));
    raw.exec(`PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    let error: unknown;
    try {
      openDatabase(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DATA_TOO_NEW');
    expect((error as AppError).message).toMatch(/newer version of Vendor Risk Desk/);
    const check = new DatabaseSync(join(dir, DATABASE_FILE));
    expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: LATEST_SCHEMA_VERSION + 5 });
    check.close();
  });

  it('rolls back a failed migration as a whole', () => {
    const dir = tempDir();
    const broken = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;',
      },
    ];
    expect(() => openDatabase(dir, { migrations: broken })).toThrow(/no_such_table/);
    const db = openDatabase(dir);
    expect(db.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(
      db.sqlite.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'").get(),
    ).toEqual({ n: 0 });
    db.close();
  });

  it('rolls back a transaction that throws, including nested ones', () => {
    const db = openDatabase(tempDir());
    db.sqlite.exec('CREATE TABLE t (x INTEGER)');
    expect(() =>
      db.transaction(() => {
        db.sqlite.prepare('INSERT INTO t VALUES (1)').run();
        db.transaction(() => db.sqlite.prepare('INSERT INTO t VALUES (2)').run());
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
    db.transaction(() => {
      db.sqlite.prepare('INSERT INTO t VALUES (1)').run();
      expect(() =>
        db.transaction(() => {
          db.sqlite.prepare('INSERT INTO t VALUES (2)').run();
          throw new Error('inner');
        }),
      ).toThrow('inner');
    });
    expect(db.sqlite.prepare('SELECT x FROM t').all()).toEqual([{ x: 1 }]);
    db.close();
  });

  it("leaves an import's pages in the write-ahead log when asked, and moves them otherwise", () => {
    const dir = tempDir();
    const app = openDatabase(dir);
    app.sqlite.exec('CREATE TABLE t (x TEXT)');
    // The importer's connection commits without moving its pages into the file (as import-store.ts does).
    const importer = new DatabaseSync(join(dir, DATABASE_FILE));
    importer.exec('PRAGMA wal_autocheckpoint = 0');
    const bigWrite = () => {
      importer.exec('BEGIN');
      const insert = importer.prepare('INSERT INTO t VALUES (?)');
      for (let i = 0; i < 3000; i++) insert.run('x'.repeat(4000));
      importer.exec('COMMIT');
    };
    const fileSize = () => statSync(join(dir, DATABASE_FILE)).size;
    const autocheckpoint = () => app.sqlite.prepare('PRAGMA wal_autocheckpoint').get();
    const before = autocheckpoint();

    bigWrite();
    const small = fileSize();
    app.leavingCheckpoint(() => app.transaction(() => app.sqlite.exec("INSERT INTO t VALUES ('after')")));
    expect(fileSize()).toBe(small);
    expect(autocheckpoint()).toEqual(before);
    expect(() =>
      app.leavingCheckpoint(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(autocheckpoint()).toEqual(before);

    // The same write without it moves the log into the file (about 3,000 pages of 4 KB).
    app.transaction(() => app.sqlite.exec("INSERT INTO t VALUES ('later')"));
    expect(fileSize()).toBeGreaterThan(small + 3000 * 4000);
    importer.close();
    app.close();
  });

  it('lets a second connection (the CLI beside the app) read and write the same folder', () => {
    const dir = tempDir();
    const app = openDatabase(dir);
    const cli = openDatabase(dir);
    app.sqlite.exec('CREATE TABLE shared (x INTEGER)');
    cli.sqlite.prepare('INSERT INTO shared VALUES (7)').run();
    expect(app.sqlite.prepare('SELECT x FROM shared').all()).toEqual([{ x: 7 }]);
    app.close();
    cli.close();
  });
});
