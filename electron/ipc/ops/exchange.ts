/** Questionnaire exchange by file: send a package to a vendor, review and accept what comes back. */
import { z } from 'zod';
import { EXCHANGE_FORMATS, IncomingRowSchema } from '../../domain/exchange';
import {
  CountSchema,
  FilePathSchema,
  IsoDateSchema,
  JobIdSchema,
  PreviewTokenSchema,
  VendorIdSchema,
} from '../../domain/primitives';
import {
  MAX_SBOM_REQUESTS,
  SbomModelSchema,
  SbomReplyOutcomeSchema,
  SbomReplyReviewSchema,
  SbomRequestSchema,
  SbomRequestStatusSchema,
} from '../../domain/exchange-sbom';
import { op } from './op';

const ExportRequest = {
  vendorId: VendorIdSchema,
  questionnaireIds: z.array(z.string().min(1).max(120)).min(1, 'Choose at least one questionnaire').max(20),
  format: z.enum(EXCHANGE_FORMATS),
  /** When the answers are wanted back; the form's header says "No due date" without it. */
  dueDate: IsoDateSchema.optional(),
  /** The model + firmware pairs whose SBOMs the form asks for (the form only). */
  sboms: z.array(SbomRequestSchema).max(MAX_SBOM_REQUESTS).default([]),
  jobId: JobIdSchema.optional(),
};

export const exchangeOps = {
  'exchange.export': op({
    summary:
      'Makes a package (.xlsx workbook or .html form) and saves it where the save dialog says (the app)',
    request: z.object(ExportRequest).strict(),
    response: z.discriminatedUnion('saved', [
      z.object({ saved: z.literal(true), path: z.string(), packageId: z.string(), bytes: CountSchema }),
      z.object({ saved: z.literal(false) }),
    ]),
    long: true,
  }),
  'exchange.save': op({
    summary: 'Makes a package and saves it at a path (the CLI)',
    request: z.object({ ...ExportRequest, path: FilePathSchema }).strict(),
    response: z.object({ path: z.string(), packageId: z.string(), bytes: CountSchema }),
    long: true,
    localOnly: true,
  }),
  'exchange.preview': op({
    summary: 'Reads a returned workbook or response file and shows each answer beside the current one',
    request: z
      .object({
        vendorId: VendorIdSchema,
        fileName: z.string().min(1).max(260),
        // A response file may carry SBOM files: up to 60 MB (a workbook is refused past 20 MB).
        contentBase64: z.string().min(1).max(84_000_000, 'The file is larger than 60 MB'),
        jobId: JobIdSchema.optional(),
      })
      .strict(),
    response: z.object({
      token: z.string(),
      packageId: z.string(),
      fileName: z.string(),
      sha256: z.string(),
      alreadyImported: z.boolean(),
      /** A later package sent for the same assessment: this response may hold older answers. */
      newerPackage: z.object({ createdAt: z.string(), format: z.string() }).nullable(),
      rows: z.array(IncomingRowSchema),
      counts: z.object({
        incoming: CountSchema,
        invalid: CountSchema,
        changed: CountSchema,
        new: CountSchema,
        same: CountSchema,
        unanswered: CountSchema,
      }),
      problems: z.array(z.string()),
      unanswered: z.array(z.string()),
      assessment: z.object({ id: z.string(), title: z.string(), status: z.string() }),
      /** Each file or answer about a requested SBOM, and the requests without a reply. */
      sboms: z.array(SbomReplyReviewSchema),
    }),
    long: true,
  }),
  'exchange.apply': op({
    summary: 'Accepts the previewed answers (all or those named) into the assessment',
    request: z
      .object({
        token: PreviewTokenSchema,
        accept: z.union([z.literal('all'), z.array(z.string().min(1).max(250)).max(5000)]),
      })
      .strict(),
    response: z.object({
      accepted: CountSchema,
      assessmentId: z.string(),
      sha256: z.string(),
      hidden: CountSchema,
      /** What became of each SBOM file or answer: attached, refused (with why), not available. */
      sboms: z.array(SbomReplyOutcomeSchema),
    }),
  }),
  'exchange.sbomModels': op({
    summary: 'The model + firmware pairs of a vendor’s devices, to ask the vendor for their SBOMs',
    request: z.object({ vendorId: VendorIdSchema }).strict(),
    response: z.array(SbomModelSchema),
  }),
  'exchange.sbomRequests': op({
    summary: 'The SBOMs asked of a vendor through the exchange, each with the latest reply',
    request: z.object({ vendorId: VendorIdSchema }).strict(),
    response: z.array(SbomRequestStatusSchema),
  }),
  'exchange.discard': op({
    summary: 'Forgets a preview',
    request: z.object({ token: PreviewTokenSchema }).strict(),
    response: z.object({ discarded: z.boolean() }),
  }),
} as const;
