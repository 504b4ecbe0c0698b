/**
 * Moving a team database out to a local data folder (`team export`): a new folder whose
 * SQLite database (at this version's schema) holds every table's rows, the audit trail as
 * it is, and the evidence files written out from evidence_content with their SHA-256
 * checked. The team database is read in one snapshot (REPEATABLE READ, read only) with a
 * server-side cursor, a batch at a time; the folder is written in one SQLite transaction
 * and removed again if anything fails.
 */
import { ROWID_COLUMN } from './schema-compat';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import type { ClientBase } from 'pg';
import { openDatabase, type SqliteDatabase } from '../database';
import { createEvidenceRepo } from '../evidence-repo';
import { isSealedFile, SEALED_FILE_OVERHEAD } from '../cipher';
import { KeyFileSchema, writeKeyFile, type KeyFile } from '../keyfile';
import { copyPlan, MoveRefused, quoted, toSqlite, type CopyTable } from './move-plan';
import { requireTeamDatabase, type MoveReport, type OnProgress } from './move-in';

const FETCH = 1000;
const FETCH_FILES = 10;

/** Reads a query through a cursor, `size` rows at a time, inside the caller's transaction. */
async function* cursor<T>(client: ClientBase, name: string, sql: string, size: number): AsyncGenerator<T[]> {
  await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
  try {
    for (;;) {
      const r = await client.query(`FETCH ${size} FROM ${name}`);
      if (!r.rows.length) return;
      yield r.rows as T[];
    }
  } finally {
    await client.query(`CLOSE ${name}`).catch(() => undefined);
  }
}

/** Whether the folder may receive an export: missing, or an empty folder. */
function requireEmptyFolder(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (readdirSync(dir).length)
    throw new MoveRefused(`${dir} is not empty: export into a new or empty folder; nothing was written`);
  return false;
}

/**
 * Exports the team database `client` is connected to into the new data folder `dir`.
 * Any login that reads the whole portfolio may export (every team role reads every table).
 */
export async function exportPortfolio(
  client: ClientBase,
  dir: string,
  onProgress: OnProgress = () => undefined,
): Promise<MoveReport> {
  const created = requireEmptyFolder(dir);
  await requireTeamDatabase(client);
  let db: SqliteDatabase | null = null;
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    mkdirSync(dir, { recursive: true });
    db = openDatabase(dir);
    const sqlite = db.sqlite;
    const plan = await copyPlan(client, sqlite);
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      // The new database's own first rows (the empty trail's record) give way to the team's.
      for (const t of [...plan].reverse()) sqlite.exec(`DELETE FROM ${quoted(t.name)}`);
      const tables: MoveReport['tables'] = [];
      for (const table of plan) {
        tables.push({ table: table.name, rows: await exportTable(client, db, table, onProgress) });
        if (table.name === 'evidence') await exportEvidenceFiles(client, db, dir, onProgress);
      }
      const keyRecord = takeKeyRecord(db);
      sqlite.exec('COMMIT');
      // An encrypted team database's key record becomes the folder's key file (its team
      // passphrase opens it); written last, once the sealed files are in place as they are.
      if (keyRecord) writeKeyFile(dir, keyRecord, true);
      const record = sqlite.prepare('SELECT entries, hash FROM audit_record WHERE id = 1').get() as
        { entries: number; hash: string } | undefined;
      await client.query('COMMIT');
      return {
        tables,
        evidenceFiles: tables.find((t) => t.table === 'evidence')?.rows ?? 0,
        auditEntries: Number(record?.entries ?? 0),
        auditHead: record?.hash ?? '',
      };
    } catch (error) {
      if (sqlite.isTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    db?.close();
    db = null;
    // Nothing half-written is left: the folder goes (or, if it was there empty, its contents).
    if (created) rmSync(dir, { recursive: true, force: true });
    else for (const f of readdirSync(dir)) rmSync(`${dir}/${f}`, { recursive: true, force: true });
    throw error;
  } finally {
    db?.close();
  }
}

/** Copies one table from a cursor into SQLite; returns its row count. */
async function exportTable(
  client: ClientBase,
  db: SqliteDatabase,
  table: CopyTable,
  onProgress: OnProgress,
): Promise<number> {
  const names = table.columns.map((c) => quoted(c.name)).join(', ');
  const total = Number(
    (await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted(table.name)}`)).rows[0]!.n,
  );
  const insert = db.sqlite.prepare(
    `INSERT INTO ${quoted(table.name)} (${names}) VALUES (${table.columns.map(() => '?').join(', ')})`,
  );
  // In the order the rows were added (SQLite's rowid on both sides), which lists keep.
  const order = ` ORDER BY ${ROWID_COLUMN}`;
  let done = 0;
  for await (const rows of cursor<Record<string, unknown>>(
    client,
    'vr_export',
    `SELECT ${names} FROM ${quoted(table.name)}${order}`,
    FETCH,
  )) {
    for (const row of rows) insert.run(...table.columns.map((c) => toSqlite(c.kind, row[c.name])));
    done += rows.length;
    await onProgress({ table: table.name, done, total, batch: rows.length });
  }
  return done;
}

/**
 * The team database's key record (settings row `encryption`), taken out of the exported
 * settings: a data folder keeps it as its key file (encryption.json), not as a setting.
 */
function takeKeyRecord(db: SqliteDatabase): KeyFile | null {
  const row = db.sqlite.prepare("SELECT value FROM settings WHERE key = 'encryption'").get() as
    { value: string } | undefined;
  if (!row) return null;
  db.sqlite.prepare("DELETE FROM settings WHERE key = 'encryption'").run();
  try {
    return KeyFileSchema.parse(JSON.parse(row.value));
  } catch (error) {
    throw new MoveRefused(
      `the team database's encryption key record is damaged (${(error as Error).message.slice(0, 120)}); nothing was written`,
    );
  }
}

/**
 * Writes every evidence row's file from evidence_content, its SHA-256 and size checked. A
 * sealed file is written as it is (the folder's own sealed form, for the same place): its
 * header and length are checked here, its SHA-256 when the folder opens it with the key.
 */
async function exportEvidenceFiles(
  client: ClientBase,
  db: SqliteDatabase,
  dir: string,
  onProgress: OnProgress,
): Promise<void> {
  const evidence = createEvidenceRepo(db, dir);
  const total = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM evidence')).rows[0]!.n);
  let done = 0;
  for await (const rows of cursor<{
    id: string;
    sha256: string;
    size: string;
    content: Buffer | null;
    sealed: boolean | null;
  }>(
    client,
    'vr_export_files',
    'SELECT e.id, e.sha256, e.size, c.content, c.sealed FROM evidence e LEFT JOIN evidence_content c ON c.evidence_id = e.id ORDER BY e.id',
    FETCH_FILES,
  )) {
    for (const row of rows) {
      if (!row.content)
        throw new MoveRefused(
          `the team database has no file for the evidence ${row.id}; nothing was written`,
        );
      const intact = row.sealed
        ? isSealedFile(row.content) && row.content.length === Number(row.size) + SEALED_FILE_OVERHEAD
        : createHash('sha256').update(row.content).digest('hex') === row.sha256 &&
          row.content.length === Number(row.size);
      if (!intact)
        throw new MoveRefused(
          `the evidence file ${row.id} in the team database does not match its record (SHA-256 or size); nothing was written`,
        );
      // The new folder has no key yet: its storeFile writes the bytes as given (sealed ones stay so).
      evidence.storeFile(row.id, row.content);
    }
    done += rows.length;
    await onProgress({ table: 'evidence files', done, total, batch: rows.length });
  }
}
