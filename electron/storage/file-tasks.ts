/**
 * Work on the database file through a connection of its own, so it can run in a worker
 * thread while the main connection keeps serving the app: walking the audit chain and
 * writing a backup copy.
 */
import { DatabaseSync } from 'node:sqlite';
import {
  CHAIN_START,
  finishChain,
  verifyChain,
  walkChain,
  type ChainEntry,
  type ChainVerdict,
  type ChainWalk,
  type TrailRecord,
  type Witness,
} from '../domain/audit-chain';
import { chainEntryOf, trailRecordOf, type AuditRow } from './audit-rows';
import { ownerOnlyEmptyFile } from './owner-only';
import { signWith } from './cipher';
import { SENSITIVE_COLUMNS } from './places';
import { schemaNotOurs } from './schema-check';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { reconcile } from './reconcile';
import { BUILT_ENTITIES, trailStateOf, WHOLE_ENTITIES, type Reconciliation } from '../domain/audit-reconcile';
import { builtinClauses } from '../domain/builtin-clauses';
import type { SqlConnection } from './sql';

/** The entries after entry `after` up to `upTo` (all when null), in id order. */
function* chainOf(sqlite: DatabaseSync, after = 0, upTo: number | null = null): Iterable<ChainEntry> {
  const hasMac = (sqlite.prepare('PRAGMA table_info(audit_log)').all() as { name: string }[]).some(
    (c) => c.name === 'mac',
  );
  const stmt = sqlite.prepare(
    `SELECT id, at, actor, entity, entity_id, action, before_json, after_json, prev_hash, hash${hasMac ? ', mac' : ''}
       FROM audit_log WHERE id > ? AND id <= ? ORDER BY id`,
  );
  // Rows as arrays: a million of them are read at a time, and arrays are cheaper to make.
  stmt.setReturnArrays(true);
  for (const r of stmt.iterate(after, upTo ?? Number.MAX_SAFE_INTEGER) as Iterable<unknown[]>)
    yield {
      id: r[0] as number,
      at: r[1] as string,
      actor: r[2] as string,
      entity: r[3] as string,
      entityId: r[4] as string | null,
      action: r[5] as string,
      beforeJson: r[6] as string | null,
      afterJson: r[7] as string | null,
      prevHash: r[8] as string | null,
      hash: r[9] as string | null,
      mac: (r[10] as string | null | undefined) ?? null,
    };
}

/**
 * The entries that hold the last state of each record the trail covers, in id order: the
 * newest entry of each record that entries record whole, and every entry of those whose
 * state is built from several (a vendor's clauses and their comments, sign-offs and their
 * reopening, device imports). Read in the same transaction as the chain just walked.
 */
export function* lastStatesOf(sqlite: SqlConnection): Iterable<ChainEntry> {
  const whole = WHOLE_ENTITIES.map((e) => `'${e}'`).join(', ');
  const built = BUILT_ENTITIES.map((e) => `'${e}'`).join(', ');
  const stmt = sqlite.prepare(
    `SELECT id, at, actor, entity, entity_id, action, NULL AS before_json, after_json FROM audit_log
      WHERE id IN (SELECT MAX(id) FROM audit_log WHERE entity IN (${whole}) GROUP BY entity, entity_id)
         OR entity IN (${built})
      ORDER BY id`,
  );
  for (const r of stmt.iterate() as unknown as Iterable<AuditRow>) yield chainEntryOf(r);
}

/**
 * The trail's record of its own length; null when it is gone, undefined in a database
 * from before it was kept (migration 11).
 */
function recordOf(sqlite: DatabaseSync): TrailRecord | null | undefined {
  const table = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_record'")
    .get();
  if (!table) return undefined;
  const signed = (sqlite.prepare('PRAGMA table_info(audit_record)').all() as { name: string }[]).some(
    (c) => c.name === 'mac',
  );
  const row = sqlite
    .prepare(`SELECT entries, last_id, hash${signed ? ', mac' : ''} FROM audit_record WHERE id = 1`)
    .get() as { entries: number; last_id: number; hash: string; mac?: string | null } | undefined;
  return trailRecordOf(row);
}

