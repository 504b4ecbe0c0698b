import { describe, it, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  forgeAuditEntry,
  itOnSolo,
  itOnTeam,
  openApp,
  runCli,
  tamper,
  tempDir,
  vendorInput,
} from './helpers';
import { DATABASE_FILE, openDatabase } from '../../electron/storage/database';
import { MIGRATIONS } from '../../electron/storage/migrations';
import { auditHash, GENESIS_HASH, parseWitness, verifyChain } from '../../electron/domain/audit-chain';
import { verifyAuditChain, verifyAuditFile, walkAuditFile } from '../../electron/storage/file-tasks';
import { NO_JOB } from '../../electron/services/context';
import { setAsideDamagedPreferences } from '../../electron/storage/recovery';
import { snapshotName } from '../../electron/domain/backups';
import { DEFAULT_VENDOR_QUERY, type VendorListQuery } from '../../electron/domain/vendor-list';

/** An app with a few vendors and changes (so a few audit entries). */
function appWithHistory() {
  const app = openApp();
  const a = app.services.vendors.create(vendorInput({ name: 'Alpha Yard' }));
  app.services.vendors.create(vendorInput({ name: 'Beta Freight' }));
  app.services.vendors.update(a.id, { owner: 'Priya' });
  app.services.vendors.create(vendorInput({ name: 'Gamma Sensors' }));
  return app;
}

const cli = (dataDir: string, args: string[]) => runCli(dataDir, args, { VENDOR_RISK_USER: 'Trust Tester' });

