import type { AppServices } from '../electron/services/services';
import { CRITICALITIES, VENDOR_CATEGORIES, VENDOR_STATUSES } from '../electron/domain/vendor';

/** Adds `count` generated vendors (numbered from `first`) through the vendor service, in one transaction. */
export function seedVendors(services: AppServices, count: number, first = 0): void {
  services.storage.transaction(() => {
    for (let i = first; i < first + count; i++) {
      services.vendors.create({
        name: `Vendor ${String(i).padStart(5, '0')} ${['Logistics', 'Robotics', 'Cloud', 'Pay', 'Systems'][i % 5]}`,
        category: VENDOR_CATEGORIES[i % VENDOR_CATEGORIES.length]!,
        services: 'Generated for benchmarks',
        dataTouched: i % 3 === 0 ? ['pii'] : ['operational-telemetry'],
        criticality: CRITICALITIES[i % CRITICALITIES.length]!,
        owner: `Owner ${i % 40}`,
        status: VENDOR_STATUSES[i % VENDOR_STATUSES.length]!,
        tags: [`batch-${i % 10}`],
        notes: '',
      });
    }
  });
}
