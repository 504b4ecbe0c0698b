import { z } from 'zod';
import { AnswerValueSchema, StoredAnswerSchema } from './answer';
import { SEVERITIES, EVIDENCE_KINDS, QuestionnaireSchema } from './questionnaire';
import { AssessmentIdSchema, IsoDateSchema, RowVersionSchema } from './primitives';

/** Largest evidence file accepted (25 MB). */
export const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

export const ASSESSMENT_STATUSES = ['in-progress', 'submitted', 'closed'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  'in-progress': 'In progress',
  submitted: 'Submitted',
  closed: 'Closed',
};

export const AssessmentSummarySchema = z.object({
  id: z.string(),
  vendorId: z.string().nullable(),
  title: z.string(),
  status: z.enum(ASSESSMENT_STATUSES),
  position: z.string().nullable(),
  questionnaires: z.array(z.object({ id: z.string(), version: z.string(), title: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  submittedAt: z.string().nullable(),
  /** The team database's row version (absent in the solo app): stated back with a status change. */
  version: z.number().int().optional(),
});
export type AssessmentSummary = z.infer<typeof AssessmentSummarySchema>;

export const RaisedFlagSchema = z.object({
  questionnaireId: z.string(),
  ruleId: z.string(),
  questionId: z.string().nullable(),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  knockout: z.boolean(),
  reason: z.enum(['rule', 'refused']),
});

/** The evaluated state sent with an assessment: visibility, flags, progress. */
export const AssessmentStateSchema = z.object({
  visible: z.array(z.string()),
  flags: z.array(RaisedFlagSchema),
  sections: z.array(
    z.object({
      questionnaireId: z.string(),
      sectionId: z.string(),
      title: z.string(),
      answered: z.number(),
      applicable: z.number(),
      visible: z.number(),
    }),
  ),
  answered: z.number(),
  applicable: z.number(),
});
export type AssessmentStateView = z.infer<typeof AssessmentStateSchema>;

/** One answer as the user sends it; leaving out `answer` keeps the value and changes note or mark. */
export const AnswerInputSchema = z
  .object({
    questionnaireId: z.string().min(1).max(120),
    questionId: z.string().min(1).max(120),
    answer: AnswerValueSchema.nullable().optional(),
    note: z.string().max(10000).optional(),
    followUp: z.boolean().optional(),
    /** The version of the answer the window read (team database): refused when a colleague saved since. */
    version: RowVersionSchema.optional(),
  })
  .strict();
export type AnswerInput = z.infer<typeof AnswerInputSchema>;

/** A file attached as evidence to an answer, sent whole (base64), with what it is and when it is valid. */
export const EvidenceInputSchema = z
  .object({
    assessmentId: AssessmentIdSchema,
    questionnaireId: z.string().min(1).max(120),
    questionId: z.string().min(1).max(120),
    fileName: z.string().trim().min(1).max(255),
    contentBase64: z.string().min(1).max(36_000_000, 'The evidence file is larger than 25 MB'),
    kind: z.enum(EVIDENCE_KINDS),
    issuer: z.string().trim().max(200).default(''),
    periodStart: IsoDateSchema.nullable().default(null),
    periodEnd: IsoDateSchema.nullable().default(null),
    expiresAt: IsoDateSchema.nullable().default(null),
  })
  .strict();
export type EvidenceInput = z.output<typeof EvidenceInputSchema>;

export const EvidenceSchema = z.object({
  id: z.string(),
  vendorId: z.string().nullable(),
  assessmentId: z.string().nullable(),
  questionnaireId: z.string().nullable(),
  questionId: z.string().nullable(),
  fileName: z.string(),
  sha256: z.string(),
  size: z.number(),
  kind: z.enum(EVIDENCE_KINDS),
  issuer: z.string(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  expiresAt: z.string().nullable(),
  addedAt: z.string(),
  addedBy: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const AssessmentDetailSchema = z.object({
  assessment: AssessmentSummarySchema,
  questionnaires: z.array(QuestionnaireSchema),
  answers: z.array(StoredAnswerSchema),
  evidence: z.array(EvidenceSchema),
  state: AssessmentStateSchema,
});

/** Expiry status of a piece of evidence on a day (ISO date). */
export function evidenceStatus(
  e: Pick<Evidence, 'expiresAt'>,
  today: string,
): 'valid' | 'expiring' | 'expired' | 'no-expiry' {
  if (!e.expiresAt) return 'no-expiry';
  if (e.expiresAt < today) return 'expired';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + 60);
  return e.expiresAt <= soon.toISOString().slice(0, 10) ? 'expiring' : 'valid';
}
