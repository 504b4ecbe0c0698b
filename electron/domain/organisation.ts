import { z } from 'zod';

/** The company name reports carry ('' for none). */
export const CompanySchema = z.string().trim().max(200, 'A company name is at most 200 characters');

/** Who answers for the self-assessment's roadmap, printed beside each control ('' for nobody yet). */
export const RoadmapOwnerSchema = z.string().trim().max(200, 'A roadmap owner is at most 200 characters');
