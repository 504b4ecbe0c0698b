import type { Database } from './database';
import type { AuditEntry, NewAuditEntry } from '../domain/audit';

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string | null;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

/** The audit trail in SQLite. Entries are only ever appended. */
export interface AuditRepo {
  append(entry: NewAuditEntry): number;
  listFor(entity: AuditEntry['entity'], entityId: string, limit: number): AuditEntry[];
  count(): number;
}

/** Creates the audit repository over an open database. */
export function createAuditRepo(db: Database): AuditRepo {
  const insert = db.sqlite.prepare(
    'INSERT INTO audit_log (at, actor, entity, entity_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const listStmt = db.sqlite.prepare(
    'SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?',
  );
  const countStmt = db.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log');
  return {
    append(e) {
      const result = insert.run(
        e.at,
        e.actor,
        e.entity,
        e.entityId,
        e.action,
        e.before === null ? null : JSON.stringify(e.before),
        e.after === null ? null : JSON.stringify(e.after),
      );
      return Number(result.lastInsertRowid);
    },
    listFor(entity, entityId, limit) {
      const rows = listStmt.all(entity, entityId, limit) as unknown as AuditRow[];
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        entity: r.entity as AuditEntry['entity'],
        entityId: r.entity_id,
        action: r.action as AuditEntry['action'],
        before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
        after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
      }));
    },
    count() {
      return Number((countStmt.get() as { n: number }).n);
    },
  };
}
