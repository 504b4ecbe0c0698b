import type { Database } from './database';
import { versionedUpsert } from './sql';
import { decodeDevice, type Device } from '../domain/devices';
import type { DeviceCheck } from '../domain/device-checks';
import type { Acceptance, DeviceImportRecord } from '../domain/device-api';

/** Devices, their imports, per-source mappings, manufacturer links and accepted findings. */
export interface DeviceRepo {
  forSource(source: string): Map<string, Device>;
  /** Up to `limit` devices stored after `rowid`, in storage order, with their rowid and manufacturer key. */
  page(
    afterRowid: number,
    limit: number,
  ): { rowid: number; source: string; device: Device; manufacturerKey: string | null }[];
  count(): number;
  /** Changes whenever devices, links, acceptances or thresholds do (one cheap query). */
  version(): string;
  /** Serial numbers (lower-cased) of devices of other sources. */
  serialsOutside(source: string): string[];
  recordImport(row: DeviceImportRecord): void;
  imports(limit: number): DeviceImportRecord[];
  /** A source's saved mapping choices as stored (domain/device-mapping.ts reads them). */
  mapping(source: string): unknown;
  saveMapping(source: string, mapping: object, at: string): void;
  /** The manufacturer links, each with its row version on a team database. */
  links(): { manufacturerKey: string; manufacturer: string; vendorId: string; version?: number }[];
  /**
   * Links a manufacturer to a vendor, or changes its link. On a team database `expectedVersion`
   * (the link's version the window read; 0: it read no link) is stated to the database, which
   * refuses the save (CONFLICT, who and when) if a colleague linked it since; the solo app
   * checks nothing (docs/team.md). Gives the saved row's version (team database).
   */
  link(
    manufacturerKey: string,
    manufacturer: string,
    vendorId: string,
    at: string,
    by: string,
    expectedVersion?: number,
  ): number | undefined;
  unlink(manufacturerKey: string): void;
  /** Every accepted finding (expired ones too), each with its row version on a team database. */
  acceptances(): Acceptance[];
  /** Accepts a finding, or changes its acceptance; `expectedVersion` as for `link`. */
  accept(a: Acceptance, expectedVersion?: number): number | undefined;
}

