/**
 * What the matches of devices against advisories mean, as the window shows them: the
 * overview (devices on exploited firmware by maker), a vendor's picture with the promises
 * the record contradicts, the advisories list and one advisory's impact on our devices.
 */
import { z } from 'zod';
import { EmptyRequestSchema, IsoDateSchema, VendorIdSchema } from '../../domain/primitives';
import { AdvisorySchema } from '../../domain/vulnerabilities/model';
import { ContradictionSchema } from '../../domain/vulnerabilities/cross-check';
import {
  AdvisoryRowSchema,
  AffectedGroupSchema,
  VendorVulnerabilitySummarySchema,
} from '../../domain/vulnerabilities/summaries';
import { op } from './op';

const VendorRefSchema = z.object({ id: z.string(), name: z.string() }).strict();

/** The state of the sources: what was imported, so an empty answer can say why. */
export const VulnerabilitySourcesStateSchema = z
  .object({
    advisories: z.number().int(),
    kevEntries: z.number().int(),
    kevVersion: z.string().nullable(),
    kevReleased: IsoDateSchema.nullable(),
  })
  .strict();

export const VulnerabilityOverviewSchema = z
  .object({
    sources: VulnerabilitySourcesStateSchema,
    /** Devices with at least one unsuppressed match. */
    devices: z.number().int(),
    /** Devices running firmware with a catalogued flaw. */
    kevDevices: z.number().int(),
    /** Devices on catalogued firmware by maker, most first, with the vendor to act when linked. */
    kevByMaker: z.array(
      z
        .object({
          maker: z.string(),
          devices: z.number().int(),
          cves: z.array(z.string()),
          vendor: VendorRefSchema.nullable(),
        })
        .strict(),
    ),
  })
  .strict();
export type VulnerabilityOverview = z.infer<typeof VulnerabilityOverviewSchema>;

export const vulnerabilityOps = {
  'vulnerabilities.overview': op({
    summary: 'Devices running vulnerable and exploited firmware, by maker, and the sources held',
    request: EmptyRequestSchema,
    response: VulnerabilityOverviewSchema,
  }),
  'vulnerabilities.vendor': op({
    summary:
      'A vendor’s vulnerable devices by CVE, the oldest unpatched advisory, and the promises the record contradicts',
    request: z.object({ vendorId: VendorIdSchema }).strict(),
    response: z
      .object({
        summary: VendorVulnerabilitySummarySchema,
        contradictions: z.array(ContradictionSchema),
      })
      .strict(),
  }),
  'vulnerabilities.advisories': op({
    summary: 'The imported advisories, those touching our devices first',
    request: z.object({ kevOnly: z.boolean().optional() }).strict(),
    response: z
      .object({ sources: VulnerabilitySourcesStateSchema, advisories: z.array(AdvisoryRowSchema) })
      .strict(),
  }),
  'vulnerabilities.advisory': op({
    summary:
      'One advisory: our devices it affects by model and firmware, the remediation, who must act and what they promised',
    request: z.object({ trackingId: z.string().min(1).max(200) }).strict(),
    response: z
      .object({
        advisory: AdvisorySchema,
        groups: z.array(AffectedGroupSchema),
        devices: z.number().int(),
        suppressed: z.number().int(),
        /** Its CVEs that are in the exploited catalog. */
        kevCves: z.array(z.string()),
        /** The vendors who must act: the makers it names, linked to our vendors. */
        mustAct: z.array(VendorRefSchema),
        /** What those vendors promised that this advisory's record contradicts. */
        contradictions: z.array(ContradictionSchema.extend({ vendor: VendorRefSchema }).strict()),
      })
      .strict(),
  }),
} as const;
