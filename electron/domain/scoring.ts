/**
 * The scoring model (docs/scoring.md): points per answer times the question's weight,
 * a 0–100 control score per domain (section) and overall, completeness beside it, and
 * an explanation whose contributions add up exactly to the score. Pure and deterministic.
 */
import type { AnswerValue } from './answer';
import type { Evidence } from './assessment';
import { evaluatePlanned, planOf } from './evaluate-assessment';
import type { Question, Questionnaire } from './questionnaire';
import type { AssessmentScore, Contribution, DomainScore } from './score-shapes';

export type { AssessmentScore, Contribution, DomainScore };

const YES_NO_DEFAULT = { yes: 100, partial: 50, no: 0 } as const;
const YES_NO_WORDS: Record<string, string> = { yes: 'Yes', partial: 'Partly', no: 'No' };

/** Months after its period end that a SOC 2 report still counts. */
export const SOC2_VALID_MONTHS = 12;

/** Whether a piece of evidence still counts on a day, and if not, why. */
export function evidenceValidity(
  e: Pick<Evidence, 'kind' | 'periodEnd' | 'expiresAt'>,
  today: string,
): { valid: boolean; reason?: string } {
  if (e.expiresAt && e.expiresAt < today) return { valid: false, reason: `expired on ${e.expiresAt}` };
  if ((e.kind === 'soc2-type1' || e.kind === 'soc2-type2') && e.periodEnd) {
    const limit = addMonths(e.periodEnd, SOC2_VALID_MONTHS);
    if (limit < today)
      return {
        valid: false,
        reason: `SOC 2 report period ended ${e.periodEnd}, more than ${SOC2_VALID_MONTHS} months ago`,
      };
  }
  return { valid: true };
}

/**
 * Points (0–100) an answer earns, or null when the question is not scored (text and
 * dates, numbers without bands) or the answer does not count (not applicable).
 */
export function answerPoints(
  question: Question,
  answer: AnswerValue,
  evidence: readonly Pick<Evidence, 'id' | 'kind' | 'periodEnd' | 'expiresAt'>[],
  today: string,
): { points: number; words: string; reason?: string } | null {
  if (answer.status === 'not-applicable') return null;
  if (!isScored(question)) return null;
  if (answer.status === 'refused')
    return { points: 0, words: 'Refused', reason: 'the vendor refused or could not answer' };
  const v = answer.value;
  switch (question.type) {
    case 'yes-no': {
      const table = question.yesNoPoints ?? YES_NO_DEFAULT;
      const key = String(v) as keyof typeof YES_NO_DEFAULT;
      return { points: table[key] ?? 0, words: YES_NO_WORDS[key] ?? String(v) };
    }
    case 'single-choice': {
      const c = question.choices!.find((x) => x.id === v);
      return { points: c?.points ?? 0, words: c?.label ?? String(v) };
    }
    case 'multiple-choice': {
      const chosen = question.choices!.filter((x) => Array.isArray(v) && v.includes(x.id));
      return {
        points: Math.min(
          100,
          chosen.reduce((n, c) => n + c.points, 0),
        ),
        words: chosen.map((c) => c.label).join(', ') || 'None',
      };
    }
    case 'number': {
      const n = Number(v);
      const band = question.numberBands!.find(
        (b) => (b.min === undefined || n >= b.min) && (b.max === undefined || n <= b.max),
      );
      return { points: band?.points ?? 0, words: `${n}${question.unit ? ` ${question.unit}` : ''}` };
    }
    case 'evidence': {
      const ids = Array.isArray(v) ? v : [];
      const files = evidence.filter((e) => ids.includes(e.id));
      const valid = files.filter((e) => evidenceValidity(e, today).valid);
      if (valid.length)
        return { points: 100, words: `${valid.length} valid file${valid.length > 1 ? 's' : ''}` };
      const why = files.map((e) => evidenceValidity(e, today).reason).find(Boolean);
      return {
        points: 0,
        words: files.length ? 'No valid evidence' : 'No evidence',
        reason: why ? `evidence counts as missing: ${why}` : 'no evidence attached',
      };
    }
    default:
      return null;
  }
}

