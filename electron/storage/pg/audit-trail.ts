/**
 * The audit trail in a team database, as far as the foundation goes: appending through
 * the database's own function (which serialises appends and records the session user),
 * and reading the chain and its record back for domain/audit-chain.ts verifyChain.
 */
import type { ClientBase } from 'pg';
import type { ChainEntry, TrailRecord } from '../../domain/audit-chain';
import type { NewAuditEntry } from '../../domain/audit';
import { chainEntryOf, type AuditRow } from '../audit-rows';

/** An entry to append: as the services build one, with its before/after already as stored text. */
export type PgAuditAppend = Pick<NewAuditEntry, 'at' | 'entity' | 'entityId' | 'action'> & {
  beforeJson: string | null;
  afterJson: string | null;
};

/**
 * Appends one entry inside the caller's transaction (or alone); the database numbers it,
 * chains it and records the session user as its actor. Returns its number and hash.
 */
export async function appendAuditEntry(
  client: ClientBase,
  e: PgAuditAppend,
): Promise<{ id: number; hash: string }> {
  const r = await client.query<{ entry_id: string; entry_hash: string }>(
    'SELECT entry_id, entry_hash FROM vr_audit_append($1, $2, $3, $4, $5, $6)',
    [e.at, e.entity, e.entityId, e.action, e.beforeJson, e.afterJson],
  );
  const row = r.rows[0]!;
  return { id: Number(row.entry_id), hash: row.entry_hash };
}

/** An audit_log row as PostgreSQL returns it: the same columns, the bigint id as text. */
type PgAuditRow = Omit<AuditRow, 'id' | 'mac'> & { id: string; mac: string | null };

/** The whole chain, oldest first, and the trail's record of itself (null when it is gone). */
export async function readAuditChain(
  client: ClientBase,
): Promise<{ entries: ChainEntry[]; recorded: TrailRecord | null }> {
  const rows = await client.query<PgAuditRow>('SELECT * FROM audit_log ORDER BY id');
  const record = await client.query<{ entries: string; last_id: string; hash: string; mac: string | null }>(
    'SELECT entries, last_id, hash, mac FROM audit_record WHERE id = 1',
  );
  const rec = record.rows[0];
  return {
    entries: rows.rows.map((r) => chainEntryOf({ ...r, id: Number(r.id) })),
    recorded: rec
      ? { entries: Number(rec.entries), lastId: Number(rec.last_id), hash: rec.hash, mac: rec.mac }
      : null,
  };
}
