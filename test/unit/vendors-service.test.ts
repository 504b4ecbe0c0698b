import { describe, it, expect } from 'vitest';
import { openApp, vendorInput } from './helpers';
import { AppError } from '../../electron/domain/errors';
import { VendorListQuerySchema } from '../../electron/domain/vendor-list';

const query = (q: Record<string, unknown> = {}) => VendorListQuerySchema.parse(q);

describe('vendor service', () => {
  it('creates a vendor with an audit entry naming who did it', () => {
    const { services } = openApp({ actor: 'Ana Procurement' });
    const v = services.vendors.create(vendorInput());
    expect(services.vendors.get(v.id)).toEqual(v);
    const [entry] = services.vendors.history(v.id, 10);
    expect(entry).toMatchObject({
      action: 'create',
      actor: 'Ana Procurement',
      entity: 'vendor',
      entityId: v.id,
      before: null,
    });
    // The trail keeps the vendor's fields; a team database's row version is not one of them.
    const { version: _version, ...fields } = v;
    expect(entry!.after).toEqual(fields);
  });

  it('refuses a duplicate name whatever its case, and writes nothing', () => {
    const { services } = openApp();
    services.vendors.create(vendorInput({ name: 'Nordic Pallet Co' }));
    expect(() => services.vendors.create(vendorInput({ name: 'NORDIC PALLET CO' }))).toThrow(AppError);
    services.vendors.create(vendorInput({ name: 'Lagerwerk Süd GmbH' }));
    expect(() => services.vendors.create(vendorInput({ name: 'LAGERWERK SÜD GMBH' }))).toThrow(
      /already exists/,
    );
    expect(services.storage.vendors.count()).toBe(2);
    expect(services.storage.audit.count()).toBe(2);
  });

  it('update changes only the given fields and records before and after', () => {
    const { services } = openApp();
    const v = services.vendors.create(vendorInput({ tags: ['a', 'b'] }));
    const updated = services.vendors.update(v.id, { owner: 'Lee Chen (IT)' });
    expect(updated).toMatchObject({
      ...v,
      owner: 'Lee Chen (IT)',
      updatedAt: expect.any(String),
      // On a team database each save is one version more.
      ...(v.version === undefined ? {} : { version: v.version + 1 }),
    });
    expect(updated.tags).toEqual(['a', 'b']);
    const [entry] = services.vendors.history(v.id, 1);
    expect(entry).toMatchObject({ action: 'update' });
    expect((entry!.before as { owner: string }).owner).toBe(v.owner);
    expect((entry!.after as { owner: string }).owner).toBe('Lee Chen (IT)');
  });

  it('remove deletes the vendor; the trail keeps what it was', () => {
    const { services } = openApp();
    const v = services.vendors.create(vendorInput());
    services.vendors.remove(v.id);
    expect(() => services.vendors.get(v.id)).toThrow(/No vendor/);
    const [entry] = services.vendors.history(v.id, 1);
    expect(entry).toMatchObject({ action: 'delete', after: null });
    expect((entry!.before as { name: string }).name).toBe(v.name);
  });

  it('search ignores case and accents, across name, owner, tags and notes', () => {
    const { services } = openApp();
    services.vendors.create(vendorInput({ name: 'Lagerwerk Süd GmbH', tags: [] }));
    services.vendors.create(vendorInput({ name: 'Other', owner: 'José Álvarez', tags: ['cold-chain'] }));
    services.vendors.create(vendorInput({ name: '東都ロボティクス', tags: [] }));
    const names = (search: string) => services.vendors.list(query({ search })).items.map((v) => v.name);
    expect(names('SUD')).toEqual(['Lagerwerk Süd GmbH']);
    expect(names('alvarez')).toEqual(['Other']);
    expect(names('COLD-chain')).toEqual(['Other']);
    expect(names('ロボ')).toEqual(['東都ロボティクス']);
    expect(names('100%_')).toEqual([]);
  });

  it('search finds words in sealed notes while this login holds the passphrase; without it, the other fields only', () => {
    const app = openApp();
    const { vendors, encryption } = app.services;
    vendors.create(vendorInput({ name: 'Zebra Freight', notes: '' }));
    vendors.create(vendorInput({ name: 'Alpha Docks', notes: 'Contract ZÉBRA-7 renewal' }));
    vendors.create(vendorInput({ name: 'Mid Yard', status: 'prospect', notes: 'zebra crossing at gate 3' }));
    vendors.create(vendorInput({ name: 'Other Co', notes: 'nothing to find' }));
    // Notes written before are sealed when encryption is turned on; those written after, as they are saved.
    encryption.enable('a passphrase for sealed search');
    vendors.create(vendorInput({ name: 'Beta Cold', notes: 'Zebra pallets' }));
    const names = (q: Record<string, unknown>) => vendors.list(query(q)).items.map((v) => v.name);
    expect(names({ search: 'zebra' })).toEqual(['Alpha Docks', 'Beta Cold', 'Mid Yard', 'Zebra Freight']);
    expect(names({ search: 'ZEBRA', direction: 'desc' })).toEqual([
      'Zebra Freight',
      'Mid Yard',
      'Beta Cold',
      'Alpha Docks',
    ]);
    expect(names({ search: 'zebra', statuses: ['active'] })).toEqual([
      'Alpha Docks',
      'Beta Cold',
      'Zebra Freight',
    ]);
    expect(names({ search: 'gate 3' })).toEqual(['Mid Yard']);
    expect(vendors.list(query({ search: 'zebra' })).total).toBe(5);

    // Opened without the passphrase: the sealed notes stay shut, the other fields are still searched.
    const locked = openApp({ dataDir: app.dataDir });
    expect(locked.services.encryption.status()).toMatchObject({ enabled: true, unlocked: false });
    const lockedNames = (q: Record<string, unknown>) =>
      locked.services.vendors.list(query(q)).items.map((v) => v.name);
    expect(lockedNames({ search: 'zebra' })).toEqual(['Zebra Freight']);
    expect(lockedNames({ search: 'gate 3' })).toEqual([]);
  });

  it('filters combine, and sort orders by criticality rank, not alphabet', () => {
    const { services } = openApp();
    services.vendors.create(
      vendorInput({ name: 'A', criticality: 'low', category: '3pl', status: 'active' }),
    );
    services.vendors.create(
      vendorInput({ name: 'B', criticality: 'critical', category: '3pl', status: 'prospect' }),
    );
    services.vendors.create(
      vendorInput({ name: 'C', criticality: 'medium', category: 'payments', status: 'active' }),
    );
    services.vendors.create(
      vendorInput({ name: 'D', criticality: 'high', category: '3pl', status: 'active' }),
    );
    const list = (q: Record<string, unknown>) => services.vendors.list(query(q));
    expect(list({ sort: 'criticality' }).items.map((v) => v.name)).toEqual(['A', 'C', 'D', 'B']);
    expect(list({ sort: 'criticality', direction: 'desc' }).items.map((v) => v.name)).toEqual([
      'B',
      'D',
      'C',
      'A',
    ]);
    const filtered = list({ categories: ['3pl'], statuses: ['active'] });
    expect(filtered.items.map((v) => v.name)).toEqual(['A', 'D']);
    expect(filtered.total).toBe(4);
  });
});

