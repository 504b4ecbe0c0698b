/**
 * The team's roles, enforced by PostgreSQL itself: one group role per kind of work, GRANTs
 * per table, and row-level security where a table is shared between roles. A person's
 * login is a member of one group (`team user add`); whatever client they use — the app,
 * the CLI or psql — the database refuses what their group may not do. docs/team.md has the
 * matrix in prose.
 */
import { COMPAT_FUNCTIONS } from './schema-compat';
import { ROLE_WRITES, TEAM_ROLES, type TeamRole } from '../../domain/team-roles';
import { TEAM_SCHEMA } from './connection';
import { PORTFOLIO_TABLES, type PortfolioTable } from './schema-tables';

export { TEAM_ROLES, type TeamRole };

/**
 * The group role in the cluster. Roles belong to the whole PostgreSQL server, not to one
 * database: two team databases on one server share these groups (docs/team.md).
 */
export const groupRole = (role: TeamRole) => `vr_${role}`;

/**
 * What each role may write (INSERT, UPDATE, DELETE); every role reads everything. The
 * matrix is the domain's (domain/team-roles.ts, which the window reads too); admin writes
 * every portfolio table but the audit trail, which only the database appends to.
 */
export const WRITES: Readonly<Record<TeamRole, readonly PortfolioTable[]>> = {
  admin: PORTFOLIO_TABLES.filter((t) => t !== 'audit_log' && t !== 'audit_record'),
  ...ROLE_WRITES,
};

/**
 * Settings are shared: each role writes only its own keys (row-level security). Every
 * role records the board pack's history when it prints one and keeps its saved filters.
 */
export const SETTINGS_KEYS: Readonly<Record<Exclude<TeamRole, 'admin'>, readonly string[]>> = {
  procurement: ['risk', 'savedFilters', 'reports.boardHistory', 'reports.boardTargets'],
  security: ['deviceChecks', 'savedFilters', 'reports.boardHistory'],
  legal: ['savedFilters', 'reports.boardHistory'],
  viewer: ['savedFilters', 'reports.boardHistory'],
};

const all = TEAM_ROLES.map(groupRole).join(', ');
const writers = TEAM_ROLES.filter((r) => r !== 'viewer')
  .map(groupRole)
  .join(', ');
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Creates the group roles that do not exist yet; safe to run again. */
export const ROLES_SQL = TEAM_ROLES.map(
  (role) => `DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${groupRole(role)}') THEN
      CREATE ROLE ${groupRole(role)} NOLOGIN;
    END IF;
  END $$;`,
).join('\n');

/**
 * GRANTs and policies, all of them stated again on every run (revoked first), so a second
 * `team init` puts back anything changed by hand. `database` is the database's name.
 */
export function grantsSql(database: string): string {
  const db = `"${database.replace(/"/g, '""')}"`;
  const s = TEAM_SCHEMA;
  const parts: string[] = [
    `REVOKE ALL ON DATABASE ${db} FROM PUBLIC`,
    `GRANT CONNECT ON DATABASE ${db} TO ${all}`,
    `ALTER DATABASE ${db} SET search_path = ${s}, public`,
    `REVOKE ALL ON SCHEMA ${s} FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA ${s} TO ${all}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM PUBLIC, ${all}`,
    `REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ${s} FROM PUBLIC, ${all}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${all}`,
    // Standings are a cache computed on read: whoever reads the list refreshes their own
    // (row-level security below), never a colleague's.
    `GRANT INSERT, UPDATE, DELETE ON vendor_standings TO ${all}`,
    // Writers take turns on this row (SELECT … FOR UPDATE needs UPDATE): a viewer cannot hold it.
    `GRANT UPDATE ON write_turn TO ${writers}`,
    `GRANT EXECUTE ON FUNCTION ${s}.vr_audit_append(text, text, text, text, text, text, text, text), ${s}.vr_audit_next() TO ${writers}`,
    `GRANT EXECUTE ON FUNCTION ${s}.vr_audit_hash(bigint, text, text, text, text, text, text, text, text), ${s}.vr_json_text(text) TO ${all}`,
    // SQLite's spellings the repositories' SQL uses (schema-compat.ts): pure functions.
    `GRANT EXECUTE ON FUNCTION ${COMPAT_FUNCTIONS.map((f) => `${s}.${f}`).join(', ')} TO ${all}`,
  ];
  for (const role of TEAM_ROLES) {
    const tables = WRITES[role].filter((t) => t !== 'vendor_standings');
    if (tables.length)
      parts.push(`GRANT INSERT, UPDATE, DELETE ON ${tables.join(', ')} TO ${groupRole(role)}`);
  }
  // Saving an answer stamps its assessment (when, and where the reader was): a security
  // reviewer answers, so may change that much of an assessment and nothing else of it.
  parts.push(`GRANT UPDATE (updated_at, position) ON assessments TO ${groupRole('security')}`);
  parts.push(...policiesSql());
  // Rights granted by hand to a member's own login are taken back too: a person has what
  // their group has, nothing more.
  parts.push(`DO $$ DECLARE member text; BEGIN
    FOR member IN SELECT DISTINCT u.rolname FROM pg_auth_members m
        JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
        WHERE g.rolname IN (${TEAM_ROLES.map((role) => `'${groupRole(role)}'`).join(', ')})
          AND NOT u.rolsuper AND u.rolname <> session_user LOOP
      EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM %I', member);
      EXECUTE format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ${s} FROM %I', member);
    END LOOP;
  END $$`);
  return parts.map((p) => `${p};`).join('\n');
}

