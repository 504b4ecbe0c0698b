import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANGES_CHANNEL } from '../../electron/storage/pg/team-open';
import { addTeamUser, initTeamDatabase } from '../../electron/storage/pg/team-setup';
import type { TeamRole } from '../../electron/storage/pg/roles';
import { connect, freshDatabase, psql, serverUrl, uniqueName, urlWith } from './support';

const server = serverUrl();
const PASSWORD = 'role test password 1';
const NOW = '2026-12-07T10:00:00.000Z';

describe.skipIf(!server)('roles the database enforces, through psql as each role', () => {
  let owner = '';
  const as: Record<TeamRole, string> = { admin: '', procurement: '', security: '', legal: '', viewer: '' };
  const names: Record<TeamRole, string> = { admin: '', procurement: '', security: '', legal: '', viewer: '' };

  beforeAll(async () => {
    owner = await freshDatabase(server!);
    const client = await connect(owner);
    await initTeamDatabase(client);
    for (const role of Object.keys(as) as TeamRole[]) {
      names[role] = uniqueName(role);
      await addTeamUser(client, names[role], role, PASSWORD);
      as[role] = urlWith(owner, { user: names[role], password: PASSWORD });
    }
    await client.query(`
      INSERT INTO vendors (id, name, name_key, category, criticality, status, created_at, updated_at)
        VALUES ('v1', 'Acme Scanners', 'acme scanners', 'robotics-iot', 'high', 'active', '${NOW}', '${NOW}');
      INSERT INTO assessments (id, vendor_id, title, status, created_at, updated_at, created_by)
        VALUES ('a1', 'v1', 'Annual review', 'in-progress', '${NOW}', '${NOW}', 'owner');
      INSERT INTO answers (assessment_id, questionnaire_id, question_id, answer, updated_at, updated_by, source)
        VALUES ('a1', 'core', 'q1', 'yes', '${NOW}', 'owner', 'manual');
      INSERT INTO devices (source, device_id, serial, manufacturer_key, data, import_id)
        VALUES ('wms', 'd1', 'SN1', 'acme', '[]', 'i1');
      INSERT INTO vendor_clauses (vendor_id, clause_id, status, reference, updated_at, updated_by)
        VALUES ('v1', 'breach-notice', 'missing', '', '${NOW}', 'owner');
    `);
  });

  const refused = (r: ReturnType<typeof psql>, what: RegExp) => {
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(what);
  };

  it('legal cannot change an answer, even with psql', () => {
    refused(
      psql(as.legal, "UPDATE answers SET answer = 'no' WHERE question_id = 'q1'"),
      /permission denied for table answers/,
    );
    refused(psql(as.legal, 'DELETE FROM answers'), /permission denied for table answers/);
    expect(psql(as.legal, "SELECT answer FROM answers WHERE question_id = 'q1'").stdout).toBe('yes');
  });

  it('a viewer reads everything and cannot insert anything', () => {
    expect(psql(as.viewer, 'SELECT count(*) FROM vendors').stdout).toBe('1');
    refused(
      psql(
        as.viewer,
        `INSERT INTO vendors (id, name, name_key, category, criticality, status, created_at, updated_at)
           VALUES ('v2', 'Sneaky', 'sneaky', 'other', 'low', 'active', '${NOW}', '${NOW}')`,
      ),
      /permission denied for table vendors/,
    );
    refused(
      psql(as.viewer, "SELECT * FROM vr_audit_append(NULL, 'vendor', 'v1', 'update', NULL, NULL)"),
      /permission denied for function vr_audit_append/,
    );
    refused(
      psql(as.viewer, "INSERT INTO settings (key, value, updated_at) VALUES ('risk', '{}', 'x')"),
      /row-level security/,
    );
  });

  it('procurement edits a vendor, and the row records its version and the session user', () => {
    const r = psql(
      as.procurement,
      "UPDATE vendors SET owner = 'Pat' WHERE id = 'v1' RETURNING row_version, changed_by",
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(`2|${names.procurement}`);
    refused(
      psql(as.procurement, "UPDATE devices SET serial = 'X' WHERE device_id = 'd1'"),
      /permission denied for table devices/,
    );
  });

  it('security edits devices and answers, and only its own settings', () => {
    expect(psql(as.security, "UPDATE devices SET serial = 'SN1-B' WHERE device_id = 'd1'").status).toBe(0);
    expect(psql(as.security, "UPDATE answers SET note = 'checked' WHERE question_id = 'q1'").status).toBe(0);
    expect(
      psql(
        as.security,
        `INSERT INTO settings (key, value, updated_at) VALUES ('deviceChecks', '{}', '${NOW}')`,
      ).status,
    ).toBe(0);
    refused(
      psql(as.security, `INSERT INTO settings (key, value, updated_at) VALUES ('risk', '{}', '${NOW}')`),
      /new row violates row-level security policy for table "settings"/,
    );
    refused(
      psql(as.security, "UPDATE vendors SET owner = 'Sam' WHERE id = 'v1'"),
      /permission denied for table vendors/,
    );
    // An answer notes on its assessment when and where; the assessment itself is procurement's.
    expect(psql(as.security, `UPDATE assessments SET updated_at = '${NOW}', position = 'q1'`).status).toBe(0);
    refused(
      psql(as.security, "UPDATE assessments SET status = 'closed'"),
      /permission denied for table assessments/,
    );
  });

  it('legal sets clauses and comments in its own name only', () => {
    expect(
      psql(as.legal, "UPDATE vendor_clauses SET status = 'present' WHERE clause_id = 'breach-notice'").status,
    ).toBe(0);
    expect(
      psql(
        as.legal,
        `INSERT INTO clause_comments (id, vendor_id, clause_id, text, author, at) VALUES ('c1', 'v1', 'breach-notice', 'ok', '${names.legal}', '${NOW}')`,
      ).status,
    ).toBe(0);
    refused(
      psql(
        as.legal,
        `INSERT INTO clause_comments (id, vendor_id, clause_id, text, author, at) VALUES ('c2', 'v1', 'breach-notice', 'forged', 'someone else', '${NOW}')`,
      ),
      /row-level security/,
    );
    refused(
      psql(as.procurement, "UPDATE vendor_clauses SET status = 'missing'"),
      /permission denied for table vendor_clauses/,
    );
  });

  it('a vendor’s choices and lists stay ones the app reads: a member cannot break the list for everyone', () => {
    refused(
      psql(as.procurement, "UPDATE vendors SET criticality = 'ultra' WHERE id = 'v1'"),
      /vendors_criticality/,
    );
    refused(
      psql(as.procurement, "UPDATE vendors SET category = 'spaceships' WHERE id = 'v1'"),
      /vendors_category/,
    );
    refused(psql(as.procurement, "UPDATE vendors SET status = 'gone' WHERE id = 'v1'"), /vendors_status/);
    refused(psql(as.procurement, "UPDATE vendors SET tags = '{\"a\": 1}' WHERE id = 'v1'"), /vendors_tags/);
    refused(
      psql(as.procurement, "UPDATE vendors SET data_touched = 'not json' WHERE id = 'v1'"),
      /invalid input syntax for type json/,
    );
    expect(
      psql(as.procurement, "UPDATE vendors SET criticality = 'critical', tags = '[\"dock\"]' WHERE id = 'v1'")
        .status,
    ).toBe(0);
  });

  it('a change drops the vendor’s cached standing, as SQLite’s triggers do', () => {
    const standing = `INSERT INTO vendor_standings (vendor_id, computed_on, tier, tier_rank, completeness, residual, open_flags,
      knockouts, conditions_past_due, evidence_expired, evidence_30, evidence_60, evidence_90)
      VALUES ('v1', '2026-12-07', 'high', 1, 0.5, 3, 0, 0, 0, 0, 0, 0, 0)`;
    const cached = () =>
      psql(as.viewer, "SELECT count(*) FROM vendor_standings WHERE vendor_id = 'v1'").stdout;
    expect(psql(as.viewer, standing).status).toBe(0);
    expect(cached()).toBe('1');
    expect(psql(as.legal, "UPDATE vendor_clauses SET reference = '§4' WHERE vendor_id = 'v1'").status).toBe(
      0,
    );
    expect(cached()).toBe('0');
    expect(psql(as.viewer, standing).status).toBe(0);
    expect(psql(as.security, "UPDATE answers SET note = 'again' WHERE question_id = 'q1'").status).toBe(0);
    expect(cached()).toBe('0');
  });

  it('a standing one login computes is its own: a viewer’s made-up tier is never shown to anyone else', () => {
    const made = `INSERT INTO vendor_standings (vendor_id, computed_on, tier, tier_rank, score, completeness, residual,
      open_flags, knockouts, conditions_past_due, evidence_expired, evidence_30, evidence_60, evidence_90)
      VALUES ('v1', '2026-12-07', 'low', 3, 97, 1, 0, 0, 0, 0, 0, 0, 0, 0)`;
    expect(psql(as.viewer, made).status).toBe(0);
    expect(psql(as.viewer, "SELECT tier FROM vendor_standings WHERE vendor_id = 'v1'").stdout).toBe('low');
    for (const role of ['admin', 'procurement', 'security', 'legal'] as const)
      expect(psql(as[role], "SELECT count(*) FROM vendor_standings WHERE vendor_id = 'v1'").stdout).toBe('0');
    // Nor can it write one in another's name, or touch theirs.
    refused(
      psql(
        as.viewer,
        `INSERT INTO vendor_standings (vendor_id, computed_by, computed_on, tier, tier_rank, completeness, residual,
          open_flags, knockouts, conditions_past_due, evidence_expired, evidence_30, evidence_60, evidence_90)
          VALUES ('v1', '${names.procurement}', '2026-12-07', 'low', 3, 1, 0, 0, 0, 0, 0, 0, 0, 0)`,
      ),
      /row-level security/,
    );
    expect(psql(as.procurement, made).status).toBe(0);
    // Its UPDATE of every standing reaches its own row only.
    expect(psql(as.viewer, "UPDATE vendor_standings SET tier = 'critical'").stdout).toBe('UPDATE 1');
    expect(psql(as.procurement, "SELECT tier FROM vendor_standings WHERE vendor_id = 'v1'").stdout).toBe(
      'low',
    );
    // A change to the vendor drops everyone’s.
    expect(psql(as.procurement, "UPDATE vendors SET owner = 'Ops' WHERE id = 'v1'").status).toBe(0);
    expect(psql(as.viewer, "SELECT count(*) FROM vendor_standings WHERE vendor_id = 'v1'").stdout).toBe('0');
  });

  it('only a writing role can take the writers’ turn: a viewer cannot hold up the team’s saves', () => {
    refused(
      psql(as.viewer, 'BEGIN; SELECT 1 FROM write_turn WHERE id = 1 FOR UPDATE; COMMIT;'),
      /permission denied for table write_turn/,
    );
    for (const role of ['admin', 'procurement', 'security', 'legal'] as const)
      expect(psql(as[role], 'BEGIN; SELECT 1 FROM write_turn WHERE id = 1 FOR UPDATE; COMMIT;').status).toBe(
        0,
      );
  });

  it('team init again takes back rights granted by hand to a member’s own login', async () => {
    const client = await connect(owner);
    try {
      await client.query(`GRANT UPDATE, DELETE ON audit_log TO "${names.procurement}"`);
      await client.query(`GRANT INSERT ON vendors TO "${names.viewer}"`);
      expect(psql(as.procurement, 'UPDATE audit_log SET actor = actor WHERE id < 0').status).toBe(0);
      await initTeamDatabase(client);
    } finally {
      await client.end();
    }
    refused(
      psql(as.procurement, 'UPDATE audit_log SET actor = actor WHERE id < 0'),
      /permission denied for table audit_log/,
    );
    refused(
      psql(
        as.viewer,
        `INSERT INTO vendors (id, name, name_key, category, criticality, status, created_at, updated_at)
           VALUES ('v9', 'Sneaky', 'sneaky', 'other', 'low', 'active', '${NOW}', '${NOW}')`,
      ),
      /permission denied for table vendors/,
    );
  });

  it('the board pack’s history only grows: a non-admin adds today’s point, never rewrites a past one', () => {
    const point = (date: string, critical: number) => ({ date, tiers: { critical } });
    const put = (who: TeamRole, points: unknown[]) =>
      psql(
        as[who],
        `INSERT INTO settings (key, value, updated_at) VALUES ('reports.boardHistory', '${JSON.stringify(points)}', '${NOW}')
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      );
    const q1 = point('2026-03-31T09:00:00Z', 3);
    const q2 = point('2026-06-30T09:00:00Z', 2);
    const q3 = point('2026-09-30T09:00:00Z', 1);
    const q4 = point('2026-12-07T09:00:00Z', 1);
    expect(put('viewer', [q1]).status).toBe(0);
    expect(put('viewer', [q1, q2]).status).toBe(0);
    // Printed again the same day: today's point is replaced.
    const q2again = point('2026-06-30T15:00:00Z', 1);
    expect(put('legal', [q1, q2again]).status).toBe(0);
    expect(put('security', [q1, q2again, q3]).status).toBe(0);
    // A past quarter's figures rewritten, one dropped from the middle, the row deleted: refused.
    refused(
      put('viewer', [point('2026-03-31T09:00:00Z', 0), q2again, q3, q4]),
      /keeps its past points as they were/,
    );
    refused(put('procurement', [q1, q3, q4]), /only the oldest fall off/);
    refused(
      psql(as.viewer, "DELETE FROM settings WHERE key = 'reports.boardHistory'"),
      /only an admin removes it/,
    );
    // The oldest falls off past the limit; an admin may do anything.
    expect(put('viewer', [q2again, q3, q4]).status).toBe(0);
    expect(put('admin', [point('2026-01-01T09:00:00Z', 9)]).status).toBe(0);
  });

  it('tells listening windows what changed and who changed it, once committed', async () => {
    const listener = await connect(owner);
    const notices: { table: string; op: string; by: string }[] = [];
    let arrived: () => void = () => undefined;
    listener.on('notification', (n: pg.Notification) => {
      notices.push(JSON.parse(n.payload!));
      arrived();
    });
    await listener.query(`LISTEN ${CHANGES_CHANNEL}`);
    const next = () => new Promise<void>((resolve) => (notices.length ? resolve() : (arrived = resolve)));

    // A change rolled back tells no one; the next committed one is the first notice.
    expect(psql(as.procurement, "BEGIN; UPDATE vendors SET owner = 'Ghost'; ROLLBACK;").status).toBe(0);
    expect(psql(as.security, "UPDATE answers SET note = 'seen' WHERE question_id = 'q1'").status).toBe(0);
    await next();
    expect(notices[0]).toEqual({ table: 'answers', op: 'update', by: names.security });
  });

  it('no role, admin included, rewrites the audit trail', () => {
    const appended = psql(
      as.admin,
      "SELECT entry_id FROM vr_audit_append(NULL, 'vendor', 'v1', 'update', NULL, NULL)",
    );
    expect(appended.status).toBe(0);
    refused(
      psql(as.admin, "UPDATE audit_log SET actor = 'mallory'"),
      /permission denied for table audit_log/,
    );
    refused(psql(as.admin, 'DELETE FROM audit_record'), /permission denied for table audit_record/);
  });

  it('an entry appended from psql is of a kind the trail keeps, and dated by the server unless an admin writes it', () => {
    refused(
      psql(
        as.procurement,
        "SELECT entry_id FROM vr_audit_append(NULL, 'legal_signoff', 'x', 'update', NULL, NULL)",
      ),
      /not a kind of record the audit trail keeps: legal_signoff/,
    );
    refused(
      psql(
        as.procurement,
        "SELECT entry_id FROM vr_audit_append(NULL, 'vendor', 'v1', 'rewrite', NULL, NULL)",
      ),
      /not an action the audit trail records: rewrite/,
    );
    const at = (who: 'procurement' | 'admin') =>
      psql(
        as[who],
        `SELECT entry_id FROM vr_audit_append('2020-01-01T00:00:00.000Z', 'vendor', 'v1', 'update', NULL, NULL);
         SELECT at FROM audit_log ORDER BY id DESC LIMIT 1`,
      )
        .stdout.split('\n')
        .at(-1);
    const dated = at('procurement');
    expect(dated, dated).toMatch(new RegExp(`^${new Date().getUTCFullYear()}-`));
    expect(at('admin')).toBe('2020-01-01T00:00:00.000Z');
  });

  it('a save against a stale version is refused with who changed the row and when', () => {
    const v = Number(psql(as.procurement, "SELECT row_version FROM vendors WHERE id = 'v1'").stdout);
    expect(
      psql(as.procurement, `UPDATE vendors SET notes = 'first', row_version = ${v} WHERE id = 'v1'`).status,
    ).toBe(0);
    const stale = psql(as.admin, `UPDATE vendors SET notes = 'second', row_version = ${v} WHERE id = 'v1'`);
    refused(
      stale,
      new RegExp(
        `changed by ${names.procurement} at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC — reload to see it`,
      ),
    );
    expect(psql(as.viewer, "SELECT notes FROM vendors WHERE id = 'v1'").stdout).toBe('first');
  });
});
