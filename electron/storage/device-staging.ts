/**
 * A file's devices, read and checked but not yet imported, in a temporary table of the
 * importing connection (private to it, kept on disk by SQLite, gone when it closes): the
 * diff against the stored inventory and the import itself are SQL over it, so a million
 * devices never sit in the JavaScript heap.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { addRows, createDigestSum } from './device-digest';

/** A valid device as staged: its keys and its record as JSON text (as stored). */
export interface StagedDevice {
  deviceId: string;
  serial: string | null;
  manufacturerKey: string | null;
  json: string;
}

export interface StagedDiff {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Whether the source had no devices before. */
  firstTime: boolean;
  examples: {
    added: string[];
    changed: { deviceId: string; before: string; after: string }[];
    removed: string[];
  };
}

export interface Staging {
  add(devices: readonly StagedDevice[]): void;
  /** Empties the staging (the file is read again from its start). */
  clear(): void;
  /** Ids of rows that were rejected or skipped: still in the file, so their stored devices stay. */
  keep(ids: readonly string[]): void;
  /** What importing would add, change and remove among the source's devices, with the first few of each. */
  diff(source: string, examples: number): StagedDiff;
  /**
   * Writes the staged devices into the source's inventory (inside the caller's
   * transaction): new and changed ones are written, the removed ones deleted with their
   * acceptances; `between` runs after each piece (it may throw to stop).
   */
  apply(source: string, importId: string, between: (done: number, total: number) => void): void;
  /**
   * The digest of the source's devices once applied (device-digest.ts), inside the same
   * transaction: the staged devices, added up as they were staged, and the stored devices
   * that rows skipped as duplicates keep. Nothing is read back but those.
   */
  digest(source: string): string;
  drop(): void;
}

/**
 * A staging on a connection that also holds the source's stored devices (a team import's
 * private SQLite file, pg/team-import-store.ts): what applying would change, read out to
 * be written elsewhere.
 */
export interface LocalStaging extends Staging {
  /** Stored devices of the source that applying deletes. */
  gone(source: string): IterableIterator<string>;
  /** Staged devices that are new or differ from the stored ones, in the file's order. */
  changes(source: string): IterableIterator<StagedDevice>;
  /** How many `changes` gives. */
  changeCount(source: string): number;
}

/** Rows written per statement while applying, between which progress is told and a cancel is seen. */
const PIECE = 50_000;

let serial = 0;