/** The signatures to check: the audit key (base64, as it travels to the data worker) and the first signed entry. */
export interface KeyedCheck {
  key: string;
  from: number;
}

/**
 * What reconciling the data with the trail needs: the data folder (evidence files), and
 * the data key (base64) when encryption is on and unlocked, or `locked` when it is not.
 */
export interface ReconcileInput {
  dataDir: string;
  dataKey?: string;
  locked: boolean;
}

/** The chain's verdict, with the data compared against the trail (null: not compared, the chain is broken). */
export type AuditVerdict = ChainVerdict & { reconciled: Reconciliation | null };

/** The key's check as the chain walker takes it. */
export const signing = (keyed?: KeyedCheck) =>
  keyed && { from: keyed.from, sign: signWith(Buffer.from(keyed.key, 'base64')) };

/** Compares the live records with the trail's last states, on the connection (and in the transaction) the chain was walked in. */
function reconcileWith(sqlite: DatabaseSync, data: ReconcileInput): Reconciliation {
  return reconcile(sqlite, {
    dataDir: data.dataDir,
    trail: trailStateOf(lastStatesOf(sqlite)),
    dataKey: data.dataKey ? Buffer.from(data.dataKey, 'base64') : null,
    locked: data.locked,
    builtins: builtinClauses(),
  });
}

/** Runs `fn` in a read transaction of its own (unless one is open): everything it reads is of one moment. */
function inOneRead<T>(sqlite: DatabaseSync, fn: () => T): T {
  const own = !sqlite.isTransaction;
  if (own) sqlite.exec('BEGIN');
  try {
    return fn();
  } finally {
    if (own) sqlite.exec('COMMIT');
  }
}

/**
 * Walks the audit chain of an open database, against its record of its length, a witness
 * and the key; given `data`, then compares the live records with the trail's last states.
 */
export function verifyAuditChain(
  sqlite: DatabaseSync,
  witness?: Witness,
  keyed?: KeyedCheck,
  data?: ReconcileInput,
): AuditVerdict {
  // Read in one transaction: the record, the entries and the data as of one moment, whoever writes meanwhile.
  return inOneRead(sqlite, () => {
    const verdict = verifyChain(chainOf(sqlite), {
      recorded: recordOf(sqlite),
      witness,
      keyed: signing(keyed),
    });
    // A broken chain is no record to compare the data with: its break is the answer.
    const reconciled = data && verdict.problem === null ? reconcileWith(sqlite, data) : null;
    return { ...verdict, ok: verdict.ok && (reconciled?.total ?? 0) === 0, reconciled };
  });
}

/** A trail shorter than this is walked in one stretch. */
export const SPLIT_FROM_ENTRIES = 200_000;

/**
 * Walks the first stretch of the trail, entries up to `upTo`, on a connection of its own
 * (in a second worker thread while the data worker walks the rest).
 */
export function walkAuditFile(
  dbPath: string,
  upTo: number,
  witness?: Witness,
  keyed?: KeyedCheck,
): ChainWalk {
  const sqlite = new DatabaseSync(dbPath, { readOnly: true });
  try {
    sqlite.exec('PRAGMA busy_timeout = 5000');
    return inOneRead(sqlite, () =>
      walkChain(chainOf(sqlite, 0, upTo), CHAIN_START, { witness, keyed: signing(keyed) }),
    );
  } finally {
    sqlite.close();
  }
}

/**
 * Walks the audit chain of a database file, read-only, and reconciles the data with it
 * when asked. Given `walkFirstStretch` (another thread) and a long trail, the first half
 * is walked there while this thread walks the second: the check takes about half as long
 * on two cores.
 */