/** Creates the device repository. */
export function createDeviceRepo(db: Pick<Database, 'sql'> & { kind?: Database['kind'] }): DeviceRepo {
  const sql = db.sql;
  const team = db.kind === 'team';
  const sourceStmt = sql.prepare('SELECT data FROM devices WHERE source = ?');
  const pageStmt = sql.prepare(
    'SELECT rowid, source, manufacturer_key, data FROM devices WHERE rowid > ? ORDER BY rowid LIMIT ?',
  );
  const countStmt = sql.prepare('SELECT COUNT(*) AS n FROM devices');
  const versionStmt = sql.prepare(
    // Devices change only by imports, each recorded with a new id: no count over every device.
    `SELECT (SELECT id FROM device_imports ORDER BY rowid DESC LIMIT 1) AS lastImport,
       (SELECT COUNT(*) || '/' || IFNULL(MAX(linked_at), '') FROM manufacturer_links) AS links,
       (SELECT COUNT(*) || '/' || IFNULL(MAX(at), '') FROM device_acceptances) AS acceptances,
       (SELECT updated_at FROM settings WHERE key = 'deviceChecks') AS settings`,
  );
  const outsideStmt = sql.prepare(
    'SELECT DISTINCT serial AS s FROM devices WHERE serial IS NOT NULL AND source <> ?',
  );
  const importStmt = sql.prepare(
    'INSERT INTO device_imports (id, source, file_name, at, actor, summary) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const importsStmt = sql.prepare('SELECT * FROM device_imports ORDER BY at DESC, rowid DESC LIMIT ?');
  const mappingStmt = sql.prepare('SELECT mapping FROM device_mappings WHERE source = ?');
  const saveMappingStmt = sql.prepare(
    `INSERT INTO device_mappings (source, mapping, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (source) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
  );
  const link = versionedUpsert(
    sql,
    `INSERT INTO manufacturer_links (manufacturer_key, manufacturer, vendor_id, linked_at, linked_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (manufacturer_key) DO UPDATE SET manufacturer = excluded.manufacturer, vendor_id = excluded.vendor_id,
       linked_at = excluded.linked_at, linked_by = excluded.linked_by`,
    team,
  );
  const unlinkStmt = sql.prepare('DELETE FROM manufacturer_links WHERE manufacturer_key = ?');
  const acceptancesStmt = sql.prepare('SELECT * FROM device_acceptances');
  const accept = versionedUpsert(
    sql,
    `INSERT INTO device_acceptances (source, device_id, check_id, reason, accepted_by, expires_on, at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, device_id, check_id) DO UPDATE SET reason = excluded.reason, accepted_by = excluded.accepted_by,
       expires_on = excluded.expires_on, at = excluded.at`,
    team,
  );
  const linksStmt = sql.prepare(
    `SELECT manufacturer_key, manufacturer, vendor_id${team ? ', row_version' : ''} FROM manufacturer_links`,
  );

  return {
    forSource(source) {
      const out = new Map<string, Device>();
      for (const r of sourceStmt.all(source)) {
        const d = decodeDevice(String(r.data));
        out.set(d.deviceId, d);
      }
      return out;
    },
    page: (afterRowid, limit) =>
      pageStmt.all(afterRowid, limit).map((r) => ({
        rowid: Number(r.rowid),
        source: String(r.source),
        device: decodeDevice(String(r.data)),
        manufacturerKey: r.manufacturer_key === null ? null : String(r.manufacturer_key),
      })),
    count: () => Number((countStmt.get() as { n: number }).n),
    version: () => JSON.stringify(versionStmt.get()),
    // Lower-cased here as everywhere else (SQLite's lower() knows only ASCII).
    serialsOutside: (source) => outsideStmt.all(source).map((r) => String(r.s).toLowerCase()),
    recordImport(r) {
      importStmt.run(r.id, r.source, r.fileName, r.at, r.actor, JSON.stringify(r.summary));
    },
    imports: (limit) =>
      importsStmt.all(limit).map((r) => ({
        id: String(r.id),
        source: String(r.source),
        fileName: String(r.file_name),
        at: String(r.at),
        actor: String(r.actor),
        summary: JSON.parse(String(r.summary)) as unknown,
      })),
    mapping(source) {
      const r = mappingStmt.get(source) as { mapping: string } | undefined;
      return r ? (JSON.parse(r.mapping) as unknown) : null;
    },
    saveMapping(source, mapping, at) {
      saveMappingStmt.run(source, JSON.stringify(mapping), at);
    },
    links: () =>
      linksStmt.all().map((r) => ({
        manufacturerKey: String(r.manufacturer_key),
        manufacturer: String(r.manufacturer),
        vendorId: String(r.vendor_id),
        ...(r.row_version !== undefined ? { version: Number(r.row_version) } : {}),
      })),
    link(key, manufacturer, vendorId, at, by, expectedVersion) {
      return link([key, manufacturer, vendorId, at, by], expectedVersion);
    },
    unlink(key) {
      unlinkStmt.run(key);
    },
    acceptances: () =>
      acceptancesStmt.all().map((r) => ({
        source: String(r.source),
        deviceId: String(r.device_id),
        check: String(r.check_id) as DeviceCheck,
        reason: String(r.reason),
        acceptedBy: String(r.accepted_by),
        expiresOn: String(r.expires_on),
        at: String(r.at),
        ...(r.row_version !== undefined ? { version: Number(r.row_version) } : {}),
      })),
    accept(a, expectedVersion) {
      return accept(
        [a.source, a.deviceId, a.check, a.reason, a.acceptedBy, a.expiresOn, a.at],
        expectedVersion,
      );
    },
  };
}
