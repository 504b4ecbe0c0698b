import type { AppServices } from '../electron/services/services';
import { CRITICALITIES, VENDOR_CATEGORIES, VENDOR_STATUSES } from '../electron/domain/vendor';
import { answersFor } from '../test/fixtures/generated-answers';
import { loadBuiltinQuestionnaires } from '../electron/services/builtin-questionnaires';

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

/**
 * Adds `count` vendors with a submitted quick-triage assessment each (answers vary, so
 * tiers and red flags do), and a decision and contract clauses on every third.
 */
export async function seedAssessedVendors(services: AppServices, count: number): Promise<void> {
  await loadBuiltinQuestionnaires();
  const triage = services.questionnaires.pinned('quick-triage', '1.0.0');
  for (let i = 0; i < count; i++) {
    services.storage.transaction(() => {
      const vendor = services.vendors.create({
        name: `Assessed ${String(i).padStart(4, '0')} ${['Logistik GmbH', 'Robotics', 'Cloud SA', 'Sensors', 'Freight'][i % 5]}`,
        category: VENDOR_CATEGORIES[i % VENDOR_CATEGORIES.length]!,
        services: 'Generated for benchmarks',
        dataTouched: i % 2 === 0 ? ['pii'] : ['operational-telemetry'],
        criticality: CRITICALITIES[(i * 7) % CRITICALITIES.length]!,
        owner: `Owner ${i % 40}`,
        status: 'active',
        tags: [],
        notes: '',
      });
      const a = services.assessments.start(vendor.id, ['quick-triage']);
      services.assessments.answerMany(a.id, answersFor(triage, i), 'bench');
      services.assessments.setStatus(a.id, 'submitted');
      if (i % 3 === 0) {
        services.decisions.record({ assessmentId: a.id, decision: 'approve', conditions: [], notes: '' });
        services.clauses.set({
          vendorId: vendor.id,
          clauseId: 'breach-notification',
          status: 'agreed',
          value: { type: 'hours', value: 24 + (i % 4) * 24 },
          reference: { document: 'MSA', section: '9.2', page: '' },
          waiver: null,
        });
      }
    });
  }
}
