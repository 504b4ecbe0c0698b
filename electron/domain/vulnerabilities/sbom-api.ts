/** The shapes of the SBOM and VEX operations: an attached file, an import's outcome. */
import { z } from 'zod';
import { CountSchema } from '../primitives';

/** An SBOM attached to a vendor's model and firmware, or a VEX document attached to a vendor. */
export const SbomRecordSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['sbom', 'vex']),
    vendorId: z.string(),
    vendorName: z.string(),
    /** The model and firmware an SBOM describes (null: any); always null for VEX. */
    model: z.string().nullable(),
    firmware: z.string().nullable(),
    /** The format as read ("CycloneDX 1.5", "SPDX 2.3", "OpenVEX"). */
    format: z.string(),
    /** The document's name (its top component) or id. */
    name: z.string(),
    /** Components of an SBOM, statements of a VEX document. */
    entries: CountSchema,
    fileName: z.string(),
    sha256: z.string(),
    importedAt: z.string(),
    importedBy: z.string(),
  })
  .strict();
export type SbomRecord = z.infer<typeof SbomRecordSchema>;

/** What an import attached, what it replaced, and what it read but left out. */
export const SbomImportResultSchema = z
  .object({
    fileName: z.string(),
    format: z.string(),
    sbom: SbomRecordSchema.nullable(),
    /** The SBOM of the same vendor, model and firmware it replaced, if any. */
    replacedSbom: SbomRecordSchema.nullable(),
    vex: SbomRecordSchema.nullable(),
    /** The same VEX document imported earlier for this vendor, whose statements it replaced. */
    replacedVex: SbomRecordSchema.nullable(),
    warnings: z.array(z.string()),
  })
  .strict();
export type SbomImportResult = z.infer<typeof SbomImportResultSchema>;