describe('two people, one vendor', () => {
  it('a save stating the version it read is refused once a colleague saved, naming who; solo saves as before', () => {
    const mine = openApp({ actor: 'Pat Procurement' });
    const theirs = openApp({ actor: 'Dana Colleague', colleagueOf: mine.dataDir });
    const v = mine.services.vendors.create(vendorInput());
    const read = mine.services.vendors.get(v.id)!;
    const theirSave = theirs.services.vendors.update(v.id, { owner: 'Dana’s owner' }, read.version);
    if (!mine.team) {
      // The solo app keeps no versions: the later save wins, as it always has.
      expect(read.version).toBeUndefined();
      mine.services.vendors.update(v.id, { owner: 'Pat’s owner' }, read.version);
      expect(mine.services.vendors.get(v.id)!.owner).toBe('Pat’s owner');
      return;
    }
    expect(read.version).toBe(1);
    expect(theirSave.version).toBe(2);
    const stale = () => mine.services.vendors.update(v.id, { owner: 'Pat’s owner' }, read.version);
    expect(stale).toThrow(AppError);
    expect(stale).toThrow(/^changed by Dana Colleague at \d{4}-\d\d-\d\d \d\d:\d\d UTC — reload to see it$/);
    // Nothing overwritten, nothing recorded for the refused save.
    expect(mine.services.vendors.get(v.id)).toMatchObject({ owner: 'Dana’s owner', version: 2 });
    expect(mine.services.vendors.history(v.id, 10).map((e) => e.actor)).toEqual([
      'Dana Colleague',
      'Pat Procurement',
    ]);
    // Reloaded, the save goes through; without a version (the CLI) nothing is checked.
    expect(mine.services.vendors.update(v.id, { owner: 'Pat’s owner' }, 2).version).toBe(3);
    expect(theirs.services.vendors.update(v.id, { notes: 'no version stated' }).version).toBe(4);
  });
});
