import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { serverUrl, teamServices, teamWithAdminAndBuyer } from './support';
import { vendorInput } from '../unit/helpers';
import { AuditQuerySchema } from '../../electron/domain/audit';
import { NO_JOB } from '../../electron/services/context';

const server = serverUrl();
const PASSWORD = 'encryption test password 1';
const TEAM_PASSPHRASE = 'harbour lanterns at dawn';

describe.skipIf(!server)('sealed fields on a team database, with a team passphrase', () => {
  let admin = '';
  let buyer = '';
  let ownerClient: pg.Client;

  beforeAll(async () => {
    ({ ownerClient, admin, buyer } = await teamWithAdminAndBuyer(server!, PASSWORD));
  });

  const open = teamServices;

  it('seals notes for everyone once an admin turns it on; only holders of the passphrase read them', async () => {
    const first = open(admin);
    const vendor = first.vendors.create(
      vendorInput({ name: 'Sealed Notes Co', notes: 'NDA: pricing 4.2 %' }),
    );
    expect(() => first.encryption.enable()).toThrow(/team passphrase/);
    const on = first.encryption.enable(TEAM_PASSPHRASE);
    expect(on).toMatchObject({ enabled: true, unlocked: true, sealedValues: 1 });
    first.close();

    // In the database the note is sealed text, not the words.
    const stored = await ownerClient.query<{ notes: string }>('SELECT notes FROM vendors WHERE id = $1', [
      vendor.id,
    ]);
    expect(stored.rows[0]!.notes).not.toContain('pricing');

    // A colleague with the passphrase reads it and writes sealed values.
    const holder = open(buyer, TEAM_PASSPHRASE);
    expect(holder.encryption.status()).toMatchObject({ enabled: true, unlocked: true });
    expect(holder.vendors.get(vendor.id).notes).toBe('NDA: pricing 4.2 %');
    holder.vendors.update(vendor.id, { notes: 'NDA: pricing 3.9 %' });
    // The trail's entry of that change holds the note sealed too; the passphrase opens it.
    const trail = holder.audit.list(AuditQuerySchema.parse({ vendorId: vendor.id }));
    expect(JSON.stringify(trail.items[0]!.after)).toContain('NDA: pricing 3.9 %');
    expect(JSON.stringify(trail.items[0]!.before)).toContain('NDA: pricing 4.2 %');
    // audit verify opens the sealed entries to compare the note with the trail: nothing differs.
    expect(await holder.audit.verify(NO_JOB)).toMatchObject({ ok: true, reconciled: { total: 0 } });
    holder.close();
    const after = await ownerClient.query<{ notes: string }>('SELECT notes FROM vendors WHERE id = $1', [
      vendor.id,
    ]);
    expect(after.rows[0]!.notes).not.toContain('3.9');
    // As the owner (psql): no entry written since encryption went on holds the words.
    const entries = await ownerClient.query<{ id: string; text: string }>(
      "SELECT id, coalesce(before_json, '') || coalesce(after_json, '') AS text FROM audit_log WHERE entity = 'vendor' AND action = 'update'",
    );
    expect(entries.rows.length).toBeGreaterThan(0);
    for (const e of entries.rows) expect(e.text).not.toMatch(/pricing (3\.9|4\.2)/);

    // Without it the list still works, the note is locked, and writing a sealed field is refused.
    const other = open(buyer);
    expect(other.encryption.status()).toMatchObject({ enabled: true, unlocked: false });
    expect(other.vendors.get(vendor.id).notes).not.toContain('3.9');
    expect(() => other.vendors.update(vendor.id, { notes: 'plain words' })).toThrow(/locked/);
    other.close();
  });

  it('changes the team passphrase: the new one opens the data, the old one no longer does', async () => {
    const a = open(admin, TEAM_PASSPHRASE);
    a.encryption.setPassphrase('a new team passphrase 2');
    a.close();
    expect(() => open(buyer, TEAM_PASSPHRASE)).toThrow(/passphrase/i);
    const b = open(buyer, 'a new team passphrase 2');
    expect(b.encryption.status().unlocked).toBe(true);
    b.close();
  });
});
