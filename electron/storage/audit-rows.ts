import type { ChainEntry, TrailRecord } from '../domain/audit-chain';

/** An audit_log row as SQLite returns it. */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string | null;
  action: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string | null;
  hash: string | null;
  mac?: string | null;
}

/** A row as the hash chain sees it: the stored text, field by field. */
export function chainEntryOf(
  r: Omit<AuditRow, 'prev_hash' | 'hash'> & Partial<Pick<AuditRow, 'prev_hash' | 'hash'>>,
): ChainEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    beforeJson: r.before_json,
    afterJson: r.after_json,
    prevHash: r.prev_hash ?? null,
    hash: r.hash ?? null,
    mac: r.mac ?? null,
  };
}

/** The audit_record row (the trail's record of its length and head) as the chain check reads it; null when missing. */
export function trailRecordOf(
  row: { entries: number; last_id: number; hash: string; mac?: string | null } | undefined,
): TrailRecord | null {
  return row
    ? {
        entries: Number(row.entries),
        lastId: Number(row.last_id),
        hash: String(row.hash),
        mac: row.mac ?? null,
      }
    : null;
}
