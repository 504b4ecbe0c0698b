import { lazyRepo } from './lazy-repo';
import type { Database } from './database';
import type { ExchangeFormat, Manifest } from '../domain/exchange';

export interface ExchangePackageRow {
  id: string;
  vendorId: string;
  assessmentId: string;
  format: ExchangeFormat;
  manifest: Manifest;
  createdAt: string;
  createdBy: string;
}

/** Packages sent to vendors and the responses imported from them. */
export interface ExchangeRepo {
  insertPackage(p: ExchangePackageRow): void;
  getPackage(id: string): ExchangePackageRow | undefined;
  insertResponse(r: {
    id: string;
    packageId: string;
    fileName: string;
    sha256: string;
    accepted: number;
    receivedAt: string;
    receivedBy: string;
  }): void;
  /** Responses already imported with this file hash for this package. */
  responsesWithHash(packageId: string, sha256: string): number;
  /** The vendor's packages, oldest first (their manifests carry the SBOM requests). */
  packagesOf(vendorId: string): ExchangePackageRow[];
  insertSbomReply(r: SbomReplyRow): void;
  /** The replies to the vendor's SBOM requests, oldest first. */
  sbomReplies(vendorId: string): SbomReplyRow[];
}

/** What a response said about one requested SBOM (see migration 17). */
export interface SbomReplyRow {
  id: string;
  packageId: string;
  vendorId: string;
  model: string;
  firmware: string | null;
  outcome: 'attached' | 'refused' | 'not-available';
  fileName: string | null;
  detail: string;
  /** The SBOM or VEX record attached, if any. */
  recordId: string | null;
  recordedAt: string;
  recordedBy: string;
}

/** Creates the exchange repository. */
export function createExchangeRepo(db: Database): ExchangeRepo {
  const insertPackage = db.sql.prepare(
    'INSERT INTO exchange_packages (id, vendor_id, assessment_id, format, manifest, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const getPackage = db.sql.prepare('SELECT * FROM exchange_packages WHERE id = ?');
  const insertResponse = db.sql.prepare(
    'INSERT INTO exchange_responses (id, package_id, file_name, sha256, accepted, received_at, received_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byHash = db.sql.prepare(
    'SELECT COUNT(*) AS n FROM exchange_responses WHERE package_id = ? AND sha256 = ?',
  );
  const packagesOf = db.sql.prepare(
    'SELECT * FROM exchange_packages WHERE vendor_id = ? ORDER BY created_at, rowid',
  );
  // Migration 17's table: prepared on first use, so a storage opened at an older schema still builds.
  const sbomReplies = lazyRepo(() => ({
    insert: db.sql.prepare(
      `INSERT INTO exchange_sbom_replies (id, package_id, vendor_id, model, firmware, outcome, file_name, detail,
         record_id, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    ofVendor: db.sql.prepare(
      'SELECT * FROM exchange_sbom_replies WHERE vendor_id = ? ORDER BY recorded_at, rowid',
    ),
  }));
  const packageRow = (r: Record<string, string>): ExchangePackageRow => ({
    id: r.id!,
    vendorId: r.vendor_id!,
    assessmentId: r.assessment_id!,
    format: r.format as ExchangeFormat,
    manifest: JSON.parse(r.manifest!) as Manifest,
    createdAt: r.created_at!,
    createdBy: r.created_by!,
  });
  return {
    insertPackage(p) {
      insertPackage.run(
        p.id,
        p.vendorId,
        p.assessmentId,
        p.format,
        JSON.stringify(p.manifest),
        p.createdAt,
        p.createdBy,
      );
    },
    getPackage(id) {
      const r = getPackage.get(id) as Record<string, string> | undefined;
      return r ? packageRow(r) : undefined;
    },
    insertResponse(r) {
      insertResponse.run(r.id, r.packageId, r.fileName, r.sha256, r.accepted, r.receivedAt, r.receivedBy);
    },
    responsesWithHash: (packageId, sha256) => Number((byHash.get(packageId, sha256) as { n: number }).n),
    packagesOf: (vendorId) => (packagesOf.all(vendorId) as Record<string, string>[]).map(packageRow),
    insertSbomReply(r) {
      sbomReplies.insert.run(
        r.id,
        r.packageId,
        r.vendorId,
        r.model,
        r.firmware,
        r.outcome,
        r.fileName,
        r.detail,
        r.recordId,
        r.recordedAt,
        r.recordedBy,
      );
    },
    sbomReplies: (vendorId) =>
      (sbomReplies.ofVendor.all(vendorId) as Record<string, string | null>[]).map((r) => ({
        id: r.id!,
        packageId: r.package_id!,
        vendorId: r.vendor_id!,
        model: r.model!,
        firmware: r.firmware ?? null,
        outcome: r.outcome as SbomReplyRow['outcome'],
        fileName: r.file_name ?? null,
        detail: r.detail!,
        recordId: r.record_id ?? null,
        recordedAt: r.recorded_at!,
        recordedBy: r.recorded_by!,
      })),
  };
}
