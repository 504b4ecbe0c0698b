import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../electron/domain/audit-chain';
import { readAuditChain } from '../../electron/storage/pg/audit-trail';
import { batchSize, importPortfolio, type MoveProgress } from '../../electron/storage/pg/move-in';
import { SHARED_TABLES } from '../../electron/storage/pg/move-plan';
import { cli, connect, freshDatabase, serverUrl, uniqueName, urlWith } from './support';

const server = serverUrl();

/** Row counts and the trail's head of a local data folder, read as a file. */
function localFacts(dir: string) {
  const db = new DatabaseSync(join(dir, 'vendor-risk.db'), { readOnly: true });
  const count = (t: string) =>
    Number((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
  const facts = {
    vendors: count('vendors'),
    answers: count('answers'),
    devices: count('devices'),
    evidence: count('evidence'),
    audit: count('audit_log'),
    head: (db.prepare('SELECT hash FROM audit_record').get() as { hash: string }).hash,
  };
  db.close();
  return facts;
}

/** Rows of every portfolio table in a team database (the trail's record by its entries). */
async function teamRows(client: pg.Client): Promise<number> {
  let rows = 0;
  for (const t of [...SHARED_TABLES.filter((x) => x !== 'audit_record'), 'evidence_content'])
    rows += Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
  rows += Number((await client.query('SELECT entries FROM audit_record')).rows[0].entries);
  return rows;
}

async function preparedTeamDatabase(): Promise<string> {
  const url = await freshDatabase(server!);
  expect((await cli(['team', 'init', '--database', url])).code).toBe(0);
  return url;
}

describe.skipIf(!server)('moving a portfolio into a team database and out again', () => {
  const root = mkdtempSync(join(tmpdir(), 'vr-move-'));
  const sample = join(root, 'sample');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    const load = await cli(['demo', 'load', '--data-dir', sample]);
    expect(load.code).toBe(0);
  });

  it('copies the sample warehouse in and out with the same vendors, answers, devices, evidence and audit trail, and the result verifies', async () => {
    const url = await preparedTeamDatabase();
    const local = localFacts(sample);
    expect(local.vendors).toBe(30);
    expect(local.evidence).toBeGreaterThan(0);

    const copied = await cli(['team', 'import', '--database', url, '--data-dir', sample, '--json']);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    const report = JSON.parse(copied.stdout);
    expect(report).toMatchObject({
      auditEntries: local.audit,
      auditHead: local.head,
      evidenceFiles: local.evidence,
    });

    // The team database's chain verifies with the domain's own check and ends where the local one ends;
    // the entries keep the actors they recorded (not the login that copied them).
    const client = await connect(url);
    const { entries, recorded } = await readAuditChain(client);
    expect(verifyChain(entries, { recorded })).toMatchObject({ ok: true, entries: local.audit });
    expect(recorded?.hash).toBe(local.head);
    expect(entries.some((e) => e.actor === 'owner')).toBe(false);
    const files = await client.query('SELECT count(*) AS n FROM evidence_content');
    expect(Number(files.rows[0].n)).toBe(local.evidence);

    const out = join(root, 'exported');
    const exported = await cli(['team', 'export', '--database', url, '--to', out]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^Exported .* to .*exported: 30 vendors, .* audit entries/);

    const verify = await cli(['--data-dir', out, 'audit', 'verify']);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(localFacts(out)).toEqual(local);
    const listed = async (dir: string) =>
      JSON.parse((await cli(['--data-dir', dir, 'vendors', 'list', '--json'])).stdout) as {
        items: { id: string; name: string }[];
        total: number;
      };
    const exportedList = await listed(out);
    expect(exportedList.total).toBe(30);
    expect(exportedList).toEqual(await listed(sample));
    for (const f of readdirSync(join(sample, 'evidence')))
      expect(readFileSync(join(out, 'evidence', f)).equals(readFileSync(join(sample, 'evidence', f)))).toBe(
        true,
      );

    // A second import into the same database is refused, and nothing changes.
    const before = await teamRows(client);
    const again = await cli(['team', 'import', '--database', url, '--data-dir', sample]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      /^vendor-risk: the team database holds a portfolio already \(vendors: 30 rows/,
    );
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(await teamRows(client)).toBe(before);

    // The database itself refuses an evidence file that does not match its record.
    await expect(
      client.query(
        "UPDATE evidence_content SET content = 'not the file'::bytea WHERE evidence_id = (SELECT min(evidence_id) FROM evidence_content)",
      ),
    ).rejects.toThrow(/does not match its record/);

    // An auditor's read-only login exports too; a login that is not the owner cannot import.
    const auditorName = uniqueName('auditor');
    const buyerName = uniqueName('buyer');
    await cli(['team', 'user', 'add', auditorName, '--role', 'viewer', '--database', url], {
      VENDOR_RISK_NEW_PASSWORD: 'auditor password 1',
    });
    const auditor = urlWith(url, { user: auditorName, password: 'auditor password 1' });
    const audited = await cli(['team', 'export', '--database', auditor, '--to', join(root, 'auditor')]);
    expect(audited.stderr).toBe('');
    expect(audited.code).toBe(0);
    expect(localFacts(join(root, 'auditor'))).toEqual(local);
    const empty = await preparedTeamDatabase();
    await cli(['team', 'user', 'add', buyerName, '--role', 'procurement', '--database', empty], {
      VENDOR_RISK_NEW_PASSWORD: 'buyer password 12',
    });
    const buyer = await cli([
      'team',
      'import',
      '--data-dir',
      sample,
      '--database',
      urlWith(empty, { user: buyerName, password: 'buyer password 12' }),
    ]);
    expect(buyer.code).toBe(2);
    expect(buyer.stderr).toMatch(
      new RegExp(`the database refused: permission denied .*\\(${buyerName} is in vr_procurement\\)`),
    );

    // An export never writes into a folder that holds something.
    const refused = await cli(['team', 'export', '--database', url, '--to', sample]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not empty/);
  });

  it('leaves the team database empty when a row is refused mid-copy', async () => {
    const url = await preparedTeamDatabase();
    const broken = join(root, 'broken');
    cpSync(sample, broken, { recursive: true });
    const db = new DatabaseSync(join(broken, 'vendor-risk.db'));
    // PostgreSQL's text cannot hold a NUL character: the answers table fails after the vendors are in.
    db.prepare(
      "UPDATE answers SET note = 'half' || char(0) || 'written' WHERE rowid = (SELECT max(rowid) FROM answers)",
    ).run();
    db.close();
    const r = await cli(['team', 'import', '--database', url, '--data-dir', broken]);
    expect(r.code).toBe(2);
    // The database's own words, and what the failure left: nothing.
    expect(r.stderr).toMatch(
      /^vendor-risk: invalid byte sequence for encoding "UTF8": 0x00.*; nothing was copied: the team database is as it was\n$/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const client = await connect(url);
    expect(await teamRows(client)).toBe(0);
  });

  it('leaves the team database empty when the connection is killed mid-copy, and a later import succeeds', async () => {
    const url = await preparedTeamDatabase();
    const owner = await connect(url);
    const victim = new pg.Client({ connectionString: url, options: '-c search_path=vendor_risk' });
    victim.on('error', () => undefined);
    await victim.connect();
    const pid = (await victim.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const local = new DatabaseSync(join(sample, 'vendor-risk.db'), { readOnly: true });
    const seen: string[] = [];
    await expect(
      importPortfolio(victim, local, sample, async (p) => {
        seen.push(p.table);
        if (p.table === 'answers') await owner.query('SELECT pg_terminate_backend($1)', [pid]);
      }),
    ).rejects.toThrow();
    local.close();
    await victim.end().catch(() => undefined);
    expect(seen).toContain('vendors');
    expect(await teamRows(owner)).toBe(0);
    expect((await owner.query('SELECT entries, last_id FROM audit_record')).rows).toEqual([
      { entries: '0', last_id: '0' },
    ]);
    const r = await cli(['team', 'import', '--database', url, '--data-dir', sample]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('streams a few thousand devices in batches, in and out, with progress lines for the big table', async () => {
    const url = await preparedTeamDatabase();
    const big = join(root, 'big');
    cpSync(sample, big, { recursive: true });
    const db = new DatabaseSync(join(big, 'vendor-risk.db'));
    const insert = db.prepare(
      "INSERT INTO devices (source, device_id, serial, manufacturer_key, data, import_id) VALUES ('bulk', ?, ?, 'acme', ?, 'bulk-import')",
    );
    db.exec('BEGIN');
    for (let i = 0; i < 6000; i++) insert.run(`d${i}`, `SN${i}`, JSON.stringify({ model: 'X', i }));
    db.exec('COMMIT');
    const devices = Number((db.prepare('SELECT count(*) AS n FROM devices').get() as { n: number }).n);

    const client = new pg.Client({ connectionString: url, options: '-c search_path=vendor_risk' });
    await client.connect();
    const batches: MoveProgress[] = [];
    try {
      await importPortfolio(client, db, big, (p) => void (p.table === 'devices' && batches.push(p)));
    } finally {
      await client.end();
      db.close();
    }
    const most = batchSize(6);
    expect(batches.length).toBe(Math.ceil(devices / most));
    expect(batches.every((b) => b.batch <= most)).toBe(true);
    expect(batches.at(-1)).toMatchObject({ done: devices, total: devices });

    const out = join(root, 'big-out');
    const exported = await cli(['team', 'export', '--database', url, '--to', out, '--json']);
    expect(exported.code).toBe(0);
    const lines = exported.stderr.trim().split('\n');
    expect(lines).toContain(`exported devices: 5,000 of ${devices.toLocaleString('en')}`);
    expect(lines).toContain(
      `exported devices: ${devices.toLocaleString('en')} of ${devices.toLocaleString('en')}`,
    );
    expect(localFacts(out).devices).toBe(devices);
  });
});
