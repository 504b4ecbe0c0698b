/**
 * The audit trail: browsing it, proving it untouched (the hash chain), and exporting it
 * with the chain so a third party can check it too.
 */
import { join } from 'node:path';
import { fieldChanges, type AuditQuery } from '../domain/audit';
import {
  CHAIN_START,
  parseWitness,
  walkChain,
  type ChainEntry,
  type ChainProblem,
  type ChainProblemKind,
} from '../domain/audit-chain';
import { AppError } from '../domain/errors';
import { toCsv } from '../domain/csv';
import { DATABASE_FILE } from '../storage/database';
import type { AuditVerdict } from '../storage/file-tasks';
import type { JobContext, ServiceContext } from './context';
import { runFileTaskOffThread } from './off-thread';

/** At most this many entries go into one export (a larger trail is exported by date range). */
export const AUDIT_EXPORT_LIMIT = 200_000;

/** What an export says of the first break it meets, by kind (else the chain's own words). */
const EXPORT_PROBLEM_WORDS: Partial<Record<ChainProblemKind, string>> = {
  edited: 'its hash does not match its content',
  unsealed: 'it has no hash',
  deleted: 'it does not follow the entry before it',
  'out-of-order': 'it does not follow the entry before it',
};

/** Whether the trail's signatures were checked: off (no encryption), checked, or not (locked). */
export type Signatures = 'off' | 'checked' | 'locked';

/**
 * The audit service over the app's storage. `signatures` says what checking the trail's
 * signatures needs (the encryption service knows: the audit key and the first signed entry);
 * `sealedKey`, on a team database (no signatures), the data key that opens sealed values.
 */
