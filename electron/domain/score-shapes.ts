/**
 * The shapes of scores as the scoring model returns them and the contract carries them
 * (docs/scoring.md): one schema each, the TypeScript types inferred from it.
 */
import { z } from 'zod';
import { ASSESSMENT_STATUSES, RaisedFlagSchema } from './assessment';
import { PostureSchema } from './device-checks';
import { TIERS } from './risk';

/** One scored question's part in the score. */
export const ContributionSchema = z.object({
  questionnaireId: z.string(),
  sectionId: z.string(),
  questionId: z.string(),
  question: z.string(),
  /** What was answered, in words ("No", "Refused", "In an HSM", "48 hours"). */
  answer: z.string(),
  /** The question's points for this answer, 0–100. */
  points: z.number(),
  weight: z.number(),
  /** Score points this answer adds to the overall score (they sum to the score). */
  contribution: z.number(),
  /** Score points this answer cost (what a full-points answer would have added). */
  lost: z.number(),
  /** Why the points are what they are, when it is not plain (refused, expired evidence). */
  reason: z.string().optional(),
});
export type Contribution = z.output<typeof ContributionSchema>;

/** A domain's (section's) score. */
export const DomainScoreSchema = z.object({
  questionnaireId: z.string(),
  sectionId: z.string(),
  title: z.string(),
  /** 0–100 over the scored answers of the section; null when nothing scored is answered. */
  score: z.number().nullable(),
  answered: z.number(),
  applicable: z.number(),
});
export type DomainScore = z.output<typeof DomainScoreSchema>;

/** An assessment's score: overall, per domain, explained. */
export const AssessmentScoreSchema = z.object({
  /** 0–100 over every scored answer; null when nothing scored is answered. */
  score: z.number().nullable(),
  /** Answered (or refused) over applicable questions, 0–1. */
  completeness: z.number(),
  answered: z.number(),
  applicable: z.number(),
  domains: z.array(DomainScoreSchema),
  contributions: z.array(ContributionSchema),
  flags: z.array(RaisedFlagSchema),
});
export type AssessmentScore = z.output<typeof AssessmentScoreSchema>;

/** A vendor's score, risk and tier, with what went into them. */
export const VendorScoreSchema = z.object({
  vendorId: z.string(),
  /** Findings of the devices the vendor makes, per check, or null when none is in our inventory. */
  devices: PostureSchema.nullable(),
  /** The contract's clauses in the score, or null while none is recorded. */
  contract: z
    .object({
      clauses: z.number().int(),
      agreed: z.number().int(),
      deviations: z.number().int(),
      contradictions: z.number().int(),
    })
    .nullable(),
  assessment: z
    .object({ id: z.string(), title: z.string(), status: z.string(), updatedAt: z.string() })
    .nullable(),
  ...AssessmentScoreSchema.shape,
  inherent: z.object({ value: z.number(), data: z.number(), criticality: z.number(), access: z.number() }),
  /** Inherent risk less what the controls take away; not final while the score is provisional. */
  residual: z.number(),
  /**
   * The risk tier; null when the score is provisional (or there is none) and no knockout
   * raises it — a provisional score sets no tier (docs/scoring.md).
   */
  tier: z.enum(TIERS).nullable(),
  cappedByKnockout: z.boolean(),
  /**
   * There is a score, built on less than `provisionalBelow` of the applicable questions (or on
   * contract clauses and device findings alone): shown greyed, it sets no tier.
   */
  provisional: z.boolean(),
  /** The share (0–1) of applicable questions a score needs to stand (the risk setting). */
  provisionalBelow: z.number(),
  knockouts: z.number(),
  lastAssessed: z.string().nullable(),
  nextReassessment: z.string().nullable(),
  overdue: z.boolean(),
});
export type VendorScore = z.output<typeof VendorScoreSchema>;

/** A vendor's score and tier at one of its assessments. */
export const ScoreTrendPointSchema = z.object({
  assessmentId: z.string(),
  title: z.string(),
  status: z.enum(ASSESSMENT_STATUSES),
  date: z.string(),
  score: z.number().nullable(),
  completeness: z.number(),
  knockouts: z.number(),
  /** Null when that assessment was too incomplete for a tier and no knockout raised one. */
  tier: z.enum(TIERS).nullable(),
  provisional: z.boolean(),
});
export type ScoreTrendPoint = z.output<typeof ScoreTrendPointSchema>;
