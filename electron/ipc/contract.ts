/**
 * THE IPC contract: every operation the renderer (and the CLI) can ask of the main
 * process, declared once with a zod request and a zod response schema. Types on both
 * sides are inferred from here.
 */
import { z } from 'zod';
import { AppErrorShapeSchema, type AppErrorShape } from '../domain/errors';
import {
  VendorIdSchema,
  VendorInputSchema,
  VendorListQuerySchema,
  VendorPatchSchema,
  VendorSchema,
  VendorSummarySchema,
} from '../domain/vendor';
import { AuditEntrySchema } from '../domain/audit';
import { PreferencesPatchSchema, PreferencesSchema } from '../domain/preferences';

/** A job id lets a long operation report progress and be cancelled. */
const JobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a job id');

const op = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res, long = false) => ({
  request,
  response,
  long,
});

export const contract = {
  'app.info': op(
    z.object({}).strict(),
    z.object({
      version: z.string(),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
      vendorCount: z.number().int(),
    }),
  ),
  'vendors.list': op(
    VendorListQuerySchema,
    z.object({ items: z.array(VendorSummarySchema), total: z.number().int() }),
  ),
  'vendors.get': op(z.object({ id: VendorIdSchema }).strict(), VendorSchema),
  'vendors.create': op(VendorInputSchema, VendorSchema),
  'vendors.update': op(z.object({ id: VendorIdSchema, patch: VendorPatchSchema }).strict(), VendorSchema),
  'vendors.remove': op(z.object({ id: VendorIdSchema }).strict(), z.object({ id: VendorIdSchema })),
  'vendors.history': op(
    z.object({ id: VendorIdSchema, limit: z.number().int().min(1).max(500).default(50) }).strict(),
    z.array(AuditEntrySchema),
  ),
  'demo.load': op(
    z.object({ jobId: JobIdSchema.optional() }).strict(),
    z.object({ added: z.number().int(), skipped: z.number().int() }),
    true,
  ),
  'jobs.cancel': op(z.object({ jobId: JobIdSchema }).strict(), z.object({ cancelled: z.boolean() })),
  'preferences.get': op(z.object({}).strict(), PreferencesSchema),
  'preferences.set': op(PreferencesPatchSchema, PreferencesSchema),
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

/** What the caller sends (defaults not yet applied). */
export type RequestOf<K extends OperationName> = z.input<Contract[K]['request']>;
/** What the handler receives (validated, defaults applied). */
export type ParsedRequestOf<K extends OperationName> = z.output<Contract[K]['request']>;
/** What the caller gets back on success. */
export type ResponseOf<K extends OperationName> = z.output<Contract[K]['response']>;

/** Every answer across IPC: nothing throws. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Progress of a long operation, sent on the one progress channel. */
export const ProgressEventSchema = z.object({
  jobId: z.string(),
  operation: z.string(),
  done: z.number(),
  total: z.number(),
  message: z.string(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** Commands the native menu sends to the page. */
export const MENU_COMMANDS = [
  'vendor.new',
  'vendor.edit',
  'vendor.delete',
  'view.vendors',
  'view.settings',
  'find',
  'demo.load',
  'help.about',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The shape of `window.vendorRisk`, as the preload builds it. */
export type VendorRiskApi = {
  [K in OperationName]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
} & {
  /** Listen to progress of long operations; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Listen to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

export const ResultErrorSchema = z.object({ ok: z.literal(false), error: AppErrorShapeSchema });

/** Channel names: one invoke channel per operation, one progress channel, one menu channel. */
export const channelFor = (name: OperationName): string => `vendor-risk:${name}`;
export const PROGRESS_CHANNEL = 'vendor-risk:progress';
export const MENU_CHANNEL = 'vendor-risk:menu';
