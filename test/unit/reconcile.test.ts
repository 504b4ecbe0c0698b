import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { itOnSolo, openApp, runCli, tamper, vendorInput } from './helpers';
import { DATABASE_FILE } from '../../electron/storage/database';
import { NO_JOB } from '../../electron/services/context';
import { VendorListQuerySchema } from '../../electron/domain/vendor-list';
import { createDigestSum, devicesDigest, SUMMED_DIGEST } from '../../electron/storage/device-digest';

/**
 * `audit verify` proves the data, not only the trail: every live record is compared with
 * the state the trail last recorded for it. These build a history the way a user would,
 * then change the database or the data folder the way someone with the files would.
 */

const exampleText = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');
const b64 = (s: string) => Buffer.from(s).toString('base64');

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A history touching every kind of record the trail covers. */
async function history(options: Parameters<typeof openApp>[0] = {}) {
  const app = openApp({ actor: 'Lena Legal', ...options });
  const d = app.dispatcher;
  const acme = app.services.vendors.create(vendorInput({ name: 'Acme Yard', criticality: 'critical' }));
  const beta = app.services.vendors.create(vendorInput({ name: 'Beta Freight', notes: 'Night shift only' }));
  app.services.vendors.update(beta.id, { owner: 'Priya' });
  ok(await d.call('questionnaires.import', { content: exampleText }));
  const a = ok(
    await d.call('assessments.start', { vendorId: acme.id, questionnaireIds: ['example-firmware'] }),
  );
  ok(
    await d.call('assessments.answer', {
      id: a.id,
      answer: {
        questionnaireId: 'example-firmware',
        questionId: 'fw_signed',
        answer: { status: 'answered', value: 'partial' },
        note: 'Signed images for the AMR fleet only',
      },
    } as never),
  );
  const evidence = ok(
    await d.call('evidence.attach', {
      assessmentId: a.id,
      questionnaireId: 'example-firmware',
      questionId: 'fw_statement',
      fileName: 'signing-statement.pdf',
      contentBase64: b64('%PDF-1.4 firmware signing statement'),
      kind: 'firmware-signing',
      periodEnd: '2026-06-30',
    }),
  );
  ok(await d.call('assessments.setStatus', { id: a.id, status: 'submitted' }));
  ok(
    await d.call('decisions.record', {
      assessmentId: a.id,
      decision: 'approve-with-conditions',
      conditions: [{ text: 'Deliver the signing statement', owner: 'Priya Raman', due: '2027-03-31' }],
      notes: 'Signed images only',
    }),
  );
  const lib = ok(await d.call('clauses.library', {}));
  const uptime = lib.find((c) => c.id === 'uptime-sla')!;
  ok(await d.call('clauses.saveClause', { ...uptime, title: 'Uptime SLA (ours)' }));
  const set = (clauseId: string, status: string, value?: unknown) =>
    d.call('clauses.set', { vendorId: acme.id, clauseId, status, value } as never);
  ok(await set('breach-notification', 'agreed', { type: 'hours', value: 168 }));
  ok(await set('uptime-sla', 'agreed', { type: 'percentage', value: 99.9 }));
  ok(await d.call('clauses.comment', { vendorId: acme.id, clauseId: 'uptime-sla', text: 'Credits are 10%' }));
  ok(await d.call('clauses.signOff', { vendorId: acme.id }));
  // A later change reopens the sign-off.
  ok(await set('uptime-sla', 'agreed', { type: 'percentage', value: 99.95 }));
  app.services.savedFilters.save({
    name: 'Critical ones',
    query: VendorListQuerySchema.parse({ criticalities: ['critical'] }),
  });
  const risk = app.services.scores.riskSettings();
  ok(await d.call('settings.setRisk', { ...risk, thresholds: { critical: 90, high: 70, medium: 40 } }));
  const p = ok(
    await d.call('devices.preview', {
      source: 'WMS',
      fileName: 'floor.csv',
      contentBase64: b64(
        'Asset Tag,Model,Manufacturer,Firmware\nA-1,AMR 200,Acme Yard,1.2.0\nA-2,AMR 200,Acme Yard,1.1.0\n',
      ),
    }),
  );
  ok(await d.call('devices.apply', { token: p.token }));
  return { app, acme, beta, assessmentId: a.id, evidence };
}

const cli = (dataDir: string, args: string[]) => runCli(dataDir, args, { VENDOR_RISK_USER: 'Auditor' });