export function createAuditService(
  ctx: ServiceContext,
  signatures: () => { key: Buffer; from: number; dataKey: Buffer } | null | 'locked' = () => null,
  sealedKey: () => Buffer | null | 'locked' = () => null,
  /** The team database's URL (this login's), for the check's own connection; none when solo. */
  teamUrl?: string,
) {
  const { storage } = ctx;
  const dbPath = () => join(storage.dataDir, DATABASE_FILE);

  return {
    /** A page of entries, newest first, each with its readable changes. */
    list(q: AuditQuery) {
      const { items, total } = storage.audit.query(q);
      return { total, items: items.map((e) => ({ ...e, changes: fieldChanges(e.before, e.after) })) };
    },

    /**
     * Walks the whole chain (in the data worker when built) and names the first break,
     * checks the trail's end against its own record, and, given a head printed earlier
     * ("#N:hash" or the hash), that it is still an entry of the chain, unchanged.
     */
    async verify(
      job: JobContext,
      head?: string,
    ): Promise<AuditVerdict & { ranIn: 'worker' | 'main'; signatures: Signatures }> {
      const witness = head === undefined ? undefined : parseWitness(head);
      if (witness === null)
        throw new AppError(
          'INVALID_INPUT',
          'A head is its entry number and hash ("#1234:3f2a…") or the hash alone',
        );
      const keys = signatures();
      const keyed =
        keys && keys !== 'locked' ? { key: keys.key.toString('base64'), from: keys.from } : undefined;
      job.progress(0, 1, 'Checking every audit entry and the data against it');
      // A team database's sealed values and files are compared when this login holds the team passphrase.
      const teamKey = storage.kind === 'team' ? sealedKey() : null;
      const data = {
        dataDir: storage.dataDir,
        locked: keys === 'locked' || teamKey === 'locked',
        ...(keys && keys !== 'locked'
          ? { dataKey: keys.dataKey.toString('base64') }
          : teamKey && teamKey !== 'locked'
            ? { dataKey: teamKey.toString('base64') }
            : {}),
      };
      // Off the data host's thread: the data folder's file, or the team database over a
      // connection of the check's own (a page of entries at a time), so the window's other
      // requests are answered meanwhile.
      const { value, ranIn } = await runFileTaskOffThread<AuditVerdict>(
        storage.kind === 'team' && teamUrl
          ? { kind: 'verify-team', url: teamUrl, total: storage.audit.count(), witness, data }
          : { kind: 'verify', dbPath: dbPath(), witness, keyed, data },
        job,
        'The check was cancelled',
      );
      job.progress(
        1,
        1,
        value.problem
          ? 'The audit trail was changed'
          : value.ok
            ? 'The audit trail is intact and matches the data'
            : 'The data does not match the audit trail',
      );
      return { ...value, ranIn, signatures: keyed ? 'checked' : keys === 'locked' ? 'locked' : 'off' };
    },

    /** Matching entries, oldest first, as CSV (formula-safe) with each entry's hashes. */
    exportCsv(q: Partial<AuditQuery>): { csv: string; rows: number; total: number } {
      const { entries, total } = exported(q);
      const rows: string[][] = [];
      for (const e of entries) {
        rows.push([
          String(e.id),
          e.at,
          e.actor,
          e.entity,
          e.entityId ?? '',
          e.action,
          e.beforeJson ?? '',
          e.afterJson ?? '',
          e.prevHash ?? '',
          e.hash ?? '',
        ]);
      }
      // The trail's head as of the export, a witness to keep: `audit verify --head` checks it later.
      const head = storage.audit.head();
      return {
        csv: toCsv(
          ['ID', 'At', 'Actor', 'Entity', 'Entity ID', 'Action', 'Before', 'After', 'Previous hash', 'Hash'],
          [
            ...rows,
            ['Trail head', ctx.now().toISOString(), '', '', '', '', '', '', `#${head.id}`, head.hash],
            ...(rows.length < total
              ? [
                  [
                    'Partial',
                    '',
                    '',
                    '',
                    '',
                    '',
                    `the oldest ${rows.length} of ${total} matching entries`,
                    '',
                    '',
                    '',
                  ],
                ]
              : []),
          ],
        ),
        rows: rows.length,
        total,
      };
    },

    /**
     * Matching entries, oldest first, as JSON with the stored text and both hashes of each:
     * with the formula in docs/security.md anyone can recompute the chain.
     */
    exportJson(q: Partial<AuditQuery>): { json: string; rows: number; total: number } {
      const { entries, total } = exported(q);
      const json = JSON.stringify(
        {
          format: 'vendor-risk-audit/1',
          exportedAt: ctx.now().toISOString(),
          hash: 'sha256_hex(JSON.stringify([id, at, actor, entity, entityId, action, beforeJson, afterJson, prevHash]))',
          genesis: '0'.repeat(64),
          // More entries than one export holds: these are the oldest; `through` is the last one's.
          filtered: isFiltered(q) || entries.length < total,
          ...(entries.length < total
            ? { partial: { exported: entries.length, matching: total, through: entries.at(-1)!.id } }
            : {}),
          // The whole trail's head as of the export, a witness to keep: `audit verify --head "#id:hash"` checks it later.
          head: storage.audit.head(),
          entries,
        },
        null,
        2,
      );
      return { json, rows: entries.length, total };
    },
  };

  /**
   * The entries of an export (at most AUDIT_EXPORT_LIMIT, the oldest) and how many match,
   * each checked on the way as `audit verify` checks the chain (walkChain): a changed trail
   * is refused, since an export of it would prove nothing. A filtered export is checked
   * entry by entry, each against the hash it names before it (its neighbours are not in it).
   */
  function exported(q: Partial<AuditQuery>): { entries: ChainEntry[]; total: number } {
    const entries: ChainEntry[] = [];
    let total = 0;
    function* counted() {
      for (const e of storage.audit.iterateChain(q)) {
        total += 1;
        if (entries.length < AUDIT_EXPORT_LIMIT) entries.push(e);
        yield e;
      }
    }
    let problem: ChainProblem | null = null;
    if (!isFiltered(q)) problem = walkChain(counted(), CHAIN_START).problem;
    else
      for (const e of counted()) {
        problem = walkChain([e], { id: e.id - 1, hash: e.prevHash ?? '' }).problem;
        if (problem) break;
      }
    if (problem)
      throw new AppError(
        'CONFLICT',
        `The audit trail was changed at entry #${problem.id} (${EXPORT_PROBLEM_WORDS[problem.kind] ?? problem.message}): an export of it would prove nothing; \`audit verify\` says what changed`,
      );
    return { entries, total };
  }
}

export type AuditService = ReturnType<typeof createAuditService>;

function isFiltered(q: Partial<AuditQuery>): boolean {
  return Boolean(q.vendorId || q.actor || q.from || q.to || q.entities?.length || q.actions?.length);
}
