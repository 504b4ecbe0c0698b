/** Requests and responses of the device operations (the IPC contract imports these). */
import { z } from 'zod';
import { DATE_ORDER_VERDICTS, DeviceMappingPatchSchema, DeviceMappingSchema, DeviceSchema } from './devices';
import { DEVICE_CATEGORIES } from './device-vocabulary';
import { FILE_FORMATS } from './device-file';
import { DEVICE_CHECKS, DeviceCheckSettingsSchema } from './device-checks';

const Source = z
  .string()
  .trim()
  .min(1, 'Name the system the file comes from (e.g. "WMS asset export")')
  .max(100);
const Token = z.string().uuid('Not a preview');
const JobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const Count = z.number().int();
const Checks = z.record(z.enum(DEVICE_CHECKS), Count);
const PostureSchema = z.record(
  z.enum(DEVICE_CHECKS),
  z.object({ fail: Count, accepted: Count, pass: Count, unknown: Count }),
);

/** The largest file the window sends as bytes; a larger one is opened from disk ("Choose file…"). */
export const MAX_SENT_BYTES = 32 * 1024 * 1024;

export const DevicePreviewRequestSchema = z
  .object({
    source: Source,
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
    jobId: JobId.optional(),
  })
  .strict()
  .refine((r) => (r.fileId === undefined) !== (r.contentBase64 === undefined || r.fileName === undefined), {
    message: 'Send the file (fileName and contentBase64) or name an opened one (fileId)',
  });

const OpenedFileSchema = z.object({ fileId: z.string(), fileName: z.string(), size: z.number().int() });

const RowProblemSchema = z.object({ row: Count, column: z.string(), value: z.string(), reason: z.string() });

