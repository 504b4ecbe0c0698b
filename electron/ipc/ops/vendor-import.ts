/** Importing a vendor list (CSV or XLSX): open a file, preview it, apply or discard the preview. */
import { z } from 'zod';
import { OpenedFileSchema } from '../../domain/device-api';
import { EmptyRequestSchema, FilePathSchema, JobIdSchema, PreviewTokenSchema } from '../../domain/primitives';
import {
  VendorImportPreviewSchema,
  VendorImportRequestSchema,
  VendorImportResultSchema,
} from '../../domain/vendor-import-api';
import { op } from './op';

const ByToken = z.object({ token: PreviewTokenSchema }).strict();

export const vendorImportOps = {
  'vendorImport.chooseFile': op({
    summary: 'Asks which vendor list to import (the open dialog) and opens it',
    request: EmptyRequestSchema,
    response: z.object({ file: OpenedFileSchema.nullable() }),
  }),
  'vendorImport.openPath': op({
    summary: 'Opens a vendor list at a path for import (the CLI)',
    request: z.object({ path: FilePathSchema }).strict(),
    response: OpenedFileSchema,
    localOnly: true,
  }),
  'vendorImport.preview': op({
    summary:
      'Reads a vendor list and shows what importing it would do (added, updated, unchanged, errors); nothing is written',
    request: VendorImportRequestSchema,
    response: VendorImportPreviewSchema,
    long: true,
  }),
  'vendorImport.apply': op({
    summary: 'Writes a previewed vendor import in one transaction, after a snapshot',
    request: z.object({ token: PreviewTokenSchema, jobId: JobIdSchema.optional() }).strict(),
    response: VendorImportResultSchema,
    long: true,
  }),
  'vendorImport.discard': op({
    summary: 'Forgets a vendor import preview',
    request: ByToken,
    response: z.object({ discarded: z.boolean() }),
  }),
  'vendorImport.errorsCsv': op({
    summary: 'A vendor import preview’s refused rows, warnings and duplicates as CSV',
    request: ByToken,
    response: z.object({ csv: z.string() }),
  }),
} as const;
