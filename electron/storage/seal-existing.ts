/**
 * Turning encryption on for data written before: every sensitive column's plain values
 * sealed in one transaction, then the evidence files sealed one by one (each replaced
 * atomically; a file already sealed is left alone, so this can be run again). On a team
 * database the files are in evidence_content, sealed in the same transaction as the values.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Database, SqliteDatabase } from './database';
import { isSealed, isSealedFile, isSealedFileWithoutPlace, isSealedWithoutPlace } from './cipher';
import { place, SENSITIVE_COLUMNS } from './places';

/**
 * Seals every plain sensitive value, each for its place (call inside a transaction), and
 * seals again, with its place, every value an earlier version sealed without one; returns
 * how many were sealed.
 */
export function sealExistingValues(db: Database): number {
  let sealed = 0;
  for (const { table, column, place } of SENSITIVE_COLUMNS) {
    const rows = db.sql
      .prepare(
        `SELECT rowid AS id, ${column} AS v, ${place} AS at FROM ${table} WHERE ${column} IS NOT NULL AND ${column} <> ''`,
      )
      .all() as { id: number; v: string; at: string }[];
    const update = db.sql.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`);
    for (const r of rows) {
      if (isSealed(r.v) && !isSealedWithoutPlace(r.v)) continue;
      update.run(db.cipher.seal(r.v, r.at), r.id);
      sealed += 1;
    }
  }
  return sealed;
}

/** Seals the evidence files not sealed yet, or sealed without their place; returns how many were sealed. */
export function sealEvidenceFiles(db: SqliteDatabase, dataDir: string): number {
  const dir = join(dataDir, 'evidence');
  if (!existsSync(dir)) return 0;
  let sealed = 0;
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.part')) continue;
    const file = join(dir, name);
    // Its first bytes say whether it is sealed, and how: most files need no more reading.
    const head = Buffer.alloc(8);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, head, 0, 8, 0);
    } finally {
      closeSync(fd);
    }
    if (isSealedFile(head) && !isSealedFileWithoutPlace(head)) continue;
    const bytes = readFileSync(file);
    const at = place.evidenceFile(name);
    const plain = isSealedFile(bytes) ? db.cipher.openFile(bytes, at) : bytes;
    writeFileSync(`${file}.part`, db.cipher.sealFile(plain, at), { mode: 0o600 });
    renameSync(`${file}.part`, file);
    sealed += 1;
  }
  return sealed;
}

/**
 * Seals a team database's evidence files not sealed yet, each in its evidence_content row
 * (call inside the transaction that seals the values); returns how many were sealed.
 */
export function sealTeamEvidence(db: Database): number {
  const plain = db.sql
    .prepare('SELECT evidence_id AS id FROM evidence_content WHERE sealed = 0 ORDER BY evidence_id')
    .all() as { id: string }[];
  // One file's bytes at a time: each may be up to the evidence size limit.
  const read = db.sql.prepare('SELECT content FROM evidence_content WHERE evidence_id = ?');
  const update = db.sql.prepare(
    'UPDATE evidence_content SET content = ?, sealed = true WHERE evidence_id = ?',
  );
  for (const { id } of plain) {
    const bytes = (read.get(id) as { content: Uint8Array }).content;
    update.run(db.cipher.sealFile(bytes, place.evidenceFile(id)), id);
  }
  return plain.length;
}
