/**
 * The audit trail's hash chain: every entry carries the SHA-256 of its own content and
 * of the entry before it, so an entry edited, deleted or inserted out of order breaks
 * the chain where it happened. The content hashed is the stored text, field by field,
 * so anyone holding the JSON export can recompute it:
 *
 *   hash = sha256_hex(JSON.stringify([id, at, actor, entity, entityId, action, beforeJson, afterJson, prevHash]))
 *
 * (beforeJson / afterJson: the stored JSON text, or null; the first entry's prevHash is
 * 64 zeros.)
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** An audit entry as stored: what the hash covers, plus the two hashes. */
export interface ChainEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: string | null;
  action: string;
  beforeJson: string | null;
  afterJson: string | null;
  prevHash: string | null;
  hash: string | null;
}

/** The hash of an entry's content chained to the hash of the entry before it. */
export function auditHash(e: Omit<ChainEntry, 'hash' | 'prevHash'>, prevHash: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        e.id,
        e.at,
        e.actor,
        e.entity,
        e.entityId,
        e.action,
        e.beforeJson,
        e.afterJson,
        prevHash,
      ]),
    )
    .digest('hex');
}

import { CHAIN_PROBLEM_KINDS } from './audit';

export { CHAIN_PROBLEM_KINDS };
export type ChainProblemKind = (typeof CHAIN_PROBLEM_KINDS)[number];

export interface ChainProblem {
  /** The entry where the chain breaks. */
  id: number;
  kind: ChainProblemKind;
  message: string;
}

export interface ChainVerdict {
  ok: boolean;
  /** Entries walked. */
  entries: number;
  /** The newest entry's hash: keep it to notice later deletions of the newest entries. */
  head: string;
  /** The first break, or null when the chain holds. */
  problem: ChainProblem | null;
}

/**
 * Walks entries in id order and names the first one where the chain breaks: its content
 * does not match its hash (edited), entries before it are missing (deleted), or it does
 * not follow the entry before it (inserted out of order or moved).
 */
export function verifyChain(entries: Iterable<ChainEntry>, expectedHead?: string): ChainVerdict {
  let prev = GENESIS_HASH;
  let prevId = 0;
  let count = 0;
  const fail = (id: number, kind: ChainProblemKind, message: string): ChainVerdict => ({
    ok: false,
    entries: count,
    head: prev,
    problem: { id, kind, message },
  });
  for (const e of entries) {
    count += 1;
    if (e.hash === null || e.prevHash === null)
      return fail(e.id, 'unsealed', `Entry #${e.id} has no hash: it was added outside the app`);
    if (auditHash(e, e.prevHash) !== e.hash)
      return fail(e.id, 'edited', `Entry #${e.id} (${e.at}, ${e.actor}) was edited after it was recorded`);
    if (e.prevHash !== prev) {
      if (e.id > prevId + 1)
        return fail(
          e.id,
          'deleted',
          e.id === prevId + 2
            ? `Entry #${prevId + 1}, just before #${e.id}, was deleted`
            : `Entries #${prevId + 1} to #${e.id - 1}, just before #${e.id}, were deleted`,
        );
      return fail(
        e.id,
        'out-of-order',
        `Entry #${e.id} does not follow entry #${prevId}: it was inserted out of order or moved`,
      );
    }
    prev = e.hash;
    prevId = e.id;
  }
  if (expectedHead !== undefined && expectedHead !== prev)
    return fail(
      prevId + 1,
      'deleted',
      `The newest entries after #${prevId} are missing (the head hash differs)`,
    );
  return { ok: true, entries: count, head: prev, problem: null };
}
