/**
 * What the matcher is given and what it keeps: a device as the matcher reads it, and a
 * device's match with where it stands (the device's source, its maker's vendor, whether it
 * is on the floor, and when the fix and the advisory came out).
 */
import { z } from 'zod';
import { CountSchema, IsoDateSchema } from '../primitives';
import { DeviceVulnerabilitySchema } from './model';

/** A device as matched: who makes it, which model, which firmware. */
export interface MatchDevice {
  source: string;
  deviceId: string;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  /** The vendor the manufacturer is linked to (manufacturer_links), and that vendor's name. */
  vendorId: string | null;
  vendorName: string | null;
  /** On the floor or possibly so (active, or status unknown); spares and decommissioned ones are not. */
  active: boolean;
}

/** One device's match as stored and shown. */
export const DeviceVulnerabilityRowSchema = DeviceVulnerabilitySchema.extend({
  source: z.string(),
  vendorId: z.string().nullable(),
  active: z.boolean(),
  /** The advisory's first release. */
  advisoryDate: IsoDateSchema,
  /** Since when the vendor fix exists (the remediation's date, else the advisory's), or null without one. */
  fixDate: IsoDateSchema.nullable(),
}).strict();
export type DeviceVulnerabilityRow = z.infer<typeof DeviceVulnerabilityRowSchema>;

/** The last matching run: when, over what, with what result. */
export const MatchRunSchema = z
  .object({
    at: z.string(),
    devices: CountSchema,
    advisories: CountSchema,
    kevEntries: CountSchema,
    matches: CountSchema,
    suppressed: CountSchema,
    durationMs: z.number(),
  })
  .strict();
export type MatchRun = z.infer<typeof MatchRunSchema>;
