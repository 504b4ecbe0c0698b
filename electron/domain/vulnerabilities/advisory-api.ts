/** What the advisory operations answer: an import's summary, the advisories and the catalog as listed. */
import { z } from 'zod';
import { IsoDateSchema } from '../primitives';
import { CvssSchema, KevEntrySchema } from './model';

/** What happened to one advisory of an import. */
export const ADVISORY_OUTCOMES = ['added', 'replaced', 'kept'] as const;

/** An import's summary: advisories added, replaced or kept, the catalog, files skipped and refused. */
export const AdvisoryImportSummarySchema = z
  .object({
    files: z.number().int(),
    advisories: z.array(
      z
        .object({
          trackingId: z.string(),
          version: z.string(),
          /** added; replaced (an older version was stored); kept (the stored one is as new or newer). */
          outcome: z.enum(ADVISORY_OUTCOMES),
          /** The version stored before, when there was one. */
          previous: z.string().nullable(),
          file: z.string(),
        })
        .strict(),
    ),
    kev: z
      .object({
        catalogVersion: z.string(),
        dateReleased: IsoDateSchema,
        entries: z.number().int(),
        added: z.number().int(),
        removed: z.number().int(),
        previousVersion: z.string().nullable(),
        file: z.string(),
      })
      .strict()
      .nullable(),
    skipped: z.array(z.object({ file: z.string(), reason: z.string() }).strict()),
    refused: z.array(z.object({ file: z.string(), problem: z.string() }).strict()),
    /** Files in folders and zips that are neither JSON nor CSV, not looked at. */
    ignored: z.number().int(),
  })
  .strict();
export type AdvisoryImportSummary = z.infer<typeof AdvisoryImportSummarySchema>;

/** One stored advisory as listed. */
export const AdvisorySummarySchema = z
  .object({
    trackingId: z.string(),
    version: z.string(),
    title: z.string(),
    publisher: z.string(),
    category: z.string(),
    releaseDate: IsoDateSchema,
    currentReleaseDate: IsoDateSchema,
    vendors: z.array(z.string()),
    products: z.number().int(),
    cves: z.array(z.string()),
    /** The highest CVSS score among its vulnerabilities. */
    highestCvss: CvssSchema.nullable(),
    importedAt: z.string(),
  })
  .strict();
export type AdvisorySummary = z.infer<typeof AdvisorySummarySchema>;

/** The stored catalog: its version and date, when it was imported, and its entries. */
export const KevListingSchema = z
  .object({
    catalog: z
      .object({
        catalogVersion: z.string(),
        dateReleased: IsoDateSchema,
        importedAt: z.string(),
        entries: z.number().int(),
      })
      .strict()
      .nullable(),
    entries: z.array(KevEntrySchema),
  })
  .strict();
export type KevListing = z.infer<typeof KevListingSchema>;
