/** Advisories (CSAF) and the known exploited vulnerabilities catalog: import files, list them. */
import { z } from 'zod';
import {
  AdvisoryImportSummarySchema,
  AdvisorySummarySchema,
  KevListingSchema,
} from '../../domain/vulnerabilities/advisory-api';
import { CountSchema, EmptyRequestSchema, FilePathSchema, JobIdSchema } from '../../domain/primitives';
import { op } from './op';

/** A file or folder the open dialog chose, named by the id the window imports it with. */
const OpenedSourceSchema = z
  .object({ fileId: z.string(), fileName: z.string(), size: CountSchema, folder: z.boolean() })
  .strict();

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
  'advisories.choose': op({
    summary:
      'Asks which advisory files (CSAF JSON, zips, the KEV catalog JSON or CSV) or folders to import (the open dialog, several at once) and opens them',
    request: z.object({ folders: z.boolean().default(false) }).strict(),
    response: z.object({ files: z.array(OpenedSourceSchema) }).strict(),
  }),
  'advisories.import': op({
    summary:
      'Imports the advisories and KEV catalog of files and folders the open dialog chose (advisories.choose); one transaction, then matched again',
    request: z
      .object({ fileIds: z.array(z.string().uuid()).min(1).max(1000), jobId: JobIdSchema.optional() })
      .strict(),
    response: AdvisoryImportSummarySchema,
    long: true,
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
