import { z } from 'zod';
import type { Question } from './questionnaire';
import { RowVersionSchema } from './primitives';
import { isCalendarDate } from './days';

/** What an answer holds: a value, "not applicable", or "vendor refused or could not answer". */
export const AnswerValueSchema = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('answered'),
      value: z.union([z.string().max(20000), z.number().finite(), z.array(z.string().max(120)).max(50)]),
    })
    .strict(),
  z.object({ status: z.literal('not-applicable') }).strict(),
  z.object({ status: z.literal('refused') }).strict(),
]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

/** An answer as stored: the value plus the note and the follow-up mark. */
export const StoredAnswerSchema = z.object({
  questionnaireId: z.string(),
  questionId: z.string(),
  answer: AnswerValueSchema.nullable(),
  note: z.string(),
  followUp: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  source: z.string(),
  /** The row's version on a team database (absent in the solo app). */
  version: RowVersionSchema.optional(),
});
export type StoredAnswer = z.infer<typeof StoredAnswerSchema>;

/** Why a value does not fit its question, or null when it does. */
export function answerProblem(question: Question, answer: AnswerValue): string | null {
  if (answer.status !== 'answered') return null;
  const v = answer.value;
  switch (question.type) {
    case 'yes-no': {
      const allowed = question.allowPartial ? ['yes', 'partial', 'no'] : ['yes', 'no'];
      return typeof v === 'string' && allowed.includes(v) ? null : `Answer one of: ${allowed.join(', ')}`;
    }
    case 'single-choice':
      return typeof v === 'string' && question.choices!.some((c) => c.id === v)
        ? null
        : `Choose one of: ${question.choices!.map((c) => c.id).join(', ')}`;
    case 'multiple-choice': {
      if (!Array.isArray(v)) return 'Choose a list of choices';
      const unknown = v.filter((id) => !question.choices!.some((c) => c.id === id));
      if (unknown.length) return `Unknown choice: ${unknown.join(', ')}`;
      return new Set(v).size === v.length ? null : 'Each choice may be chosen once';
    }
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? numberProblem(question, v) : 'Enter a number';
    case 'date':
      return typeof v === 'string' && isCalendarDate(v) ? null : 'Enter a date as YYYY-MM-DD';
    case 'short-text':
      return typeof v === 'string' && v.length <= 500 ? null : 'Enter at most 500 characters of text';
    case 'long-text':
      return typeof v === 'string' ? null : 'Enter text';
    case 'evidence':
      return Array.isArray(v) ? null : 'Attach evidence files';
  }
}

/** What a bounded number question asks for ("Enter at least 0 hours"), or null when it has no bounds. */
export function numberBounds(question: Pick<Question, 'min' | 'max' | 'unit'>): string | null {
  const { min, max } = question;
  const unit = !question.unit ? '' : question.unit === '%' ? '%' : ` ${question.unit}`;
  if (min !== undefined && max !== undefined) return `Enter a number from ${min} to ${max}${unit}`;
  if (min !== undefined) return `Enter at least ${min}${unit}`;
  return max !== undefined ? `Enter at most ${max}${unit}` : null;
}

/** Why a number is outside its question's bounds, or null when it is within them. */
export function numberProblem(question: Pick<Question, 'min' | 'max' | 'unit'>, v: number): string | null {
  const { min, max } = question;
  return (min === undefined || v >= min) && (max === undefined || v <= max) ? null : numberBounds(question);
}
