/**
 * What removing the sample warehouse deletes, by the ids it recorded: the sample's own
 * records and nothing else. Call inside a transaction; the service records each deletion.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database';

export interface SampleRepo {
  /** The ids among `ids` of `table` rows that are still there. */
  present(
    table: 'vendors' | 'assessments' | 'decisions' | 'evidence' | 'legal_signoffs',
    ids: string[],
  ): Set<string>;
  /** Of these vendors, those holding a record not in `own` (someone's work since the sample was loaded). */
  vendorsWithOthers(
    vendorIds: string[],
    own: {
      assessments: Set<string>;
      decisions: Set<string>;
      evidence: Set<string>;
      signOffs: Set<string>;
    },
  ): Set<string>;
  /** Of these assessments, those holding a decision or evidence not in `own`. */
  assessmentsWithOthers(
    assessmentIds: string[],
    own: { decisions: Set<string>; evidence: Set<string> },
  ): Set<string>;
  deleteDecision(id: string): void;
  /** Deletes an evidence record and its file. */
  deleteEvidence(id: string): void;
  /** Deletes an assessment with its answers. */
  deleteAssessment(id: string): void;
  deleteVendorClause(vendorId: string, clauseId: string): void;
  deleteSignOff(id: string): void;
  /** Deletes a device source: its devices, imports, mapping and acceptances. */
  deleteDeviceSource(source: string): number;
  /** Deletes a manufacturer link, if it still names this vendor. */
  deleteLink(manufacturerKey: string, vendorId: string): void;
  deleteVendor(id: string): void;
  /** Deletes a setting. */
  deleteSetting(key: string): void;
  /** Drops every vendor's standing (computed again on the next read). */
  dropStandings(): void;
}

/** Creates the sample repository. */
export function createSampleRepo(db: Database, dataDir: string): SampleRepo {
  const run = (sql: string, ...args: string[]) => db.sql.prepare(sql).run(...args);
  const ids = (sql: string, ...args: string[]) =>
    (db.sql.prepare(sql).all(...args) as { id: string }[]).map((r) => String(r.id));
  return {
    present(table, wanted) {
      const found = new Set<string>();
      const stmt = db.sql.prepare(`SELECT id FROM ${table} WHERE id = ?`);
      for (const id of wanted) if (stmt.get(id)) found.add(id);
      return found;
    },
    vendorsWithOthers(vendorIds, own) {
      const out = new Set<string>();
      for (const v of vendorIds) {
        const other =
          ids('SELECT id FROM assessments WHERE vendor_id = ?', v).some((id) => !own.assessments.has(id)) ||
          ids('SELECT id FROM evidence WHERE vendor_id = ?', v).some((id) => !own.evidence.has(id)) ||
          ids(
            'SELECT d.id FROM decisions d JOIN assessments a ON a.id = d.assessment_id WHERE a.vendor_id = ?',
            v,
          ).some((id) => !own.decisions.has(id)) ||
          ids('SELECT id FROM legal_signoffs WHERE vendor_id = ?', v).some((id) => !own.signOffs.has(id)) ||
          ids('SELECT id FROM clause_comments WHERE vendor_id = ?', v).length > 0;
        if (other) out.add(v);
      }
      return out;
    },
    assessmentsWithOthers(assessmentIds, own) {
      const out = new Set<string>();
      for (const a of assessmentIds)
        if (
          ids('SELECT id FROM decisions WHERE assessment_id = ?', a).some((id) => !own.decisions.has(id)) ||
          ids('SELECT id FROM evidence WHERE assessment_id = ?', a).some((id) => !own.evidence.has(id))
        )
          out.add(a);
      return out;
    },
    deleteDecision: (id) => void run('DELETE FROM decisions WHERE id = ?', id),
    deleteEvidence(id) {
      run('DELETE FROM evidence WHERE id = ?', id);
      rmSync(join(dataDir, 'evidence', id), { force: true });
    },
    deleteAssessment(id) {
      run('DELETE FROM answers WHERE assessment_id = ?', id);
      run('DELETE FROM assessment_questionnaires WHERE assessment_id = ?', id);
      run('DELETE FROM assessments WHERE id = ?', id);
    },
    deleteVendorClause: (vendorId, clauseId) =>
      void run('DELETE FROM vendor_clauses WHERE vendor_id = ? AND clause_id = ?', vendorId, clauseId),
    deleteSignOff: (id) => void run('DELETE FROM legal_signoffs WHERE id = ?', id),
    deleteDeviceSource(source) {
      const { changes } = run('DELETE FROM devices WHERE source = ?', source);
      run('DELETE FROM device_imports WHERE source = ?', source);
      run('DELETE FROM device_mappings WHERE source = ?', source);
      run('DELETE FROM device_acceptances WHERE source = ?', source);
      run('DELETE FROM device_vulnerabilities WHERE source = ?', source);
      return Number(changes);
    },
    deleteLink: (key, vendorId) =>
      void run('DELETE FROM manufacturer_links WHERE manufacturer_key = ? AND vendor_id = ?', key, vendorId),
    deleteVendor: (id) => void run('DELETE FROM vendors WHERE id = ?', id),
    deleteSetting: (key) => void run('DELETE FROM settings WHERE key = ?', key),
    dropStandings: () => void run('DELETE FROM vendor_standings'),
  };
}
