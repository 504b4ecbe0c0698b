import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forgeAuditEntry, openApp, runCli, tempDir, vendorInput } from './helpers';
import { NO_JOB } from '../../electron/services/context';
import { DATABASE_FILE } from '../../electron/storage/database';
import {
  KEY_FILE,
  readKeyFile,
  unlockWithPassphrase,
  type KeyProtector,
} from '../../electron/storage/keyfile';
import { encryptBytes, LOCKED_TEXT } from '../../electron/storage/cipher';
import { answersFor } from '../fixtures/generated-answers';
import { DEFAULT_VENDOR_QUERY, type VendorListQuery } from '../../electron/domain/vendor-list';

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'Board wants ACME-SECRET-7 kept quiet';

/** A stand-in OS keychain: XOR with a machine secret (reversible, like safeStorage). */
function keychain(secure = true, backend = 'gnome_libsecret'): KeyProtector {
  const mask = Buffer.alloc(64, 0x5a);
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ mask[i % mask.length]!));
  return { secure, backend, protect: xor, unprotect: xor };
}

/** Every byte of the data folder's database files (to look for plain text in them). */
function rawData(dataDir: string): string {
  const files = readdirSync(dataDir).filter((f) => f.startsWith(DATABASE_FILE));
  return Buffer.concat(files.map((f) => readFileSync(join(dataDir, f)))).toString('latin1');
}

/** A vendor with notes, an answered note, a decision note, a clause value and comment, and evidence. */
async function sensitiveData(app: ReturnType<typeof openApp>) {
  const v = app.services.vendors.create(vendorInput({ name: 'Secretive Robotics', notes: SECRET }));
  const a = await app.dispatcher.call('assessments.start', {
    vendorId: v.id,
    questionnaireIds: ['quick-triage'],
  });
  if (!a.ok) throw new Error(a.error.message);
  const q = await app.dispatcher.call('questionnaires.get', { id: 'quick-triage' });
  if (!q.ok) throw new Error(q.error.message);
  const answered = await app.dispatcher.call('assessments.answerMany', {
    id: a.value.id,
    answers: answersFor(q.value, 0, `${SECRET} (answer)`),
  });
  expect(answered.ok, JSON.stringify(answered)).toBe(true);
  const attached = await app.dispatcher.call('evidence.attach', {
    assessmentId: a.value.id,
    questionnaireId: 'quick-triage',
    questionId: 'tri_assurance_evidence',
    fileName: 'soc2.pdf',
    contentBase64: Buffer.from(`%PDF ${SECRET} evidence`).toString('base64'),
    kind: 'soc2-type2',
  });
  expect(attached.ok, JSON.stringify(attached)).toBe(true);
  const submitted = await app.dispatcher.call('assessments.setStatus', {
    id: a.value.id,
    status: 'submitted',
  });
  expect(submitted.ok, JSON.stringify(submitted)).toBe(true);
  const decided = await app.dispatcher.call('decisions.record', {
    assessmentId: a.value.id,
    decision: 'reject',
    notes: `${SECRET} (decision)`,
  });
  expect(decided.ok, JSON.stringify(decided)).toBe(true);
  const set = await app.dispatcher.call('clauses.set', {
    vendorId: v.id,
    clauseId: 'data-usage-boundaries',
    status: 'negotiating',
  });
  expect(set.ok, JSON.stringify(set)).toBe(true);
  const commented = await app.dispatcher.call('clauses.comment', {
    vendorId: v.id,
    clauseId: 'data-usage-boundaries',
    text: `${SECRET} (comment)`,
  });
  expect(commented.ok, JSON.stringify(commented)).toBe(true);
  return v;
}

