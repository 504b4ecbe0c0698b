/** Devices' known vulnerabilities: the matched rows, a vendor's flags, a new run, the manufacturer links. */
import { z } from 'zod';
import { DeviceVulnerabilityRowSchema, MatchRunSchema } from '../../domain/vulnerabilities/match-api';
import {
  CountSchema,
  EmptyRequestSchema,
  IsoDateSchema,
  JobIdSchema,
  VendorIdSchema,
} from '../../domain/primitives';
import { op } from './op';

export const deviceVulnerabilityOps = {
  'devices.vulnerabilities': op({
    summary:
      'One row per device and CVE from the last matching run (one vendor’s devices or all; KEV-listed only)',
    request: z
      .object({
        vendorId: VendorIdSchema.nullable().default(null),
        kev: z.boolean().default(false),
        /** Only this device's rows. */
        device: z
          .object({ source: z.string().min(1).max(500), deviceId: z.string().min(1).max(500) })
          .strict()
          .nullable()
          .default(null),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(100_000).default(1_000),
      })
      .strict(),
    response: z.object({
      run: MatchRunSchema.nullable(),
      total: CountSchema,
      /** Devices with a KEV-listed match no VEX statement suppresses (the Devices page's chip). */
      kevDevices: CountSchema,
      rows: z.array(DeviceVulnerabilityRowSchema),
    }),
  }),
  'devices.vendorVulnerabilities': op({
    summary: 'A vendor’s red flags from its devices’ vulnerabilities and its oldest advisory still open',
    request: z.object({ vendorId: VendorIdSchema }).strict(),
    response: z.object({
      flags: z.array(
        z.object({
          severity: z.enum(['critical', 'high']),
          knockout: z.boolean(),
          message: z.string(),
          devices: CountSchema,
          cves: z.array(z.string()),
        }),
      ),
      oldestUnpatched: z.object({ advisoryId: z.string(), date: IsoDateSchema }).nullable(),
      devices: CountSchema,
    }),
  }),
  'devices.rematch': op({
    summary: 'Matches every device against the advisories, the KEV catalog, SBOMs and VEX again',
    request: z.object({ jobId: JobIdSchema.optional() }).strict(),
    response: MatchRunSchema,
    long: true,
  }),
  'devices.links': op({
    summary: 'The manufacturer-to-vendor links, with the vendors’ names',
    request: EmptyRequestSchema,
    response: z.array(
      z.object({
        manufacturerKey: z.string(),
        manufacturer: z.string(),
        vendorId: z.string(),
        vendorName: z.string(),
        /** The link's row version (team database), stated back with a change of it. */
        version: z.number().int().optional(),
      }),
    ),
  }),
} as const;
