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
    expect(entry!.after).toEqual(v);
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
    expect(updated).toMatchObject({ ...v, owner: 'Lee Chen (IT)', updatedAt: expect.any(String) });
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
