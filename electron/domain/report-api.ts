/** What a report is about and what saving one gives back (the report operations carry these). */
import { z } from 'zod';
import { AssessmentIdSchema, CountSchema, VendorIdSchema } from './primitives';

export const REPORT_KINDS = ['vendor', 'board', 'self'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Which report, about what. */
export const ReportTargetSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('vendor'), vendorId: VendorIdSchema }).strict(),
    z
      .object({
        kind: z.literal('board'),
        /** One page per critical or high vendor after the pack (default: on). */
        appendix: z.boolean().optional(),
      })
      .strict(),
    z.object({ kind: z.literal('self'), assessmentId: AssessmentIdSchema }).strict(),
  ],
  { error: `The report must be one of: ${REPORT_KINDS.join(', ')}` },
);
export type ReportTarget = z.infer<typeof ReportTargetSchema>;

/** A report rendered and saved. */
export const SavedReportSchema = z.object({
  kind: z.enum(REPORT_KINDS),
  path: z.string(),
  pages: CountSchema,
  bytes: CountSchema,
  /** Where it was rendered: the report worker (built app and CLI) or this thread (tests from source). */
  renderedIn: z.enum(['worker', 'main']),
});
export type SavedReport = z.output<typeof SavedReportSchema>;
