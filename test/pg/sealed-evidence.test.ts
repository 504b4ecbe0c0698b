import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import Conf from 'conf';
import pg from 'pg';
import { NO_JOB } from '../../electron/services/context';
import { createServices } from '../../electron/services/services';
import { KEY_FILE } from '../../electron/storage/keyfile';
import { initTeamDatabase, PG_MIGRATIONS } from '../../electron/storage/pg/team-setup';
import { createHash } from 'node:crypto';
import { cli, connect, freshDatabase, psql, serverUrl, teamServices, teamWithAdminAndBuyer } from './support';
import { runCli, tempDir, vendorInput } from '../unit/helpers';

const server = serverUrl();
const PASSWORD = 'sealed evidence password 1';
const TEAM_PASSPHRASE = 'copper kettles in the fog';
const questionnaire = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');
// The same length: one file's sealed bytes fit the other's row (the database checks lengths only).
const BEFORE = '%PDF-1.4 signing statement: SECRET-BEFORE';
const AFTER = '%PDF-1.4 signing statement: SECRET-AFTER.';

describe.skipIf(!server)('evidence files sealed on a team database', () => {
  let owner = '';
  let admin = '';
  let buyer = '';
  let ownerClient: pg.Client;

  beforeAll(async () => {
    ({ owner, ownerClient, admin, buyer } = await teamWithAdminAndBuyer(server!, PASSWORD));
  });

  const open = teamServices;
  type App = ReturnType<typeof open>;
  const attach = (app: App, assessmentId: string, text: string) =>
    app.assessments.attachEvidence({
      assessmentId,
      questionnaireId: 'example-firmware',
      questionId: 'fw_statement',
      fileName: 'statement.pdf',
      contentBase64: Buffer.from(text).toString('base64'),
      kind: 'firmware-signing',
      issuer: '',
      periodStart: null,
      periodEnd: null,
      expiresAt: null,
    });
  const stored = async (id: string) =>
    (
      await ownerClient.query<{ content: Buffer; sealed: boolean }>(
        'SELECT content, sealed FROM evidence_content WHERE evidence_id = $1',
        [id],
      )
    ).rows[0]!;

  it('seals the files there when encryption is on; the passphrase opens them, tampering is refused', async () => {
    const first = open(admin);
    const vendor = first.vendors.create(vendorInput({ name: 'Sealed Files Co', category: 'robotics-iot' }));
    first.questionnaires.import(questionnaire, 'native');
    const assessment = first.assessments.start(vendor.id, ['example-firmware']);
    const before = attach(first, assessment.id, BEFORE);
    expect((await stored(before.id)).sealed).toBe(false);

    // Turning encryption on seals the files already there, as the local folder's does.
    const on = first.encryption.enable(TEAM_PASSPHRASE);
    expect(on).toMatchObject({ enabled: true, unlocked: true, sealedFiles: 1 });
    const after = attach(first, assessment.id, AFTER);
    first.close();

    // As the database's owner (psql): neither file's words are in the database.
    for (const [e, words] of [
      [before, 'SECRET-BEFORE'],
      [after, 'SECRET-AFTER'],
    ] as const) {
      const row = await stored(e.id);
      expect(row.sealed).toBe(true);
      expect(row.content.toString('latin1')).not.toContain(words);
      expect(row.content.equals(Buffer.from(words))).toBe(false);
    }
    const dump = psql(owner, `SELECT encode(content, 'escape') FROM vendor_risk.evidence_content`);
    expect(dump.status).toBe(0);
    expect(dump.stdout).not.toMatch(/SECRET-(BEFORE|AFTER)/);

    // A colleague given the passphrase reads both back intact.
    const holder = open(buyer, TEAM_PASSPHRASE);
    expect(Buffer.from(holder.storage.evidence.readFile(before)).toString()).toBe(BEFORE);
    expect(Buffer.from(holder.storage.evidence.readFile(after)).toString()).toBe(AFTER);
    // audit verify opens them (and the sealed notes) to compare them with the trail.
    expect(await holder.audit.verify(NO_JOB)).toMatchObject({
      ok: true,
      reconciled: { total: 0, unchecked: [] },
    });
    holder.close();

    // Without it: refused as on the local folder (locked), and attaching is refused too.
    const stranger = open(buyer);
    expect(() => stranger.storage.evidence.readFile(after)).toThrow(/encrypted and locked/);
    expect(() => attach(stranger, assessment.id, 'plain words')).toThrow(/locked/);
    const unopened = await stranger.audit.verify(NO_JOB);
    expect(unopened).toMatchObject({ ok: true, reconciled: { total: 0 } });
    expect(unopened.reconciled!.unchecked).toContain('evidence files (the data is locked)');
    stranger.close();

    // Sealed bytes changed by the owner: the database takes them (it cannot open them), the app refuses them.
    const original = (await stored(after.id)).content;
    const flipped = Buffer.from(original);
    flipped[flipped.length - 1]! ^= 0xff;
    await ownerClient.query('UPDATE evidence_content SET content = $1 WHERE evidence_id = $2', [
      flipped,
      after.id,
    ]);
    const reader = open(buyer, TEAM_PASSPHRASE);
    expect(() => reader.storage.evidence.readFile(after)).toThrow(/could not be opened where it is/);
    // Another file's sealed bytes moved onto this one do not open here either (each is bound to its place).
    await ownerClient.query('UPDATE evidence_content SET content = $1 WHERE evidence_id = $2', [
      (await stored(before.id)).content,
      after.id,
    ]);
    expect(() => reader.storage.evidence.readFile(after)).toThrow(/could not be opened where it is/);
    const swapped = await reader.audit.verify(NO_JOB);
    expect(swapped.ok).toBe(false);
    expect(swapped.reconciled!.mismatches.map((m) => m.message)).toEqual([
      expect.stringMatching(
        /statement\.pdf .*its sealed file in the team database does not open where it is/,
      ),
    ]);
    reader.close();
    await ownerClient.query('UPDATE evidence_content SET content = $1 WHERE evidence_id = $2', [
      original,
      after.id,
    ]);

    // The database refuses what cannot be a sealed file of the row: plain bytes marked sealed, a wrong length.
    await expect(
      ownerClient.query('UPDATE evidence_content SET content = $1 WHERE evidence_id = $2', [
        Buffer.from(AFTER.padEnd(original.length, ' ')),
        after.id,
      ]),
    ).rejects.toThrow(/does not match its record/);
    await expect(
      ownerClient.query('UPDATE evidence_content SET content = $1 WHERE evidence_id = $2', [
        Buffer.concat([original, Buffer.from('x')]),
        after.id,
      ]),
    ).rejects.toThrow(/does not match its record/);
    // And plain content is still checked by its SHA-256.
    await expect(
      ownerClient.query('UPDATE evidence_content SET content = $1, sealed = false WHERE evidence_id = $2', [
        Buffer.from(AFTER.replace('SECRET', 'FORGED')),
        after.id,
      ]),
    ).rejects.toThrow(/does not match its record/);
  });

  it('exports the sealed files as the local folder keeps them, with the key file the team passphrase opens', async () => {
    const out = join(tempDir(), 'exported');
    const exported = await cli(['team', 'export', '--database', buyer, '--to', out]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(readdirSync(out)).toContain(KEY_FILE);
    const files = readdirSync(join(out, 'evidence'));
    expect(files).toHaveLength(2);
    for (const f of files)
      expect(readFileSync(join(out, 'evidence', f)).toString('latin1')).not.toMatch(/SECRET-(BEFORE|AFTER)/);

    const local = createServices({
      dataDir: out,
      preferences: new Conf({ cwd: out, configName: 'preferences' }),
      appVersion: 'test',
      encryption: { passphrase: TEAM_PASSPHRASE },
    });
    expect(local.encryption.status()).toMatchObject({ enabled: true, unlocked: true });
    const read = [...local.storage.evidence.listByVendor().values()]
      .flat()
      .map((e) => Buffer.from(local.storage.evidence.readFile(e)).toString())
      .sort();
    expect(read).toEqual([BEFORE, AFTER].sort());
    local.close();
    const verified = await runCli(out, ['audit', 'verify', '--json'], {
      VENDOR_RISK_USER: 'CLI Tester',
      VENDOR_RISK_PASSPHRASE: TEAM_PASSPHRASE,
    });
    expect(verified.stderr).toBe('');
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
  });

  it('team init brings a database prepared before (team schema 9) to migration 10; its files stay plain and checked', async () => {
    const url = await freshDatabase(server!);
    const client = await connect(url);
    await client.query('BEGIN');
    await client.query('CREATE SCHEMA vendor_risk');
    await client.query(`CREATE TABLE team_schema (
      version integer PRIMARY KEY, name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT session_user)`);
    for (const m of PG_MIGRATIONS.filter((x) => x.version <= 9)) {
      await client.query(m.sql);
      await client.query('INSERT INTO team_schema (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await client.query('COMMIT');
    const bytes = Buffer.from('%PDF-1.4 a file stored before migration 10');
    await client.query(
      `INSERT INTO evidence (id, file_name, sha256, size, kind, added_at, added_by)
       VALUES ('e1', 'old.pdf', $1, $2, 'other', '2026-01-01T00:00:00Z', 'dana')`,
      [createHash('sha256').update(bytes).digest('hex'), bytes.length],
    );
    await client.query("INSERT INTO evidence_content (evidence_id, content) VALUES ('e1', $1)", [bytes]);

    const report = await initTeamDatabase(client);
    expect(report.migrations.map((m) => m.version)).toEqual(
      PG_MIGRATIONS.filter((m) => m.version >= 10).map((m) => m.version),
    );
    const row = (await client.query('SELECT content, sealed FROM evidence_content')).rows[0];
    expect(row).toEqual({ content: bytes, sealed: false });
    await expect(
      client.query("UPDATE evidence_content SET content = 'changed'::bytea WHERE evidence_id = 'e1'"),
    ).rejects.toThrow(/does not match its record \(SHA-256 or size differ\)/);
  });
});
