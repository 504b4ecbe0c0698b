/** The organisation whose portfolio this is: its name, which reports carry. Kept with the data, not per user. */
import { recordAudit, type ServiceContext } from './context';
import { CompanySchema } from '../domain/organisation';

/** The settings key of the company name. */
export const COMPANY_KEY = 'organisation.company';

/** Reads and sets the company name. */
export function createOrganisationService(ctx: ServiceContext) {
  const { storage } = ctx;
  const company = (): string => {
    const parsed = CompanySchema.safeParse(storage.settings.get(COMPANY_KEY));
    return parsed.success ? parsed.data : '';
  };
  return {
    /** The company name ('' when none was given). */
    company,

    /** Sets the company name (trimmed; '' clears it). */
    setCompany(name: string): { company: string } {
      const next = CompanySchema.parse(name);
      return storage.transaction(() => {
        const before = storage.settings.get(COMPANY_KEY);
        if (before === next) return { company: next };
        storage.settings.set(COMPANY_KEY, next, ctx.now().toISOString());
        recordAudit(ctx, 'settings', COMPANY_KEY, 'update', before ?? null, next);
        return { company: next };
      });
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