describe('audit verify reconciles the data with the trail', () => {
  it('finds nothing to say about a history made in the app, in the app and the CLI', async () => {
    const { app } = await history();
    const verdict = await app.services.audit.verify(NO_JOB);
    expect(verdict.problem).toBeNull();
    expect(verdict.reconciled?.mismatches).toEqual([]);
    expect(verdict.reconciled).toMatchObject({ total: 0, unchecked: [] });
    // 2 vendors, an answer (and the evidence answer), evidence, a decision, clauses, a comment,
    // a sign-off, the library, 2 settings and a source of devices.
    expect(verdict.reconciled!.records).toBeGreaterThan(20);
    expect(verdict.ok).toBe(true);
    const run = await cli(app.dataDir, ['audit', 'verify']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^The audit trail is intact: \d+ entries, head #\d+:[0-9a-f]{64}; \d+ records match it\n$/,
    );
  });

  it('names a contract clause changed from 168 h to 24 h, and a vendor lowered to low, behind the app’s back', async () => {
    const { app, acme } = await history();
    tamper(
      app.dataDir,
      `UPDATE vendor_clauses SET value = '{"type":"hours","value":24}' WHERE vendor_id = '${acme.id}' AND clause_id = 'breach-notification';
       UPDATE vendors SET criticality = 'low' WHERE id = '${acme.id}'`,
    );
    const verdict = await app.services.audit.verify(NO_JOB);
    expect(verdict.ok).toBe(false);
    expect(verdict.problem).toBeNull(); // the trail itself is whole: it is the data that moved
    expect(verdict.reconciled!.total).toBe(2);
    expect(verdict.reconciled!.mismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          record: `Vendor Acme Yard (${acme.id.slice(0, 8)})`,
          field: 'criticality',
          trail: '"critical"',
          found: '"low"',
        }),
        expect.objectContaining({
          record: 'Clause breach-notification of Acme Yard',
          field: 'value',
          trail: '{"type":"hours","value":168}',
          found: '{"type":"hours","value":24}',
        }),
      ]),
    );
    const run = await cli(app.dataDir, ['audit', 'verify']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^vendor-risk: the data does not match the audit trail: .*(criticality is "low", but the trail last recorded "critical"|value is \{"type":"hours","value":24\}, but the trail last recorded \{"type":"hours","value":168\}).* \(and 1 more difference: vendor-risk audit verify --json lists them\)\n$/,
    );
    const json = await cli(app.dataDir, ['audit', 'verify', '--json']);
    expect(json.code).toBe(2);
    const listed = JSON.parse(json.stdout) as {
      ok: boolean;
      reconciled: { mismatches: { field: string }[] };
    };
    expect(listed.ok).toBe(false);
    expect(listed.reconciled.mismatches.map((m) => m.field).sort()).toEqual(['criticality', 'value']);
  });

  it('names a record with no history, and one the trail has that is gone', async () => {
    const { app, acme } = await history();
    tamper(
      app.dataDir,
      `INSERT INTO vendors (id, name, name_key, category, services, data_touched, criticality, owner, status, tags, notes, created_at, updated_at)
         VALUES ('00000000-0000-4000-8000-00000000beef', 'Ghost Logistics', 'ghost logistics', 'other', '', '[]', 'low', '', 'active', '[]', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
       DELETE FROM clause_comments WHERE vendor_id = '${acme.id}'`,
    );
    const { reconciled } = await app.services.audit.verify(NO_JOB);
    expect(reconciled!.mismatches.map((m) => m.message)).toEqual(
      expect.arrayContaining([
        'Vendor Ghost Logistics (00000000) has no history in the audit trail: it was added outside the app',
        expect.stringMatching(
          /^clause-comment [0-9a-f-]{36} is in the trail \(entry #\d+\) but not in the data: it was deleted outside the app$/,
        ),
      ]),
    );
  });

  it('finds the trail wiped together with its record of its length: the vendors have no history', async () => {
    const { app } = await history();
    tamper(app.dataDir, 'DELETE FROM audit_log; DROP TABLE audit_record');
    const verdict = await app.services.audit.verify(NO_JOB);
    expect(verdict.ok).toBe(false);
    // The trail's own story first (what the CLI's one line says), then each record's.
    expect(verdict.reconciled!.mismatches[0]!.message).toMatch(
      /^The audit trail holds no entries while the data holds \d+ records: the trail was deleted outside the app/,
    );
    const run = await cli(app.dataDir, ['audit', 'verify']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^vendor-risk: the data does not match the audit trail: The audit trail holds no entries/,
    );
    expect(verdict.reconciled!.mismatches.map((m) => m.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Vendor Acme Yard \(.{8}\) has no history in the audit trail/),
        'The devices of WMS have no import in the audit trail: they were added outside the app',
      ]),
    );
  });

  itOnSolo(
    'changes an evidence file in the data folder; a team database keeps it in a row whose trigger refuses other bytes',
  )('checks evidence files against the SHA-256 recorded, and its metadata against the trail', async () => {
    const { app, evidence } = await history();
    writeFileSync(join(app.dataDir, 'evidence', evidence.id), '%PDF-1.4 a different statement');
    let { reconciled } = await app.services.audit.verify(NO_JOB);
    expect(reconciled!.mismatches).toEqual([
      expect.objectContaining({
        record: `Evidence signing-statement.pdf (${evidence.id.slice(0, 8)})`,
        field: 'sha256',
        trail: evidence.sha256,
        message: expect.stringMatching(/the file is not the one recorded/),
      }),
    ]);
    // Rewriting the row's hash to match the new file is found too: the trail has the old one.
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update('%PDF-1.4 a different statement').digest('hex');
    tamper(
      app.dataDir,
      `UPDATE evidence SET sha256 = '${sha}', expires_at = '2030-01-01' WHERE id = '${evidence.id}'`,
    );
    ({ reconciled } = await app.services.audit.verify(NO_JOB));
    expect(reconciled!.mismatches.map((m) => m.field).sort()).toEqual(['expiresAt', 'sha256']);
  });

  it('checks each source’s devices against a digest of what its last import wrote', async () => {
    const { app } = await history();
    tamper(app.dataDir, `UPDATE devices SET data = replace(data, '1.1.0', '9.9.9') WHERE device_id = 'A-2'`);
    const { reconciled } = await app.services.audit.verify(NO_JOB);
    expect(reconciled!.mismatches).toEqual([
      expect.objectContaining({
        record: 'The devices of WMS',
        field: 'digest',
        message: expect.stringMatching(
          /^The devices of WMS are not what its last import wrote \(entry #\d+\)/,
        ),
      }),
    ]);
  });

  it('names settings and saved filters changed outside the app, and a decision’s conditions', async () => {
    const { app, acme } = await history();
    tamper(
      app.dataDir,
      `UPDATE settings SET value = '[]' WHERE key = 'savedFilters';
       UPDATE decisions SET conditions = '[]' WHERE assessment_id IN (SELECT id FROM assessments WHERE vendor_id = '${acme.id}')`,
    );
    const { reconciled } = await app.services.audit.verify(NO_JOB);
    expect(reconciled!.mismatches.map((m) => [m.record, m.field])).toEqual(
      expect.arrayContaining([
        ['Setting savedFilters', 'value'],
        [expect.stringMatching(/^The decision on Acme Yard of \d{4}-\d\d-\d\d$/), 'conditions'],
      ]),
    );
    expect(reconciled!.total).toBe(2);
  });

  it('names an assessment whose status, questionnaires or vendor were changed behind the app’s back', async () => {
    const { app, assessmentId, beta } = await history();
    const verdict = async () => (await app.services.audit.verify(NO_JOB)).reconciled!;
    tamper(
      app.dataDir,
      `UPDATE assessments SET status = 'in-progress', submitted_at = NULL WHERE id = '${assessmentId}'`,
    );
    let r = await verdict();
    expect(r.mismatches.map((m) => [m.record, m.field])).toEqual([
      [expect.stringMatching(/^The assessment "Acme Yard — \d{4}-\d\d-\d\d" \(\w{8}\)$/), 'status'],
      [expect.stringMatching(/^The assessment /), 'submittedAt'],
    ]);
    expect(r.mismatches[0]!.message).toMatch(
      /status is "in-progress", but the trail last recorded "submitted" \(entry #\d+\)$/,
    );
    tamper(
      app.dataDir,
      `UPDATE assessments SET status = 'submitted', submitted_at = (SELECT json_extract(after_json, '$.submittedAt') FROM audit_log WHERE entity = 'assessment' ORDER BY id DESC LIMIT 1) WHERE id = '${assessmentId}';
       DELETE FROM assessment_questionnaires WHERE assessment_id = '${assessmentId}'`,
    );
    r = await verdict();
    expect(r.mismatches.map((m) => m.field)).toEqual(['questionnaires']);
    tamper(app.dataDir, `UPDATE assessments SET vendor_id = '${beta.id}' WHERE id = '${assessmentId}'`);
    expect((await verdict()).mismatches.map((m) => m.field)).toEqual(['vendorId', 'questionnaires']);
  });

  it('lists and exports everything of one vendor: its assessments, answers, evidence and decisions too', async () => {
    const { app, acme, beta, assessmentId } = await history();
    const of = (vendorId: string) =>
      new Set(
        app.services.audit
          .list({ vendorId, limit: 500, offset: 0 } as never)
          .items.map((e) => e.entity as string),
      );
    expect(of(acme.id)).toEqual(
      new Set(['vendor', 'assessment', 'answer', 'evidence', 'decision', 'vendor-clause', 'sign-off']),
    );
    expect(of(beta.id)).toEqual(new Set(['vendor']));
    const exported = JSON.parse(app.services.audit.exportJson({ vendorId: acme.id }).json) as {
      entries: { entity: string; entityId: string }[];
    };
    // The answer to fw_signed and the one its evidence gave fw_statement.
    expect(
      exported.entries
        .filter((e) => e.entity === 'answer')
        .map((e) => e.entityId.replace(assessmentId, 'A'))
        .sort(),
    ).toEqual(['A/example-firmware/fw_signed', 'A/example-firmware/fw_statement']);
    expect(exported.entries.some((e) => e.entity === 'decision')).toBe(true);
  });

  it('names a questionnaire whose knockout was turned off behind the app’s back, imported or pinned', async () => {
    const { app, acme } = await history();
    // A built-in questionnaire pinned by an assessment, beside the imported example.
    ok(
      await app.dispatcher.call('assessments.start', {
        vendorId: acme.id,
        questionnaireIds: ['quick-triage'],
      }),
    );
    expect((await app.services.audit.verify(NO_JOB)).reconciled).toMatchObject({ total: 0, unchecked: [] });
    tamper(
      app.dataDir,
      `UPDATE questionnaires SET definition = replace(definition, '"knockout":true', '"knockout":false')
        WHERE id IN ('example-firmware', 'quick-triage')`,
    );
    const { reconciled } = await app.services.audit.verify(NO_JOB);
    expect(reconciled!.mismatches.map((m) => [m.record, m.field])).toEqual([
      ['Questionnaire Firmware signing (example) 1.0.0 (example-firmware)', 'definition'],
      [expect.stringMatching(/^Questionnaire .* 1\.0\.0 \(quick-triage\)$/), 'definition'],
    ]);
    expect(reconciled!.mismatches[0]!.message).toMatch(
      /: its questions, points or red flags are not the ones recorded \(entry #\d+\): it was changed outside the app$/,
    );
  });

  it('names evidence taken from its assessment as moved, not deleted', async () => {
    const { app, evidence } = await history();
    tamper(app.dataDir, `UPDATE evidence SET assessment_id = NULL WHERE id = '${evidence.id}'`);
    const { reconciled } = await app.services.audit.verify(NO_JOB);
    expect(reconciled!.mismatches.map((m) => m.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^evidence ${evidence.id} is in the data, but not with the assessment the trail recorded \\(entry #\\d+\\): it was moved outside the app$`,
        ),
      ),
    ]);
  });

  it('names a sign-off changed after it was reopened, and an edited clause of the library', async () => {
    const { app } = await history();
    tamper(
      app.dataDir,
      `UPDATE legal_signoffs SET reopened_at = NULL, reopened_by = NULL, reopened_clause = NULL;
       UPDATE clause_library SET definition = json_set(definition, '$.title', 'Uptime (weakened)') WHERE id = 'uptime-sla'`,
    );
    const { reconciled } = await app.services.audit.verify(NO_JOB);
    expect(reconciled!.mismatches.map((m) => m.field).sort()).toEqual([
      'reopenedBy',
      'reopenedClause',
      'title',
    ]);
  });
});

