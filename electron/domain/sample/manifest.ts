/** What loading the sample warehouse added, kept so that removing it deletes exactly that. */
import { z } from 'zod';

const Ids = z.array(z.string());

/** How many records of each kind. */
export const SampleCountsSchema = z.object({
  vendors: z.number().int(),
  assessments: z.number().int(),
  answers: z.number().int(),
  decisions: z.number().int(),
  evidence: z.number().int(),
  clauses: z.number().int(),
  signOffs: z.number().int(),
  devices: z.number().int(),
  boardPoints: z.number().int(),
  /** Fictional advisories (an earlier sample had none). */
  advisories: z.number().int().default(0),
});
export type SampleCounts = z.infer<typeof SampleCountsSchema>;

/** The ids of every record the sample added, by kind. */
export const SampleManifestSchema = z.object({
  loadedAt: z.string(),
  vendors: Ids,
  assessments: Ids,
  decisions: Ids,
  evidence: Ids,
  clauses: z.array(z.object({ vendorId: z.string(), clauseId: z.string() })),
  signOffs: Ids,
  deviceSources: Ids,
  /** Manufacturer keys linked to a sample vendor. */
  links: z.array(z.object({ key: z.string(), manufacturer: z.string(), vendorId: z.string() })),
  /** Dates (ISO) of the board report points it added. */
  boardPoints: Ids,
  /** Tracking ids of the fictional advisories it added. */
  advisories: Ids.default([]),
  /** The version of the fictional exploited catalog it added (null: it left the user's). */
  kevCatalog: z.string().nullable().default(null),
  /** What it added, counted as it was added. */
  counts: SampleCountsSchema,
});
export type SampleManifest = z.infer<typeof SampleManifestSchema>;

/** An empty manifest, as loading starts. */
export function emptyManifest(loadedAt: string): SampleManifest {
  return {
    loadedAt,
    vendors: [],
    assessments: [],
    decisions: [],
    evidence: [],
    clauses: [],
    signOffs: [],
    deviceSources: [],
    links: [],
    boardPoints: [],
    advisories: [],
    kevCatalog: null,
    counts: {
      vendors: 0,
      assessments: 0,
      answers: 0,
      decisions: 0,
      evidence: 0,
      clauses: 0,
      signOffs: 0,
      devices: 0,
      boardPoints: 0,
      advisories: 0,
    },
  };
}

/** What loading did: the counts added, vendors left out because one of the same name was there. */
export const SampleLoadResultSchema = z.object({
  /** Vendors added (kept as the old demo operation's answer). */
  added: z.number().int(),
  /** Sample vendors left out: a vendor of that name was already there. */
  skipped: z.number().int(),
  /** True when the sample was already there: nothing was added. */
  alreadyLoaded: z.boolean(),
  counts: SampleCountsSchema,
  /** How long loading took, in milliseconds. */
  ms: z.number(),
});
export type SampleLoadResult = z.infer<typeof SampleLoadResultSchema>;

/** What removing did. */
export const SampleRemoveResultSchema = z.object({
  /** False when there was no sample data to remove. */
  removed: z.boolean(),
  counts: SampleCountsSchema,
  /** Sample vendors kept because someone added their own work to them meanwhile (their names). */
  kept: z.array(z.string()),
});
export type SampleRemoveResult = z.infer<typeof SampleRemoveResultSchema>;

/** Whether the sample is there, since when and what it holds. */
export const SampleStatusSchema = z.object({
  present: z.boolean(),
  loadedAt: z.string().nullable(),
  counts: SampleCountsSchema.nullable(),
});
export type SampleStatus = z.infer<typeof SampleStatusSchema>;
