/**
 * The vendor list import's schemas: the mapping, the request, the preview (what each row
 * does: added / updated / unchanged; errors, warnings, duplicates, values as placed) and
 * the result. Shared by the operations, the CLI and the wizard. Pure; docs/vendor-import.md.
 */
import { z } from 'zod';
import { CountSchema, JobIdSchema } from './primitives';
import { RowProblemSchema } from './device-rows';
import {
  CriticalitySchema,
  DataKindSchema,
  VendorCategorySchema,
  VendorInputSchema,
  VendorStatusSchema,
} from './vendor';
import { VENDOR_IMPORT_FIELDS, VENDOR_VALUE_FIELDS } from './vendor-import-words';

/** The largest vendor list an import reads, its most rows (a portfolio is thousands, not millions). */
export const MAX_VENDOR_FILE_BYTES = 32 * 1024 * 1024;
export const MAX_VENDOR_ROWS = 50_000;

const Label = z.string().max(500);
const Column = z.string().max(200);

/** How a file is read: column → field, and the file's values placed on our words. */
export const VendorMappingSchema = z
  .object({
    columns: z.record(Column, z.enum(VENDOR_IMPORT_FIELDS).nullable()).default({}),
    values: z
      .object({
        category: z.record(Label, VendorCategorySchema).default({}),
        criticality: z.record(Label, CriticalitySchema).default({}),
        status: z.record(Label, VendorStatusSchema).default({}),
        dataTouched: z.record(Label, DataKindSchema).default({}),
      })
      .strict()
      .default({ category: {}, criticality: {}, status: {}, dataTouched: {} }),
  })
  .strict();
export type VendorMapping = z.output<typeof VendorMappingSchema>;
export type VendorMappingInput = z.input<typeof VendorMappingSchema>;

/** What the import asks for: a file (sent whole, or opened by id), the user's mapping, a sheet. */
export const VendorImportRequestSchema = z
  .object({
    fileName: z.string().max(260).optional(),
    contentBase64: z
      .string()
      .max(Math.ceil((MAX_VENDOR_FILE_BYTES * 4) / 3) + 8, 'The file is larger than an import reads')
      .optional(),
    fileId: z.string().uuid().optional(),
    mapping: VendorMappingSchema.optional(),
    sheet: z.string().min(1).max(100).optional(),
    jobId: JobIdSchema.optional(),
  })
  .strict()
  .refine((r) => (r.fileId === undefined) !== (r.contentBase64 === undefined || r.fileName === undefined), {
    message: 'Send the file (fileName and contentBase64) or name an opened one (fileId)',
  });

/** What a row does to the portfolio. */
export const VENDOR_ROW_ACTIONS = ['add', 'update', 'unchanged'] as const;

const VendorFieldsSchema = VendorInputSchema.pick({
  name: true,
  category: true,
  criticality: true,
  status: true,
  dataTouched: true,
  services: true,
  owner: true,
  tags: true,
  notes: true,
});

/** A row of the preview: what it will do, and the vendor as it will be. */
export const VendorImportRowSchema = z.object({
  row: CountSchema,
  action: z.enum(VENDOR_ROW_ACTIONS),
  /** For an update, the fields that change. */
  changes: z.array(z.string()),
  vendor: VendorFieldsSchema,
});

/** A value of the file and where it was placed (null: not placed, the default was used). */
export const VendorValueCountSchema = z.object({
  field: z.enum(VENDOR_VALUE_FIELDS),
  value: z.string(),
  count: CountSchema,
  placed: z.string().nullable(),
  by: z.enum(['mapping', 'words']).nullable(),
});

/** What importing a vendor list would do. */
export const VendorImportPreviewSchema = z.object({
  token: z.string(),
  fileName: z.string(),
  format: z.string(),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  headerRow: CountSchema,
  headers: z.array(z.string()),
  mapping: VendorMappingSchema,
  notes: z.array(z.string()),
  counts: z.object({
    read: CountSchema,
    added: CountSchema,
    updated: CountSchema,
    unchanged: CountSchema,
    errors: CountSchema,
    duplicates: CountSchema,
    warned: CountSchema,
  }),
  /** The rows to import (the first ones; counts has them all). */
  rows: z.array(VendorImportRowSchema),
  errors: z.array(RowProblemSchema),
  warnings: z.array(RowProblemSchema),
  warningsTotal: CountSchema,
  duplicates: z.array(z.object({ name: z.string(), rows: z.tuple([CountSchema, CountSchema]) })),
  values: z.array(VendorValueCountSchema),
});
export type VendorImportPreview = z.output<typeof VendorImportPreviewSchema>;

/** What an import wrote. */
export const VendorImportResultSchema = z.object({
  added: CountSchema,
  updated: CountSchema,
  unchanged: CountSchema,
  errors: CountSchema,
});
export type VendorImportResult = z.output<typeof VendorImportResultSchema>;
