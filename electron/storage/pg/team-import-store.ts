/**
 * The device import's store on a team database (storage/import-store.ts is the SQLite
 * file's): its own connection as the person's login, so the app's stays free, and each
 * file staged in a private temporary SQLite file of its own (SQLite deletes it when it is
 * closed). The file's devices are read, checked and compared there, off the team database;
 * for the comparison the source's stored devices are copied in beside them. Applying
 * writes only what changes into the team database, in statements of PIECE rows, inside
 * the import's one transaction (with its record, mapping and audit entry): all or nothing.
 */
import { DatabaseSync } from 'node:sqlite';
import { createAuditRepo } from '../audit-repo';
import { createDeviceRepo } from '../device-repo';
import type { Database } from '../database';
import { createStaging, type StagedDevice, type Staging } from '../device-staging';
import type { ImportStore } from '../import-store';
import type { SqlStatement } from '../sql';
import { openTeamDatabase } from './team-database';

/** Rows per statement, copied in and written out (six values a row: well under PostgreSQL's 65,535). */
export const PIECE = 1_000;

/** Whether the import's `db` names a team database rather than a SQLite file. */
export const isTeamUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/** The import's store on a connection of its own to the team database at `url`. */
export function openTeamImportStore(url: string): ImportStore {
  const team = openTeamDatabase(url);
  return {
    devices: createDeviceRepo(team),
    // A team database signs nothing: it appends the entry itself, as the login (pg/schema-team.ts).
    audit: () => createAuditRepo(team),
    stage: () => createTeamStaging(team),
    transaction: (write) => team.transaction(write),
    // Nothing to move: the server keeps its own log.
    checkpoint: () => undefined,
    close: () => team.close(),
  };
}

/** A staging in a private SQLite file that applies into the team database. */
export function createTeamStaging(team: Pick<Database, 'sql'>): Staging {
  const scratch = new DatabaseSync('');
  scratch.exec(
    `PRAGMA temp_store = FILE;
     CREATE TABLE devices (source TEXT NOT NULL, device_id TEXT NOT NULL, serial TEXT, manufacturer_key TEXT,
       data TEXT NOT NULL, import_id TEXT, PRIMARY KEY (source, device_id));
     CREATE TABLE device_acceptances (source TEXT NOT NULL, device_id TEXT NOT NULL);`,
  );
  const local = createStaging(scratch);
  const copyIn = scratch.prepare(
    'INSERT INTO devices (source, device_id, serial, manufacturer_key, data) VALUES (?, ?, ?, ?, ?)',
  );
  const stored = team.sql.prepare(
    `SELECT rowid, device_id, serial, manufacturer_key, data FROM devices
      WHERE source = ? AND rowid > ? ORDER BY rowid LIMIT ${PIECE}`,
  );
  // Statements of PIECE rows are prepared once; a last, shorter one each time.
  const deletes = new Map<number, { acceptances: SqlStatement; devices: SqlStatement }>();
  const deleting = (n: number) => {
    let d = deletes.get(n);
    if (!d) {
      const ids = Array.from({ length: n }, () => '?').join(', ');
      d = {
        acceptances: team.sql.prepare(
          `DELETE FROM device_acceptances WHERE source = ? AND device_id IN (${ids})`,
        ),
        devices: team.sql.prepare(`DELETE FROM devices WHERE source = ? AND device_id IN (${ids})`),
      };
      if (n === PIECE) deletes.set(n, d);
    }
    return d;
  };
  const writes = new Map<number, SqlStatement>();
  const writing = (n: number) => {
    let w = writes.get(n);
    if (!w) {
      w = team.sql.prepare(
        `INSERT INTO devices (source, device_id, serial, manufacturer_key, data, import_id) VALUES
           ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (source, device_id) DO UPDATE SET serial = excluded.serial,
           manufacturer_key = excluded.manufacturer_key, data = excluded.data, import_id = excluded.import_id`,
      );
      if (n === PIECE) writes.set(n, w);
    }
    return w;
  };

  /** The source's stored devices, copied into the private file beside the staged ones. */
  const copyStored = (source: string) => {
    scratch.exec('BEGIN; DELETE FROM devices;');
    try {
      for (let after = 0; ;) {
        const rows = stored.all(source, after);
        for (const r of rows)
          copyIn.run(
            source,
            String(r.device_id),
            r.serial ?? null,
            r.manufacturer_key ?? null,
            String(r.data),
          );
        if (rows.length < PIECE) break;
        after = Number(rows[rows.length - 1]!.rowid);
      }
      scratch.exec('COMMIT');
    } catch (error) {
      scratch.exec('ROLLBACK');
      throw error;
    }
  };

  return {
    add: (devices) => local.add(devices),
    clear: () => local.clear(),
    keep: (ids) => local.keep(ids),
    diff(source, examples) {
      copyStored(source);
      return local.diff(source, examples);
    },
    // The copy is what the team database holds: the import checks, in its transaction, that
    // no other import (nor link, acceptance or setting) came since its preview.
    apply(source, importId, between) {
      for (const ids of pieces(local.gone(source))) {
        const d = deleting(ids.length);
        d.acceptances.run(source, ...ids);
        d.devices.run(source, ...ids);
      }
      const total = local.changeCount(source);
      let done = 0;
      for (const rows of pieces<StagedDevice>(local.changes(source))) {
        writing(rows.length).run(
          ...rows.flatMap((r) => [source, r.deviceId, r.serial, r.manufacturerKey, r.json, importId]),
        );
        done += rows.length;
        between(done, total);
      }
    },
    digest: (source) => local.digest(source),
    drop() {
      if (!scratch.isOpen) return;
      local.drop();
      scratch.close();
    },
  };
}

/** Items in arrays of PIECE (the last one shorter). */
function* pieces<T>(items: Iterable<T>): Generator<T[]> {
  let piece: T[] = [];
  for (const item of items) {
    piece.push(item);
    if (piece.length === PIECE) {
      yield piece;
      piece = [];
    }
  }
  if (piece.length) yield piece;
}