describe('encryption at rest', () => {
  it('seals notes, answers’ notes, decisions, clause comments and evidence; the app reads them as before', async () => {
    const app = openApp({ encryption: { keychain: keychain() } });
    const v = await sensitiveData(app);
    expect(rawData(app.dataDir)).toContain('ACME-SECRET-7');

    const enabled = app.services.encryption.enable();
    expect(enabled).toMatchObject({
      enabled: true,
      unlocked: true,
      protectedBy: { keychain: true, passphrase: false },
    });
    expect(enabled.sealedValues).toBeGreaterThanOrEqual(4);
    expect(enabled.sealedFiles).toBe(1);
    // New sensitive values are sealed too, in their tables and in the audit trail.
    app.services.vendors.update(v.id, { notes: 'Second ACME-SECRET-8 note' });
    app.services.storage.transaction(() => undefined);
    const raw = rawData(app.dataDir);
    expect(raw).not.toContain('ACME-SECRET-8');
    const evidence = readdirSync(join(app.dataDir, 'evidence'));
    expect(readFileSync(join(app.dataDir, 'evidence', evidence[0]!)).toString('latin1')).not.toContain(
      'ACME-SECRET-7',
    );
    // Everything reads as before.
    expect(app.services.vendors.get(v.id).notes).toBe('Second ACME-SECRET-8 note');
    expect(app.services.decisions.list(v.id)[0]!.notes).toBe(`${SECRET} (decision)`);
    const contract = app.services.clauses.forVendor(v.id);
    expect(contract.clauses.find((c) => c.clause.id === 'data-usage-boundaries')!.comments[0]!.text).toBe(
      `${SECRET} (comment)`,
    );
    const history = app.services.vendors.history(v.id, 5);
    expect(JSON.stringify(history)).toContain('ACME-SECRET-8');
    // Search still finds words in the notes, and the audit chain holds.
    expect(app.services.vendors.list({ ...query(), search: 'acme-secret-8' }).total).toBe(1);
    expect((await app.services.audit.verify(NO_JOB)).ok).toBe(true);
  });

  it('opens with the keychain next time; without it the data is locked: readable lists, placeholder notes, no writes', async () => {
    const first = openApp({ encryption: { keychain: keychain() } });
    const v = first.services.vendors.create(vendorInput({ notes: SECRET }));
    first.services.encryption.enable();
    first.services.close();

    const again = openApp({ dataDir: first.dataDir, encryption: { keychain: keychain() } });
    expect(again.services.encryption.status().unlocked).toBe(true);
    expect(again.services.vendors.get(v.id).notes).toBe(SECRET);
    again.services.close();

    const locked = openApp({ dataDir: first.dataDir });
    expect(locked.services.encryption.status()).toMatchObject({ enabled: true, unlocked: false });
    expect(locked.services.vendors.list(query()).total).toBe(1);
    expect(locked.services.vendors.get(v.id).notes).toBe(LOCKED_TEXT);
    const write = await locked.dispatcher.call('vendors.update', { id: v.id, patch: { owner: 'Someone' } });
    expect(write).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    // Without a passphrase wrap, a passphrase cannot unlock it.
    expect(() => locked.services.encryption.unlock(PASSPHRASE)).toThrow(/keychain/);
  });

  it('asks for a passphrase where the keychain protects nothing (basic_text), and unlocks with it', async () => {
    const app = openApp({ encryption: { keychain: keychain(false, 'basic_text') } });
    app.services.vendors.create(vendorInput({ notes: SECRET }));
    expect(() => app.services.encryption.enable()).toThrow(/basic_text.*passphrase/);
    expect(existsSync(join(app.dataDir, KEY_FILE))).toBe(false);
    const on = app.services.encryption.enable(PASSPHRASE);
    expect(on.protectedBy).toEqual({ keychain: false, passphrase: true });
    app.services.close();

    const locked = openApp({ dataDir: app.dataDir, encryption: { keychain: keychain(false, 'basic_text') } });
    expect(locked.services.encryption.status().unlocked).toBe(false);
    expect(() => locked.services.encryption.unlock('not the passphrase')).toThrow(/Wrong passphrase/);
    expect(locked.services.encryption.unlock(PASSPHRASE).unlocked).toBe(true);
    expect(locked.services.vendors.list({ ...query(), search: 'ACME-SECRET' }).total).toBe(1);
  });

  it('a wrong passphrase is a clear error and changes nothing; the command line takes it from the environment', async () => {
    const app = openApp();
    const v = app.services.vendors.create(vendorInput({ name: 'Passphrase Co', notes: SECRET }));
    app.services.encryption.enable(PASSPHRASE);
    app.services.close();
    const fingerprint = () =>
      createHash('sha256')
        .update(readFileSync(join(app.dataDir, DATABASE_FILE)))
        .update(readFileSync(join(app.dataDir, KEY_FILE)))
        .digest('hex');
    const before = fingerprint();
    expect(() => openApp({ dataDir: app.dataDir, encryption: { passphrase: 'wrong wrong wrong' } })).toThrow(
      /Wrong passphrase/,
    );
    expect(fingerprint()).toBe(before);

    const run = (env: Record<string, string>, args: string[]) =>
      runCli(app.dataDir, args, { VENDOR_RISK_USER: 'Enc Tester', ...env });
    const right = await run({ VENDOR_RISK_PASSPHRASE: PASSPHRASE }, ['vendors', 'show', v.id, '--json']);
    expect(right.code, right.stderr).toBe(0);
    expect(JSON.parse(right.stdout)).toMatchObject({ notes: SECRET });
    const wrong = await run({ VENDOR_RISK_PASSPHRASE: 'wrong wrong wrong' }, ['vendors', 'list']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(
      'vendor-risk: Wrong passphrase: the data stays locked and nothing was changed\n',
    );
    const none = await run({}, ['vendors', 'update', v.id, '--owner', 'X']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^vendor-risk: The data is encrypted and locked/);
    expect(fingerprint()).toBe(before);
  });

  it('encryption passphrase: the new passphrase opens the data, the old one no longer does', async () => {
    const app = openApp();
    const v = app.services.vendors.create(vendorInput({ name: 'Rekey Co', notes: SECRET }));
    app.services.encryption.enable(PASSPHRASE);
    app.services.close();
    const run = (env: Record<string, string>, args: string[]) =>
      runCli(app.dataDir, args, { VENDOR_RISK_USER: 'Enc Tester', ...env });
    const next = 'a brand new passphrase 2';
    const short = await run({ VENDOR_RISK_PASSPHRASE: PASSPHRASE, VENDOR_RISK_NEW_PASSPHRASE: 'short' }, [
      'encryption',
      'passphrase',
    ]);
    expect(short.code).toBe(2);
    const changed = await run({ VENDOR_RISK_PASSPHRASE: PASSPHRASE, VENDOR_RISK_NEW_PASSPHRASE: next }, [
      'encryption',
      'passphrase',
    ]);
    expect(changed.stderr).toBe('');
    expect(changed.code).toBe(0);
    expect(changed.stdout).toMatch(/^The passphrase is changed: the old one no longer opens the data here/);
    const old = await run({ VENDOR_RISK_PASSPHRASE: PASSPHRASE }, ['vendors', 'show', v.id, '--json']);
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/Wrong passphrase/);
    const opened = await run({ VENDOR_RISK_PASSPHRASE: next }, ['vendors', 'show', v.id, '--json']);
    expect(opened.code, opened.stderr).toBe(0);
    expect(JSON.parse(opened.stdout)).toMatchObject({ notes: SECRET });
    // Without a terminal and without the variable it says what to set.
    const none = await run({ VENDOR_RISK_PASSPHRASE: next }, ['encryption', 'passphrase']);
    expect(none).toMatchObject({
      code: 2,
      stderr: 'vendor-risk: no new passphrase: set VENDOR_RISK_NEW_PASSPHRASE (no terminal to ask on)\n',
    });
  });

  it('refuses to restore a backup whose encrypted values another key sealed', async () => {
    const other = openApp();
    other.services.vendors.create(vendorInput({ notes: SECRET }));
    other.services.encryption.enable(PASSPHRASE);
    const copy = join(tempDir(), 'other.db');
    await other.services.backups.saveAs(copy, NO_JOB);

    const app = openApp();
    app.services.encryption.enable('another passphrase here');
    await expect(app.services.backups.restore(copy, NO_JOB)).rejects.toThrow(
      /do not open here \(another data key\)/,
    );
    // Nor into a folder without any key.
    const plain = openApp();
    await expect(plain.services.backups.restore(copy, NO_JOB)).rejects.toThrow(/has no data key/);
    expect(existsSync(`${copy}.key.json`)).toBe(true); // the key travels beside the backup
  });

  it('a process that did not know encryption was turned on elsewhere refuses to write, never saves the placeholder', async () => {
    const app = openApp();
    const v = app.services.vendors.create(vendorInput({ notes: SECRET }));
    // Another process (the CLI) turns encryption on while this one runs.
    const other = openApp({ dataDir: app.dataDir });
    other.services.encryption.enable(PASSPHRASE);
    other.services.close();
    expect(app.services.vendors.get(v.id).notes).toBe(LOCKED_TEXT);
    const write = await app.dispatcher.call('vendors.update', { id: v.id, patch: { owner: 'Someone' } });
    expect(write).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(() => app.services.storage.cipher.sealFile(Buffer.from('evidence'), 'evidence/e1')).toThrow(
      /locked/,
    );
    // Turning it on twice makes one key, not two.
    expect(() => app.services.encryption.enable(PASSPHRASE)).toThrow(/already on|just turned on/);
    const unlocked = openApp({ dataDir: app.dataDir, encryption: { passphrase: PASSPHRASE } });
    expect(unlocked.services.vendors.get(v.id).notes).toBe(SECRET);
  });

  it('restoring a snapshot from before encryption seals its plain values again; the snapshot survives pruning', async () => {
    const app = openApp();
    app.services.vendors.create(vendorInput({ notes: 'Plain PLAIN-SECRET-9 note' }));
    app.services.backups.setSettings({ keep: 1 });
    const plain = await app.services.backups.snapshot('manual', NO_JOB);
    app.services.encryption.enable(PASSPHRASE);
    const restored = await app.services.backups.restore(plain.path, NO_JOB);
    expect(restored.vendors).toBe(1);
    const db = new DatabaseSync(join(app.dataDir, DATABASE_FILE), { readOnly: true });
    expect((db.prepare('SELECT notes FROM vendors').get() as { notes: string }).notes).toMatch(/^vrenc:2:/);
    db.close();
    expect(app.services.vendors.list(query()).items).toHaveLength(1);
  });
});

