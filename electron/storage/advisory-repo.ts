import { lazyRepo } from './lazy-repo';
import type { Database } from './database';
import type { Advisory, KevCatalog, KevEntry } from '../domain/vulnerabilities/model';
import type { AdvisorySummary, KevListing } from '../domain/vulnerabilities/advisory-api';

/** The listed parts of an advisory kept beside it, so listing reads no advisory whole. */
export type StoredSummary = Pick<AdvisorySummary, 'vendors' | 'products' | 'cves' | 'highestCvss'>;

/** CSAF advisories (one per tracking id) and the known exploited vulnerabilities catalog. */
export interface AdvisoryRepo {
  /** Every stored advisory, whole. */
  all(): Advisory[];
  /** Every stored advisory as listed, newest release first. */
  summaries(): AdvisorySummary[];
  /** The stored version of each tracking id. */
  versions(): Map<string, string>;
  /** Stores an advisory, replacing the row of its tracking id. */
  put(advisory: Advisory, summary: StoredSummary, at: string, by: string): void;
  /** The catalog's entries. */
  kev(): KevEntry[];
  /** The catalog's version and date, when one was imported. */
  kevCatalog(): KevListing['catalog'];
  /** Replaces the whole catalog. */
  replaceKev(catalog: KevCatalog, at: string, by: string): void;
  /** Deletes one advisory (removing the sample's); false when it was not there. */
  remove(trackingId: string): boolean;
  /** Deletes the stored catalog and its entries. */
  clearKev(): void;
}

/** Creates the advisory repository. */
export function createAdvisoryRepo(db: Pick<Database, 'sql'>): AdvisoryRepo {
  return lazyRepo(() => buildAdvisoryRepo(db));
}

function buildAdvisoryRepo(db: Pick<Database, 'sql'>): AdvisoryRepo {
  const sql = db.sql;
  const allStmt = sql.prepare('SELECT data FROM advisories ORDER BY tracking_id');
  const summariesStmt = sql.prepare(
    `SELECT tracking_id, version, title, publisher, category, release_date, current_release_date, summary, imported_at
       FROM advisories ORDER BY current_release_date DESC, tracking_id`,
  );
  const versionsStmt = sql.prepare('SELECT tracking_id, version FROM advisories');
  const putStmt = sql.prepare(
    `INSERT INTO advisories (tracking_id, version, release_date, current_release_date, title, publisher, category, summary, data, imported_at, imported_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tracking_id) DO UPDATE SET version = excluded.version, release_date = excluded.release_date,
       current_release_date = excluded.current_release_date, title = excluded.title, publisher = excluded.publisher,
       category = excluded.category, summary = excluded.summary, data = excluded.data,
       imported_at = excluded.imported_at, imported_by = excluded.imported_by`,
  );
  const kevStmt = sql.prepare('SELECT data FROM kev_entries ORDER BY rowid');
  const catalogStmt = sql.prepare(
    `SELECT catalog_version, date_released, imported_at, (SELECT COUNT(*) FROM kev_entries) AS entries
       FROM kev_catalog WHERE id = 1`,
  );
  const clearKevStmt = sql.prepare('DELETE FROM kev_entries');
  const removeStmt = sql.prepare('DELETE FROM advisories WHERE tracking_id = ?');
  const clearCatalogStmt = sql.prepare('DELETE FROM kev_catalog');
  const addKevStmt = sql.prepare('INSERT INTO kev_entries (cve, data) VALUES (?, ?)');
  const putCatalogStmt = sql.prepare(
    `INSERT INTO kev_catalog (id, catalog_version, date_released, imported_at, imported_by) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET catalog_version = excluded.catalog_version, date_released = excluded.date_released,
       imported_at = excluded.imported_at, imported_by = excluded.imported_by`,
  );

  return {
    all: () => allStmt.all().map((r) => JSON.parse(String(r.data)) as Advisory),
    summaries: () =>
      summariesStmt.all().map((r) => ({
        trackingId: String(r.tracking_id),
        version: String(r.version),
        title: String(r.title),
        publisher: String(r.publisher),
        category: String(r.category),
        releaseDate: String(r.release_date),
        currentReleaseDate: String(r.current_release_date),
        ...(JSON.parse(String(r.summary)) as StoredSummary),
        importedAt: String(r.imported_at),
      })),
    versions: () => new Map(versionsStmt.all().map((r) => [String(r.tracking_id), String(r.version)])),
    put(a, summary, at, by) {
      putStmt.run(
        a.trackingId,
        a.version,
        a.releaseDate,
        a.currentReleaseDate,
        a.title,
        a.publisher,
        a.category,
        JSON.stringify(summary),
        JSON.stringify(a),
        at,
        by,
      );
    },
    kev: () => kevStmt.all().map((r) => JSON.parse(String(r.data)) as KevEntry),
    kevCatalog() {
      const r = catalogStmt.get();
      if (!r) return null;
      return {
        catalogVersion: String(r.catalog_version),
        dateReleased: String(r.date_released),
        importedAt: String(r.imported_at),
        entries: Number(r.entries),
      };
    },
    replaceKev(catalog, at, by) {
      clearKevStmt.run();
      for (const e of catalog.entries) addKevStmt.run(e.cve, JSON.stringify(e));
      putCatalogStmt.run(catalog.catalogVersion, catalog.dateReleased, at, by);
    },
    remove: (trackingId) => Number(removeStmt.run(trackingId).changes) > 0,
    clearKev() {
      clearKevStmt.run();
      clearCatalogStmt.run();
    },
  };
}
