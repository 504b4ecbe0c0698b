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
import { hash } from 'node:crypto';

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
  /** With encryption on: the entry's hash authenticated with a key derived from the data key. */
  mac?: string | null;
}

/** The hash of an entry's content chained to the hash of the entry before it. */
export function auditHash(e: Omit<ChainEntry, 'hash' | 'prevHash'>, prevHash: string): string {
  // One-shot hashing: a million entries are walked at a time.
  return hash(
    'sha256',
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
    'hex',
  );
}

import { CHAIN_PROBLEM_KINDS, type ChainProblem, type ChainVerdict } from './audit';

export { CHAIN_PROBLEM_KINDS };
export type ChainProblemKind = (typeof CHAIN_PROBLEM_KINDS)[number];

export type { ChainProblem, ChainVerdict };

/**
 * What the trail records of itself, updated with every entry it appends: how many it
 * holds and the newest. Entries deleted from the end, or the whole trail, no longer match
 * it. null: the record itself is gone.
 */
export interface TrailRecord {
  entries: number;
  lastId: number;
  hash: string;
  /** With encryption on: the record signed, as entries are. */
  mac?: string | null;
}

/** The text a trail record's signature covers. */
export const recordSigned = (r: { entries: number; lastId: number; hash: string }) =>
  `audit-record:${r.entries}:${r.lastId}:${r.hash}`;

/** A head printed earlier (a report's last page, an export): its entry number when known, and its hash. */
export interface Witness {
  id: number | null;
  hash: string;
}

/** A witness as people copy it: "#1234:3f2a…", "1234:3f2a…" or the hash alone. */
export function parseWitness(text: string): Witness | null {
  const m = /^\s*(?:#?(\d{1,15})[:\s]\s*)?([0-9a-fA-F]{64})\s*$/.exec(text);
  if (!m) return null;
  return { id: m[1] === undefined ? null : Number(m[1]), hash: m[2]!.toLowerCase() };
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** Where a walk starts: just after entry `id`, whose hash is `hash` (the whole trail: 0 and zeros). */
export interface ChainPoint {
  id: number;
  hash: string;
}
export const CHAIN_START: ChainPoint = { id: 0, hash: GENESIS_HASH };

/** What walking a stretch of the chain found (a long trail is walked in stretches, side by side). */
export interface ChainWalk {
  start: ChainPoint;
  /** Entries walked, the one where it broke included. */
  entries: number;
  /** The last entry that held (the start when none did). */
  end: ChainPoint;
  /** Whether the witness was among them, unchanged. */
  witnessed: boolean;
  problem: ChainProblem | null;
}

interface WalkOptions {
  witness?: Witness;
  /** With the key: every entry from `from` on must carry its hash signed with it. */
  keyed?: { from: number; sign(hash: string): string };
}

/**
 * Walks entries in id order from `start` and names the first one where the chain breaks:
 * its content does not match its hash (edited), entries before it are missing (deleted),
 * or it does not follow the entry before it (inserted out of order or moved); with the
 * key, one not signed with it (forged); given a witness, the entry of its number with
 * another hash (rewritten).
 */
export function walkChain(
  entries: Iterable<ChainEntry>,
  start: ChainPoint,
  options: WalkOptions = {},
): ChainWalk {
  let prev = start.hash;
  let prevId = start.id;
  let count = 0;
  let witnessed = false;
  const { witness, keyed } = options;
  const fail = (id: number, kind: ChainProblemKind, message: string): ChainWalk => ({
    start,
    entries: count,
    end: { id: prevId, hash: prev },
    witnessed,
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
    // A forger without the key can recompute every hash, but not these.
    if (keyed && e.id >= keyed.from && e.mac !== keyed.sign(e.hash))
      return fail(
        e.id,
        'forged',
        `Entry #${e.id} is not signed with this data folder's key: it was written or rewritten outside the app`,
      );
    if (witness && (witness.id === null ? e.hash === witness.hash : e.id === witness.id)) {
      if (e.hash !== witness.hash)
        return fail(
          e.id,
          'rewritten',
          `Entry #${e.id} is not the head printed earlier (${short(witness.hash)}): the trail up to it was rewritten`,
        );
      witnessed = true;
    }
    prev = e.hash;
    prevId = e.id;
  }
  return { start, entries: count, end: { id: prevId, hash: prev }, witnessed, problem: null };
}

/**
 * The verdict on the whole chain from its stretches, in order (each must start where the
 * one before ended): the first break; then the end of the trail against its own record of
 * its length (deleting the newest entries, or all of them, is found without anything kept
 * outside), and the witness: a head printed earlier must be an entry of the chain,
 * unchanged.
 */
export function finishChain(
  walks: readonly ChainWalk[],
  options: WalkOptions & { recorded?: TrailRecord | null } = {},
): ChainVerdict {
  let count = 0;
  let at = CHAIN_START;
  let witnessed = false;
  for (const w of walks) {
    // Stretches are read on connections of their own: the entries they meet at never change
    // in the app's hands, so this only fails when the file was rewritten during the check.
    if (w.start.id !== at.id || w.start.hash !== at.hash)
      throw new Error('The audit trail changed while it was being checked; check it again');
    count += w.entries;
    if (w.problem)
      return { ok: false, entries: count, head: w.end.hash, headId: w.end.id, problem: w.problem };
    witnessed ||= w.witnessed;
    at = w.end;
  }
  const prev = at.hash;
  const prevId = at.id;
  const fail = (id: number, kind: ChainProblemKind, message: string): ChainVerdict => ({
    ok: false,
    entries: count,
    head: prev,
    headId: prevId,
    problem: { id, kind, message },
  });
  const { recorded, keyed, witness } = options;
  // The record is signed as the entries are: rewriting it to hide deleted entries needs the key too.
  if (
    keyed &&
    recorded &&
    recorded.lastId >= keyed.from &&
    recorded.mac !== keyed.sign(recordSigned(recorded))
  )
    return fail(
      recorded.lastId,
      'forged',
      "The trail's record of its length is not signed with this data folder's key: it was rewritten outside the app",
    );
  if (recorded === null && count > 0)
    return fail(
      prevId + 1,
      'truncated',
      "The trail's record of its own length is gone: it was removed outside the app",
    );
  if (recorded && (recorded.entries !== count || recorded.hash !== prev))
    return fail(
      Math.min(prevId, recorded.lastId) + 1,
      'truncated',
      count === 0
        ? `The whole trail was deleted: it held ${recorded.entries} entries, up to #${recorded.lastId}`
        : count < recorded.entries
          ? `The newest entries were deleted: the trail held ${recorded.entries} entries, up to #${recorded.lastId}; ${count} remain, up to #${prevId}`
          : `The trail does not end where it recorded (${recorded.entries} entries, up to #${recorded.lastId}); it now ends at #${prevId}`,
    );
  if (witness && !witnessed)
    return fail(
      witness.id ?? prevId + 1,
      'rewritten',
      witness.id !== null && witness.id > prevId
        ? `Entry #${witness.id}, the head printed earlier, is no longer in the trail: entries up to it were removed`
        : `The head printed earlier (${witness.id !== null ? `#${witness.id} ` : ''}${short(witness.hash)}) is not an entry of this trail: it was rewritten`,
    );
  return { ok: true, entries: count, head: prev, headId: prevId, problem: null };
}

/** Walks the whole chain and gives the verdict (walkChain, then finishChain). */
export function verifyChain(
  entries: Iterable<ChainEntry>,
  options: WalkOptions & { recorded?: TrailRecord | null } = {},
): ChainVerdict {
  return finishChain([walkChain(entries, CHAIN_START, options)], options);
}
