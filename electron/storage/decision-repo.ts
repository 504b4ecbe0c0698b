import type { Database } from './database';
import type { Decision, DecisionKind } from '../domain/decision';
import { place } from './places';
import { rowsByVendor } from './sql';

/** Decisions recorded on assessments; a new decision never replaces an old one. */
export interface DecisionRepo {
  insert(d: Omit<Decision, 'assessmentTitle'>): void;
  listForVendor(vendorId: string): Decision[];
  /** Each vendor's decisions, as {@link listForVendor} lists them, in one query. */
  listForVendors(vendorIds: readonly string[]): Map<string, Decision[]>;
}

/** Creates the decision repository. */
export function createDecisionRepo(db: Database): DecisionRepo {
  const insertStmt = db.sql.prepare(
    'INSERT INTO decisions (id, assessment_id, decision, conditions, notes, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byVendor = db.sql.prepare(
    `SELECT d.*, a.title AS assessment_title FROM decisions d JOIN assessments a ON a.id = d.assessment_id
     WHERE a.vendor_id = ? ORDER BY d.decided_at DESC, d.rowid DESC`,
  );
  const fromRow = (r: Record<string, unknown>): Decision => ({
    id: String(r.id),
    assessmentId: String(r.assessment_id),
    assessmentTitle: String(r.assessment_title),
    decision: String(r.decision) as DecisionKind,
    conditions: JSON.parse(String(r.conditions)) as Decision['conditions'],
    notes: db.cipher.open(String(r.notes), place.decisionNotes(String(r.id))),
    decidedBy: String(r.decided_by),
    decidedAt: String(r.decided_at),
  });
  return {
    insert(d) {
      insertStmt.run(
        d.id,
        d.assessmentId,
        d.decision,
        JSON.stringify(d.conditions),
        db.cipher.seal(d.notes, place.decisionNotes(d.id)),
        d.decidedBy,
        d.decidedAt,
      );
    },
    listForVendor: (vendorId) => byVendor.all(vendorId).map(fromRow),
    listForVendors: (ids) =>
      rowsByVendor(
        db.sql,
        ids,
        (list) => `SELECT d.*, a.title AS assessment_title, a.vendor_id AS vendor_id FROM decisions d
                   JOIN assessments a ON a.id = d.assessment_id
                   WHERE a.vendor_id IN (${list}) ORDER BY a.vendor_id, d.decided_at DESC, d.rowid DESC`,
        fromRow,
      ),
  };
}