describe('audit hash chain', () => {
  it('holds for a normal history, and the export lets a third party recompute it', async () => {
    const app = appWithHistory();
    const verdict = await app.services.audit.verify(NO_JOB);
    expect(verdict).toMatchObject({ ok: true, entries: 4, problem: null });
    const exported = JSON.parse(app.services.audit.exportJson({}).json) as {
      entries: {
        id: number;
        at: string;
        actor: string;
        entity: string;
        entityId: string | null;
        action: string;
        beforeJson: string | null;
        afterJson: string | null;
        prevHash: string;
        hash: string;
      }[];
    };
    // Recomputed here with nothing but node:crypto and the documented formula.
    let prev = '0'.repeat(64);
    for (const e of exported.entries) {
      const content = JSON.stringify([
        e.id,
        e.at,
        e.actor,
        e.entity,
        e.entityId,
        e.action,
        e.beforeJson,
        e.afterJson,
        prev,
      ]);
      expect(e.prevHash).toBe(prev);
      expect(createHash('sha256').update(content).digest('hex')).toBe(e.hash);
      prev = e.hash;
    }
    expect(prev).toBe(verdict.head);
  });

  it('names the first entry that was edited, deleted or inserted out of order', async () => {
    const edited = appWithHistory();
    tamper(edited.dataDir, "UPDATE audit_log SET actor = 'Mallory' WHERE id = 2");
    expect((await edited.services.audit.verify(NO_JOB)).problem).toMatchObject({ id: 2, kind: 'edited' });

    const deleted = appWithHistory();
    tamper(deleted.dataDir, 'DELETE FROM audit_log WHERE id = 2');
    const d = await deleted.services.audit.verify(NO_JOB);
    expect(d.problem).toMatchObject({ id: 3, kind: 'deleted' });
    expect(d.problem!.message).toContain('Entry #2');

    // Two entries swapped (ids exchanged): each still hashes, but the chain no longer follows.
    const moved = appWithHistory();
    tamper(
      moved.dataDir,
      'UPDATE audit_log SET id = -2 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = -2;',
    );
    const m = await moved.services.audit.verify(NO_JOB);
    expect(m.ok).toBe(false);
    expect(['edited', 'out-of-order']).toContain(m.problem!.kind);
    expect(m.problem!.id).toBe(2);

    // A forged entry inserted with a valid hash of its own, chained to nothing before it.
    const inserted = appWithHistory();
    const rows = verifyChain([]); // genesis
    expect(rows.head).toBe(GENESIS_HASH);
    tamper(
      inserted.dataDir,
      `INSERT INTO audit_log (id, at, actor, entity, entity_id, action, before_json, after_json, prev_hash, hash)
       VALUES (100, '2026-01-01T00:00:00Z', 'Mallory', 'vendor', NULL, 'delete', NULL, NULL, '${'1'.repeat(64)}', '${'2'.repeat(64)}')`,
    );
    expect((await inserted.services.audit.verify(NO_JOB)).problem).toMatchObject({ id: 100 });
  });

  it('finds the newest entries deleted, or the whole trail, with nothing kept outside', async () => {
    const truncated = appWithHistory();
    tamper(truncated.dataDir, 'DELETE FROM audit_log WHERE id >= 3');
    expect((await truncated.services.audit.verify(NO_JOB)).problem).toEqual({
      id: 3,
      kind: 'truncated',
      message: 'The newest entries were deleted: the trail held 4 entries, up to #4; 2 remain, up to #2',
    });

    const wiped = appWithHistory();
    tamper(wiped.dataDir, 'DELETE FROM audit_log');
    expect(wiped.services.vendors.list(DEFAULT_VENDOR_QUERY).total).toBe(3);
    expect((await wiped.services.audit.verify(NO_JOB)).problem).toMatchObject({
      kind: 'truncated',
      message: 'The whole trail was deleted: it held 4 entries, up to #4',
    });

    // Removing the record as well is found too.
    const both = appWithHistory();
    tamper(both.dataDir, 'DELETE FROM audit_log WHERE id = 4; DELETE FROM audit_record');
    expect((await both.services.audit.verify(NO_JOB)).problem).toMatchObject({ kind: 'truncated' });
    const cliRun = await cli(both.dataDir, ['audit', 'verify']);
    expect(cliRun.code).toBe(2);
    expect(cliRun.stderr).toContain("The trail's record of its own length is gone");
  });

  it('a head printed before later changes still holds; one from a trail rewritten since is refused', async () => {
    const app = appWithHistory();
    const before = await app.services.audit.verify(NO_JOB);
    expect(before).toMatchObject({ ok: true, headId: 4 });
    // Legitimate changes after the head was printed (in last quarter's board report, say).
    app.services.vendors.create(vendorInput({ name: 'Delta Docks' }));
    const witness = `#${before.headId}:${before.head}`;
    expect(await app.services.audit.verify(NO_JOB, witness)).toMatchObject({ ok: true, entries: 5 });
    const ok = await cli(app.dataDir, ['audit', 'verify', '--head', witness]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toMatch(
      /^The audit trail is intact: 5 entries, head #5:[0-9a-f]{64}; 4 records match it\n$/,
    );

    // Entry 2 forged and every hash after it recomputed (no key is needed to do that):
    // the chain holds, but the head printed earlier is no longer one of its entries.
    forgeAuditEntry(app.dataDir, 2);
    expect((await app.services.audit.verify(NO_JOB)).ok).toBe(true);
    expect((await app.services.audit.verify(NO_JOB, witness)).problem).toMatchObject({
      id: 4,
      kind: 'rewritten',
    });
    const refused = await cli(app.dataDir, ['audit', 'verify', '--head', witness]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /Entry #4 is not the head printed earlier .*: the trail up to it was rewritten/,
    );
    // The hash alone is enough to find it.
    expect((await app.services.audit.verify(NO_JOB, before.head)).problem?.kind).toBe('rewritten');
  });

  it('seals the entries of an older data folder when it is upgraded (migration 8)', () => {
    const dir = tempDir();
    const old = openDatabase(dir, { migrations: MIGRATIONS.filter((m) => m.version < 8) });
    old.sqlite.exec(
      `INSERT INTO audit_log (at, actor, entity, entity_id, action, before_json, after_json) VALUES
       ('2026-01-01T00:00:00Z', 'a', 'vendor', 'v1', 'create', NULL, '{"name":"X"}'),
       ('2026-01-02T00:00:00Z', 'b', 'vendor', 'v1', 'update', '{"name":"X"}', '{"name":"Y"}')`,
    );
    old.close();
    const db = openDatabase(dir);
    const verdict = verifyAuditChain(db.sqlite);
    expect(verdict).toMatchObject({ ok: true, entries: 2 });
    // And a snapshot of the old data was taken before the upgrade.
    expect(readdirSync(join(dir, 'backups')).some((f) => f.endsWith('-migration.db'))).toBe(true);
    db.close();
  });

  it('lists entries by vendor, entity, actor, action and date, with readable changes', () => {
    const app = appWithHistory();
    const alpha = app.services.vendors.list({ ...defaultQuery(), search: 'Alpha' }).items[0]!;
    const byVendor = app.services.audit.list({
      vendorId: alpha.id,
      entities: [],
      actions: [],
      limit: 100,
      offset: 0,
    });
    expect(byVendor.total).toBe(2);
    const update = byVendor.items.find((e) => e.action === 'update')!;
    expect(update.changes).toContainEqual({
      field: 'owner',
      before: 'Dana Whitfield (Operations)',
      after: 'Priya',
    });
    const created = app.services.audit.list({
      entities: ['vendor'],
      actions: ['create'],
      limit: 2,
      offset: 0,
    });
    expect(created).toMatchObject({ total: 3 });
    expect(created.items).toHaveLength(2);
    expect(created.items[0]!.changes.find((c) => c.field === 'name')).toMatchObject({ before: '—' });
    expect(
      app.services.audit.list({ entities: [], actions: [], actor: 'Nobody', limit: 10, offset: 0 }).total,
    ).toBe(0);
    expect(
      app.services.audit.list({ entities: [], actions: [], from: '2999-01-01', limit: 10, offset: 0 }).total,
    ).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      app.services.audit.list({ entities: [], actions: [], from: today, to: today, limit: 10, offset: 0 })
        .total,
    ).toBe(4);
  });

  it('exports CSV with formulas neutralised, and the CLI verifies and fails on a break', async () => {
    const app = openApp({ actor: '=HYPERLINK("http://evil")' });
    app.services.vendors.create(vendorInput({ name: 'Formula Actor Co' }));
    const { csv } = app.services.audit.exportCsv({});
    expect(csv).toContain(`'=HYPERLINK(""http://evil"")`);
    const ok = await cli(app.dataDir, ['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /^The audit trail is intact: 1 entries, head #1:[0-9a-f]{64}; 1 record matches it\n$/,
    );
    tamper(app.dataDir, "UPDATE audit_log SET after_json = '{}' WHERE id = 1");
    const broken = await cli(app.dataDir, ['audit', 'verify']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /^vendor-risk: the audit trail was changed: Entry #1 .* was edited after it was recorded\n$/,
    );
  });
});

describe('exporting the trail', () => {
  it('refuses to export a changed trail, naming the entry (an export of it would prove nothing)', async () => {
    const edited = appWithHistory();
    tamper(edited.dataDir, "UPDATE audit_log SET actor = 'Mallory' WHERE id = 2");
    const message = /^The audit trail was changed at entry #2 \(its hash does not match its content\)/;
    expect(() => edited.services.audit.exportJson({})).toThrow(message);
    expect(() => edited.services.audit.exportCsv({ actor: 'Mallory' })).toThrow(message);
    const run = await cli(edited.dataDir, ['audit', 'export', '--out', join(edited.dataDir, 'out.json')]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^vendor-risk: The audit trail was changed at entry #2 /);
    expect(existsSync(join(edited.dataDir, 'out.json'))).toBe(false);

    // Deleted: the next entry no longer follows the one before it.
    const deleted = appWithHistory();
    tamper(deleted.dataDir, 'DELETE FROM audit_log WHERE id = 2');
    expect(() => deleted.services.audit.exportJson({})).toThrow(
      /entry #3 \(it does not follow the entry before it\)/,
    );
  });

  itOnSolo('fills the SQLite file with 200,000 entries directly')(
    'exports the oldest 200,000 of a longer trail and says it is partial, in the file and the line',
    async () => {
      const app = appWithHistory();
      // 200,003 more entries, chained as the app chains them.
      const db = new DatabaseSync(join(app.dataDir, DATABASE_FILE));
      let prev = (db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string })
        .hash;
      const insert = db.prepare(
        `INSERT INTO audit_log (id, at, actor, entity, entity_id, action, before_json, after_json, prev_hash, hash)
         VALUES (?, '2026-01-01T00:00:00.000Z', 'Bulk', 'vendor', NULL, 'update', NULL, NULL, ?, ?)`,
      );
      db.exec('BEGIN');
      for (let id = 5; id <= 200_007; id++) {
        const e = {
          id,
          at: '2026-01-01T00:00:00.000Z',
          actor: 'Bulk',
          entity: 'vendor',
          entityId: null,
          action: 'update',
          beforeJson: null,
          afterJson: null,
        };
        const hash = auditHash(e, prev);
        insert.run(id, prev, hash);
        prev = hash;
      }
      db.prepare('UPDATE audit_record SET entries = ?, last_id = ?, hash = ?').run(200_007, 200_007, prev);
      db.exec('COMMIT');
      db.close();
      expect((await app.services.audit.verify(NO_JOB)).ok).toBe(true);

      const r = app.services.audit.exportJson({});
      expect(r).toMatchObject({ rows: 200_000, total: 200_007 });
      const file = JSON.parse(r.json) as { filtered: boolean; partial: unknown; entries: { id: number }[] };
      expect(file.filtered).toBe(true);
      expect(file.partial).toEqual({ exported: 200_000, matching: 200_007, through: 200_000 });
      expect(file.entries.at(-1)!.id).toBe(200_000);
      const csv = app.services.audit.exportCsv({});
      expect(csv.csv.trimEnd().split(/\r?\n/).at(-1)).toContain(
        'the oldest 200000 of 200007 matching entries',
      );

      const run = await cli(app.dataDir, ['audit', 'export', '--out', join(app.dataDir, 'all.json')]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /^Wrote 200000 audit entries, the oldest of 200007 matching \(one export holds 200000; export the rest with --from\) to /,
      );
    },
    // A big trail written, checked and exported four times: given time on a busy machine.
    120_000,
  );
});

describe('a long trail walked in two stretches, side by side', () => {
  // The data folder's SQLite file walked in two threads; a team database's trail is read in
  // pages over its connection (the tests above, test/pg/audit.test.ts).
  const it = itOnSolo("walks the data folder's SQLite file in two threads");
  /** An app with 40 entries: 20 vendors, each created then updated. */
  function longer() {
    const app = openApp();
    for (let i = 0; i < 20; i++) {
      const v = app.services.vendors.create(vendorInput({ name: `Vendor ${i}` }));
      app.services.vendors.update(v.id, { owner: `Owner ${i}` });
    }
    return app;
  }
  /** The verdict walked in one stretch, and in two (the first as another thread would walk it). */
  async function both(dataDir: string, witness?: string) {
    const path = join(dataDir, DATABASE_FILE);
    const w = witness === undefined ? undefined : (parseWitness(witness) ?? undefined);
    let split: number | null = null;
    const one = await verifyAuditFile(path, { witness: w });
    const two = await verifyAuditFile(path, {
      witness: w,
      splitFrom: 2,
      walkFirstStretch: (upTo) => {
        split = upTo;
        return Promise.resolve(walkAuditFile(path, upTo, w));
      },
    });
    return { one, two, split };
  }

  it('gives the verdict one walk gives, whole or broken anywhere, the meeting point included', async () => {
    const app = longer();
    const intact = await both(app.dataDir);
    expect(intact.split).toBe(20); // the middle of entries 1 to 40
    expect(intact.two).toEqual(intact.one);
    expect(intact.two).toMatchObject({ ok: true, entries: 40, headId: 40 });

    for (const [what, sql, kind] of [
      [
        'an entry of the first stretch edited',
        "UPDATE audit_log SET actor = 'Mallory' WHERE id = 7",
        'edited',
      ],
      [
        'an entry of the second stretch edited',
        "UPDATE audit_log SET actor = 'Mallory' WHERE id = 33",
        'edited',
      ],
      ['the entry the stretches meet at deleted', 'DELETE FROM audit_log WHERE id = 20', 'deleted'],
      ['the entry after it deleted', 'DELETE FROM audit_log WHERE id = 21', 'deleted'],
      ['the newest entries deleted', 'DELETE FROM audit_log WHERE id > 36', 'truncated'],
    ] as const) {
      const broken = longer();
      tamper(broken.dataDir, sql);
      const { one, two } = await both(broken.dataDir);
      expect(two, what).toEqual(one);
      expect(two.problem?.kind, what).toBe(kind);
    }
  });

  it('finds a witness in either stretch, and a rewritten one', async () => {
    const app = longer();
    const db = new DatabaseSync(join(app.dataDir, DATABASE_FILE));
    const at = (id: number) =>
      (db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string }).hash;
    const early = `#5:${at(5)}`;
    const late = `#30:${at(30)}`;
    db.close();
    for (const witness of [early, late]) {
      const { one, two } = await both(app.dataDir, witness);
      expect(two).toEqual(one);
      expect(two.ok).toBe(true);
    }
    const { one, two } = await both(app.dataDir, `#5:${'ab'.repeat(32)}`);
    expect(two).toEqual(one);
    expect(two.problem?.kind).toBe('rewritten');
  });
});

