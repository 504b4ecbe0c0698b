/**
 * What the team edition adds to the tables in PostgreSQL: row versions with who changed
 * a row and when, the audit trail appended by the database (one chain, the session user
 * as actor), and the vendor standings dropped by triggers as SQLite's triggers drop them.
 */
import { GENESIS_HASH } from '../../domain/audit-chain';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../domain/audit';
import { CRITICALITIES, VENDOR_CATEGORIES, VENDOR_STATUSES } from '../../domain/vendor';
import { TEAM_SCHEMA } from './connection';
import { CHANGES_CHANNEL } from './team-open';
import { EDITABLE_TABLES } from './schema-tables';

/** The SQLSTATE of a save against a stale row version (a refused save, never an overwrite). */
export const STALE_ROW_SQLSTATE = 'VR409';

const definer = `SECURITY DEFINER SET search_path = ${TEAM_SCHEMA}, pg_temp`;

/**
 * Row versions. An UPDATE that sets row_version states the version it read: when the row
 * has moved on since, it is refused with SQLSTATE VR409, the message naming who changed
 * it and when, and the detail holding both as JSON. Every accepted UPDATE bumps the
 * version; changed_by is always the session user (not a name the client sends).
 */
export const VERSIONS_SQL = `
  CREATE FUNCTION vr_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      NEW.row_version := 1;
    ELSE
      IF NEW.row_version IS DISTINCT FROM OLD.row_version THEN
        RAISE EXCEPTION USING
          ERRCODE = '${STALE_ROW_SQLSTATE}',
          MESSAGE = format('changed by %s at %s — reload to see it', OLD.changed_by,
            to_char(OLD.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')),
          DETAIL = json_build_object('table', TG_TABLE_NAME, 'version', OLD.row_version,
            'changedBy', OLD.changed_by, 'changedAt', OLD.changed_at)::text;
      END IF;
      NEW.row_version := OLD.row_version + 1;
    END IF;
    NEW.changed_by := session_user;
    NEW.changed_at := now();
    RETURN NEW;
  END $$;
  ${EDITABLE_TABLES.map(
    (t) => `
  ALTER TABLE ${t}
    ADD COLUMN row_version integer NOT NULL DEFAULT 1,
    ADD COLUMN changed_by text NOT NULL DEFAULT session_user,
    ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now();
  CREATE TRIGGER ${t}_row_version BEFORE INSERT OR UPDATE ON ${t}
    FOR EACH ROW EXECUTE FUNCTION vr_row_version();`,
  ).join('')}
`;

/**
 * The heart of `vr_audit_append` (its variable `v_at` set before): the entry chained to the
 * trail's head, written, and the head moved on. Migration 3 wrote the function first;
 * migration 11 states it again with its checks before this part.
 */
const APPEND_ENTRY = `    SELECT * INTO head FROM audit_record r WHERE r.id = 1 FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the audit trail''s record is missing: run audit verify';
    END IF;
    entry_id := head.last_id + 1;
    entry_hash := vr_audit_hash(entry_id, v_at, session_user::text, p_entity, p_entity_id, p_action,
      p_before_json, p_after_json, head.hash);
    INSERT INTO audit_log (id, at, actor, entity, entity_id, action, before_json, after_json, prev_hash, hash, mac)
      VALUES (entry_id, v_at, session_user, p_entity, p_entity_id, p_action, p_before_json, p_after_json, head.hash,
        entry_hash, p_mac);
    UPDATE audit_record r SET entries = r.entries + 1, last_id = entry_id, hash = entry_hash, mac = p_record_mac
      WHERE r.id = 1;
`;

/**
 * The audit trail, appended only through vr_audit_append: it locks the trail's record
 * row (SELECT … FOR UPDATE), so appends from any number of connections queue up and the
 * chain stays one; the entry's number is the record's last plus one (no sequence: a
 * rolled-back append leaves no gap), its actor the session user, and its hash computed
 * as domain/audit-chain.ts auditHash computes it: SHA-256 of the JSON array
 * [id, at, actor, entity, entityId, action, beforeJson, afterJson, prevHash] written as
 * JSON.stringify writes it (no spaces; PostgreSQL escapes strings as JavaScript does).
 * vr_audit_next tells a client that seals values or signs entries (encryption on) the
 * number and previous hash first, under the same lock.
 */
