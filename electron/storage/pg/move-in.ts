/**
 * Moving a local portfolio into a team database (`team import`): every table of the local
 * SQLite database copied row for row into a team database prepared by `team init` that
 * holds no portfolio yet, the audit trail with its numbers, actors, hashes and signatures
 * exactly as they are, and the evidence files into evidence_content. One transaction: on
 * any failure nothing is left behind. Rows are read with SQLite's iterator and written in
 * batches, so a large table is never held whole.
 */
import type { KeyFile } from '../keyfile';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { ClientBase } from 'pg';
import { MAX_EVIDENCE_BYTES } from '../../domain/assessment';
import { SEALED_FILE_OVERHEAD } from '../cipher';
import { verifyChain } from '../../domain/audit-chain';
import { readAuditChain } from './audit-trail';
import { copyPlan, MoveRefused, quoted, SHARED_TABLES, toPg, type CopyTable } from './move-plan';
import { PG_SCHEMA_VERSION } from './team-setup';
import { TEAM_SCHEMA } from './connection';

/** Where a copy is: a table (or 'evidence files'), rows done and rows in all. */
export interface MoveProgress {
  table: string;
  done: number;
  total: number;
  /** Rows in the batch just written. */
  batch: number;
}

/** Told after every batch; a promise it returns is awaited before the next one. */
export type OnProgress = (p: MoveProgress) => void | Promise<void>;

/** What was copied. */
export interface MoveReport {
  tables: { table: string; rows: number }[];
  evidenceFiles: number;
  auditEntries: number;
  /** The audit trail's head (the hash of its newest entry), the same on both sides. */
  auditHead: string;
}

/** Parameters per INSERT stay well below PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
const MAX_BATCH = 1000;

/** Rows per INSERT for a table with this many columns. */
export const batchSize = (columns: number) => Math.min(MAX_BATCH, Math.floor(MAX_PARAMETERS / columns));

/** Refuses unless the client's database is a team database at this version. */
export async function requireTeamDatabase(client: ClientBase): Promise<void> {
  const r = await client.query<{ version: number | null }>(
    `SELECT CASE WHEN to_regclass($1) IS NULL THEN NULL
            ELSE (SELECT max(version) FROM ${TEAM_SCHEMA}.team_schema) END AS version`,
    [`${TEAM_SCHEMA}.team_schema`],
  );
  const version = r.rows[0]?.version ?? null;
  if (version === null)
    throw new MoveRefused('this is not a team database: run `vendor-risk team init` on it first');
  if (version < PG_SCHEMA_VERSION)
    throw new MoveRefused(
      `the team database is at schema ${version}, this version needs ${PG_SCHEMA_VERSION}: run \`vendor-risk team init\` again`,
    );
  if (version > PG_SCHEMA_VERSION)
    throw new MoveRefused(
      `the team database is at schema ${version}, newer than this version knows (${PG_SCHEMA_VERSION}): update the app`,
    );
}

