import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditHash, verifyChain } from '../../electron/domain/audit-chain';
import { appendAuditEntry, readAuditChain } from '../../electron/storage/pg/audit-trail';
import { openTeamDatabase } from '../../electron/storage/pg/team-database';
import { verifyTeamTrail } from '../../electron/storage/pg/verify-trail';
import { addTeamUser, initTeamDatabase } from '../../electron/storage/pg/team-setup';
import { connect, freshDatabase, serverUrl, uniqueName, urlWith } from './support';

const server = serverUrl();
const PASSWORD = 'audit test password 1';
const NOW = '2026-12-07T10:00:00.000Z';

describe.skipIf(!server)('the audit trail appended by the database', () => {
  let owner = '';
  let ownerClient: pg.Client;
  const writers: { name: string; url: string }[] = [];

  beforeAll(async () => {
    owner = await freshDatabase(server!);
    ownerClient = await connect(owner);
    await initTeamDatabase(ownerClient);
    for (let i = 0; i < 10; i++) {
      const name = uniqueName(`buyer${i}`);
      await addTeamUser(ownerClient, name, i % 2 ? 'procurement' : 'security', PASSWORD);
      writers.push({ name, url: urlWith(owner, { user: name, password: PASSWORD }) });
    }
    await ownerClient.query(`
      INSERT INTO vendors (id, name, name_key, category, criticality, status, created_at, updated_at)
        VALUES ('v1', 'Acme Scanners', 'acme scanners', 'robotics-iot', 'high', 'active', '${NOW}', '${NOW}');
      INSERT INTO assessments (id, vendor_id, title, status, created_at, updated_at, created_by)
        VALUES ('a1', 'v1', 'Annual review', 'in-progress', '${NOW}', '${NOW}', 'owner');`);
  });

  it('hashes an entry exactly as the domain does, odd characters included', async () => {
    const before = JSON.stringify({
      note: 'quote " backslash \\ tab \t newline \n bell \u0007 é ✓ 𝄞 </script>',
    });
    const { id, hash } = await appendAuditEntry(ownerClient, {
      at: NOW,
      entity: 'answer',
      entityId: 'a1/core/q1',
      action: 'answer',
      beforeJson: before,
      afterJson: null,
    });
    const [row] = (await readAuditChain(ownerClient)).entries.filter((e) => e.id === id);
    expect(row!.actor).toBe('owner');
    expect(row!.beforeJson).toBe(before);
    expect(hash).toBe(auditHash(row!, row!.prevHash!));
  });

  it('keeps one valid chain under 10 concurrent writers, each recorded as its own login', async () => {
    const start = (await readAuditChain(ownerClient)).entries.length;
    const perWriter = 20;
    await Promise.all(
      writers.map(async (w, n) => {
        const client = await connect(w.url);
        for (let i = 0; i < perWriter; i++) {
          await client.query('BEGIN');
          await client.query(
            "INSERT INTO answers (assessment_id, questionnaire_id, question_id, answer, updated_at, updated_by, source) VALUES ('a1', 'core', $1, 'yes', $2, $3, 'manual')",
            [`q-${n}-${i}`, NOW, w.name],
          );
          await appendAuditEntry(client, {
            at: new Date().toISOString(),
            entity: 'answer',
            entityId: `a1/core/q-${n}-${i}`,
            action: 'answer',
            beforeJson: null,
            afterJson: JSON.stringify({ answer: 'yes', writer: n, i }),
          });
          await client.query('COMMIT');
        }
      }),
    );
    const { entries, recorded } = await readAuditChain(ownerClient);
    expect(entries).toHaveLength(start + writers.length * perWriter);
    expect(entries.map((e) => e.id)).toEqual(entries.map((_, i) => i + 1));
    expect(verifyChain(entries, { recorded })).toMatchObject({
      ok: true,
      problem: null,
      entries: entries.length,
    });
    for (const w of writers) expect(entries.filter((e) => e.actor === w.name)).toHaveLength(perWriter);
  });

  it('finds an entry edited behind its back with the domain’s own check', async () => {
    await ownerClient.query('BEGIN');
    await ownerClient.query("UPDATE audit_log SET actor = 'mallory' WHERE id = 2");
    const { entries, recorded } = await readAuditChain(ownerClient);
    await ownerClient.query('ROLLBACK');
    expect(verifyChain(entries, { recorded }).problem).toMatchObject({ id: 2, kind: 'edited' });
  });

  it('leaves nothing half-written when a connection is killed mid-transaction', async () => {
    const before = await readAuditChain(ownerClient);
    const victim = new pg.Client({
      connectionString: writers[1]!.url,
      options: '-c search_path=vendor_risk',
    });
    victim.on('error', () => undefined);
    await victim.connect();
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await victim.query('BEGIN');
    await victim.query("UPDATE vendors SET notes = 'half-written' WHERE id = 'v1'");
    await appendAuditEntry(victim, {
      at: NOW,
      entity: 'vendor',
      entityId: 'v1',
      action: 'update',
      beforeJson: null,
      afterJson: JSON.stringify({ notes: 'half-written' }),
    });
    // It holds the trail's lock now; the server ends its session before it commits.
    await ownerClient.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect(victim.query('COMMIT')).rejects.toThrow();
    await victim.end().catch(() => undefined);

    const notes = await ownerClient.query("SELECT notes FROM vendors WHERE id = 'v1'");
    expect(notes.rows[0].notes).toBe('');
    const after = await readAuditChain(ownerClient);
    expect(after.entries).toHaveLength(before.entries.length);
    expect(after.recorded).toEqual(before.recorded);
    // The lock went with it: the next writer appends at once, and the chain still holds.
    const next = await appendAuditEntry(ownerClient, {
      at: NOW,
      entity: 'vendor',
      entityId: 'v1',
      action: 'update',
      beforeJson: null,
      afterJson: null,
    });
    expect(next.id).toBe(before.entries.length + 1);
    const final = await readAuditChain(ownerClient);
    expect(verifyChain(final.entries, { recorded: final.recorded }).ok).toBe(true);
  });

  it('audit verify reads the chain a page at a time over a login’s connection, across gaps, as one read', async () => {
    const db = openTeamDatabase(writers[0]!.url);
    try {
      const domain = async () => {
        const { entries, recorded } = await readAuditChain(ownerClient);
        return verifyChain(entries, { recorded });
      };
      const pages: number[] = [];
      const intact = verifyTeamTrail(db, { pageSize: 7, onPage: (read) => pages.push(read) });
      expect(intact).toMatchObject({ ...(await domain()), ok: true, reconciled: null });
      expect(pages.length).toBeGreaterThan(10);

      // The newest entry moved far past the end: found there, after the gap of numbers.
      await ownerClient.query('UPDATE audit_log SET id = 100000 WHERE id = (SELECT max(id) FROM audit_log)');
      const moved = verifyTeamTrail(db, { pageSize: 7 });
      expect(moved.problem?.id).toBe(100000);
      expect(moved).toMatchObject(await domain());

      // A run of entries longer than a page deleted from the middle: named as the domain names it.
      await ownerClient.query('DELETE FROM audit_log WHERE id BETWEEN 30 AND 60');
      const gap = verifyTeamTrail(db, { pageSize: 7 });
      expect(gap.problem).toMatchObject({ id: 61, kind: 'deleted' });
      expect(gap).toMatchObject(await domain());
    } finally {
      db.close();
    }
  });
});
