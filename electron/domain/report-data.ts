/**
 * Turning stored data into what a report prints: answers in words, the appendix with its
 * limit, a vendor's clause lines, and the board report's tier history. Pure.
 */
import type { AnswerValue, StoredAnswer } from './answer';
import type { Question, Questionnaire } from './questionnaire';
import { formatClauseValue, type VendorClauses } from './clauses';
import { answerKey, evaluateAssessment } from './evaluate-assessment';
import type { PortfolioTier } from './portfolio';

/** An answer as a reader would say it: choice labels, "Not applicable", the vendor's refusal. */
export function answerText(question: Question, answer: AnswerValue | null): string {
  if (!answer) return 'Not answered';
  if (answer.status === 'not-applicable') return 'Not applicable';
  if (answer.status === 'refused') return 'Refused or could not answer';
  const v = answer.value;
  const label = (id: string) => question.choices?.find((c) => c.id === id)?.label ?? id;
  if (Array.isArray(v)) return v.map(label).join(', ') || '(none chosen)';
  if (typeof v === 'number') return question.unit ? `${v} ${question.unit}` : String(v);
  if (question.type === 'yes-no') return { yes: 'Yes', no: 'No', partial: 'Partly' }[v] ?? v;
  if (question.type === 'single-choice') return label(v);
  return v;
}

export interface AppendixRow {
  id: string;
  question: string;
  answer: string;
  note: string;
}

/**
 * Every recorded answer and note, by questionnaire and section in questionnaire order,
 * at most `limit` of them (the caller says how many were left out).
 */
export function appendixOf(
  questionnaires: readonly Questionnaire[],
  answers: readonly StoredAnswer[],
  limit: number,
): {
  sections: { questionnaire: string; title: string; rows: AppendixRow[] }[];
  shown: number;
  total: number;
} {
  const byKey = new Map(answers.map((a) => [answerKey(a.questionnaireId, a.questionId), a]));
  // A question its conditions hide does not apply: an answer left from before is not printed.
  const { visible } = evaluateAssessment(
    questionnaires,
    new Map(answers.map((a) => [answerKey(a.questionnaireId, a.questionId), a.answer])),
  );
  const sections: { questionnaire: string; title: string; rows: AppendixRow[] }[] = [];
  let shown = 0;
  let total = 0;
  for (const q of questionnaires) {
    for (const section of q.sections) {
      const rows: AppendixRow[] = [];
      for (const question of section.questions) {
        const key = answerKey(q.id, question.id);
        const stored = byKey.get(key);
        if (!stored || (!stored.answer && !stored.note) || !visible.has(key)) continue;
        total += 1;
        if (shown >= limit) continue;
        shown += 1;
        rows.push({
          id: question.id,
          question: question.text,
          answer: answerText(question, stored.answer),
          note: stored.note,
        });
      }
      if (rows.length) sections.push({ questionnaire: q.title, title: section.title, rows });
    }
  }
  return { sections, shown, total };
}

/** A vendor's clauses as the report lists them, or null while nothing is recorded. */
export function clauseLines(vendorClauses: VendorClauses): {
  clauses: {
    title: string;
    status: VendorClauses['clauses'][number]['status'];
    state: VendorClauses['clauses'][number]['state'];
    value: string | null;
    problems: string[];
    waiver: string | null;
  }[];
  signOff: string;
} | null {
  if (!vendorClauses.clauses.some((c) => c.updatedAt !== null)) return null;
  const s = vendorClauses.signOff;
  const signOff =
    vendorClauses.signOffState === 'signed' && s
      ? `Signed off by legal: ${s.reviewer}, ${s.signedAt.slice(0, 10)}.`
      : vendorClauses.signOffState === 'reopened' && s
        ? `Legal sign-off of ${s.signedAt.slice(0, 10)} (${s.reviewer}) reopened on ${s.reopenedAt?.slice(0, 10)} by a change to a clause.`
        : 'Not signed off by legal yet.';
  return {
    signOff,
    clauses: vendorClauses.clauses.map((c) => ({
      title: c.clause.title,
      status: c.status,
      state: c.state,
      value: c.value ? formatClauseValue(c.value) : null,
      problems: [...c.deviation.reasons, ...c.deviation.unjudged, ...c.contradictions.map((x) => x.message)],
      waiver: c.waiver ? `${c.waiver.reason} (accepted by ${c.waiver.acceptedBy})` : null,
    })),
  };
}

export interface BoardHistoryPoint {
  date: string;
  tiers: Record<PortfolioTier, number>;
}

/** How many earlier board reports the trend keeps. */
export const BOARD_HISTORY_LIMIT = 24;

/**
 * The history with today's report added: one point per day (a second report on the same
 * day replaces the first), at most BOARD_HISTORY_LIMIT points.
 */
export function withBoardPoint<P extends BoardHistoryPoint>(history: readonly P[], point: P): P[] {
  const kept = history.filter((h) => h.date.slice(0, 10) !== point.date.slice(0, 10));
  return [...kept, point].slice(-BOARD_HISTORY_LIMIT);
}
