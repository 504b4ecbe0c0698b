/** The organisation whose portfolio this is: the company name reports carry (kept with the data). */
import { z } from 'zod';
import { EmptyRequestSchema } from '../../domain/primitives';
import { CompanySchema, RoadmapOwnerSchema } from '../../domain/organisation';
import { op } from './op';

const CompanyResponseSchema = z.object({ company: z.string() });
const RoadmapOwnerResponseSchema = z.object({ owner: z.string() });

export const organisationOps = {
  'settings.getCompany': op({
    summary: 'The company name reports carry (empty when none was given)',
    request: EmptyRequestSchema,
    response: CompanyResponseSchema,
  }),
  'settings.setCompany': op({
    summary: 'Sets the company name reports carry (empty clears it)',
    request: z.object({ company: CompanySchema }).strict(),
    response: CompanyResponseSchema,
  }),
  'settings.getRoadmapOwner': op({
    summary: 'Who owns the self-assessment roadmap (empty when nobody is named)',
    request: EmptyRequestSchema,
    response: RoadmapOwnerResponseSchema,
  }),
  'settings.setRoadmapOwner': op({
    summary: 'Names who owns the self-assessment roadmap (empty clears it)',
    request: z.object({ owner: RoadmapOwnerSchema }).strict(),
    response: RoadmapOwnerResponseSchema,
  }),
} as const;
