import type { SqlStatement } from './sql';
import type { Database } from './database';
import type { AuditEntry, AuditQuery, NewAuditEntry } from '../domain/audit';
import { auditHash, GENESIS_HASH, recordSigned, type ChainEntry } from '../domain/audit-chain';
import { chainEntryOf, type AuditRow } from './audit-rows';
import { openFields, sealFields, type Cipher } from './cipher';
import { place } from './places';

/** The audit trail in SQLite. Entries are only ever appended, each sealed into the hash chain. */
export interface AuditRepo {
  /** Appends an entry (inside the caller's transaction: the chain needs the newest entry to stay newest). */
  append(entry: NewAuditEntry): number;
  listFor(entity: AuditEntry['entity'], entityId: string, limit: number): AuditEntry[];
  /** Entries matching a query, newest first, a page at a time, with the total. */
  query(q: AuditQuery): { items: (AuditEntry & { hash: string | null })[]; total: number };
  /** Every entry matching a query, oldest first, as stored (for exports). */
  iterateChain(q?: Partial<AuditQuery>): Iterable<ChainEntry>;
  count(): number;
  /** The newest entry's number and hash: the witness reports and exports print. */
  head(): { id: number; hash: string };
}

const toEntry = (cipher: Cipher, r: AuditRow): AuditEntry & { hash: string | null } => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  entity: r.entity as AuditEntry['entity'],
  entityId: r.entity_id,
  action: r.action as AuditEntry['action'],
  before:
    r.before_json === null
      ? null
      : openFields(cipher, JSON.parse(r.before_json), `${place.auditEntry(r.id)}/before`),
  after:
    r.after_json === null
      ? null
      : openFields(cipher, JSON.parse(r.after_json), `${place.auditEntry(r.id)}/after`),
  hash: r.hash,
});

/**
 * The WHERE clause and parameters of a query (every value bound, none spliced in). With a
 * vendor, `assessments` are the ids of its assessments the trail knows (deleted ones too).
 */