/** Creates a staging table on a connection; `drop` removes it. */
export function createStaging(sqlite: DatabaseSync): LocalStaging {
  serial += 1;
  const staged = `temp.staged_devices_${serial}`;
  const kept = `temp.kept_devices_${serial}`;
  sqlite.exec(
    `CREATE TABLE ${staged} (device_id TEXT NOT NULL, serial TEXT, manufacturer_key TEXT, data TEXT NOT NULL);
     CREATE TABLE ${kept} (device_id TEXT NOT NULL);`,
  );
  const insert = sqlite.prepare(
    `INSERT INTO ${staged} (device_id, serial, manufacturer_key, data) VALUES (?, ?, ?, ?)`,
  );
  const insertKept = sqlite.prepare(`INSERT INTO ${kept} (device_id) VALUES (?)`);
  const stagedSum = createDigestSum();
  let anyKept = false;
  // Stored devices of the source that the file no longer has (nor keeps through a rejected row).
  const gone = `SELECT device_id FROM devices WHERE source = ?1
      AND device_id NOT IN (SELECT device_id FROM ${staged}) AND device_id NOT IN (SELECT device_id FROM ${kept})`;
  const joined = `FROM ${staged} s LEFT JOIN devices d ON d.source = ? AND d.device_id = s.device_id`;
  const s = {
    stored: sqlite.prepare('SELECT COUNT(*) AS n FROM devices WHERE source = ?'),
    counts: sqlite.prepare(
      `SELECT COUNT(*) AS total, IFNULL(SUM(d.device_id IS NULL), 0) AS added, IFNULL(SUM(d.data = s.data), 0) AS unchanged ${joined}`,
    ),
    added: sqlite.prepare(
      `SELECT s.device_id AS id ${joined} WHERE d.device_id IS NULL ORDER BY s.rowid LIMIT ?`,
    ),
    changed: sqlite.prepare(
      `SELECT s.device_id AS id, d.data AS before, s.data AS after ${joined} WHERE d.data <> s.data ORDER BY s.rowid LIMIT ?`,
    ),
    removedCount: sqlite.prepare(`SELECT COUNT(*) AS n FROM (${gone})`),
    removed: sqlite.prepare(`${gone} ORDER BY device_id LIMIT ?2`),
    deleteAcceptances: sqlite.prepare(
      `DELETE FROM device_acceptances WHERE source = ?1 AND device_id IN (${gone})`,
    ),
    deleteGone: sqlite.prepare(`DELETE FROM devices WHERE source = ?1 AND device_id IN (${gone})`),
    write: sqlite.prepare(
      `INSERT INTO devices (source, device_id, serial, manufacturer_key, data, import_id)
           SELECT ?1, device_id, serial, manufacturer_key, data, ?2 FROM ${staged} WHERE rowid > ?3 AND rowid <= ?4
         ON CONFLICT (source, device_id) DO UPDATE SET serial = excluded.serial, manufacturer_key = excluded.manufacturer_key,
           data = excluded.data, import_id = excluded.import_id
         WHERE devices.data <> excluded.data OR devices.serial IS NOT excluded.serial
           OR devices.manufacturer_key IS NOT excluded.manufacturer_key`,
    ),
    // Stored devices that rows skipped as duplicates keep, and that no staged row replaces.
    keptStored: sqlite.prepare(
      `SELECT device_id, serial, manufacturer_key, data FROM devices WHERE source = ?1
         AND device_id IN (SELECT device_id FROM ${kept}) AND device_id NOT IN (SELECT device_id FROM ${staged})`,
    ),
    changes: sqlite.prepare(
      `SELECT s.device_id, s.serial, s.manufacturer_key, s.data ${joined}
        WHERE d.device_id IS NULL OR d.data <> s.data OR d.serial IS NOT s.serial
          OR d.manufacturer_key IS NOT s.manufacturer_key ORDER BY s.rowid`,
    ),
    changeCount: sqlite.prepare(
      `SELECT COUNT(*) AS n ${joined}
        WHERE d.device_id IS NULL OR d.data <> s.data OR d.serial IS NOT s.serial
          OR d.manufacturer_key IS NOT s.manufacturer_key`,
    ),
    gone: sqlite.prepare(gone),
    maxRow: sqlite.prepare(`SELECT IFNULL(MAX(rowid), 0) AS n FROM ${staged}`),
    total: sqlite.prepare(`SELECT COUNT(*) AS n FROM ${staged}`),
  };
  const num = (stmt: StatementSync, ...params: (string | number)[]) =>
    Number((stmt.get(...params) as { n: number }).n);

  return {
    add(devices) {
      // One transaction per batch (on the temporary tables only: the database file is not locked).
      sqlite.exec('BEGIN');
      try {
        for (const d of devices) insert.run(d.deviceId, d.serial, d.manufacturerKey, d.json);
        sqlite.exec('COMMIT');
        // Added up only once in the table (a failed batch throws the preview away).
        for (const d of devices) stagedSum.add(d.deviceId, d.serial, d.manufacturerKey, d.json);
      } catch (error) {
        sqlite.exec('ROLLBACK');
        throw error;
      }
    },
    clear() {
      sqlite.exec(`DELETE FROM ${staged}; DELETE FROM ${kept};`);
      stagedSum.clear();
      anyKept = false;
    },
    keep(ids) {
      if (ids.length) anyKept = true;
      sqlite.exec('BEGIN');
      for (const id of ids) insertKept.run(id);
      sqlite.exec('COMMIT');
    },
    diff(source, examples) {
      const stored = num(s.stored, source);
      if (stored === 0) {
        // A first import: everything is new (no join needed).
        const ids = s.added.all(source, examples).map((r) => String(r.id));
        const total = num(s.total);
        return {
          added: total,
          changed: 0,
          removed: 0,
          unchanged: 0,
          firstTime: true,
          examples: { added: ids, changed: [], removed: [] },
        };
      }
      const c = s.counts.get(source) as { total: number; added: number; unchanged: number };
      const removed = num(s.removedCount, source);
      return {
        added: Number(c.added),
        changed: Number(c.total) - Number(c.added) - Number(c.unchanged),
        removed,
        unchanged: Number(c.unchanged),
        firstTime: false,
        examples: {
          added: s.added.all(source, examples).map((r) => String(r.id)),
          changed: s.changed.all(source, examples).map((r) => ({
            deviceId: String(r.id),
            before: String(r.before),
            after: String(r.after),
          })),
          removed: s.removed.all(source, examples).map((r) => String(r.device_id)),
        },
      };
    },
    apply(source, importId, between) {
      s.deleteAcceptances.run(source);
      s.deleteGone.run(source);
      const last = num(s.maxRow);
      for (let from = 0; from < last; from += PIECE) {
        s.write.run(source, importId, from, Math.min(from + PIECE, last));
        between(Math.min(from + PIECE, last), last);
      }
    },
    digest(source) {
      const sum = stagedSum.copy();
      if (anyKept) addRows(sum, s.keptStored, source);
      return sum.value();
    },
    *gone(source) {
      for (const r of s.gone.iterate(source)) yield String(r.device_id);
    },
    *changes(source) {
      for (const r of s.changes.iterate(source))
        yield {
          deviceId: String(r.device_id),
          serial: r.serial === null ? null : String(r.serial),
          manufacturerKey: r.manufacturer_key === null ? null : String(r.manufacturer_key),
          json: String(r.data),
        };
    },
    changeCount: (source) => num(s.changeCount, source),
    drop() {
      sqlite.exec(`DROP TABLE IF EXISTS ${staged}; DROP TABLE IF EXISTS ${kept};`);
    },
  };
}
