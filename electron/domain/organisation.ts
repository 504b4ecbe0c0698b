import { z } from 'zod';

/** The company name reports carry ('' for none). */
export const CompanySchema = z.string().trim().max(200, 'A company name is at most 200 characters');