export const AUDIT_SQL = `
  INSERT INTO audit_record (id, entries, last_id, hash) VALUES (1, 0, 0, '${GENESIS_HASH}');

  CREATE FUNCTION vr_json_text(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN t IS NULL THEN 'null' ELSE to_json(t)::text END
  $$;

  CREATE FUNCTION vr_audit_hash(p_id bigint, p_at text, p_actor text, p_entity text, p_entity_id text,
      p_action text, p_before_json text, p_after_json text, p_prev_hash text)
    RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to('[' || p_id::text
      || ',' || ${TEAM_SCHEMA}.vr_json_text(p_at) || ',' || ${TEAM_SCHEMA}.vr_json_text(p_actor) || ',' || ${TEAM_SCHEMA}.vr_json_text(p_entity)
      || ',' || ${TEAM_SCHEMA}.vr_json_text(p_entity_id) || ',' || ${TEAM_SCHEMA}.vr_json_text(p_action)
      || ',' || ${TEAM_SCHEMA}.vr_json_text(p_before_json) || ',' || ${TEAM_SCHEMA}.vr_json_text(p_after_json)
      || ',' || ${TEAM_SCHEMA}.vr_json_text(p_prev_hash) || ']', 'UTF8')), 'hex')
  $$;

  CREATE FUNCTION vr_audit_next(OUT next_id bigint, OUT prev_hash text, OUT entries bigint)
    LANGUAGE plpgsql ${definer} AS $$
  BEGIN
    SELECT r.last_id + 1, r.hash, r.entries INTO next_id, prev_hash, entries
      FROM audit_record r WHERE r.id = 1 FOR UPDATE;
  END $$;

  CREATE FUNCTION vr_audit_append(p_at text, p_entity text, p_entity_id text, p_action text,
      p_before_json text, p_after_json text, p_mac text DEFAULT NULL, p_record_mac text DEFAULT NULL,
      OUT entry_id bigint, OUT entry_hash text)
    LANGUAGE plpgsql ${definer} AS $$
  DECLARE
    head audit_record%ROWTYPE;
    v_at text := coalesce(p_at, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
  BEGIN
${APPEND_ENTRY}  END $$;
`;

/** One trigger of the standings: which table, on what, and how the vendor is found. */
interface StandingsTrigger {
  table: string;
  events: string;
  /** The column holding the vendor's id, or the assessment's id (via 'assessment'); none: every vendor. */
  column?: string;
  via?: 'vendor' | 'assessment';
  when?: string;
}

const STANDINGS_TRIGGERS: readonly StandingsTrigger[] = [
  { table: 'vendors', events: 'UPDATE', column: 'id', via: 'vendor' },
  { table: 'assessments', events: 'INSERT OR UPDATE OR DELETE', column: 'vendor_id', via: 'vendor' },
  {
    table: 'assessment_questionnaires',
    events: 'INSERT OR UPDATE OR DELETE',
    column: 'assessment_id',
    via: 'assessment',
  },
  { table: 'answers', events: 'INSERT OR UPDATE OR DELETE', column: 'assessment_id', via: 'assessment' },
  { table: 'evidence', events: 'INSERT OR UPDATE OR DELETE', column: 'vendor_id', via: 'vendor' },
  { table: 'decisions', events: 'INSERT OR UPDATE OR DELETE', column: 'assessment_id', via: 'assessment' },
  { table: 'vendor_clauses', events: 'INSERT OR UPDATE OR DELETE', column: 'vendor_id', via: 'vendor' },
  { table: 'settings', events: 'INSERT', when: "NEW.key IN ('risk', 'deviceChecks')" },
  { table: 'settings', events: 'UPDATE', when: "NEW.key IN ('risk', 'deviceChecks') OR OLD.key = 'risk'" },
  { table: 'settings', events: 'DELETE', when: "OLD.key = 'risk'" },
  { table: 'questionnaires', events: 'UPDATE OR DELETE' },
  { table: 'clause_library', events: 'INSERT OR UPDATE OR DELETE' },
  { table: 'device_imports', events: 'INSERT' },
  { table: 'manufacturer_links', events: 'INSERT OR UPDATE OR DELETE' },
  { table: 'device_acceptances', events: 'INSERT OR UPDATE OR DELETE' },
  { table: 'vulnerability_runs', events: 'INSERT' },
];

/**
 * The vendor standings' triggers (SQLite migrations 5, 6, 7 and 16): a change drops the
 * standings it affects, which are computed again on read. The functions run as the
 * schema's owner, so a role that may change a clause needs no right on the standings.
 */
