/** The organisation whose portfolio this is: the company name reports carry (kept with the data). */
import { z } from 'zod';
import { EmptyRequestSchema } from '../../domain/primitives';
import { CompanySchema } from '../../domain/organisation';
import { op } from './op';

const CompanyResponseSchema = z.object({ company: z.string() });

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
} as const;