describe('reconciliation with encryption on', () => {
  // On a team database: test/pg/sealed-evidence.test.ts (its entries carry no signatures).
  const it = itOnSolo("edits the data folder's SQLite file and checks the trail's signatures");
  const passphrase = 'correct horse battery staple';

  it('compares sealed values when unlocked, and says what it could not compare when locked', async () => {
    const { app, beta } = await history();
    ok(await app.dispatcher.call('encryption.enable', { passphrase } as never));
    const unlocked = await app.services.audit.verify(NO_JOB);
    expect(unlocked).toMatchObject({
      ok: true,
      signatures: 'checked',
      reconciled: { total: 0, unchecked: [] },
    });

    // A sealed note moved onto another vendor: it does not open there, and is named.
    const db = new DatabaseSync(join(app.dataDir, DATABASE_FILE));
    const sealed = (db.prepare('SELECT notes FROM vendors WHERE id = ?').get(beta.id) as { notes: string })
      .notes;
    expect(sealed).toMatch(/^vrenc:2:/);
    db.prepare('UPDATE vendors SET notes = ? WHERE id <> ?').run(sealed, beta.id);
    db.close();
    const moved = await app.services.audit.verify(NO_JOB);
    expect(moved.ok).toBe(false);
    expect(moved.reconciled!.mismatches[0]!.message).toMatch(
      /An encrypted value could not be opened where it is .*moved there from another record/,
    );

    // Locked (the command line without the passphrase): the sealed fields are not compared, and it says so.
    const locked = await cli(app.dataDir, ['audit', 'verify', '--json']);
    const verdict = JSON.parse(locked.stdout) as {
      reconciled: { unchecked: string[]; mismatches: unknown[] };
    };
    expect(verdict.reconciled.unchecked).toEqual(
      expect.arrayContaining([expect.stringMatching(/\(the data is locked\)$/)]),
    );
  });
});