function where(
  q: Partial<AuditQuery>,
  assessments: readonly string[] = [],
): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (q.vendorId) {
    // The vendor itself, anything recorded with its id (assessments, clauses, sign-offs …),
    // and what is recorded with one of its assessments: answers (whose id starts with the
    // assessment's), decisions and evidence (which name it).
    const either: string[] = ['entity_id = ?', 'instr(after_json, ?) > 0', 'instr(before_json, ?) > 0'];
    const marker = `"vendorId":${JSON.stringify(q.vendorId)}`;
    params.push(q.vendorId, marker, marker);
    for (const id of assessments) {
      const named = `"assessmentId":${JSON.stringify(id)}`;
      either.push('instr(entity_id, ?) = 1', 'instr(after_json, ?) > 0', 'instr(before_json, ?) > 0');
      params.push(`${id}/`, named, named);
    }
    parts.push(`(${either.join(' OR ')})`);
  }
  if (q.entities?.length) {
    parts.push(`entity IN (${q.entities.map(() => '?').join(', ')})`);
    params.push(...q.entities);
  }
  if (q.actions?.length) {
    parts.push(`action IN (${q.actions.map(() => '?').join(', ')})`);
    params.push(...q.actions);
  }
  if (q.actor) {
    parts.push('actor = ?');
    params.push(q.actor);
  }
  if (q.from) {
    parts.push('at >= ?');
    params.push(q.from);
  }
  if (q.to) {
    // An ISO date as the end includes that whole day.
    parts.push('at < ?');
    params.push(q.to.length === 10 ? `${q.to}T24` : q.to);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Creates the audit repository over an open database. */
export function createAuditRepo(
  db: Pick<Database, 'sql' | 'cipher'> & { kind?: Database['kind'] },
): AuditRepo {
  /** The ids of a vendor's assessments as the trail recorded them (those deleted since too). */
  const assessmentsOf = (vendorId: string | undefined): string[] => {
    if (!vendorId) return [];
    const marker = `"vendorId":${JSON.stringify(vendorId)}`;
    return (
      db.sql
        .prepare(
          `SELECT DISTINCT entity_id FROM audit_log WHERE entity = 'assessment' AND entity_id IS NOT NULL
             AND (instr(after_json, ?) > 0 OR instr(before_json, ?) > 0)`,
        )
        .all(marker, marker) as { entity_id: string }[]
    ).map((r) => r.entity_id);
  };
  // Prepared on first use, as the record below: a database opened at an older schema (tests) has neither.
  let insertStmt: SqlStatement | null = null;
  const insert = {
    run: (...values: (string | number | null)[]) =>
      (insertStmt ??= db.sql.prepare(
        'INSERT INTO audit_log (id, at, actor, entity, entity_id, action, before_json, after_json, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )).run(...values),
  };
  const last = db.sql.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const listStmt = db.sql.prepare(
    'SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?',
  );
  const countStmt = db.sql.prepare('SELECT COUNT(*) AS n FROM audit_log');
  // Only ever updated, never recreated: a record someone deleted stays missing, and is reported.
  let recordStmt: SqlStatement | null = null;
  // Prepared once: an import appends thousands of entries in one transaction.
  let entriesStmt: SqlStatement | null = null;
  const record = (id: number, hash: string) => {
    recordStmt ??= db.sql.prepare(
      'UPDATE audit_record SET entries = ?, last_id = ?, hash = ?, mac = ? WHERE id = 1',
    );
    entriesStmt ??= db.sql.prepare('SELECT entries FROM audit_record WHERE id = 1');
    const current = entriesStmt.get() as { entries: number } | undefined;
    if (!current) return;
    const entries = Number(current.entries) + 1;
    recordStmt.run(entries, id, hash, db.cipher.sign(recordSigned({ entries, lastId: id, hash })));
  };
  // A team database appends itself (pg/schema-team.ts): it numbers the entry and chains it
  // under a lock on the trail's record, and records its session user as the actor.
  let teamAppend: SqlStatement | null = null;
  let teamNext: SqlStatement | null = null;
  const appendInTeam = (e: NewAuditEntry): number => {
    teamAppend ??= db.sql.prepare('SELECT entry_id FROM vr_audit_append(?, ?, ?, ?, ?, ?)');
    // With the team's data key (encryption on, this login unlocked) sensitive fields are sealed
    // for their entry as in the folder, so the trail holds no note in the clear: the number the
    // database will give is asked first, under the trail's lock, which the caller's
    // transaction keeps until the append. (Locked, a login writes no sensitive value: the
    // services refuse it, and what they read shows the locked placeholder.)
    let at: string | null = null;
    if (db.cipher.active) {
      teamNext ??= db.sql.prepare('SELECT next_id FROM vr_audit_next()');
      at = place.auditEntry(Number(teamNext.get()!.next_id));
    }
    const json = (v: unknown, side: 'before' | 'after') =>
      v === null ? null : JSON.stringify(at === null ? v : sealFields(db.cipher, v, `${at}/${side}`));
    const row = teamAppend.get(
      e.at,
      e.entity,
      e.entityId,
      e.action,
      json(e.before, 'before'),
      json(e.after, 'after'),
    );
    const id = Number(row!.entry_id);
    // Only outside a transaction could another append come between: refused (rolled back with it).
    if (at !== null && at !== place.auditEntry(id))
      throw new Error('The audit trail moved on while its entry was sealed; nothing was saved — try again');
    return id;
  };
  return {
    append(e) {
      if (db.kind === 'team') return appendInTeam(e);
      const newest = last.get() as { id: number; hash: string | null } | undefined;
      const id = (newest?.id ?? 0) + 1;
      // Sensitive fields are sealed (each bound to this entry and its path) before hashing: the chain covers what is stored.
      const at = place.auditEntry(id);
      const beforeJson =
        e.before === null ? null : JSON.stringify(sealFields(db.cipher, e.before, `${at}/before`));
      const afterJson =
        e.after === null ? null : JSON.stringify(sealFields(db.cipher, e.after, `${at}/after`));
      const prevHash = newest?.hash ?? GENESIS_HASH;
      const hash = auditHash(
        {
          id,
          at: e.at,
          actor: e.actor,
          entity: e.entity,
          entityId: e.entityId,
          action: e.action,
          beforeJson,
          afterJson,
        },
        prevHash,
      );
      // With encryption on, signed with the data key's audit key (refused while locked).
      const mac = db.cipher.sign(hash);
      insert.run(
        id,
        e.at,
        e.actor,
        e.entity,
        e.entityId,
        e.action,
        beforeJson,
        afterJson,
        prevHash,
        hash,
        mac,
      );
      record(id, hash);
      return id;
    },
    listFor(entity, entityId, limit) {
      return (listStmt.all(entity, entityId, limit) as unknown as AuditRow[]).map((r) =>
        toEntry(db.cipher, r),
      );
    },
    query(q) {
      const w = where(q, assessmentsOf(q.vendorId));
      const total = Number(
        (db.sql.prepare(`SELECT COUNT(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }).n,
      );
      const rows = db.sql
        .prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`)
        .all(...w.params, q.limit, q.offset) as unknown as AuditRow[];
      return { items: rows.map((r) => toEntry(db.cipher, r)), total };
    },
    *iterateChain(q = {}) {
      const w = where(q, assessmentsOf(q.vendorId));
      const stmt = db.sql.prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY id`);
      for (const row of stmt.iterate(...w.params) as Iterable<AuditRow>) yield chainEntryOf(row);
    },
    count() {
      return Number((countStmt.get() as { n: number }).n);
    },
    head() {
      const newest = last.get() as { id: number; hash: string | null } | undefined;
      return { id: newest?.id ?? 0, hash: newest?.hash ?? GENESIS_HASH };
    },
  };
}
