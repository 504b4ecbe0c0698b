/**
 * Devices as the device operations carry them: a preview of an import, a checked device,
 * the devices table's query, an accepted finding, an import's record. The services return
 * these types; the IPC contract (ipc/ops/devices.ts) validates with these schemas.
 */
import { z } from 'zod';
import {
  DATE_ORDER_VERDICTS,
  DeviceDiffSchema,
  DeviceMappingPatchSchema,
  DeviceMappingSchema,
  DeviceSchema,
} from './devices';
import { DEVICE_CATEGORIES } from './device-vocabulary';
import { DEVICE_CHECKS } from './device-checks';
import { LabelCountSchema, RowProblemSchema } from './device-rows';
import { CountSchema, IsoDateSchema, JobIdSchema } from './primitives';

/** The formats an inventory file is read in. */
export const FILE_FORMATS = ['csv', 'json', 'ndjson', 'xlsx'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** The text encodings an inventory file is read in. */
export const FILE_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

/** The largest file the window sends as bytes; a larger one is opened from disk ("Choose file…"). */
export const MAX_SENT_BYTES = 32 * 1024 * 1024;

/** The system an inventory file comes from: its devices are that source's. */
export const DeviceSourceSchema = z
  .string()
  .trim()
  .min(1, 'Name the system the file comes from (e.g. "WMS asset export")')
  .max(100);

/** What to import: the source and the file, sent whole or opened from disk. */
export const DevicePreviewRequestSchema = z
  .object({
    source: DeviceSourceSchema,
    /** A file the window read itself, sent whole… */
    fileName: z.string().max(260).optional(),
    contentBase64: z
      .string()
      .max(
        Math.ceil((MAX_SENT_BYTES * 4) / 3) + 8,
        `The file is larger than ${MAX_SENT_BYTES / 1024 / 1024} MB; open it with “Choose file…” so it is read from disk`,
      )
      .optional(),
    /** …or one opened from disk (devices.chooseFile, devices.openPath), read by the importer itself. */
    fileId: z.string().uuid().optional(),
    /** What the user adds to the automatic mapping (only what differs need be given). */
    mapping: DeviceMappingPatchSchema.optional(),
    /** A workbook's sheet (the first when not given). */
    sheet: z.string().min(1).max(100).optional(),
    jobId: JobIdSchema.optional(),
  })
  .strict()
  .refine((r) => (r.fileId === undefined) !== (r.contentBase64 === undefined || r.fileName === undefined), {
    message: 'Send the file (fileName and contentBase64) or name an opened one (fileId)',
  });

/** A file opened for import, named by an id (the window never sends a path to read). */
export const OpenedFileSchema = z.object({ fileId: z.string(), fileName: z.string(), size: CountSchema });

/** Open findings per check. */
const FindingCountsSchema = z.record(z.enum(DEVICE_CHECKS), CountSchema);

/** A manufacturer of the file: its devices and the vendor it is linked to. */
const ManufacturerCountSchema = z.object({
  name: z.string(),
  devices: CountSchema,
  vendorId: z.string().nullable(),
});

/** What importing a file would do, as the preview shows it. */
export const DevicePreviewSchema = z.object({
  token: z.string(),
  source: z.string(),
  fileName: z.string(),
  format: z.enum(FILE_FORMATS),
  /** The system whose export the headers are (NetBox, Snipe-IT…), or a spreadsheet's. */
  recognised: z.object({ id: z.string(), name: z.string() }),
  encoding: z.enum(FILE_ENCODINGS),
  delimiter: z.string().nullable(),
  /** A workbook's sheets, and the one read. */
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  headerRow: CountSchema,
  headers: z.array(z.string()),
  mapping: DeviceMappingSchema,
  /** The mapping came from the last import of this source. */
  mappingSaved: z.boolean(),
  /** Where the file was read: the import worker thread (the built app and CLI) or the main thread. */
  readIn: z.enum(['worker', 'main']),
  dates: z.object({ order: z.enum(['dmy', 'mdy']), detected: z.enum(DATE_ORDER_VERDICTS) }),
  /** What the reader noticed about the file as a whole. */
  notes: z.array(z.string()),
  counts: z.object({
    read: CountSchema,
    valid: CountSchema,
    rejected: CountSchema,
    duplicates: CountSchema,
    warned: CountSchema,
  }),
  /** Rows refused: nothing in them names a device. */
  errors: z.array(RowProblemSchema),
  errorsTotal: CountSchema,
  /** Values left unknown (the device is imported). */
  warnings: z.array(RowProblemSchema),
  warningsTotal: CountSchema,
  duplicates: z.array(
    z.object({ key: z.string(), kind: z.enum(['id', 'serial']), rows: z.tuple([CountSchema, CountSchema]) }),
  ),
  labels: z.array(LabelCountSchema),
  labelsOmitted: CountSchema,
  sample: z.array(
    z.object({ row: CountSchema, raw: z.record(z.string(), z.string()), device: DeviceSchema }),
  ),
  diff: z.object({
    added: CountSchema,
    changed: CountSchema,
    removed: CountSchema,
    unchanged: CountSchema,
    firstTime: z.boolean(),
    examples: DeviceDiffSchema,
  }),
  findings: FindingCountsSchema,
  /** Manufacturer names (as first written) with their device counts, linked vendor and a suggested one. */
  manufacturers: z.array(
    ManufacturerCountSchema.extend({
      suggestion: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
  ),
});
export type ImportPreview = z.output<typeof DevicePreviewSchema>;

/** The preview as the import engine stages it: the service adds where it was read and vendor suggestions. */
export const StagedPreviewSchema = DevicePreviewSchema.omit({ readIn: true, manufacturers: true }).extend({
  manufacturers: z.array(ManufacturerCountSchema),
});
export type StagedPreview = z.output<typeof StagedPreviewSchema>;

/** What an applied import wrote. */
export const DeviceImportResultSchema = z.object({
  importId: z.string(),
  added: CountSchema,
  changed: CountSchema,
  removed: CountSchema,
  devices: CountSchema,
});
export type DeviceImportResult = z.output<typeof DeviceImportResultSchema>;

/** One device with its checks, as the devices table and the roll-up read it. */
export const CheckedDeviceSchema = z.object({
  source: z.string(),
  device: DeviceSchema,
  vendorId: z.string().nullable(),
  results: z.record(z.enum(DEVICE_CHECKS), z.enum(['fail', 'pass', 'unknown', 'n/a'])),
  open: z.array(z.enum(DEVICE_CHECKS)),
  accepted: z.array(z.enum(DEVICE_CHECKS)),
  /** The version of each stored acceptance, expired ones too, by check (team database), to state with the next. */
  acceptanceVersions: z.partialRecord(z.enum(DEVICE_CHECKS), z.number().int()).optional(),
});
export type CheckedDevice = z.output<typeof CheckedDeviceSchema>;

export const DEVICE_SORT_KEYS = [
  'deviceId',
  'category',
  'type',
  'manufacturer',
  'location',
  'status',
  'findings',
  'lastSeen',
] as const;

/** A page of the devices table: search, filters, sort. */
export const DeviceQuerySchema = z
  .object({
    search: z.string().trim().max(200).default(''),
    category: z.enum(DEVICE_CATEGORIES).nullable().default(null),
    manufacturer: z.string().max(500).nullable().default(null),
    location: z.string().max(500).nullable().default(null),
    finding: z.enum(DEVICE_CHECKS).nullable().default(null),
    vendorId: z.string().uuid().nullable().default(null),
    sort: z.enum(DEVICE_SORT_KEYS).default('deviceId'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type DeviceQuery = z.output<typeof DeviceQuerySchema>;

/** A finding accepted on a device until a date, and why. */
export const AcceptanceSchema = z.object({
  source: z.string(),
  deviceId: z.string(),
  check: z.enum(DEVICE_CHECKS),
  reason: z.string(),
  acceptedBy: z.string(),
  expiresOn: z.string(),
  at: z.string(),
  /** The team database's row version (absent in the solo app). */
  version: z.number().int().optional(),
});
export type Acceptance = z.output<typeof AcceptanceSchema>;

/** Accepting a finding: which device and check, why, and until when. */
export const AcceptanceInputSchema = z
  .object({
    source: DeviceSourceSchema,
    deviceId: z.string().min(1).max(200),
    check: z.enum(DEVICE_CHECKS),
    reason: z.string().trim().min(1, 'Say why the finding is accepted').max(2000),
    expiresOn: IsoDateSchema,
    /** The acceptance's version as read (team database; 0: none was read); without it nothing is checked. */
    version: z.number().int().min(0).optional(),
  })
  .strict();
export type AcceptanceInput = z.output<typeof AcceptanceInputSchema>;

/** One import in the history. */
export const DeviceImportRecordSchema = z.object({
  id: z.string(),
  source: z.string(),
  fileName: z.string(),
  at: z.string(),
  actor: z.string(),
  summary: z.unknown(),
});
export type DeviceImportRecord = z.output<typeof DeviceImportRecordSchema>;