function query(): VendorListQuery {
  return DEFAULT_VENDOR_QUERY;
}

describe('the audit trail signed with the data key', () => {
  it('a forger who recomputes the chain without the key is found; entries from before encryption need no signature', async () => {
    const app = openApp({ encryption: { passphrase: PASSPHRASE } });
    app.services.vendors.create(vendorInput({ name: 'Before Encryption' }));
    app.services.encryption.enable(PASSPHRASE);
    const v = app.services.vendors.create(vendorInput({ name: 'After Encryption', notes: SECRET }));
    app.services.vendors.update(v.id, { owner: 'Priya' });
    expect(await app.services.audit.verify(NO_JOB)).toMatchObject({ ok: true, signatures: 'checked' });
    const head = app.services.storage.audit.head();

    forgeAuditEntry(app.dataDir, head.id - 1);
    const unlocked = openApp({ dataDir: app.dataDir, encryption: { passphrase: PASSPHRASE } });
    expect((await unlocked.services.audit.verify(NO_JOB)).problem).toEqual({
      id: head.id - 1,
      kind: 'forged',
      message: `Entry #${head.id - 1} is not signed with this data folder's key: it was written or rewritten outside the app`,
    });
    // Without the key the forgery cannot be told, and the check says what it could not do.
    const locked = openApp({ dataDir: app.dataDir });
    expect(await locked.services.audit.verify(NO_JOB)).toMatchObject({ ok: true, signatures: 'locked' });
    const cli = await runCli(app.dataDir, ['audit', 'verify'], { VENDOR_RISK_PASSPHRASE: PASSPHRASE });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/is not signed with this data folder's key/);

    // An entry from before encryption was turned on, rewritten: the first signed entry after it covers its hash.
    const early = openApp({ encryption: { passphrase: PASSPHRASE } });
    early.services.vendors.create(vendorInput({ name: 'Early' }));
    early.services.vendors.create(vendorInput({ name: 'Early Too' }));
    early.services.encryption.enable(PASSPHRASE);
    forgeAuditEntry(early.dataDir, 2);
    const reopened = openApp({ dataDir: early.dataDir, encryption: { passphrase: PASSPHRASE } });
    expect((await reopened.services.audit.verify(NO_JOB)).problem).toMatchObject({ id: 3, kind: 'forged' });
  });

  it('the newest entries deleted and the trail’s record rewritten to match are found with the key', async () => {
    const app = openApp({ encryption: { passphrase: PASSPHRASE } });
    app.services.encryption.enable(PASSPHRASE);
    for (const name of ['One', 'Two', 'Three']) app.services.vendors.create(vendorInput({ name }));
    const db = new DatabaseSync(join(app.dataDir, DATABASE_FILE));
    db.exec('DELETE FROM audit_log WHERE id >= 3');
    const kept = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      id: number;
      hash: string;
    };
    db.prepare('UPDATE audit_record SET entries = ?, last_id = ?, hash = ?').run(kept.id, kept.id, kept.hash);
    db.close();
    const reopened = openApp({ dataDir: app.dataDir, encryption: { passphrase: PASSPHRASE } });
    expect((await reopened.services.audit.verify(NO_JOB)).problem).toMatchObject({
      kind: 'forged',
      message:
        "The trail's record of its length is not signed with this data folder's key: it was rewritten outside the app",
    });
  });

  it('where the signatures start cannot be moved without the key; a device import is signed too', async () => {
    const app = openApp({ encryption: { passphrase: PASSPHRASE } });
    app.services.encryption.enable(PASSPHRASE);
    const preview = await app.dispatcher.call('devices.preview', {
      source: 'WMS',
      fileName: 'd.csv',
      contentBase64: Buffer.from('Device ID,Type\nd1,IP camera\n').toString('base64'),
    });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(await app.dispatcher.call('devices.apply', { token: preview.value.token })).toMatchObject({
      ok: true,
    });
    expect(await app.services.audit.verify(NO_JOB)).toMatchObject({ ok: true, signatures: 'checked' });

    const path = join(app.dataDir, KEY_FILE);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { audit: { from: number; mac: string } };
    expect(file.audit.from).toBe(1);
    writeFileSync(path, JSON.stringify({ ...file, audit: { ...file.audit, from: 99 } }));
    const moved = openApp({ dataDir: app.dataDir, encryption: { passphrase: PASSPHRASE } });
    const r = await moved.dispatcher.call('audit.verify', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'DATA_DAMAGED' } });
  });
});

