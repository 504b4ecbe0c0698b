/**
 * Turning encryption on for data written before: every sensitive column's plain values
 * sealed in one transaction, then the evidence files sealed one by one (each replaced
 * atomically; a file already sealed is left alone, so this can be run again).
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database';
import { isSealed, isSealedFile } from './cipher';

/** Table, key columns, and the sensitive columns of each. */
const SENSITIVE_COLUMNS = [
  { table: 'vendors', columns: ['notes'] },
  { table: 'answers', columns: ['note'] },
  { table: 'decisions', columns: ['notes'] },
  { table: 'vendor_clauses', columns: ['value', 'waiver'] },
  { table: 'clause_comments', columns: ['text'] },
] as const;

/** Seals every plain sensitive value (call inside a transaction); returns how many were sealed. */
export function sealExistingValues(db: Database): number {
  let sealed = 0;
  for (const { table, columns } of SENSITIVE_COLUMNS)
    for (const column of columns) {
      const rows = db.sqlite
        .prepare(
          `SELECT rowid AS id, ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL AND ${column} <> ''`,
        )
        .all() as { id: number; v: string }[];
      const update = db.sqlite.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`);
      for (const r of rows) {
        if (isSealed(r.v)) continue;
        update.run(db.cipher.seal(r.v), r.id);
        sealed += 1;
      }
    }
  return sealed;
}

/** Seals the evidence files not sealed yet; returns how many were sealed. */
export function sealEvidenceFiles(db: Database, dataDir: string): number {
  const dir = join(dataDir, 'evidence');
  if (!existsSync(dir)) return 0;
  let sealed = 0;
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.part')) continue;
    const file = join(dir, name);
    const bytes = readFileSync(file);
    if (isSealedFile(bytes)) continue;
    writeFileSync(`${file}.part`, db.cipher.sealFile(bytes), { mode: 0o600 });
    renameSync(`${file}.part`, file);
    sealed += 1;
  }
  return sealed;
}