export const DevicePreviewSchema = z.object({
  token: z.string(),
  source: z.string(),
  fileName: z.string(),
  format: z.enum(FILE_FORMATS),
  recognised: z.object({ id: z.string(), name: z.string() }),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']),
  delimiter: z.string().nullable(),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  headerRow: Count,
  headers: z.array(z.string()),
  mapping: DeviceMappingSchema,
  mappingSaved: z.boolean(),
  readIn: z.enum(['worker', 'main']),
  dates: z.object({ order: z.enum(['dmy', 'mdy']), detected: z.enum(DATE_ORDER_VERDICTS) }),
  notes: z.array(z.string()),
  counts: z.object({ read: Count, valid: Count, rejected: Count, duplicates: Count, warned: Count }),
  /** Rows refused: nothing in them names a device. */
  errors: z.array(RowProblemSchema),
  errorsTotal: Count,
  /** Values left unknown (the device is imported). */
  warnings: z.array(RowProblemSchema),
  warningsTotal: Count,
  duplicates: z.array(
    z.object({ key: z.string(), kind: z.enum(['id', 'serial']), rows: z.tuple([Count, Count]) }),
  ),
  labels: z.array(
    z.object({
      field: z.enum(['type', 'status']),
      value: z.string(),
      count: Count,
      placed: z.string().nullable(),
      by: z.enum(['mapping', 'words']).nullable(),
      byModel: Count,
    }),
  ),
  labelsOmitted: Count,
  sample: z.array(z.object({ row: Count, raw: z.record(z.string(), z.string()), device: DeviceSchema })),
  diff: z.object({
    added: Count,
    changed: Count,
    removed: Count,
    unchanged: Count,
    firstTime: z.boolean(),
    examples: z.object({
      added: z.array(z.string()),
      changed: z.array(z.object({ deviceId: z.string(), fields: z.array(z.string()) })),
      removed: z.array(z.string()),
      unchanged: Count,
    }),
  }),
  findings: Checks,
  manufacturers: z.array(
    z.object({
      name: z.string(),
      devices: Count,
      vendorId: z.string().nullable(),
      suggestion: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
  ),
});

export const CheckedDeviceSchema = z.object({
  source: z.string(),
  device: DeviceSchema,
  vendorId: z.string().nullable(),
  results: z.record(z.enum(DEVICE_CHECKS), z.enum(['fail', 'pass', 'unknown', 'n/a'])),
  open: z.array(z.enum(DEVICE_CHECKS)),
  accepted: z.array(z.enum(DEVICE_CHECKS)),
});

export const DeviceQuerySchema = z
  .object({
    search: z.string().trim().max(200).default(''),
    category: z.enum(DEVICE_CATEGORIES).nullable().default(null),
    manufacturer: z.string().max(500).nullable().default(null),
    location: z.string().max(500).nullable().default(null),
    finding: z.enum(DEVICE_CHECKS).nullable().default(null),
    vendorId: z.string().uuid().nullable().default(null),
    sort: z
      .enum(['deviceId', 'category', 'type', 'manufacturer', 'location', 'status', 'findings', 'lastSeen'])
      .default('deviceId'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const DEVICE_OPS = {
  chooseFile: {
    request: z.object({}).strict(),
    response: z.object({ file: OpenedFileSchema.nullable() }),
  },
  openPath: {
    request: z.object({ path: z.string().min(1).max(4096) }).strict(),
    response: OpenedFileSchema,
  },
  preview: { request: DevicePreviewRequestSchema, response: DevicePreviewSchema },
  apply: {
    request: z.object({ token: Token, jobId: JobId.optional() }).strict(),
    response: z.object({
      importId: z.string(),
      added: Count,
      changed: Count,
      removed: Count,
      devices: Count,
    }),
  },
  discard: { request: z.object({ token: Token }).strict(), response: z.object({ discarded: z.boolean() }) },
  errorsCsv: { request: z.object({ token: Token }).strict(), response: z.object({ csv: z.string() }) },
  list: {
    request: DeviceQuerySchema,
    response: z.object({ total: Count, items: z.array(CheckedDeviceSchema) }),
  },
  facets: {
    request: z.object({}).strict(),
    response: z.object({
      categories: z.array(z.enum(DEVICE_CATEGORIES)),
      manufacturers: z.array(z.string()),
      locations: z.array(z.string()),
      total: Count,
    }),
  },
  findings: {
    request: z.object({ vendorId: z.string().uuid().nullable().default(null) }).strict(),
    response: z.object({
      devices: Count,
      posture: PostureSchema,
      byVendor: z.array(z.object({ vendorId: z.string().nullable(), vendorName: z.string(), open: Count })),
    }),
  },
  link: {
    request: z
      .object({ manufacturer: z.string().trim().min(1).max(500), vendorId: z.string().uuid().nullable() })
      .strict(),
    response: z.array(
      z.object({ manufacturerKey: z.string(), manufacturer: z.string(), vendorId: z.string() }),
    ),
  },
  accept: {
    request: z
      .object({
        source: Source,
        deviceId: z.string().min(1).max(200),
        check: z.enum(DEVICE_CHECKS),
        reason: z.string().trim().min(1, 'Say why the finding is accepted').max(2000),
        expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD'),
      })
      .strict(),
    response: z.object({
      source: z.string(),
      deviceId: z.string(),
      check: z.enum(DEVICE_CHECKS),
      reason: z.string(),
      acceptedBy: z.string(),
      expiresOn: z.string(),
      at: z.string(),
    }),
  },
  history: {
    request: z.object({ limit: z.number().int().min(1).max(500).default(20) }).strict(),
    response: z.array(
      z.object({
        id: z.string(),
        source: z.string(),
        fileName: z.string(),
        at: z.string(),
        actor: z.string(),
        summary: z.unknown(),
      }),
    ),
  },
  exportCsv: { request: z.object({}).strict(), response: z.object({ csv: z.string(), rows: Count }) },
  getSettings: { request: z.object({}).strict(), response: DeviceCheckSettingsSchema },
  setSettings: { request: DeviceCheckSettingsSchema, response: DeviceCheckSettingsSchema },
} as const;
