import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database';
import type { Evidence } from '../domain/assessment';
import { ownerOnlyDir } from './owner-only';
import { place } from './places';
import { rowsByVendor } from './sql';
import { AppError } from '../domain/errors';

/**
 * Evidence records, and their files: under <data folder>/evidence/, or in a team database's
 * evidence_content beside the row (so every colleague can open them).
 */
export interface EvidenceRepo {
  /**
   * Writes the file (atomically) and returns a function that removes it again if the
   * transaction fails. In a team database the bytes go in with the row ({@link insert}).
   */
  storeFile(id: string, bytes: Uint8Array): () => void;
  /** The file's bytes, checked against the record's SHA-256 and size (DATA_DAMAGED if they differ). */
  readFile(e: Evidence): Uint8Array;
  insert(e: Evidence): void;
  listForVendor(vendorId: string): Evidence[];
  /** Each vendor's evidence, as {@link listForVendor} lists it, in one query. */
  listForVendors(vendorIds: readonly string[]): Map<string, Evidence[]>;
  listForAssessment(assessmentId: string): Evidence[];
  /** Every vendor's evidence by vendor id, each list in the order of {@link EvidenceRepo.listForVendor}. */
  listByVendor(): Map<string, Evidence[]>;
}

/** Creates the evidence repository. */
export function createEvidenceRepo(db: Database, dataDir: string): EvidenceRepo {
  const dir = join(dataDir, 'evidence');
  const insertStmt = db.sql.prepare(
    `INSERT INTO evidence (id, vendor_id, assessment_id, questionnaire_id, question_id, file_name, sha256, size, kind, issuer,
       period_start, period_end, expires_at, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byVendor = db.sql.prepare('SELECT * FROM evidence WHERE vendor_id = ? ORDER BY added_at DESC');
  // Within a vendor, newest first and then as stored: the order listForVendor gives.
  const allByVendor = db.sql.prepare(
    'SELECT * FROM evidence WHERE vendor_id IS NOT NULL ORDER BY vendor_id, added_at DESC, rowid',
  );
  const byAssessment = db.sql.prepare('SELECT * FROM evidence WHERE assessment_id = ? ORDER BY added_at');
  const fromRow = (r: Record<string, unknown>): Evidence => ({
    id: String(r.id),
    vendorId: r.vendor_id === null ? null : String(r.vendor_id),
    assessmentId: r.assessment_id === null ? null : String(r.assessment_id),
    questionnaireId: r.questionnaire_id === null ? null : String(r.questionnaire_id),
    questionId: r.question_id === null ? null : String(r.question_id),
    fileName: String(r.file_name),
    sha256: String(r.sha256),
    size: Number(r.size),
    kind: String(r.kind) as Evidence['kind'],
    issuer: String(r.issuer),
    periodStart: r.period_start === null ? null : String(r.period_start),
    periodEnd: r.period_end === null ? null : String(r.period_end),
    expiresAt: r.expires_at === null ? null : String(r.expires_at),
    addedAt: String(r.added_at),
    addedBy: String(r.added_by),
  });
  const team = db.kind === 'team';
  // A team database checks the bytes against the row (schema-evidence.ts), so they go in after it;
  // sealed (encryption on) they are checked by length there, and by SHA-256 here once opened.
  const pending = new Map<string, { bytes: Uint8Array; sealed: boolean }>();
  const putContent = team
    ? db.sql.prepare('INSERT INTO evidence_content (evidence_id, content, sealed) VALUES (?, ?, ?)')
    : null;
  const getContent = team
    ? db.sql.prepare('SELECT content, sealed FROM evidence_content WHERE evidence_id = ?')
    : null;
  /** The stored bytes of a team database's file, opened when sealed (LOCKED without the key). */
  const teamBytes = (id: string): Uint8Array | undefined => {
    const row = getContent!.get(id);
    if (!row) return undefined;
    const content = row.content as Uint8Array;
    return row.sealed ? db.cipher.openFile(content, place.evidenceFile(id)) : content;
  };
  return {
    storeFile(id, bytes) {
      if (team) {
        // Sealed while encryption is on (refused while it is on and locked), as in the folder.
        const sealed = db.cipher.active;
        pending.set(id, { bytes: db.cipher.sealFile(bytes, place.evidenceFile(id)), sealed });
        return () => pending.delete(id);
      }
      ownerOnlyDir(dir);
      const target = join(dir, id);
      writeFileSync(`${target}.part`, db.cipher.sealFile(bytes, place.evidenceFile(id)), { mode: 0o600 });
      renameSync(`${target}.part`, target);
      return () => rmSync(target, { force: true });
    },
    insert(e) {
      insertStmt.run(
        e.id,
        e.vendorId,
        e.assessmentId,
        e.questionnaireId,
        e.questionId,
        e.fileName,
        e.sha256,
        e.size,
        e.kind,
        e.issuer,
        e.periodStart,
        e.periodEnd,
        e.expiresAt,
        e.addedAt,
        e.addedBy,
      );
      const file = pending.get(e.id);
      if (file && putContent) {
        pending.delete(e.id);
        putContent.run(e.id, file.bytes, file.sealed ? 1 : 0);
      }
    },
    readFile(e) {
      let bytes: Uint8Array | undefined;
      try {
        bytes = getContent
          ? teamBytes(e.id)
          : db.cipher.openFile(readFileSync(join(dir, e.id)), place.evidenceFile(e.id));
      } catch (error) {
        if (error instanceof AppError) throw error;
        bytes = undefined;
      }
      if (!bytes) throw new AppError('NOT_FOUND', `The evidence file ${e.fileName} is missing`);
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (sha !== e.sha256 || bytes.length !== e.size)
        throw new AppError(
          'DATA_DAMAGED',
          `The evidence file ${e.fileName} does not match its record (SHA-256 or size differ)`,
        );
      return bytes;
    },
    listForVendor: (vendorId) => byVendor.all(vendorId).map(fromRow),
    listForVendors: (ids) =>
      rowsByVendor(
        db.sql,
        ids,
        (list) =>
          `SELECT * FROM evidence WHERE vendor_id IN (${list}) ORDER BY vendor_id, added_at DESC, rowid`,
        fromRow,
      ),
    listForAssessment: (assessmentId) => byAssessment.all(assessmentId).map(fromRow),
    listByVendor() {
      const out = new Map<string, Evidence[]>();
      for (const row of allByVendor.all()) {
        const e = fromRow(row);
        const list = out.get(e.vendorId!);
        if (list) list.push(e);
        else out.set(e.vendorId!, [e]);
      }
      return out;
    },
  };
}
