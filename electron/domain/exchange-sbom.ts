/**
 * SBOMs asked for through the questionnaire exchange: the model + firmware pairs a package
 * requests, what the vendor's response carries for each (files read as text in the form,
 * or "not available" with a reason), how the import reviews them and what it did. Pure;
 * the files themselves are read by the SBOM importers (services/sboms.ts).
 */
import { z } from 'zod';
import { MAX_EVIDENCE_BYTES } from './assessment';

/** The largest SBOM or VEX file the form takes (as large as an evidence file). */
export const MAX_SBOM_ATTACHMENT_BYTES = MAX_EVIDENCE_BYTES;
/** The largest response file (.json) read: its answers and the SBOM files inside it. */
export const MAX_RESPONSE_JSON_BYTES = 60 * 1024 * 1024;
/** Model + firmware pairs one package may request. */
export const MAX_SBOM_REQUESTS = 50;
/** Files the vendor may attach for one requested pair (an SBOM and its VEX, say). */
export const MAX_SBOM_FILES = 5;

const Target = z.string().trim().max(200);

/** One model + firmware a package asks an SBOM for (firmware null: any firmware of the model). */
export const SbomRequestSchema = z
  .object({
    model: Target.min(1, 'Name the model the SBOM is for'),
    firmware: Target.nullable().default(null),
  })
  .strict();
export type SbomRequest = z.infer<typeof SbomRequestSchema>;

/** What a response says about one requested pair: the files attached, or why there are none. */
export const ResponseSbomSchema = z
  .object({
    model: z.string().max(200),
    firmware: z.string().max(200).nullable(),
    status: z.enum(['provided', 'not-available']),
    reason: z.string().max(2000).default(''),
    files: z
      .array(
        // The content's size is checked per file by the import (one too large is refused alone).
        z.object({ name: z.string().max(1000), content: z.string() }).strict(),
      )
      .max(MAX_SBOM_FILES)
      .default([]),
  })
  .strict();
export type ResponseSbom = z.infer<typeof ResponseSbomSchema>;

/** One file or answer about a requested pair, as the import's review shows it. */
export const SbomReplyReviewSchema = z
  .object({
    model: z.string(),
    firmware: z.string().nullable(),
    /** attach: a readable SBOM/VEX; invalid: refused (problem); not-available: the vendor has none (reason); missing: no reply. */
    state: z.enum(['attach', 'invalid', 'not-available', 'missing']),
    fileName: z.string().nullable(),
    /** "CycloneDX 1.5 SBOM, 3 components" for a file to attach. */
    summary: z.string(),
    problem: z.string().nullable(),
    reason: z.string(),
  })
  .strict();
export type SbomReplyReview = z.infer<typeof SbomReplyReviewSchema>;

/** What the import did with one file or answer. */
export const SbomReplyOutcomeSchema = z
  .object({
    model: z.string(),
    firmware: z.string().nullable(),
    outcome: z.enum(['attached', 'refused', 'not-available']),
    fileName: z.string().nullable(),
    /** What was attached (and what it replaced), why it was refused, or the vendor's reason. */
    detail: z.string(),
  })
  .strict();
export type SbomReplyOutcome = z.infer<typeof SbomReplyOutcomeSchema>;

/** A requested pair and the latest reply to it, for the vendor's page and `exchange sboms`. */
export const SbomRequestStatusSchema = z
  .object({
    packageId: z.string(),
    requestedAt: z.string(),
    model: z.string(),
    firmware: z.string().nullable(),
    state: z.enum(['requested', 'attached', 'refused', 'not-available']),
    fileName: z.string().nullable(),
    detail: z.string(),
    repliedAt: z.string().nullable(),
  })
  .strict();
export type SbomRequestStatus = z.infer<typeof SbomRequestStatusSchema>;

/** A model and firmware of the vendor's devices, with how many devices run it (the send dialog's list). */
export const SbomModelSchema = z
  .object({ model: z.string(), firmware: z.string().nullable(), devices: z.number().int().min(0) })
  .strict();
export type SbomModel = z.infer<typeof SbomModelSchema>;

/** The key a pair is compared by: trimmed, one space, case folded (as the SBOM service attaches). */
export function sbomPairKey(model: string, firmware: string | null): string {
  const fold = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  return `${fold(model)}\u0000${fold(firmware ?? '')}`;
}

/** "TC52 @ 4.5.1", or "TC52 (any firmware)". */
export function sbomPairLabel(model: string, firmware: string | null): string {
  return firmware ? `${model} @ ${firmware}` : `${model} (any firmware)`;
}

/**
 * "MODEL@FIRMWARE" (the CLI's --sbom) as a request: split at the last "@", so a model may
 * hold one; "MODEL" alone asks for any firmware of it. Null when no model is named.
 */
export function parseSbomTarget(text: string): SbomRequest | null {
  const at = text.lastIndexOf('@');
  const model = (at < 0 ? text : text.slice(0, at)).trim();
  const firmware = at < 0 ? '' : text.slice(at + 1).trim();
  if (!model || model.length > 200 || firmware.length > 200) return null;
  return { model, firmware: firmware || null };
}

/** The requests without repeats (the same pair by its key), in the order given. */
export function distinctRequests(requests: readonly SbomRequest[]): SbomRequest[] {
  const seen = new Set<string>();
  return requests.filter((r) => {
    const key = sbomPairKey(r.model, r.firmware);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
