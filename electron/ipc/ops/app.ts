/** The app itself: what it is and where its data lives, the demo portfolio, and cancelling long jobs. */
import { z } from 'zod';
import { CountSchema, EmptyRequestSchema, JobIdSchema } from '../../domain/primitives';
import { op } from './op';

export const appOps = {
  'app.info': op({
    summary: 'The app version, data folder, schema version and vendor count',
    request: EmptyRequestSchema,
    response: z.object({
      version: z.string(),
      dataDir: z.string(),
      schemaVersion: CountSchema,
      vendorCount: CountSchema,
    }),
  }),
  'demo.load': op({
    summary: 'Adds the demo portfolio of warehouse vendors (those already there are skipped)',
    request: z.object({ jobId: JobIdSchema.optional() }).strict(),
    response: z.object({ added: CountSchema, skipped: CountSchema }),
    long: true,
  }),
  'jobs.cancel': op({
    summary: 'Cancels a long operation by its job id (the dispatcher’s own)',
    request: z.object({ jobId: JobIdSchema }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  }),
} as const;