describe('backups', () => {
  // A team database refuses backups (the test 'a team database' below).
  const it = itOnSolo("backs up the data folder's SQLite file");
  it('refuses to save a backup over a folder, saying so, and leaves no part file behind', async () => {
    const app = appWithHistory();
    const dir = tempDir();
    const folder = join(dir, 'backups');
    mkdirSync(folder);
    await expect(app.services.backups.saveAs(folder, NO_JOB)).rejects.toThrow(
      'Could not save backups: a folder has that name',
    );
    expect(readdirSync(dir)).toEqual(['backups']);
  });

  it('refuses a backup into which a trigger was planted: a restore brings rows, never schema', async () => {
    const app = appWithHistory();
    const copy = join(tempDir(), 'planted.db');
    await app.services.backups.saveAs(copy, NO_JOB);
    // From now on, raising a vendor to critical would silently write low.
    const planted = new DatabaseSync(copy);
    planted.exec(`CREATE TRIGGER quiet_down AFTER UPDATE OF criticality ON vendors WHEN NEW.criticality = 'critical'
      BEGIN UPDATE vendors SET criticality = 'low' WHERE id = NEW.id; END;
      CREATE VIEW everything AS SELECT * FROM vendors;`);
    planted.close();
    const r = await app.dispatcher.call('backups.restorePath', { path: copy });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(r.ok ? '' : r.error.message).toMatch(
      /planted\.db cannot be restored: it holds schema that is not Vendor Risk Desk's \(trigger quiet_down, view everything\)/,
    );
    const live = new DatabaseSync(join(app.dataDir, DATABASE_FILE), { readOnly: true });
    expect(
      live
        .prepare(
          "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view') AND name IN ('quiet_down', 'everything')",
        )
        .all(),
    ).toEqual([]);
    live.close();
    // A clean backup still restores.
    const clean = join(tempDir(), 'clean.db');
    await app.services.backups.saveAs(clean, NO_JOB);
    expect(await app.dispatcher.call('backups.restorePath', { path: clean })).toMatchObject({ ok: true });
  });

  it('snapshots, keeps the newest N, restores a checked file and keeps the data it replaced', async () => {
    const app = appWithHistory();
    app.services.backups.setSettings({ keep: 2 });
    const copy = join(tempDir(), 'copy.db');
    await app.services.backups.saveAs(copy, NO_JOB);
    app.services.vendors.create(vendorInput({ name: 'Added After The Backup' }));
    for (let i = 0; i < 3; i++) await app.services.backups.snapshot('manual', NO_JOB);
    expect(app.services.backups.list().snapshots).toHaveLength(2);

    const restored = await app.services.backups.restore(copy, NO_JOB);
    expect(restored.vendors).toBe(3);
    // The same open services see the restored data at once.
    expect(app.services.vendors.list(defaultQuery()).items.map((v) => v.name)).not.toContain(
      'Added After The Backup',
    );
    // The data it replaced was kept, and the restore is in the (intact) audit trail.
    const kept = new DatabaseSync(restored.keptAs, { readOnly: true });
    expect(
      kept.prepare("SELECT COUNT(*) AS n FROM vendors WHERE name = 'Added After The Backup'").get(),
    ).toEqual({ n: 1 });
    kept.close();
    const verdict = await app.services.audit.verify(NO_JOB);
    expect(verdict.ok).toBe(true);
    expect(app.services.audit.list({ entities: [], actions: ['restore'], limit: 5, offset: 0 }).total).toBe(
      1,
    );
  });

  it('refuses a damaged file, a file from a newer version, a tampered audit trail and a non-database; nothing changes', async () => {
    const app = appWithHistory();
    const dir = tempDir();
    const before = dump(app.dataDir);

    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'not a database at all'.repeat(100));
    await expect(app.services.backups.restore(garbage, NO_JOB)).rejects.toThrow(
      /not a Vendor Risk Desk backup/,
    );

    const newer = join(dir, 'newer.db');
    await app.services.backups.saveAs(newer, NO_JOB);
    tamper2(newer, 'PRAGMA user_version = 999');
    await expect(app.services.backups.restore(newer, NO_JOB)).rejects.toThrow(/newer version/);

    const tampered = join(dir, 'tampered.db');
    await app.services.backups.saveAs(tampered, NO_JOB);
    tamper2(tampered, "UPDATE audit_log SET actor = 'Mallory' WHERE id = 1");
    await expect(app.services.backups.restore(tampered, NO_JOB)).rejects.toThrow(
      /audit trail was changed: Entry #1/,
    );

    const other = join(dir, 'other.db');
    tamper2(other, 'CREATE TABLE t (x)');
    await expect(app.services.backups.restore(other, NO_JOB)).rejects.toThrow(
      /holds no Vendor Risk Desk data/,
    );

    await expect(app.services.backups.restore(join(dir, 'missing.db'), NO_JOB)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(dump(app.dataDir)).toBe(before);
    expect(app.services.backups.list().snapshots).toEqual([]);
  });

  test('names snapshots by time and reason, uniquely', () => {
    const at = new Date('2026-11-24T09:08:07Z');
    expect(snapshotName(at, 'daily')).toBe('vendor-risk-20261124-090807-daily.db');
    expect(snapshotName(at, 'daily', ['vendor-risk-20261124-090807-daily.db'])).toBe(
      'vendor-risk-20261124-090807-daily-2.db',
    );
  });

  it('backup create / list / restore on the command line', async () => {
    const app = appWithHistory();
    const out = join(tempDir(), 'cli-copy.db');
    const created = await cli(app.dataDir, ['backup', 'create', '--out', out]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^Backed up to .*cli-copy\.db \(\d+ KB\)\n$/);
    const listed = await cli(app.dataDir, ['backup', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject({ snapshots: [] });
    const restored = await cli(app.dataDir, ['backup', 'restore', out]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('(3 vendors)');
    const bad = await cli(app.dataDir, ['backup', 'restore', join(tempDir(), 'nope.db')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a team database', () => {
  itOnTeam('backups are of the data folder’s own SQLite file (the tests above)')(
    'refuses backups in one line (exit 2) and through the window, writing nothing; keeps the team’s key in the database',
    async () => {
      const app = appWithHistory();
      const out = join(tempDir(), 'team-copy.db');
      for (const args of [
        ['backup', 'create', '--out', out],
        ['backup', 'restore', out],
      ]) {
        const r = await cli(app.dataDir, args);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(
          /^vendor-risk: .* is not done from the app on a team database: .*pg_dump.*\n$/,
        );
      }
      expect(existsSync(out)).toBe(false);
      const saved = await app.dispatcher.call('backups.save', { path: out });
      expect(saved).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(existsSync(out)).toBe(false);
      expect(await app.dispatcher.call('backups.snapshot', {})).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/team database/) },
      });
      // The trail is as it was: nothing half done.
      expect(await app.services.audit.verify(NO_JOB)).toMatchObject({ ok: true, entries: 4 });
      // Encryption works with a team passphrase, whose key record is the database's, not this folder's.
      const enabled = await app.dispatcher.call('encryption.enable', { passphrase: 'a long passphrase 123' });
      expect(enabled).toMatchObject({ ok: true, value: { enabled: true, unlocked: true } });
      expect(readdirSync(app.dataDir)).not.toContain('encryption.json');
      expect(app.internalErrors).toEqual([]);
    },
  );
});

describe('damaged files', () => {
  const it = itOnSolo("damages the data folder's SQLite file");
  it('moves a damaged database aside (never deleting it) and names the newest snapshot', async () => {
    const app = appWithHistory();
    await app.services.backups.snapshot('manual', NO_JOB);
    const dir = app.dataDir;
    app.services.close();
    const file = join(dir, DATABASE_FILE);
    // Damage the file's pages past the header.
    const bytes = readFileSync(file);
    for (let i = 4096; i < Math.min(bytes.length, 4096 * 3); i++) bytes[i] = 0xa5;
    writeFileSync(file, bytes);
    let error = null as {
      code: string;
      message: string;
      details: { path: string; message: string }[];
    } | null;
    try {
      openDatabase(dir, { checkIntegrity: true }).close();
    } catch (e) {
      error = e as never;
    }
    expect(error?.code).toBe('DATA_DAMAGED');
    expect(error?.message).toMatch(/moved aside to .*vendor-risk\.db\.damaged-/);
    const movedTo = error!.details.find((d) => d.path === 'movedTo')!.message;
    expect(existsSync(movedTo)).toBe(true);
    expect(readFileSync(movedTo).equals(bytes)).toBe(true);
    expect(error!.details.find((d) => d.path === 'newestSnapshot')!.message).toMatch(/-manual\.db$/);
    expect(existsSync(file)).toBe(false);
  });

  test('moves a file that is not a database aside too, but leaves a busy one alone', () => {
    const dir = tempDir();
    writeFileSync(join(dir, DATABASE_FILE), 'hello, not sqlite '.repeat(300));
    expect(() => openDatabase(dir)).toThrow(/moved aside/);
    expect(readdirSync(dir).some((f) => f.startsWith(`${DATABASE_FILE}.damaged-`))).toBe(true);
  });

  test('moves a preferences file that is not JSON aside and keeps a good one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'preferences.json'), '{"theme": "dark"');
    const moved = setAsideDamagedPreferences(dir);
    expect(moved).toMatch(/preferences\.json\.damaged-/);
    expect(readFileSync(moved!, 'utf8')).toBe('{"theme": "dark"');
    writeFileSync(join(dir, 'preferences.json'), '{"theme": "dark"}');
    expect(setAsideDamagedPreferences(dir)).toBeNull();
  });
});

function defaultQuery(): VendorListQuery {
  return DEFAULT_VENDOR_QUERY;
}

function tamper2(file: string, sql: string) {
  const db = new DatabaseSync(file);
  db.exec(sql);
  db.close();
}

function dump(dataDir: string): string {
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
  try {
    return JSON.stringify(
      ['vendors', 'audit_log', 'settings'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()),
    );
  } finally {
    db.close();
  }
}
