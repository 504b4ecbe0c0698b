import { writeFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database';
import type { Evidence } from '../domain/assessment';
import { ownerOnlyDir } from './owner-only';
import { place } from './places';

/** Evidence records, and their files under <data folder>/evidence/. */
export interface EvidenceRepo {
  /** Writes the file (atomically) and returns a function that removes it again if the transaction fails. */
  storeFile(id: string, bytes: Uint8Array): () => void;
  insert(e: Evidence): void;
  listForVendor(vendorId: string): Evidence[];
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
  return {
    storeFile(id, bytes) {
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
    },
    listForVendor: (vendorId) => byVendor.all(vendorId).map(fromRow),
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
