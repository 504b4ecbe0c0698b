/**
 * The review of an assessment before it is submitted: what is still unanswered, which
 * red flags are raised (each with the question it belongs to) and which questions ask
 * for evidence that is not there. Pure; the "Review and submit" step shows it.
 */
import { z } from 'zod';
import type { AnswerValue } from './answer';
import { RaisedFlagSchema, type Evidence } from './assessment';
import type { Condition } from './condition';
import { answerKey, evaluateAssessment, type RaisedFlag } from './evaluate-assessment';
import type { Questionnaire } from './questionnaire';
import { evidenceValidity } from './scoring';

/** A question the review points at: where it is and what it asks. */
export const ReviewQuestionSchema = z.object({
  questionnaireId: z.string(),
  questionId: z.string(),
  questionnaireTitle: z.string(),
  sectionTitle: z.string(),
  text: z.string(),
  required: z.boolean(),
});
export type ReviewQuestion = z.infer<typeof ReviewQuestionSchema>;

export const AssessmentReviewSchema = z.object({
  /** Shown required questions without an answer (not applicable and refused count as answers). */
  unansweredRequired: z.array(ReviewQuestionSchema),
  /** Shown questions that are not required and have no answer. */
  unansweredOther: z.array(ReviewQuestionSchema),
  /** Every raised flag with the question to open for it (a section's rule: the first question its condition reads). */
  flags: z.array(RaisedFlagSchema.extend({ target: ReviewQuestionSchema.nullable() })),
  /** How many of the flags are knockouts. */
  knockouts: z.number(),
  /** Shown questions that ask for evidence, not marked not applicable or refused, with no valid file attached. */
  evidenceMissing: z.array(ReviewQuestionSchema.extend({ reason: z.string() })),
});
export type AssessmentReview = z.infer<typeof AssessmentReviewSchema>;

/** The question ids a condition reads, in the order they appear. */
export function conditionQuestions(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(conditionQuestions);
  if ('any' in c) return c.any.flatMap(conditionQuestions);
  if ('not' in c) return conditionQuestions(c.not);
  if ('visible' in c) return [c.visible];
  if ('question' in c) return [c.question];
  return [];
}

/**
 * The question id a raised flag belongs to: its own question, or for a rule on a whole
 * section the first question of that questionnaire its condition reads (null if none).
 */
export function flagQuestionId(questionnaires: readonly Questionnaire[], flag: RaisedFlag): string | null {
  if (flag.questionId) return flag.questionId;
  const q = questionnaires.find((x) => x.id === flag.questionnaireId);
  if (!q) return null;
  const rule = q.sections.flatMap((s) => s.redFlags).find((r) => r.id === flag.ruleId);
  if (!rule) return null;
  const ids = new Set(q.sections.flatMap((s) => s.questions.map((x) => x.id)));
  return conditionQuestions(rule.when).find((id) => ids.has(id)) ?? null;
}

/**
 * Reviews an assessment: unanswered questions (required apart from the rest, from the
 * questionnaire's `required` flag), raised flags with their questions, the knockouts among
 * them, and questions whose evidence is missing or no longer valid on `today`.
 */
export function reviewAssessment(input: {
  questionnaires: readonly Questionnaire[];
  answers: ReadonlyMap<string, AnswerValue | null>;
  evidence: readonly Pick<Evidence, 'questionnaireId' | 'questionId' | 'kind' | 'periodEnd' | 'expiresAt'>[];
  today: string;
}): AssessmentReview {
  const state = evaluateAssessment(input.questionnaires, input.answers);
  const where = new Map<string, ReviewQuestion>();
  const review: AssessmentReview = {
    unansweredRequired: [],
    unansweredOther: [],
    flags: [],
    knockouts: 0,
    evidenceMissing: [],
  };
  for (const q of input.questionnaires) {
    for (const section of q.sections) {
      for (const question of section.questions) {
        const key = answerKey(q.id, question.id);
        const item: ReviewQuestion = {
          questionnaireId: q.id,
          questionId: question.id,
          questionnaireTitle: q.title,
          sectionTitle: section.title,
          text: question.text,
          required: question.required,
        };
        where.set(key, item);
        if (!state.visible.has(key)) continue;
        const answer = input.answers.get(key) ?? null;
        if (!answer) (question.required ? review.unansweredRequired : review.unansweredOther).push(item);
        const asksEvidence = question.type === 'evidence' || question.evidence !== undefined;
        if (!asksEvidence || answer?.status === 'not-applicable' || answer?.status === 'refused') continue;
        const files = input.evidence.filter(
          (e) => e.questionnaireId === q.id && e.questionId === question.id,
        );
        if (files.length === 0) {
          review.evidenceMissing.push({ ...item, reason: 'No file attached' });
          continue;
        }
        const checks = files.map((e) => evidenceValidity(e, input.today));
        if (!checks.some((c) => c.valid)) {
          const why = checks.find((c) => c.reason)?.reason ?? 'not valid';
          review.evidenceMissing.push({ ...item, reason: `No valid file: ${why}` });
        }
      }
    }
  }
  for (const flag of state.flags) {
    const id = flagQuestionId(input.questionnaires, flag);
    review.flags.push({
      ...flag,
      target: id ? (where.get(answerKey(flag.questionnaireId, id)) ?? null) : null,
    });
    if (flag.knockout) review.knockouts += 1;
  }
  return review;
}

/** What is left to do, as the submit confirmation says it ("3 unanswered and 1 without evidence"); null when nothing is. */
export function remainingWords(review: AssessmentReview): string | null {
  const parts: string[] = [];
  const unanswered = review.unansweredRequired.length + review.unansweredOther.length;
  if (unanswered) parts.push(`${unanswered} unanswered`);
  if (review.evidenceMissing.length) parts.push(`${review.evidenceMissing.length} without evidence`);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}
