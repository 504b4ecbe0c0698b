import type { Database } from './database';
import { LOCKED_TEXT } from './cipher';
import {
  withoutRowVersion,
  type Clause,
  type ClauseComment,
  type SignOff,
  type VendorClause,
} from '../domain/clauses';
import { place } from './places';
import { rowsByVendor, versionedUpsert } from './sql';

/** Legal's clauses: the library, each vendor's clause records, comments and legal sign-offs. */
export interface ClauseRepo {
  /** The library's clauses, each with its row version on a team database. */
  library(): Clause[];
  /** Changes whenever the library does (cheap to ask); on a team database any save does. */
  libraryVersion(): string;
  /**
   * Adds or changes a library clause (its `version` is never stored in the definition). On a
   * team database `expectedVersion` (the one the window read; 0: none) is stated to the
   * database, which refuses the save (CONFLICT, who and when) if a colleague saved it since;
   * the solo app checks nothing. Gives the saved row's version (team database).
   */
  putClause(clause: Clause, position: number, at: string, expectedVersion?: number): number | undefined;
  removeClause(id: string): void;
  listForVendor(vendorId: string): VendorClause[];
  /** Each vendor's clause records, as {@link listForVendor} lists them, in one query. */
  listForVendors(vendorIds: readonly string[]): Map<string, VendorClause[]>;
  /** Every vendor's clause records, for the legal matrix. */
  listAll(): VendorClause[];
  countForVendor(vendorId: string): number;
  /**
   * Records a vendor's clause. On a team database `expectedVersion` (the one the window read;
   * 0: none was recorded) is stated to the database, which refuses the save (CONFLICT, who
   * and when) if a colleague saved since; the solo app checks nothing (docs/team.md). Gives
   * the saved row's version (team database).
   */
  put(record: VendorClause, expectedVersion?: number): number | undefined;
  comments(vendorId: string): ClauseComment[];
  /** Vendors with comments on a clause. */
  commentedVendors(clauseId: string): string[];
  addComment(vendorId: string, comment: ClauseComment): void;
  latestSignOff(vendorId: string): SignOff | null;
  /** The latest sign-off of every vendor that has one. */
  latestSignOffs(): Map<string, SignOff>;
  insertSignOff(vendorId: string, signOff: SignOff): void;
  reopen(signOffId: string, at: string, by: string, clauseId: string): void;
}