export const STANDINGS_SQL = `
  CREATE FUNCTION vr_standings_drop_vendor() RETURNS trigger LANGUAGE plpgsql ${definer} AS $$
  DECLARE
    ids text[] := '{}';
  BEGIN
    IF TG_OP <> 'INSERT' THEN ids := ids || (to_jsonb(OLD) ->> TG_ARGV[0]); END IF;
    IF TG_OP <> 'DELETE' THEN ids := ids || (to_jsonb(NEW) ->> TG_ARGV[0]); END IF;
    IF TG_ARGV[1] = 'assessment' THEN
      DELETE FROM vendor_standings WHERE vendor_id IN (SELECT vendor_id FROM assessments WHERE id = ANY (ids));
    ELSE
      DELETE FROM vendor_standings WHERE vendor_id = ANY (ids);
    END IF;
    RETURN NULL;
  END $$;
  CREATE FUNCTION vr_standings_drop_all() RETURNS trigger LANGUAGE plpgsql ${definer} AS $$
  BEGIN
    DELETE FROM vendor_standings;
    RETURN NULL;
  END $$;
  ${STANDINGS_TRIGGERS.map((t, i) => {
    const name = `standings_${t.table}_${i}`;
    if (t.column)
      return `CREATE TRIGGER ${name} AFTER ${t.events} ON ${t.table} FOR EACH ROW
    EXECUTE FUNCTION vr_standings_drop_vendor('${t.column}', '${t.via}');`;
    if (t.when)
      return `CREATE TRIGGER ${name} AFTER ${t.events} ON ${t.table} FOR EACH ROW WHEN (${t.when})
    EXECUTE FUNCTION vr_standings_drop_all();`;
    return `CREATE TRIGGER ${name} AFTER ${t.events} ON ${t.table} FOR EACH STATEMENT
    EXECUTE FUNCTION vr_standings_drop_all();`;
  }).join('\n  ')}
`;

/**
 * Change notices: after any statement that changes a portfolio table, a NOTIFY on
 * CHANGES_CHANNEL with {"table", "op", "by"} (by: the session user). PostgreSQL delivers
 * notices only when the transaction commits (a rolled-back change tells no one) and sends
 * identical ones of a transaction once, so a 100,000-row import is one notice per table.
 */
export const NOTIFY_SQL = `
  CREATE FUNCTION vr_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('${CHANGES_CHANNEL}',
      json_build_object('table', TG_TABLE_NAME, 'op', lower(TG_OP), 'by', session_user)::text);
    RETURN NULL;
  END $$;
  ${[...EDITABLE_TABLES, 'audit_log', 'device_imports', 'device_vulnerabilities', 'kev_entries']
    .map(
      (t) => `CREATE TRIGGER ${t}_notify AFTER INSERT OR UPDATE OR DELETE ON ${t}
    FOR EACH STATEMENT EXECUTE FUNCTION vr_notify_change();`,
    )
    .join('\n  ')}
`;

const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A vendor's choices and lists as the app writes them (team schema 11): a member writing
 * another value from psql (criticality "ultra", tags that are not JSON) made the vendor list
 * fail for everyone, since the app refuses to show what it cannot read. Rows written before
 * are not checked (NOT VALID); \`audit verify\` names them. A new choice in domain/vendor.ts
 * needs a team migration that states these again.
 */
const VENDOR_VALUES_SQL = `
  ALTER TABLE vendors ADD CONSTRAINT vendors_category CHECK (category IN (${sqlList(VENDOR_CATEGORIES)})) NOT VALID;
  ALTER TABLE vendors ADD CONSTRAINT vendors_criticality CHECK (criticality IN (${sqlList(CRITICALITIES)})) NOT VALID;
  ALTER TABLE vendors ADD CONSTRAINT vendors_status CHECK (status IN (${sqlList(VENDOR_STATUSES)})) NOT VALID;
  ALTER TABLE vendors ADD CONSTRAINT vendors_tags CHECK (jsonb_typeof(tags::jsonb) = 'array') NOT VALID;
  ALTER TABLE vendors ADD CONSTRAINT vendors_data_touched CHECK (jsonb_typeof(data_touched::jsonb) = 'array') NOT VALID;
