import { lazyRepo } from './lazy-repo';
import type { Database } from './database';
import type { SbomRecord } from '../domain/vulnerabilities/sbom-api';
import type { Sbom, VexProduct, VexStatement, VulnerabilitySources } from '../domain/vulnerabilities/model';

/** Vendors' SBOMs (one per vendor + model + firmware) and VEX documents (one per vendor + document). */
export interface SbomRepo {
  /** Every SBOM with the vendor, model and firmware it is attached to (what matching reads). */
  sboms(): VulnerabilitySources['sboms'];
  /** Every VEX statement with its vendor (what matching reads). */
  vex(): VulnerabilitySources['vex'];
  /** The attached files, SBOMs then VEX, of one vendor or all. */
  list(vendorId: string | null): SbomRecord[];
  findSbom(vendorId: string, modelKey: string, firmwareKey: string): SbomRecord | null;
  /** Writes an SBOM, replacing the one of the same vendor, model and firmware. */
  saveSbom(
    record: SbomRecord,
    keys: { model: string; firmware: string; serial: string | null },
    sbom: Sbom,
    refs: Record<string, VexProduct>,
  ): void;
  findVex(vendorId: string, documentKey: string): SbomRecord | null;
  /** Writes a VEX document's statements, replacing those of the same vendor and document. */
  saveVex(record: SbomRecord, documentKey: string, statements: VexStatement[]): void;
  /** The bom-refs of a vendor's SBOM with this serial number (lower case, no "urn:uuid:"), or null. */
  refsOf(vendorId: string, serial: string): Record<string, VexProduct> | null;
}

const SBOM_COLUMNS = `s.id, s.vendor_id, v.name AS vendor_name, s.model, s.firmware, s.format, s.name,
  s.components AS entries, s.file_name, s.sha256, s.imported_at, s.imported_by`;
const VEX_COLUMNS = `x.id, x.vendor_id, v.name AS vendor_name, NULL AS model, NULL AS firmware, x.format, x.name,
  x.statements AS entries, x.file_name, x.sha256, x.imported_at, x.imported_by`;

/** Creates the SBOM repository. */
export function createSbomRepo(db: Pick<Database, 'sql'>): SbomRepo {
  return lazyRepo(() => buildSbomRepo(db));
}

function buildSbomRepo(db: Pick<Database, 'sql'>): SbomRepo {
  const sql = db.sql;
  const allSboms = sql.prepare('SELECT vendor_id, model, firmware, sbom FROM sboms ORDER BY rowid');
  const allVex = sql.prepare('SELECT vendor_id, data FROM vex_documents ORDER BY rowid');
  const listSboms = sql.prepare(
    `SELECT ${SBOM_COLUMNS} FROM sboms s JOIN vendors v ON v.id = s.vendor_id
     WHERE ?1 IS NULL OR s.vendor_id = ?1 ORDER BY v.name_key, s.model_key, s.firmware_key`,
  );
  const listVex = sql.prepare(
    `SELECT ${VEX_COLUMNS} FROM vex_documents x JOIN vendors v ON v.id = x.vendor_id
     WHERE ?1 IS NULL OR x.vendor_id = ?1 ORDER BY v.name_key, x.imported_at, x.rowid`,
  );
  const findSbomStmt = sql.prepare(
    `SELECT ${SBOM_COLUMNS} FROM sboms s JOIN vendors v ON v.id = s.vendor_id
     WHERE s.vendor_id = ? AND s.model_key = ? AND s.firmware_key = ?`,
  );
  const deleteSbom = sql.prepare(
    'DELETE FROM sboms WHERE vendor_id = ? AND model_key = ? AND firmware_key = ?',
  );
  const insertSbom = sql.prepare(
    `INSERT INTO sboms (id, vendor_id, model, firmware, model_key, firmware_key, format, name, components, serial,
       file_name, sha256, imported_at, imported_by, sbom, refs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const findVexStmt = sql.prepare(
    `SELECT ${VEX_COLUMNS} FROM vex_documents x JOIN vendors v ON v.id = x.vendor_id
     WHERE x.vendor_id = ? AND x.document_key = ?`,
  );
  const deleteVex = sql.prepare('DELETE FROM vex_documents WHERE vendor_id = ? AND document_key = ?');
  const insertVex = sql.prepare(
    `INSERT INTO vex_documents (id, vendor_id, document_key, format, name, statements, file_name, sha256,
       imported_at, imported_by, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const refsStmt = sql.prepare(
    'SELECT refs FROM sboms WHERE vendor_id = ? AND serial = ? ORDER BY imported_at DESC, rowid DESC LIMIT 1',
  );

  return {
    sboms: () =>
      allSboms.all().map((r) => ({
        vendorId: String(r.vendor_id),
        model: r.model === null ? null : String(r.model),
        firmware: r.firmware === null ? null : String(r.firmware),
        sbom: JSON.parse(String(r.sbom)) as Sbom,
      })),
    vex: () =>
      allVex.all().flatMap((r) =>
        (JSON.parse(String(r.data)) as VexStatement[]).map((statement) => ({
          vendorId: String(r.vendor_id),
          statement,
        })),
      ),
    list: (vendorId) => [
      ...listSboms.all(vendorId).map((r) => recordOf(r, 'sbom')),
      ...listVex.all(vendorId).map((r) => recordOf(r, 'vex')),
    ],
    findSbom(vendorId, modelKey, firmwareKey) {
      const r = findSbomStmt.get(vendorId, modelKey, firmwareKey);
      return r ? recordOf(r, 'sbom') : null;
    },
    saveSbom(rec, keys, sbom, refs) {
      deleteSbom.run(rec.vendorId, keys.model, keys.firmware);
      insertSbom.run(
        rec.id,
        rec.vendorId,
        rec.model,
        rec.firmware,
        keys.model,
        keys.firmware,
        rec.format,
        rec.name,
        rec.entries,
        keys.serial,
        rec.fileName,
        rec.sha256,
        rec.importedAt,
        rec.importedBy,
        JSON.stringify(sbom),
        JSON.stringify(refs),
      );
    },
    findVex(vendorId, documentKey) {
      const r = findVexStmt.get(vendorId, documentKey);
      return r ? recordOf(r, 'vex') : null;
    },
    saveVex(rec, documentKey, statements) {
      deleteVex.run(rec.vendorId, documentKey);
      insertVex.run(
        rec.id,
        rec.vendorId,
        documentKey,
        rec.format,
        rec.name,
        rec.entries,
        rec.fileName,
        rec.sha256,
        rec.importedAt,
        rec.importedBy,
        JSON.stringify(statements),
      );
    },
    refsOf(vendorId, serial) {
      const r = refsStmt.get(vendorId, serial) as { refs: string } | undefined;
      return r ? (JSON.parse(r.refs) as Record<string, VexProduct>) : null;
    },
  };
}

function recordOf(r: Record<string, unknown>, kind: SbomRecord['kind']): SbomRecord {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    kind,
    vendorId: String(r.vendor_id),
    vendorName: String(r.vendor_name),
    model: text(r.model),
    firmware: text(r.firmware),
    format: String(r.format),
    name: String(r.name),
    entries: Number(r.entries),
    fileName: String(r.file_name),
    sha256: String(r.sha256),
    importedAt: String(r.imported_at),
    importedBy: String(r.imported_by),
  };
}