describe('the digest of a source’s devices', () => {
  const importCsv = async (app: ReturnType<typeof openApp>, csv: string) => {
    const p = ok(
      await app.dispatcher.call('devices.preview', {
        source: 'WMS',
        fileName: 'floor.csv',
        contentBase64: b64(csv),
      }),
    );
    return ok(await app.dispatcher.call('devices.apply', { token: p.token }));
  };

  it('agrees with audit verify after re-imports that add, change, remove and keep devices', async () => {
    const app = openApp({ actor: 'Ops' });
    await importCsv(
      app,
      'Asset Tag,Serial,Model,Manufacturer,Firmware\nA-1,S1,AMR 200,Acme Yard,1.2.0\nA-2,S2,AMR 200,Acme Yard,1.1.0\nA-3,S3,AMR 200,Acme Yard,1.1.0\nA-4,S4,AMR 200,Acme Yard,1.0.0\n',
    );
    // A-2 changes, A-3 is gone, A-4's row repeats A-1's serial (skipped: its stored device stays), A-5 is new.
    const second = await importCsv(
      app,
      'Asset Tag,Serial,Model,Manufacturer,Firmware\nA-1,S1,AMR 200,Acme Yard,1.2.0\nA-2,S2,AMR 200,Acme Yard,2.0.0\nA-4,S1,AMR 200,Acme Yard,1.0.0\nA-5,S5,AMR 200,Acme Yard,1.0.0\n',
    );
    expect(second).toMatchObject({ added: 1, changed: 1, removed: 1 });
    let { reconciled } = await app.services.audit.verify(NO_JOB);
    expect(reconciled!.mismatches).toEqual([]);

    // The kept device, changed behind the app's back, is noticed.
    tamper(app.dataDir, `UPDATE devices SET data = replace(data, '1.0.0', '6.6.6') WHERE device_id = 'A-4'`);
    ({ reconciled } = await app.services.audit.verify(NO_JOB));
    expect(reconciled!.mismatches.map((m) => [m.record, m.field])).toEqual([
      ['The devices of WMS', 'digest'],
    ]);
  });

  it('checks a digest recorded before it was summed the old way: the rows in device-id order', () => {
    const db = new DatabaseSync(':memory:');
    db.exec(
      `CREATE TABLE devices (source TEXT, device_id TEXT, serial TEXT, manufacturer_key TEXT, data TEXT);
       INSERT INTO devices VALUES ('WMS', 'b', NULL, 'acme', '{"x":2}'), ('WMS', 'a', 'S1', NULL, '{"x":1}'), ('Other', 'c', NULL, NULL, '{}');`,
    );
    const ordered = createHash('sha256')
      .update(
        JSON.stringify(['a', 'S1', null, '{"x":1}']) +
          '\n' +
          JSON.stringify(['b', null, 'acme', '{"x":2}']) +
          '\n',
      )
      .digest('hex');
    expect(devicesDigest(db, 'WMS', ordered)).toBe(ordered);
    // A summed digest does not depend on the order of the rows, only on the rows.
    const summed = devicesDigest(db, 'WMS', SUMMED_DIGEST);
    expect(summed).toMatch(/^sum256:[0-9a-f]{64}$/);
    const sum = createDigestSum();
    sum.add('b', null, 'acme', '{"x":2}');
    sum.add('a', 'S1', null, '{"x":1}');
    expect(sum.value()).toBe(summed);
    db.exec(`UPDATE devices SET serial = 'S2' WHERE device_id = 'a'`);
    expect(devicesDigest(db, 'WMS', SUMMED_DIGEST)).not.toBe(summed);
  });
});
