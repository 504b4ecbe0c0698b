/** The organisation whose portfolio this is: its name, which reports carry. Kept with the data, not per user. */
import { recordAudit, type ServiceContext } from './context';
import { CompanySchema, RoadmapOwnerSchema } from '../domain/organisation';

/** The settings key of the company name. */
export const COMPANY_KEY = 'organisation.company';
/** The settings key of who owns the self-assessment's roadmap (the self-assessment report prints it). */
export const ROADMAP_OWNER_KEY = 'selfAssessment.roadmapOwner';

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

    /** Who owns the self-assessment's roadmap ('' when nobody is named). */
    roadmapOwner(): string {
      const parsed = RoadmapOwnerSchema.safeParse(storage.settings.get(ROADMAP_OWNER_KEY));
      return parsed.success ? parsed.data : '';
    },

    /** Names who owns the self-assessment's roadmap (trimmed; '' clears it). */
    setRoadmapOwner(name: string): { owner: string } {
      const next = RoadmapOwnerSchema.parse(name);
      return storage.transaction(() => {
        const before = storage.settings.get(ROADMAP_OWNER_KEY);
        if (before === next) return { owner: next };
        storage.settings.set(ROADMAP_OWNER_KEY, next, ctx.now().toISOString());
        recordAudit(ctx, 'settings', ROADMAP_OWNER_KEY, 'update', before ?? null, next);
        return { owner: next };
      });
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
