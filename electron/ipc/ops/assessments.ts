/** Assessments: start one, answer it, its evidence, and a self-assessment's result. */
import { z } from 'zod';
import { AssessmentIdSchema, VendorIdSchema } from '../../domain/primitives';
import { StoredAnswerSchema } from '../../domain/answer';
import {
  ASSESSMENT_STATUSES,
  AnswerInputSchema,
  AssessmentDetailSchema,
  AssessmentStateSchema,
  AssessmentSummarySchema,
  EvidenceInputSchema,
  EvidenceSchema,
} from '../../domain/assessment';
import { SelfAssessmentResultSchema } from '../../domain/roadmap';
import { AssessmentReviewSchema } from '../../domain/assessment-review';
import { TIERS } from '../../domain/risk';
import { op } from './op';

const ById = z.object({ id: AssessmentIdSchema }).strict();

export const assessmentOps = {
  'assessments.start': op({
    summary: 'Starts an assessment of a vendor (or of ourselves) with the questionnaires chosen',
    request: z
      .object({
        vendorId: VendorIdSchema.nullable(),
        questionnaireIds: z
          .array(z.string().min(1).max(120))
          .min(1, 'Choose at least one questionnaire')
          .max(20),
      })
      .strict(),
    response: AssessmentSummarySchema,
  }),
  'assessments.list': op({
    summary: 'A vendor’s assessments (or the self-assessments)',
    request: z.object({ vendorId: VendorIdSchema.nullable() }).strict(),
    response: z.array(AssessmentSummarySchema),
  }),
  'assessments.get': op({
    summary: 'One assessment with its questionnaires, answers, evidence and state',
    request: ById,
    response: AssessmentDetailSchema,
  }),
  'assessments.answer': op({
    summary: 'Saves one answer (or its note or mark) and returns the new state',
    request: z
      .object({ id: AssessmentIdSchema, answer: AnswerInputSchema, position: z.string().max(300).optional() })
      .strict(),
    response: z.object({ answer: StoredAnswerSchema, state: AssessmentStateSchema }),
  }),
  'assessments.answerMany': op({
    summary: 'Saves many answers at once',
    request: z
      .object({
        id: AssessmentIdSchema,
        answers: z.array(AnswerInputSchema).min(1).max(5000),
        source: z.string().max(200).default('bulk'),
      })
      .strict(),
    response: z.object({ applied: z.number(), hidden: z.array(z.string()), state: AssessmentStateSchema }),
  }),
  'assessments.setPosition': op({
    summary: 'Remembers where the assessor left off',
    request: z.object({ id: AssessmentIdSchema, position: z.string().min(1).max(300) }).strict(),
    response: z.object({ position: z.string() }),
  }),
  'assessments.review': op({
    summary:
      'What is left before submitting: unanswered questions, flags with their questions, missing evidence',
    request: ById,
    response: AssessmentReviewSchema.extend({
      /** The tier a knockout sets at least (risk settings). */
      knockoutTier: z.enum(TIERS),
    }),
  }),
  'assessments.setStatus': op({
    summary: 'Submits, closes or reopens an assessment',
    request: z
      .object({
        id: AssessmentIdSchema,
        status: z.enum(ASSESSMENT_STATUSES),
        /** The assessment's version as read (team database); without it nothing is checked. */
        version: z.number().int().min(0).optional(),
        /** The status read with it: only a colleague's change of status since refuses the change. */
        from: z.enum(ASSESSMENT_STATUSES).optional(),
      })
      .strict(),
    response: AssessmentSummarySchema,
  }),
  'assessments.selfResult': op({
    summary: 'A self-assessment’s maturity per area and its roadmap, quick wins first',
    request: ById,
    response: SelfAssessmentResultSchema,
  }),
  'evidence.attach': op({
    summary: 'Attaches an evidence file to an answer',
    request: EvidenceInputSchema,
    response: EvidenceSchema,
  }),
  'evidence.list': op({
    summary: 'Every evidence file of a vendor’s assessments',
    request: z.object({ vendorId: VendorIdSchema }).strict(),
    response: z.array(EvidenceSchema),
  }),
} as const;
