/** The device inventory: import a file (preview, apply), the devices table, findings, links, acceptances. */
import { z } from 'zod';
import {
  AcceptanceInputSchema,
  AcceptanceSchema,
  CheckedDeviceSchema,
  DeviceImportRecordSchema,
  DeviceImportResultSchema,
  DevicePreviewRequestSchema,
  DevicePreviewSchema,
  DeviceQuerySchema,
  OpenedFileSchema,
} from '../../domain/device-api';
import { DEVICE_CATEGORIES } from '../../domain/device-vocabulary';
import { DeviceCheckSettingsSchema, PostureSchema } from '../../domain/device-checks';
import {
  CountSchema,
  EmptyRequestSchema,
  FilePathSchema,
  JobIdSchema,
  PreviewTokenSchema,
} from '../../domain/primitives';
import { op } from './op';

const ByToken = z.object({ token: PreviewTokenSchema }).strict();

export const deviceOps = {
  'devices.chooseFile': op({
    summary: 'Asks which inventory file to import (the open dialog) and opens it',
    request: EmptyRequestSchema,
    response: z.object({ file: OpenedFileSchema.nullable() }),
  }),
  'devices.openPath': op({
    summary: 'Opens an inventory file at a path for import (the CLI)',
    request: z.object({ path: FilePathSchema }).strict(),
    response: OpenedFileSchema,
    localOnly: true,
  }),
  'devices.preview': op({
    summary: 'Reads an inventory file and shows what importing it would do; nothing is written',
    request: DevicePreviewRequestSchema,
    response: DevicePreviewSchema,
    long: true,
  }),
  'devices.apply': op({
    summary: 'Writes a previewed import in one transaction, after a snapshot',
    request: z.object({ token: PreviewTokenSchema, jobId: JobIdSchema.optional() }).strict(),
    response: DeviceImportResultSchema,
    long: true,
  }),
  'devices.discard': op({
    summary: 'Forgets a preview',
    request: ByToken,
    response: z.object({ discarded: z.boolean() }),
  }),
  'devices.errorsCsv': op({
    summary: 'A preview’s row errors and warnings as CSV',
    request: ByToken,
    response: z.object({ csv: z.string() }),
  }),
  'devices.list': op({
    summary: 'A page of devices with their checks, filtered and sorted',
    request: DeviceQuerySchema,
    response: z.object({ total: CountSchema, items: z.array(CheckedDeviceSchema) }),
  }),
  'devices.facets': op({
    summary: 'The categories, manufacturers and locations the devices table filters by',
    request: EmptyRequestSchema,
    response: z.object({
      categories: z.array(z.enum(DEVICE_CATEGORIES)),
      manufacturers: z.array(z.string()),
      locations: z.array(z.string()),
      total: CountSchema,
    }),
  }),
  'devices.findings': op({
    summary: 'Findings per check over every device (or one vendor’s), and open findings per vendor',
    request: z.object({ vendorId: z.string().uuid().nullable().default(null) }).strict(),
    response: z.object({
      devices: CountSchema,
      posture: PostureSchema,
      byVendor: z.array(
        z.object({ vendorId: z.string().nullable(), vendorName: z.string(), open: CountSchema }),
      ),
    }),
  }),
  'devices.link': op({
    summary: 'Links a manufacturer to the vendor that makes its hardware (or unlinks it)',
    request: z
      .object({
        manufacturer: z.string().trim().min(1).max(500),
        vendorId: z.string().uuid().nullable(),
        /** The link's version as read (team database; 0: no link was read); without it nothing is checked. */
        version: z.number().int().min(0).optional(),
      })
      .strict(),
    response: z.array(
      z.object({
        manufacturerKey: z.string(),
        manufacturer: z.string(),
        vendorId: z.string(),
        version: z.number().int().optional(),
      }),
    ),
  }),
  'devices.accept': op({
    summary: 'Accepts a device’s finding until a date, with a reason',
    request: AcceptanceInputSchema,
    response: AcceptanceSchema,
  }),
  'devices.history': op({
    summary: 'The latest imports, newest first',
    request: z.object({ limit: z.number().int().min(1).max(500).default(20) }).strict(),
    response: z.array(DeviceImportRecordSchema),
  }),
  'devices.exportCsv': op({
    summary: 'Every device with its checks as CSV',
    request: EmptyRequestSchema,
    response: z.object({ csv: z.string(), rows: CountSchema }),
  }),
  'devices.getSettings': op({
    summary: 'The device checks’ settings (e.g. when a heartbeat is stale)',
    request: EmptyRequestSchema,
    response: DeviceCheckSettingsSchema,
  }),
  'devices.setSettings': op({
    summary: 'Changes the device checks’ settings',
    request: DeviceCheckSettingsSchema,
    response: DeviceCheckSettingsSchema,
  }),
} as const;
