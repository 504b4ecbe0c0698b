import { AppError } from '../domain/errors';
import { VendorInputSchema, type Vendor } from '../domain/vendor';
import { DEMO_VENDORS } from '../domain/demo-portfolio';
import { recordAudit, type JobContext, type ServiceContext } from './context';

/** Loads the demo portfolio: vendors whose name already exists are skipped. */
export async function loadDemoPortfolio(
  ctx: ServiceContext,
  job: JobContext,
): Promise<{ added: number; skipped: number }> {
  const { storage } = ctx;
  const prepared: Vendor[] = [];
  let skipped = 0;
  const total = DEMO_VENDORS.length;
  for (const [index, draft] of DEMO_VENDORS.entries()) {
    // Yield so a cancel request can arrive; nothing is written until all is prepared.
    await new Promise((resolve) => setImmediate(resolve));
    if (job.signal.aborted)
      throw new AppError('CANCELLED', 'Loading the demo portfolio was cancelled; nothing was changed');
    const input = VendorInputSchema.parse(draft);
    if (storage.vendors.findByName(input.name)) {
      skipped += 1;
    } else {
      const at = ctx.now().toISOString();
      prepared.push({ ...input, id: ctx.newId(), createdAt: at, updatedAt: at });
    }
    job.progress(index + 1, total, `Preparing ${input.name}`);
  }
  return storage.transaction(() => {
    // Checked again inside the transaction: another load may have run meanwhile.
    const fresh = prepared.filter((vendor) => !storage.vendors.findByName(vendor.name));
    skipped += prepared.length - fresh.length;
    for (const vendor of fresh) {
      storage.vendors.insert(vendor);
      recordAudit(ctx, 'vendor', vendor.id, 'create', null, vendor);
    }
    recordAudit(ctx, 'portfolio', null, 'demo-load', null, { added: fresh.length, skipped });
    return { added: fresh.length, skipped };
  });
}
