import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { verifyChain } from '../../electron/domain/audit-chain';
import { appendAuditEntry, readAuditChain } from '../../electron/storage/pg/audit-trail';
import { initTeamDatabase } from '../../electron/storage/pg/team-setup';
import { startThrowawayServer, type ThrowawayServer } from './server';
import { serverUrl } from './support';

// A server of its own: this file crashes it.
const bin = serverUrl() ? inject('pgBin') : null;
const NOW = '2026-12-07T10:00:00.000Z';

async function open(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: '-c search_path=vendor_risk' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe.skipIf(!bin)('a server that crashes mid-write', () => {
  let server: ThrowawayServer | undefined;
  afterAll(() => server?.stop());

  it('comes back with every committed change and nothing of the one in flight', async () => {
    server = await startThrowawayServer(bin!);
    let client = await open(server.url);
    await initTeamDatabase(client);
    await client.query(`INSERT INTO vendors (id, name, name_key, category, criticality, status, created_at, updated_at)
      VALUES ('v1', 'Acme Scanners', 'acme scanners', 'robotics-iot', 'high', 'active', '${NOW}', '${NOW}')`);
    const committed = async (i: number) => {
      await client.query('BEGIN');
      await client.query("UPDATE vendors SET notes = $1 WHERE id = 'v1'", [`saved ${i}`]);
      await appendAuditEntry(client, {
        at: NOW,
        entity: 'vendor',
        entityId: 'v1',
        action: 'update',
        beforeJson: null,
        afterJson: JSON.stringify({ notes: `saved ${i}` }),
      });
      await client.query('COMMIT');
    };
    for (let i = 1; i <= 5; i++) await committed(i);

    // The sixth save is half done when the server goes down.
    await client.query('BEGIN');
    await client.query("UPDATE vendors SET notes = 'half-written' WHERE id = 'v1'");
    await appendAuditEntry(client, {
      at: NOW,
      entity: 'vendor',
      entityId: 'v1',
      action: 'update',
      beforeJson: null,
      afterJson: JSON.stringify({ notes: 'half-written' }),
    });
    server.crash();
    await expect(client.query('COMMIT')).rejects.toThrow();
    await client.end().catch(() => undefined);

    server.restart();
    client = await open(server.url);
    try {
      const vendor = await client.query("SELECT notes, row_version FROM vendors WHERE id = 'v1'");
      expect(vendor.rows[0]).toEqual({ notes: 'saved 5', row_version: 6 });
      const { entries, recorded } = await readAuditChain(client);
      expect(entries.map((e) => e.afterJson)).toEqual(
        [1, 2, 3, 4, 5].map((i) => JSON.stringify({ notes: `saved ${i}` })),
      );
      expect(verifyChain(entries, { recorded })).toMatchObject({ ok: true, entries: 5 });
      // Work resumes where it stopped.
      await committed(6);
      const after = await readAuditChain(client);
      expect(verifyChain(after.entries, { recorded: after.recorded })).toMatchObject({
        ok: true,
        entries: 6,
      });
    } finally {
      await client.end();
    }
  });
});
