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
}

/** Creates the exchange repository. */
export function createExchangeRepo(db: Database): ExchangeRepo {
  const insertPackage = db.sqlite.prepare(
    'INSERT INTO exchange_packages (id, vendor_id, assessment_id, format, manifest, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const getPackage = db.sqlite.prepare('SELECT * FROM exchange_packages WHERE id = ?');
  const insertResponse = db.sqlite.prepare(
    'INSERT INTO exchange_responses (id, package_id, file_name, sha256, accepted, received_at, received_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byHash = db.sqlite.prepare(
    'SELECT COUNT(*) AS n FROM exchange_responses WHERE package_id = ? AND sha256 = ?',
  );
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
      return r
        ? {
            id: r.id!,
            vendorId: r.vendor_id!,
            assessmentId: r.assessment_id!,
            format: r.format as ExchangeFormat,
            manifest: JSON.parse(r.manifest!) as Manifest,
            createdAt: r.created_at!,
            createdBy: r.created_by!,
          }
        : undefined;
    },
    insertResponse(r) {
      insertResponse.run(r.id, r.packageId, r.fileName, r.sha256, r.accepted, r.receivedAt, r.receivedBy);
    },
    responsesWithHash: (packageId, sha256) => Number((byHash.get(packageId, sha256) as { n: number }).n),
  };
}
