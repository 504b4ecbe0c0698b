/**
 * The sample warehouse's 30 vendors alone, added one by one — no assessments, decisions or
 * devices — for tests that count on a portfolio where nothing has happened yet.
 */
import { DEMO_VENDORS } from '../../electron/domain/demo-portfolio';
import { VendorInputSchema } from '../../electron/domain/vendor';
import type { Dispatcher } from '../../electron/ipc/dispatch';

/** Adds the 30 vendors of the sample warehouse, and nothing else. */
export async function addPlainVendors(dispatcher: Pick<Dispatcher, 'call'>): Promise<void> {
  for (const draft of DEMO_VENDORS) {
    const r = await dispatcher.call('vendors.create', VendorInputSchema.parse(draft));
    if (!r.ok) throw new Error(r.error.message);
  }
}
