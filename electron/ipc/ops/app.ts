/** The app itself: what it is and where its data lives, the sample warehouse, and cancelling long jobs. */
import { z } from 'zod';
import { CountSchema, EmptyRequestSchema, JobIdSchema } from '../../domain/primitives';
import {
  SampleLoadResultSchema,
  SampleRemoveResultSchema,
  SampleStatusSchema,
} from '../../domain/sample/manifest';
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
    summary:
      'Loads the sample warehouse: two years of vendors, assessments, decisions, clauses, devices (nothing when it is there already)',
    request: z.object({ jobId: JobIdSchema.optional() }).strict(),
    response: SampleLoadResultSchema,
    long: true,
  }),
  'demo.remove': op({
    summary: 'Removes exactly what the sample warehouse added (vendors someone added work to are kept)',
    request: z.object({ jobId: JobIdSchema.optional() }).strict(),
    response: SampleRemoveResultSchema,
    long: true,
  }),
  'demo.status': op({
    summary: 'Whether the sample warehouse is loaded, since when, and what it holds',
    request: EmptyRequestSchema,
    response: SampleStatusSchema,
  }),
  'jobs.cancel': op({
    summary: 'Cancels a long operation by its job id (the dispatcher’s own)',
    request: z.object({ jobId: JobIdSchema }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  }),
} as const;
