/** Vendors' SBOMs and VEX statements: import a file (recognised by content), list what is attached. */
import { z } from 'zod';
import { SbomImportResultSchema, SbomRecordSchema } from '../../domain/vulnerabilities/sbom-api';
import { OpenedFileSchema } from '../../domain/device-api';
import { EmptyRequestSchema, VendorIdSchema } from '../../domain/primitives';
import { op } from './op';

const Target = z.string().trim().max(200).nullable().default(null);

export const sbomOps = {
  'sboms.import': op({
    summary:
      'Attaches an SBOM (CycloneDX, SPDX 2.3) to a vendor’s model and firmware, or a VEX file’s statements (CycloneDX VEX, OpenVEX) to the vendor',
    request: z
      .object({
        vendorId: VendorIdSchema,
        fileName: z.string().min(1).max(4096),
        contentBase64: z.string().min(1).max(70_000_000, 'The file is larger than 50 MB'),
        model: Target,
        firmware: Target,
      })
      .strict(),
    response: SbomImportResultSchema,
  }),
  'sboms.chooseFile': op({
    summary: 'Asks which SBOM or VEX file to import (the open dialog) and opens it',
    request: EmptyRequestSchema,
    response: z.object({ file: OpenedFileSchema.nullable() }).strict(),
  }),
  'sboms.importFile': op({
    summary:
      'Attaches the SBOM or VEX file the open dialog chose (sboms.chooseFile) to a vendor’s model and firmware, as sboms.import does',
    request: z
      .object({ vendorId: VendorIdSchema, fileId: z.string().uuid(), model: Target, firmware: Target })
      .strict(),
    response: SbomImportResultSchema,
  }),
  'sboms.list': op({
    summary: 'The SBOMs and VEX documents attached to one vendor, or to every vendor',
    request: z.object({ vendorId: VendorIdSchema.nullable().default(null) }).strict(),
    response: z.array(SbomRecordSchema),
  }),
} as const;