`;

/**
 * The board pack's history (settings row reports.boardHistory) is written by whoever prints a
 * board pack, every role: each adds today's point (replacing one printed earlier today) and
 * the oldest fall off past the limit. The database holds everyone but an admin to that: a
 * point kept is unchanged, and only the oldest or today's go; the row is not deleted. A
 * viewer with psql could otherwise rewrite last quarter's figures (team schema 11).
 */
const BOARD_HISTORY_SQL = `
  CREATE FUNCTION vr_board_history_kept() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    was jsonb;
    now_ jsonb;
    newest text;
    gone_before boolean := true;
    p record;
  BEGIN
    IF pg_has_role(session_user, 'vr_admin', 'MEMBER') THEN
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'the board pack''s history is kept: only an admin removes it' USING ERRCODE = '42501';
    END IF;
    -- An upsert fires the INSERT trigger first: what is stored is what it changes.
    was := CASE WHEN TG_OP = 'UPDATE' THEN OLD.value::jsonb
                ELSE coalesce((SELECT s.value::jsonb FROM settings s WHERE s.key = NEW.key), '[]'::jsonb) END;
    now_ := NEW.value::jsonb;
    IF jsonb_typeof(now_) <> 'array' OR jsonb_typeof(was) <> 'array' THEN
      RAISE EXCEPTION 'the board pack''s history is a list of points' USING ERRCODE = '42501';
    END IF;
    newest := left(now_ -> -1 ->> 'date', 10);
    -- Every point but the newest was there before, unchanged.
    FOR p IN SELECT v, i FROM jsonb_array_elements(now_) WITH ORDINALITY AS e(v, i) LOOP
      IF p.i < jsonb_array_length(now_) AND NOT was @> jsonb_build_array(p.v) THEN
        RAISE EXCEPTION 'the board pack''s history keeps its past points as they were: only today''s may be added'
          USING ERRCODE = '42501';
      END IF;
    END LOOP;
    -- A point that went is one of the oldest (past the limit) or of today (printed again).
    FOR p IN SELECT v, i FROM jsonb_array_elements(was) WITH ORDINALITY AS e(v, i) LOOP
      IF now_ @> jsonb_build_array(p.v) THEN
        gone_before := false;
      ELSIF NOT gone_before AND left(p.v ->> 'date', 10) IS DISTINCT FROM newest THEN
        RAISE EXCEPTION 'the board pack''s history keeps its past points: only the oldest fall off'
          USING ERRCODE = '42501';
      END IF;
    END LOOP;
    RETURN NEW;
  END $$;
  CREATE TRIGGER settings_board_history BEFORE INSERT OR UPDATE ON settings
    FOR EACH ROW WHEN (NEW.key = 'reports.boardHistory') EXECUTE FUNCTION vr_board_history_kept();
  CREATE TRIGGER settings_board_history_delete BEFORE DELETE ON settings
    FOR EACH ROW WHEN (OLD.key = 'reports.boardHistory') EXECUTE FUNCTION vr_board_history_kept();
`;

/**
 * `vr_audit_append` as every writing role may call it from psql too (team schema 11): only the
 * trail's own kinds of record and action (an entry of another kind stopped \`audit list\` for
 * everyone), and dated by the server for all but an admin (who loads the dated sample
 * history): a member cannot write an entry into the past. The actor was always the login.
 * A new kind of entry (domain/audit.ts) needs a team migration that states this again.
 */
const AUDIT_APPEND_CHECKED_SQL = `
  CREATE OR REPLACE FUNCTION vr_audit_append(p_at text, p_entity text, p_entity_id text, p_action text,
      p_before_json text, p_after_json text, p_mac text DEFAULT NULL, p_record_mac text DEFAULT NULL,
      OUT entry_id bigint, OUT entry_hash text)
    LANGUAGE plpgsql ${definer} AS $$
  DECLARE
    head audit_record%ROWTYPE;
    server_now text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    v_at text := CASE WHEN pg_has_role(session_user, 'vr_admin', 'MEMBER') THEN coalesce(p_at, server_now)
                      ELSE server_now END;
  BEGIN
    IF p_entity IS NULL OR p_entity NOT IN (${sqlList(AUDIT_ENTITIES)}) THEN
      RAISE EXCEPTION 'not a kind of record the audit trail keeps: %', p_entity USING ERRCODE = '22023';
    END IF;
    IF p_action IS NULL OR p_action NOT IN (${sqlList(AUDIT_ACTIONS)}) THEN
      RAISE EXCEPTION 'not an action the audit trail records: %', p_action USING ERRCODE = '22023';
    END IF;
${APPEND_ENTRY}  END $$;
`;

/**
 * The team's own bookkeeping for sharing safely (team schema 11):
 * - Each login keeps its own cached standings (`computed_by`, its row-level security in
 *   roles.ts): a standing is computed by whoever reads the list and is not in the trail, so
 *   one shared by everyone would let any login, a viewer included, show the whole team a
 *   tier it made up. The triggers that drop standings run as the owner and drop everyone's.
 * - Writers take turns on a row of `write_turn` (SELECT … FOR UPDATE, which needs the UPDATE
 *   right that only writing roles have), not on an advisory lock any login could hold to stop
 *   every colleague's save.
 */
export const SHARING_SQL = `
  ${AUDIT_APPEND_CHECKED_SQL}
  DELETE FROM vendor_standings;
  ALTER TABLE vendor_standings DROP CONSTRAINT vendor_standings_pkey;
  ALTER TABLE vendor_standings ADD COLUMN computed_by text NOT NULL DEFAULT session_user;
  ALTER TABLE vendor_standings ADD PRIMARY KEY (vendor_id, computed_by);
  CREATE TABLE write_turn (id integer PRIMARY KEY CHECK (id = 1));
  INSERT INTO write_turn (id) VALUES (1);
  ${BOARD_HISTORY_SQL}
  ${VENDOR_VALUES_SQL}
`;