describe('sealed values bound to their place', () => {
  it('a value moved onto another record does not open there, with a clear message, never the other record’s text', async () => {
    const app = openApp({ encryption: { passphrase: PASSPHRASE } });
    app.services.encryption.enable(PASSPHRASE);
    const a = app.services.vendors.create(vendorInput({ name: 'Alpha', notes: SECRET }));
    const b = app.services.vendors.create(vendorInput({ name: 'Beta', notes: 'nothing to see' }));
    const db = new DatabaseSync(join(app.dataDir, DATABASE_FILE));
    db.prepare('UPDATE vendors SET notes = (SELECT notes FROM vendors WHERE id = ?) WHERE id = ?').run(
      a.id,
      b.id,
    );
    db.close();
    const r = await app.dispatcher.call('vendors.get', { id: b.id });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'DATA_DAMAGED',
        message: `An encrypted value could not be opened where it is (vendors/${b.id}/notes): it was moved there from another record or field, or changed, outside the app`,
      },
    });
    expect(JSON.stringify(r)).not.toContain('ACME-SECRET');
    // The value still opens where it belongs.
    expect(app.services.vendors.get(a.id).notes).toBe(SECRET);
  });

  it('values sealed by an earlier version, without their place, are sealed again with it when the data is unlocked', () => {
    const app = openApp({ encryption: { passphrase: PASSPHRASE } });
    app.services.encryption.enable(PASSPHRASE);
    const v = app.services.vendors.create(vendorInput({ name: 'Old Seal' }));
    const key = unlockWithPassphrase(readKeyFile(app.dataDir)!, PASSPHRASE);
    const old = `vrenc:1:${encryptBytes(key, Buffer.from(SECRET, 'utf8')).toString('base64')}`;
    const db = new DatabaseSync(join(app.dataDir, DATABASE_FILE));
    db.prepare('UPDATE vendors SET notes = ? WHERE id = ?').run(old, v.id);
    db.close();
    const again = openApp({ dataDir: app.dataDir, encryption: { passphrase: PASSPHRASE } });
    expect(again.services.vendors.get(v.id).notes).toBe(SECRET);
    const stored = new DatabaseSync(join(app.dataDir, DATABASE_FILE), { readOnly: true });
    expect(
      (stored.prepare('SELECT notes FROM vendors WHERE id = ?').get(v.id) as { notes: string }).notes,
    ).toMatch(/^vrenc:2:/);
    stored.close();
  });
});
