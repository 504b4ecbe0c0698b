import { openDatabase, type Database } from './database';
import { createVendorRepo, type VendorRepo } from './vendor-repo';
import { createAuditRepo, type AuditRepo } from './audit-repo';

/** Everything the services may read or write, by name; SQL stays below this line. */
export interface Storage {
  readonly dataDir: string;
  readonly vendors: VendorRepo;
  readonly audit: AuditRepo;
  transaction<T>(fn: () => T): T;
  schemaVersion(): number;
  close(): void;
}

/** Opens the storage of a data folder. */
export function openStorage(dataDir: string): Storage {
  const db: Database = openDatabase(dataDir);
  return {
    dataDir,
    vendors: createVendorRepo(db),
    audit: createAuditRepo(db),
    transaction: db.transaction,
    schemaVersion: db.schemaVersion,
    close: db.close,
  };
}
