/** Advisories (CSAF) and the known exploited vulnerabilities catalog: import files, list them. */
import { z } from 'zod';
import {
  AdvisoryImportSummarySchema,
  AdvisorySummarySchema,
  KevListingSchema,
} from '../../domain/vulnerabilities/advisory-api';
import { EmptyRequestSchema, FilePathSchema, JobIdSchema } from '../../domain/primitives';
import { op } from './op';

export const advisoryOps = {
  'advisories.importPaths': op({
    summary:
      'Imports CSAF advisories and the KEV catalog from files, folders and zips (recognised by content); one transaction',
    request: z
      .object({ paths: z.array(FilePathSchema).min(1).max(1000), jobId: JobIdSchema.optional() })
      .strict(),
    response: AdvisoryImportSummarySchema,
    long: true,
    localOnly: true,
  }),
  'advisories.list': op({
    summary: 'Every stored advisory as listed, newest release first',
    request: EmptyRequestSchema,
    response: z.array(AdvisorySummarySchema),
  }),
  'advisories.kev': op({
    summary: 'The stored known exploited vulnerabilities catalog: its version, date and entries',
    request: EmptyRequestSchema,
    response: KevListingSchema,
  }),
} as const;
