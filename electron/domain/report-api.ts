/** Requests and responses of the report operations (the IPC contract imports these). */
import { z } from 'zod';

export const REPORT_KINDS = ['vendor', 'board', 'self'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Which report, about what. */
export const ReportTargetSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('vendor'), vendorId: z.string().uuid('Not a vendor id') }).strict(),
    z.object({ kind: z.literal('board') }).strict(),
    z.object({ kind: z.literal('self'), assessmentId: z.string().uuid('Not an assessment id') }).strict(),
  ],
  { error: `The report must be one of: ${REPORT_KINDS.join(', ')}` },
);
export type ReportTarget = z.infer<typeof ReportTargetSchema>;

const JobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a job id');
const Saved = z.object({
  kind: z.enum(REPORT_KINDS),
  path: z.string(),
  pages: z.number().int(),
  bytes: z.number().int(),
  renderedIn: z.enum(['worker', 'main']),
});

export const REPORT_OPS = {
  /** From the app: asks where to save (the save dialog), then renders and saves. */
  export: {
    request: z.object({ target: ReportTargetSchema, jobId: JobId.optional() }).strict(),
    response: z.discriminatedUnion('saved', [
      Saved.extend({ saved: z.literal(true) }),
      z.object({ saved: z.literal(false) }),
    ]),
  },
  /** From this process only (the CLI): renders and saves at a path it names. */
  save: {
    request: z
      .object({
        target: ReportTargetSchema,
        path: z.string().min(1).max(4096),
        jobId: JobId.optional(),
      })
      .strict(),
    response: Saved,
  },
  /** Shows a report saved in this session in the file manager. */
  showInFolder: {
    request: z.object({ path: z.string().min(1).max(4096) }).strict(),
    response: z.object({ shown: z.boolean() }),
  },
} as const;
