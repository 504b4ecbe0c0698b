/**
 * Answers for a sample assessment: from a questionnaire's own choices, points and number
 * bands, better or worse as the vendor's quality says, with chosen answers forced (the
 * ones that raise a knockout, or that a contract contradicts).
 */
import type { AnswerInput } from '../assessment';
import type { Question, Questionnaire } from '../questionnaire';
import { shiftDate, type Random } from './random';

/** How a sample assessment is answered. */
export interface AnswerStyle {
  /** 0–1: the share of answers that are the best one. */
  quality: number;
  /** The share of questions answered (required ones always are, unless `partial`). */
  answered: number;
  /** Answer only the first questions in order (a review still under way). */
  partial?: boolean;
  /** Answers given whatever the quality, by question id (the only way a knockout is raised). */
  forced?: Readonly<Record<string, string | number>>;
}

const NOTES = [
  'Confirmed on the review call with their security lead.',
  'Taken from their latest trust-centre documentation.',
  'Their answer; we asked for the policy to back it up.',
  'Checked against the contract annex.',
];

/** One answer to a question; null when the question is not answered by value here (evidence). */
function valueFor(
  question: Question,
  good: boolean,
  rnd: Random,
  day: string,
): string | number | string[] | null {
  switch (question.type) {
    case 'yes-no':
      if (good) return 'yes';
      return question.allowPartial !== false && rnd.next() < 0.2 ? 'partial' : 'no';
    case 'single-choice': {
      const sorted = [...question.choices!].sort((a, b) => b.points - a.points);
      return good
        ? sorted[0]!.id
        : sorted[rnd.next() < 0.7 ? sorted.length - 1 : rnd.int(1, sorted.length - 1)]!.id;
    }
    case 'multiple-choice': {
      const sorted = [...question.choices!].sort((a, b) => b.points - a.points);
      return good ? sorted.slice(0, Math.min(3, sorted.length)).map((c) => c.id) : [sorted.at(-1)!.id];
    }
    case 'number': {
      // Within the question's bounds (a coverage of 109 % would be refused).
      const v = sampleNumber(question, good);
      return Math.min(question.max ?? v, Math.max(question.min ?? v, v));
    }
    case 'date':
      return shiftDate(day, -rnd.int(30, 300));
    case 'short-text':
      return good ? 'Documented in their security policy' : 'Not documented';
    case 'long-text':
      return good
        ? 'Described in their security policy and confirmed on the review call.'
        : 'They could not describe this beyond a general statement.';
    case 'evidence':
      return null;
  }
}

/** A number in the best band, or the worst, of a number question. */
function sampleNumber(question: Question, good: boolean): number {
  const bands = question.numberBands ?? [];
  if (bands.length === 0) return good ? 12 : 2;
  const band = good ? bands[0]! : bands.at(-1)!;
  if (band.max !== undefined) return Math.max(0, Math.round(band.max * 0.75));
  if (band.min !== undefined) return Math.round(band.min * 1.2) + 1;
  // The open band at the end: past the bound of the one before it.
  const before = bands.at(-2);
  if (before?.max !== undefined) return Math.round(before.max * 2) + 1;
  if (before?.min !== undefined) return Math.max(0, Math.round(before.min / 2));
  return 1;
}

/** The answers of one sample assessment of one questionnaire, answered on `day`. */
export function sampleAnswers(q: Questionnaire, style: AnswerStyle, rnd: Random, day: string): AnswerInput[] {
  const questions = q.sections.flatMap((s) => s.questions).filter((x) => x.type !== 'evidence');
  const limit = style.partial ? Math.ceil(questions.length * style.answered) : questions.length;
  const out: AnswerInput[] = [];
  for (const [i, question] of questions.entries()) {
    if (i >= limit) break;
    const forced = style.forced?.[question.id];
    // A complete review still leaves a few optional questions open.
    if (!style.partial && !question.required && forced === undefined && rnd.next() > style.answered) continue;
    // A knockout is raised only where the plan says so (forced), so which vendors have one is chosen.
    const knockout = question.redFlags.some((r) => r.knockout);
    const value = forced ?? valueFor(question, knockout || rnd.next() < style.quality, rnd, day);
    if (value === null) continue;
    out.push({
      questionnaireId: q.id,
      questionId: question.id,
      answer: { status: 'answered', value },
      ...(rnd.next() < 0.12 ? { note: rnd.pick(NOTES) } : {}),
    });
  }
  return out;
}
