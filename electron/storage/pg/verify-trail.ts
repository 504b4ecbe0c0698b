/**
 * `audit verify` on a team database: the chain walked a page of entries at a time over the
 * team connection, against the trail's record of itself (audit_record), a witness and the
 * key; then the live records compared with the trail's last states (reconcile.ts, the same
 * repositories over the same connection). Everything is read in one read-only snapshot
 * (REPEATABLE READ): colleagues keep writing meanwhile, and nothing they write is half seen.
 */
import { verifyChain, type ChainEntry, type TrailRecord, type Witness } from '../../domain/audit-chain';
import { trailStateOf } from '../../domain/audit-reconcile';
import { builtinClauses } from '../../domain/builtin-clauses';
import { chainEntryOf, trailRecordOf, type AuditRow } from '../audit-rows';
import type { Database } from '../database';
import {
  lastStatesOf,
  signing,
  type AuditVerdict,
  type KeyedCheck,
  type ReconcileInput,
} from '../file-tasks';
import { reconcile } from '../reconcile';
import type { SqlConnection } from '../sql';

/** Entries read at a time (by number: one page is a range of ids, so each is a short index scan). */
export const TRAIL_PAGE = 5_000;

/**
 * The entries in id order, a range of ids at a time; `onPage` hears how far the walk is
 * (entries read so far). A gap of deleted numbers is skipped in one step.
 */
function* pagedChain(
  sql: SqlConnection,
  pageSize: number,
  onPage?: (read: number) => void,
): Iterable<ChainEntry> {
  const span = sql.prepare('SELECT MIN(id) AS lo FROM audit_log').get() as { lo: number | null };
  if (span.lo === null || span.lo === undefined) return;
  const page = sql.prepare(
    `SELECT id, at, actor, entity, entity_id, action, before_json, after_json, prev_hash, hash, mac
       FROM audit_log WHERE id > ? AND id <= ? ORDER BY id`,
  );
  const next = sql.prepare('SELECT MIN(id) AS id FROM audit_log WHERE id > ?');
  let after = Number(span.lo) - 1;
  let read = 0;
  for (;;) {
    const rows = page.all(after, after + pageSize) as unknown as AuditRow[];
    for (const r of rows) yield chainEntryOf({ ...r, id: Number(r.id) });
    read += rows.length;
    onPage?.(read);
    if (rows.length) {
      after = Number(rows.at(-1)!.id);
      continue;
    }
    const following = (next.get(after) as { id: number | null } | undefined)?.id;
    if (following === null || following === undefined) return;
    after = Number(following) - 1;
  }
}

/** The trail's record of its own length; null when it is gone. */
function recordOf(sql: SqlConnection): TrailRecord | null {
  // The table itself dropped (someone with the owner's login): the record is gone.
  const table = sql.prepare("SELECT to_regclass('audit_record') IS NOT NULL AS present").get() as {
    present: boolean | number;
  };
  if (!table.present) return null;
  const row = sql.prepare('SELECT entries, last_id, hash, mac FROM audit_record WHERE id = 1').get() as
    { entries: number; last_id: number; hash: string; mac: string | null } | undefined;
  return trailRecordOf(row);
}

/**
 * Verifies a team database's trail and, given `data`, reconciles the data with it, on `db`'s
 * connection (the check's own, opened in the data worker: file-task-runner.ts). `onPage`
 * hears the entries read.
 */
export function verifyTeamTrail(
  db: Pick<Database, 'sql' | 'kind'>,
  options: {
    witness?: Witness;
    keyed?: KeyedCheck;
    data?: ReconcileInput;
    onPage?: (read: number) => void;
    /** Entry numbers read at a time (TRAIL_PAGE). */
    pageSize?: number;
  },
): AuditVerdict {
  const { sql } = db;
  sql.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const recorded = recordOf(sql);
    const verdict = verifyChain(pagedChain(sql, options.pageSize ?? TRAIL_PAGE, options.onPage), {
      recorded,
      witness: options.witness,
      keyed: signing(options.keyed),
    });
    const data = options.data;
    // A broken chain is no record to compare the data with: its break is the answer.
    const reconciled =
      data && verdict.problem === null
        ? reconcile(sql, {
            dataDir: data.dataDir,
            trail: trailStateOf(lastStatesOf(sql)),
            dataKey: data.dataKey ? Buffer.from(data.dataKey, 'base64') : null,
            locked: data.locked,
            builtins: builtinClauses(),
            kind: 'team',
          })
        : null;
    return { ...verdict, ok: verdict.ok && (reconciled?.total ?? 0) === 0, reconciled };
  } finally {
    try {
      sql.exec('ROLLBACK');
    } catch {
      // The connection is gone (the error that stopped the check says so): nothing was open on the server.
    }
  }
}