/** Creates the clause repository. */
export function createClauseRepo(db: Database): ClauseRepo {
  const sql = db.sql;
  const team = db.kind === 'team';
  const libraryStmt = sql.prepare(
    `SELECT definition${team ? ', row_version' : ''} FROM clause_library ORDER BY position, id`,
  );
  // The definitions themselves: a timestamp could repeat within a millisecond. On a team
  // database the row versions too: a save that left the definition as it was gives a new one.
  const versionStmt = sql.prepare(
    `SELECT group_concat(id || char(31) || definition${team ? ' || char(31) || row_version' : ''}, char(30)) AS v
     FROM (SELECT id, definition${team ? ', row_version' : ''} FROM clause_library ORDER BY position, id)`,
  );
  const putClause = versionedUpsert(
    sql,
    `INSERT INTO clause_library (id, definition, position, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, position = excluded.position, updated_at = excluded.updated_at`,
    team,
  );
  const removeClauseStmt = sql.prepare('DELETE FROM clause_library WHERE id = ?');
  const byVendor = sql.prepare('SELECT * FROM vendor_clauses WHERE vendor_id = ? ORDER BY clause_id');
  const all = sql.prepare('SELECT * FROM vendor_clauses ORDER BY vendor_id, clause_id');
  const countStmt = sql.prepare(
    `SELECT (SELECT COUNT(*) FROM vendor_clauses WHERE vendor_id = $id) + (SELECT COUNT(*) FROM clause_comments WHERE vendor_id = $id)
       + (SELECT COUNT(*) FROM legal_signoffs WHERE vendor_id = $id) AS n`,
  );
  const put = versionedUpsert(
    sql,
    `INSERT INTO vendor_clauses (vendor_id, clause_id, status, value, reference, waiver, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (vendor_id, clause_id) DO UPDATE SET status = excluded.status, value = excluded.value,
       reference = excluded.reference, waiver = excluded.waiver, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    team,
  );
  const commentsStmt = sql.prepare('SELECT * FROM clause_comments WHERE vendor_id = ? ORDER BY at, rowid');
  const commentedStmt = sql.prepare('SELECT DISTINCT vendor_id FROM clause_comments WHERE clause_id = ?');
  const addCommentStmt = sql.prepare(
    'INSERT INTO clause_comments (id, vendor_id, clause_id, text, author, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const latestStmt = sql.prepare(
    'SELECT * FROM legal_signoffs WHERE vendor_id = ? ORDER BY signed_at DESC, rowid DESC LIMIT 1',
  );
  const latestAllStmt = sql.prepare(
    `SELECT s.* FROM legal_signoffs s WHERE s.rowid = (SELECT t.rowid FROM legal_signoffs t WHERE t.vendor_id = s.vendor_id
       ORDER BY t.signed_at DESC, t.rowid DESC LIMIT 1)`,
  );
  const insertSignOffStmt = sql.prepare(
    'INSERT INTO legal_signoffs (id, vendor_id, reviewer, signed_at, statuses) VALUES (?, ?, ?, ?, ?)',
  );
  const reopenStmt = sql.prepare(
    'UPDATE legal_signoffs SET reopened_at = ?, reopened_by = ?, reopened_clause = ? WHERE id = ? AND reopened_at IS NULL',
  );

  const record = (r: Record<string, unknown>): VendorClause => ({
    vendorId: String(r.vendor_id),
    clauseId: String(r.clause_id),
    status: String(r.status) as VendorClause['status'],
    value:
      r.value === null
        ? null
        : (openJson(
            db,
            String(r.value),
            place.clause(String(r.vendor_id), String(r.clause_id), 'value'),
          ) as VendorClause['value']),
    reference: JSON.parse(String(r.reference)) as VendorClause['reference'],
    waiver:
      r.waiver === null
        ? null
        : (openJson(
            db,
            String(r.waiver),
            place.clause(String(r.vendor_id), String(r.clause_id), 'waiver'),
          ) as VendorClause['waiver']),
    updatedAt: String(r.updated_at),
    updatedBy: String(r.updated_by),
    ...(r.row_version !== undefined ? { version: Number(r.row_version) } : {}),
  });
  const signOff = (r: Record<string, unknown>): SignOff => ({
    id: String(r.id),
    reviewer: String(r.reviewer),
    signedAt: String(r.signed_at),
    statuses: JSON.parse(String(r.statuses)) as SignOff['statuses'],
    reopenedAt: (r.reopened_at as string | null) ?? null,
    reopenedBy: (r.reopened_by as string | null) ?? null,
    reopenedClause: (r.reopened_clause as string | null) ?? null,
  });

  return {
    library: () =>
      libraryStmt.all().map((r) => {
        const clause = JSON.parse(String(r.definition)) as Clause;
        return r.row_version !== undefined ? { ...clause, version: Number(r.row_version) } : clause;
      }),
    libraryVersion: () => String((versionStmt.get() as { v: string | null }).v ?? ''),
    putClause(clause, position, at, expectedVersion) {
      return putClause([clause.id, JSON.stringify(withoutRowVersion(clause)), position, at], expectedVersion);
    },
    removeClause(id) {
      removeClauseStmt.run(id);
    },
    listForVendor: (vendorId) => byVendor.all(vendorId).map(record),
    listForVendors: (ids) =>
      rowsByVendor(
        sql,
        ids,
        (list) => `SELECT * FROM vendor_clauses WHERE vendor_id IN (${list}) ORDER BY vendor_id, clause_id`,
        record,
      ),
    listAll: () => all.all().map(record),
    countForVendor: (vendorId) => Number((countStmt.get({ $id: vendorId }) as { n: number }).n),
    put(r, expectedVersion) {
      const values = [
        r.vendorId,
        r.clauseId,
        r.status,
        r.value === null
          ? null
          : db.cipher.seal(JSON.stringify(r.value), place.clause(r.vendorId, r.clauseId, 'value')),
        JSON.stringify(r.reference),
        r.waiver === null
          ? null
          : db.cipher.seal(JSON.stringify(r.waiver), place.clause(r.vendorId, r.clauseId, 'waiver')),
        r.updatedAt,
        r.updatedBy,
      ];
      return put(values, expectedVersion);
    },
    comments: (vendorId) =>
      commentsStmt.all(vendorId).map((r) => ({
        id: String(r.id),
        clauseId: String(r.clause_id),
        text: db.cipher.open(String(r.text), place.commentText(String(r.id))),
        author: String(r.author),
        at: String(r.at),
      })),
    commentedVendors: (clauseId) => commentedStmt.all(clauseId).map((r) => String(r.vendor_id)),
    addComment(vendorId, c) {
      addCommentStmt.run(
        c.id,
        vendorId,
        c.clauseId,
        db.cipher.seal(c.text, place.commentText(c.id)),
        c.author,
        c.at,
      );
    },
    latestSignOff(vendorId) {
      const r = latestStmt.get(vendorId);
      return r ? signOff(r) : null;
    },
    latestSignOffs: () => new Map(latestAllStmt.all().map((r) => [String(r.vendor_id), signOff(r)])),
    insertSignOff(vendorId, s) {
      insertSignOffStmt.run(s.id, vendorId, s.reviewer, s.signedAt, JSON.stringify(s.statuses));
    },
    reopen(id, at, by, clauseId) {
      reopenStmt.run(at, by, clauseId, id);
    },
  };
}

/** A sealed JSON column's value; null while the data is locked (the placeholder is not JSON). */
function openJson(db: Database, stored: string, at: string): unknown {
  const text = db.cipher.open(stored, at);
  return text === LOCKED_TEXT ? null : (JSON.parse(text) as unknown);
}
