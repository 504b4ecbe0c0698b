/**
 * The device import's own connection to the database (the app's own stays free): the
 * repositories it writes through, its staging tables, its transaction and its checkpoint.
 * The import engine (services/device-import.ts) sees only this interface, never SQL.
 */
import { DatabaseSync } from 'node:sqlite';
import { createDeviceRepo, type DeviceRepo } from './device-repo';
import { createAuditRepo, type AuditRepo } from './audit-repo';
import { createCipher, signWith } from './cipher';
import { createStaging, type Staging } from './device-staging';
import { isTeamUrl, openTeamImportStore } from './pg/team-import-store';

/** What the device import does with its connection. */
export interface ImportStore {
  readonly devices: DeviceRepo;
  /** The audit trail, its entries signed with the audit key when encryption is on (the app's own key, lent per import). */
  audit(auditKey: string | null): AuditRepo;
  /** A staging table of its own for one file's devices. */
  stage(): Staging;
  /** Runs `write` in one immediate transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(write: () => T): T;
  /** Moves committed pages from the write-ahead log into the database file (not part of a commit). */
  checkpoint(): void;
  /** Closes the connection. */
  close(): void;
}

/** Opens the importing connection on the database file, set up as the app's own. */
export function openImportConnection(path: string): DatabaseSync {
  const sqlite = new DatabaseSync(path);
  // As the app's own connection: WAL commits without a sync each (the WAL is synced at
  // checkpoints), and what is deleted or overwritten is zeroed (docs/security.md).
  // Checkpoints are the engine's idle work, not part of a commit.
  sqlite.exec(
    'PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON; PRAGMA temp_store = FILE; PRAGMA wal_autocheckpoint = 0;',
  );
  return sqlite;
}

/** The import's store on an open connection. */
export function createImportStore(sqlite: DatabaseSync): ImportStore {
  // This connection writes devices, imports and their audit entries, none of which holds a sealed field.
  const cipher = createCipher(() => false);
  return {
    devices: createDeviceRepo({ sql: sqlite }),
    audit: (auditKey) =>
      createAuditRepo({
        sql: sqlite,
        cipher: { ...cipher, sign: auditKey ? signWith(Buffer.from(auditKey, 'base64')) : () => null },
      }),
    stage: () => createStaging(sqlite),
    transaction: (write) => {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = write();
        sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        sqlite.exec('ROLLBACK');
        throw error;
      }
    },
    checkpoint: () => void sqlite.exec('PRAGMA wal_checkpoint(PASSIVE)'),
    close: () => sqlite.close(),
  };
}

/**
 * The import's store on a connection of its own to the database at `path`: the SQLite file,
 * or a team database's URL (pg/team-import-store.ts).
 */
export function openImportStore(path: string): ImportStore {
  if (isTeamUrl(path)) return openTeamImportStore(path);
  return createImportStore(openImportConnection(path));
}