export async function verifyAuditFile(
  dbPath: string,
  options: {
    witness?: Witness;
    keyed?: KeyedCheck;
    data?: ReconcileInput;
    walkFirstStretch?: (upTo: number) => Promise<ChainWalk>;
    splitFrom?: number;
  } = {},
): Promise<AuditVerdict> {
  const { witness, keyed, data, walkFirstStretch } = options;
  const sqlite = new DatabaseSync(dbPath, { readOnly: true });
  try {
    sqlite.exec('PRAGMA busy_timeout = 5000');
    const span = sqlite.prepare('SELECT MIN(id) AS lo, MAX(id) AS hi FROM audit_log').get() as {
      lo: number | null;
      hi: number | null;
    };
    const long = span.lo !== null && span.hi! - span.lo >= (options.splitFrom ?? SPLIT_FROM_ENTRIES);
    if (!walkFirstStretch || !long) return verifyAuditChain(sqlite, witness, keyed, data);
    sqlite.exec('BEGIN');
    try {
      // The second stretch starts after the last entry of the first, as stored; the first
      // stretch proves that entry, and finishChain that the two meet there.
      const middle = Math.floor((span.lo! + span.hi!) / 2);
      const meet = sqlite
        .prepare('SELECT id, hash FROM audit_log WHERE id <= ? ORDER BY id DESC LIMIT 1')
        .get(middle) as { id: number; hash: string | null };
      if (meet.hash === null) return verifyAuditChain(sqlite, witness, keyed, data);
      const first = walkFirstStretch(meet.id);
      // Not left unhandled while this thread walks (a failure is awaited below).
      first.catch(() => {});
      const second = walkChain(
        chainOf(sqlite, meet.id),
        { id: meet.id, hash: meet.hash },
        {
          witness,
          keyed: signing(keyed),
        },
      );
      const recorded = recordOf(sqlite);
      const verdict = finishChain([await first, second], { recorded, witness, keyed: signing(keyed) });
      const reconciled = data && verdict.problem === null ? reconcileWith(sqlite, data) : null;
      return { ...verdict, ok: verdict.ok && (reconciled?.total ?? 0) === 0, reconciled };
    } finally {
      sqlite.exec('COMMIT');
    }
  } finally {
    sqlite.close();
  }
}

/** Writes a consistent, compacted copy of a database file (VACUUM INTO), even while others write to it. */
export function backupFile(dbPath: string, out: string): void {
  const sqlite = new DatabaseSync(dbPath);
  try {
    sqlite.exec('PRAGMA busy_timeout = 5000');
    ownerOnlyEmptyFile(out);
    sqlite.prepare('VACUUM INTO ?').run(out);
  } finally {
    sqlite.close();
  }
}

/** What a file holds, checked without changing it: integrity, schema version, audit chain. */
export function inspectFile(dbPath: string): {
  integrity: string;
  schemaVersion: number;
  audit: ChainVerdict | null;
  vendors: number | null;
  /** Schema objects that are not ours (triggers, views, indexes, tables a backup must not bring). */
  foreign: string[];
} {
  const sqlite = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const integrity = (sqlite.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const schemaVersion = Number(
      (sqlite.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
    );
    const has = (table: string) =>
      sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !==
      undefined;
    const sealed =
      has('audit_log') &&
      (sqlite.prepare('PRAGMA table_info(audit_log)').all() as { name: string }[]).some(
        (c) => c.name === 'hash',
      );
    return {
      integrity,
      schemaVersion,
      audit: integrity === 'ok' && sealed ? verifyAuditChain(sqlite) : null,
      vendors: has('vendors')
        ? Number((sqlite.prepare('SELECT COUNT(*) AS n FROM vendors').get() as { n: number }).n)
        : null,
      foreign:
        integrity === 'ok' && schemaVersion > 0 && schemaVersion <= LATEST_SCHEMA_VERSION
          ? schemaNotOurs(sqlite, schemaVersion)
          : [],
    };
  } finally {
    sqlite.close();
  }
}

/** One sealed sensitive value of a database file and its place, if it has any (to check it opens with our key). */
export function firstSealedValue(dbPath: string): { value: string; at: string } | null {
  const sqlite = new DatabaseSync(dbPath, { readOnly: true });
  try {
    for (const { table, column, place } of SENSITIVE_COLUMNS) {
      const row = sqlite
        .prepare(`SELECT ${column} AS v, ${place} AS at FROM ${table} WHERE ${column} LIKE 'vrenc:%' LIMIT 1`)
        .get() as { v: string; at: string } | undefined;
      if (row) return { value: row.v, at: row.at };
    }
    return null;
  } catch {
    return null;
  } finally {
    sqlite.close();
  }
}