/** Row-level security on the tables several roles share. */
function policiesSql(): string[] {
  const r = groupRole;
  const parts: string[] = [];
  const reset = (table: string, names: string[]) => {
    parts.push(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
    for (const name of names) parts.push(`DROP POLICY IF EXISTS ${name} ON ${table}`);
    parts.push(`CREATE POLICY ${table}_read ON ${table} FOR SELECT TO ${all} USING (true)`);
  };
  // Answers: procurement and security reviewers answer; legal and viewers never change one.
  reset('answers', ['answers_read', 'answers_write']);
  parts.push(
    `CREATE POLICY answers_write ON answers FOR ALL TO ${r('admin')}, ${r('procurement')}, ${r('security')} USING (true) WITH CHECK (true)`,
  );
  // Cached standings: each login its own, for reading and writing (the triggers that drop
  // them run as the owner, whom the policies do not bind).
  parts.push(`ALTER TABLE vendor_standings ENABLE ROW LEVEL SECURITY`);
  parts.push(`DROP POLICY IF EXISTS vendor_standings_own ON vendor_standings`);
  parts.push(
    `CREATE POLICY vendor_standings_own ON vendor_standings FOR ALL TO ${all} USING (computed_by = session_user) WITH CHECK (computed_by = session_user)`,
  );
  // Settings: each role its own keys, the admin all of them.
  const settingsPolicies = [
    'settings_read',
    'settings_admin',
    ...Object.keys(SETTINGS_KEYS).map((k) => `settings_${k}`),
  ];
  reset('settings', settingsPolicies);
  parts.push(
    `CREATE POLICY settings_admin ON settings FOR ALL TO ${r('admin')} USING (true) WITH CHECK (true)`,
  );
  for (const [role, keys] of Object.entries(SETTINGS_KEYS) as [Exclude<TeamRole, 'admin'>, string[]][])
    parts.push(
      `CREATE POLICY settings_${role} ON settings FOR ALL TO ${r(role)} USING (key IN (${list(keys)})) WITH CHECK (key IN (${list(keys)}))`,
    );
  // Clause comments and sign-offs: legal writes them in its own name and changes only its own.
  for (const [table, who] of [
    ['clause_comments', 'author'],
    ['legal_signoffs', 'reviewer'],
  ] as const) {
    reset(table, [`${table}_read`, `${table}_admin`, `${table}_own`]);
    parts.push(
      `CREATE POLICY ${table}_admin ON ${table} FOR ALL TO ${r('admin')} USING (true) WITH CHECK (true)`,
    );
    parts.push(
      `CREATE POLICY ${table}_own ON ${table} FOR ALL TO ${r('legal')} USING (${who} = session_user) WITH CHECK (${who} = session_user)`,
    );
  }
  return parts;
}