/** The tables that already hold rows (the audit trail's record counts by its entries). */
async function occupied(client: ClientBase): Promise<string[]> {
  const found: string[] = [];
  for (const t of [...SHARED_TABLES, 'evidence_content']) {
    if (t === 'audit_record') continue;
    const n = Number(
      (await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted(t)}`)).rows[0]!.n,
    );
    if (n > 0) found.push(`${t}: ${n} rows`);
  }
  const record = await client.query<{ entries: string }>('SELECT entries FROM audit_record WHERE id = 1');
  if (record.rows.length && Number(record.rows[0]!.entries) > 0)
    found.push(`audit trail: ${record.rows[0]!.entries} entries recorded`);
  return found;
}

/**
 * Copies the local database `sqlite` (of the data folder `dataDir`) into the team database
 * `client` is connected to, as its owner. Refuses a database that holds a portfolio already;
 * commits only when every row is in and the copied chain verifies with the domain's check
 * and ends where the local one ends.
 */
/**
 * What moving an encrypted folder in needs: its files opened (to check them) and sealed
 * again for the team database, and its data key as the team's record.
 */
export interface EncryptedFolder {
  /** The key record for the team database: the folder's data key wrapped by the team passphrase. */
  keyRecord: KeyFile;
  openFile(bytes: Buffer, evidenceId: string): Buffer;
  /** Seals a file's plain bytes for its place (the same data key, so the team opens it). */
  sealFile(bytes: Buffer, evidenceId: string): Buffer;
}

export async function importPortfolio(
  client: ClientBase,
  sqlite: DatabaseSync,
  dataDir: string,
  onProgress: OnProgress = () => undefined,
  encrypted?: EncryptedFolder,
): Promise<MoveReport> {
  await requireTeamDatabase(client);
  // One snapshot of the local folder, whatever the app writes meanwhile.
  sqlite.exec('BEGIN');
  await client.query('BEGIN');
  try {
    // Nobody appends to the trail (or starts another import) while this one runs.
    await client.query('SELECT 1 FROM audit_record WHERE id = 1 FOR UPDATE');
    const already = await occupied(client);
    if (already.length)
      throw new MoveRefused(
        `the team database holds a portfolio already (${already.slice(0, 4).join(', ')}): import only into one that team init prepared and nobody has used; nothing was copied`,
      );
    const plan = await copyPlan(client, sqlite);
    // init wrote the empty trail's record; the local one replaces it.
    await client.query('DELETE FROM audit_record');
    const tables: MoveReport['tables'] = [];
    for (const table of plan) {
      tables.push({ table: table.name, rows: await copyTable(client, sqlite, table, onProgress) });
      if (table.name === 'evidence') await copyEvidenceFiles(client, sqlite, dataDir, onProgress, encrypted);
    }
    // An encrypted folder's sealed values come as they are; its data key comes wrapped by the team passphrase.
    if (encrypted)
      await client.query("INSERT INTO settings (key, value, updated_at) VALUES ('encryption', $1, $2)", [
        JSON.stringify(encrypted.keyRecord),
        encrypted.keyRecord.createdAt,
      ]);
    const { entries, recorded } = await readAuditChain(client);
    const verdict = verifyChain(entries, { recorded });
    if (!verdict.ok)
      throw new MoveRefused(
        `the copied audit trail does not verify (${JSON.stringify(verdict.problem)}): run \`vendor-risk audit verify\` on the local folder; nothing was copied`,
      );
    const local = sqlite.prepare('SELECT hash, last_id FROM audit_record WHERE id = 1').get() as
      { hash: string; last_id: number } | undefined;
    if (!recorded || !local || recorded.hash !== local.hash || recorded.lastId !== Number(local.last_id))
      throw new MoveRefused(
        'the copied audit trail does not end where the local one ends; nothing was copied',
      );
    await client.query('COMMIT');
    sqlite.exec('COMMIT');
    return {
      tables,
      evidenceFiles: tables.find((t) => t.table === 'evidence')?.rows ?? 0,
      auditEntries: entries.length,
      auditHead: recorded.hash,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (sqlite.isTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

/** Copies one table in batches of multi-row INSERTs; returns its row count. */
async function copyTable(
  client: ClientBase,
  sqlite: DatabaseSync,
  table: CopyTable,
  onProgress: OnProgress,
): Promise<number> {
  const names = table.columns.map((c) => quoted(c.name)).join(', ');
  const total = Number(
    (sqlite.prepare(`SELECT count(*) AS n FROM ${quoted(table.name)}`).get() as { n: number }).n,
  );
  const size = batchSize(table.columns.length);
  const width = table.columns.length;
  let batch: unknown[] = [];
  let done = 0;
  const flush = async () => {
    const rows = batch.length / width;
    if (!rows) return;
    const values = Array.from(
      { length: rows },
      (_, r) => `(${table.columns.map((_c, i) => `$${r * width + i + 1}`).join(', ')})`,
    ).join(', ');
    await client.query(`INSERT INTO ${quoted(table.name)} (${names}) VALUES ${values}`, batch);
    done += rows;
    batch = [];
    await onProgress({ table: table.name, done, total, batch: rows });
  };
  const read = sqlite.prepare(`SELECT ${names} FROM ${quoted(table.name)} ORDER BY rowid`);
  for (const row of read.iterate() as Iterable<Record<string, unknown>>) {
    for (const c of table.columns) batch.push(toPg(c.kind, row[c.name]));
    if (batch.length >= size * width) await flush();
  }
  await flush();
  return done;
}

/**
 * Copies each evidence row's file from the folder's evidence/ into evidence_content, checked;
 * an encrypted folder's files go in sealed.
 */
async function copyEvidenceFiles(
  client: ClientBase,
  sqlite: DatabaseSync,
  dataDir: string,
  onProgress: OnProgress,
  encrypted: EncryptedFolder | undefined,
): Promise<void> {
  const rows = sqlite.prepare('SELECT id, sha256, size FROM evidence ORDER BY rowid').all() as {
    id: string;
    sha256: string;
    size: number;
  }[];
  let done = 0;
  for (const row of rows) {
    const file = join(dataDir, 'evidence', row.id);
    if (!existsSync(file))
      throw new MoveRefused(
        `the evidence file ${file} is missing: run \`vendor-risk audit verify\`; nothing was copied`,
      );
    if (statSync(file).size > MAX_EVIDENCE_BYTES + (encrypted ? SEALED_FILE_OVERHEAD : 0))
      throw new MoveRefused(
        `the evidence file ${file} is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`,
      );
    // A sealed file (an encrypted folder) is opened to check its plain bytes against the row.
    const raw = readFileSync(file);
    const bytes = encrypted ? encrypted.openFile(raw, row.id) : raw;
    if (createHash('sha256').update(bytes).digest('hex') !== row.sha256 || bytes.length !== Number(row.size))
      throw new MoveRefused(
        `the evidence file ${file} does not match its record (SHA-256 or size): run \`vendor-risk audit verify\`; nothing was copied`,
      );
    // Sealed again (a file the folder kept plain too): the database checks its header and length.
    await client.query('INSERT INTO evidence_content (evidence_id, content, sealed) VALUES ($1, $2, $3)', [
      row.id,
      encrypted ? encrypted.sealFile(bytes, row.id) : bytes,
      Boolean(encrypted),
    ]);
    done += 1;
    await onProgress({ table: 'evidence files', done, total: rows.length, batch: 1 });
  }
}