/** Whether a question adds to the score at all. */
export function isScored(q: Question): boolean {
  if (q.weight === 0) return false;
  if (q.type === 'number') return Boolean(q.numberBands?.length);
  return (
    q.type === 'yes-no' || q.type === 'single-choice' || q.type === 'multiple-choice' || q.type === 'evidence'
  );
}

/** Scores an assessment's answers; the explanation's contributions sum to the score. */
export function scoreAssessment(input: {
  questionnaires: readonly Questionnaire[];
  answers: ReadonlyMap<string, AnswerValue | null>;
  evidence: readonly Pick<Evidence, 'id' | 'kind' | 'periodEnd' | 'expiresAt'>[];
  today: string;
  /** false: the score, domains and flags only, without the per-answer explanation (portfolio re-scoring). */
  explain?: boolean;
}): AssessmentScore {
  const explain = input.explain !== false;
  const state = evaluatePlanned(input.questionnaires, input.answers);
  const raw: (Omit<Contribution, 'contribution' | 'lost'> & { earned: number; max: number })[] = [];
  const domains: DomainScore[] = [];

  let totalEarned = 0;
  let totalMax = 0;
  let sectionAt = 0;
  input.questionnaires.forEach((q, n) => {
    const { sectionStarts } = planOf(q);
    const shown = state.shown[n]!;
    const shownAnswers = state.shownAnswers[n]!;
    q.sections.forEach((section, s) => {
      let earned = 0;
      let max = 0;
      const start = sectionStarts[s]!;
      section.questions.forEach((question, i) => {
        if (!shown[start + i]) return;
        const answer = shownAnswers[start + i];
        if (!answer) return;
        const scored = answerPoints(question, answer, input.evidence, input.today);
        if (!scored) return;
        const e = (question.weight * scored.points) / 100;
        earned += e;
        max += question.weight;
        if (!explain) return;
        raw.push({
          questionnaireId: q.id,
          sectionId: section.id,
          questionId: question.id,
          question: question.text,
          answer: scored.words,
          points: scored.points,
          weight: question.weight,
          earned: e,
          max: question.weight,
          ...(scored.reason ? { reason: scored.reason } : {}),
        });
      });
      totalEarned += earned;
      totalMax += max;
      // Sections are evaluated in the same order, so the progress of this one is the next.
      const progress = state.sections[sectionAt++]!;
      domains.push({
        questionnaireId: q.id,
        sectionId: section.id,
        title: section.title,
        score: max > 0 ? round1((100 * earned) / max) : null,
        answered: progress.answered,
        applicable: progress.applicable,
      });
    });
  });

  const exact = raw.map((r) => (totalMax > 0 ? (100 * r.earned) / totalMax : 0));
  const score = totalMax > 0 ? round1((100 * totalEarned) / totalMax) : null;
  const shown = score === null ? exact.map(() => 0) : apportion(exact, score);
  const contributions: Contribution[] = raw.map(({ earned: _e, max, ...r }, i) => ({
    ...r,
    contribution: shown[i]!,
    lost: totalMax > 0 ? round1((100 * (max - _e)) / totalMax) : 0,
  }));
  contributions.sort((a, b) => b.lost - a.lost || b.contribution - a.contribution);

  return {
    score,
    completeness: state.applicable ? state.answered / state.applicable : 0,
    answered: state.answered,
    applicable: state.applicable,
    domains,
    contributions,
    flags: state.flags,
  };
}

/**
 * Rounds values to one decimal so that they add up exactly to `total` (largest
 * remainder): the explanation never disagrees with the score shown.
 */
export function apportion(values: readonly number[], total: number): number[] {
  const tenths = values.map((v) => v * 10);
  const floors = tenths.map(Math.floor);
  let missing = Math.round(total * 10) - floors.reduce((a, b) => a + b, 0);
  const order = tenths.map((v, i) => ({ i, r: v - Math.floor(v) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i]! += 1;
    missing -= 1;
  }
  return floors.map((f) => f / 10);
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** An ISO date plus some months (clamped to the month's end). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
