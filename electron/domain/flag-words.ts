/**
 * A vendor's red flags as a reader outside the app needs them: why each was raised (the
 * question asked and the answer given, never an internal id), who owns it and what
 * happens next (the decision's condition that covers it, else a step derived from the
 * flag, with a suggested date). And the one-paragraph headline of a vendor report. Pure.
 */
import { z } from 'zod';
import type { AnswerValue } from './answer';
import { conditionReferences } from './condition';
import { answerKey } from './evaluate-assessment';
import type { Question, Questionnaire, RedFlagRule } from './questionnaire';
import { answerText } from './report-data';
import { CLAUSE_QUESTIONNAIRE_ID } from './clauses';
import { DEVICE_QUESTIONNAIRE_ID } from './device-checks';
import { SEVERITIES } from './questionnaire';

/** One question behind a flag, with the answer given in words. */
export const FlagReasonSchema = z.object({ question: z.string(), answer: z.string() });
export type FlagReason = z.output<typeof FlagReasonSchema>;

/** A red flag as the vendor report prints it. */
export const FlagLineSchema = z.object({
  severity: z.enum(SEVERITIES),
  knockout: z.boolean(),
  message: z.string(),
  /** Where the flag comes from: an answer of the assessment, the contract, the devices in our inventory. */
  source: z.enum(['answer', 'contract', 'devices']),
  /** The questions behind the flag, each with the answer given (empty when none can be named). */
  reasons: z.array(FlagReasonSchema),
  /** Who owns the next step: the covering condition's owner, else the vendor's owner, else "Unassigned". */
  owner: z.string(),
  nextStep: z.string(),
  /** The date the step is due by (a condition's due date, or the suggested date of a derived step). */
  due: z.string().nullable(),
  /** The next step is a condition of the recorded decision (rather than derived from the flag). */
  fromCondition: z.boolean(),
});
export type FlagLine = z.output<typeof FlagLineSchema>;

/** A raised flag as the scoring model returns it (only the fields the words need). */
export interface RaisedFlagLike {
  questionnaireId: string;
  ruleId: string;
  questionId: string | null;
  severity: (typeof SEVERITIES)[number];
  message: string;
  knockout: boolean;
  reason: 'rule' | 'refused';
}

/** What a flag's words are drawn from. */
export interface FlagContext {
  /** Every questionnaire the flags can come from (the assessment's, the contract's, the devices'). */
  questionnaires: readonly Questionnaire[];
  /** Answers keyed by answerKey(questionnaireId, questionId). */
  answers: ReadonlyMap<string, AnswerValue | null>;
  decision: {
    decision: 'approve' | 'approve-with-conditions' | 'reject';
    decidedAt: string;
    conditions: readonly { text: string; owner: string; due: string }[];
  } | null;
  vendorOwner: string;
  nextReassessment: string | null;
  /** Today, YYYY-MM-DD. */
  today: string;
}

/**
 * Days from today within which a derived next step is suggested, by severity (a knockout
 * counts as critical); capped by the vendor's next reassessment when that comes sooner.
 */
export const NEXT_STEP_DAYS: Record<(typeof SEVERITIES)[number], number> = {
  critical: 30,
  high: 60,
  medium: 90,
  low: 180,
};

const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<string, number>;

/** The questions behind a flag, with the answers given, in words. */
export function flagReasons(flag: RaisedFlagLike, ctx: Pick<FlagContext, 'questionnaires' | 'answers'>) {
  const q = ctx.questionnaires.find((x) => x.id === flag.questionnaireId);
  if (!q) return [];
  const questions = new Map<string, Question>();
  let rule: RedFlagRule | undefined;
  for (const section of q.sections) {
    rule ??= section.redFlags.find((r) => r.id === flag.ruleId);
    for (const question of section.questions) {
      questions.set(question.id, question);
      if (question.id === flag.questionId) rule ??= question.redFlags.find((r) => r.id === flag.ruleId);
    }
  }
  const ids = [
    ...(flag.questionId ? [flag.questionId] : []),
    ...(rule ? conditionReferences(rule.when).answers : []),
  ];
  const out: FlagReason[] = [];
  for (const id of new Set(ids)) {
    const question = questions.get(id);
    if (!question) continue;
    out.push({
      question: question.text,
      answer: answerText(question, ctx.answers.get(answerKey(q.id, id)) ?? null),
    });
  }
  return out;
}

/** Words too common to tie a condition to a flag. */
const COMMON = new Set(
  (
    'the and for with that this from our ours your their them they its are was were has have had not but all any ' +
    'every each one per can may must will should does did into onto over under than then when where which who ' +
    'what about only also more most less such same other data vendor vendors service services contract ' +
    'deliver send confirm writing written current last new make made give given provide provided ensure use used ' +
    'answer answers question report reports plan plans yes partly partial'
  ).split(' '),
);

function keywords(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
      .filter((w) => w.length >= 3 && !COMMON.has(w))
      .map((w) => (w.length > 4 ? w.replace(/(ing|ed|es|e|s)$/, '') : w)),
  );
}

/** Distinctive words a condition must share with a flag (and its questions) to cover it. */
export const COVERING_WORDS = 2;

/**
 * The decision's condition that covers a flag: one that shares at least COVERING_WORDS
 * distinctive words with the flag or its questions ("MFA" and "administrator", "penetration"
 * and "test"), the earliest due first. Null when the decision has no such condition.
 */
export function coveringCondition<C extends { text: string; due: string }>(
  flag: { message: string },
  reasons: readonly FlagReason[],
  conditions: readonly C[],
): C | null {
  const words = keywords([flag.message, ...reasons.map((r) => r.question)].join(' '));
  const covering = conditions.filter(
    (c) => [...keywords(c.text)].filter((w) => words.has(w)).length >= COVERING_WORDS,
  );
  return [...covering].sort((a, b) => a.due.localeCompare(b.due))[0] ?? null;
}

/** A date `days` after an ISO day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The source of a flag in the report's terms. */
export function flagSourceOf(flag: Pick<RaisedFlagLike, 'questionnaireId'>): FlagLine['source'] {
  if (flag.questionnaireId === CLAUSE_QUESTIONNAIRE_ID) return 'contract';
  if (flag.questionnaireId === DEVICE_QUESTIONNAIRE_ID) return 'devices';
  return 'answer';
}

/**
 * The date a step on a flag of `severity` is suggested by: the vendor's next reassessment or
 * the severity's NEXT_STEP_DAYS from today, whichever is sooner (never in the past).
 */
export function suggestedDue(
  severity: (typeof SEVERITIES)[number],
  today: string,
  nextReassessment: string | null,
): string {
  const byDays = addDays(today, NEXT_STEP_DAYS[severity]);
  const re = nextReassessment && nextReassessment >= today ? nextReassessment : null;
  return re && re < byDays ? re : byDays;
}

/**
 * The next step of a flag that no condition covers, with its suggested date: the
 * vendor's next reassessment or the severity's NEXT_STEP_DAYS from today, whichever is
 * sooner (never in the past).
 */
export function derivedNextStep(
  flag: RaisedFlagLike,
  ctx: Pick<FlagContext, 'decision' | 'nextReassessment' | 'today'>,
  evidenceQuestion = false,
): { step: string; due: string } {
  const severity = flag.knockout ? 'critical' : flag.severity;
  const due = suggestedDue(severity, ctx.today, ctx.nextReassessment);
  if (ctx.decision?.decision === 'reject')
    return {
      step: `The vendor was rejected: plan the exit, or re-assess before any renewal, by ${due}`,
      due,
    };
  const source = flagSourceOf(flag);
  if (source === 'contract' && flag.ruleId.endsWith('-contradicts'))
    return {
      step: `Ask the vendor which is right, the contract or its answer, and correct the other, by ${due}`,
      due,
    };
  if (source === 'contract')
    return {
      step: `Negotiate the clause at the next contract change, or record a waiver with its reason, by ${due}`,
      due,
    };
  if (source === 'devices')
    return {
      step: `Ask the vendor for fixed firmware or a mitigation, or accept the finding with a reason; re-check the devices by ${due}`,
      due,
    };
  if (flag.reason === 'refused')
    return { step: `Ask the vendor again for an answer, or for evidence instead, by ${due}`, due };
  if (evidenceQuestion) return { step: `Ask the vendor for current evidence by ${due}`, due };
  if (flag.knockout || severity === 'critical' || severity === 'high')
    return { step: `Ask the vendor for a remediation plan with dates; re-assess by ${due}`, due };
  return { step: `Re-assess by ${due}`, due };
}

/** How a flag raised by a refusal begins in a report. */
const REFUSED_COUNTED_AS = 'Refused to answer, counted as: ';

/** A flag as the vendor report prints it: reasons in words, owner, next step and its date. */
export function flagLine(flag: RaisedFlagLike, ctx: FlagContext): FlagLine {
  const reasons = flagReasons(flag, ctx);
  const source = flagSourceOf(flag);
  const owner = ctx.vendorOwner.trim() || 'Unassigned';
  const condition =
    ctx.decision?.decision === 'approve-with-conditions'
      ? coveringCondition(flag, reasons, ctx.decision.conditions)
      : null;
  // A refusal raises the question's worst flag: said as what it is, not as a fact the vendor stated.
  const message = flag.reason === 'refused' ? `${REFUSED_COUNTED_AS}${flag.message}` : flag.message;
  const base = { severity: flag.severity, knockout: flag.knockout, message, source, reasons };
  if (condition) {
    const late = condition.due < ctx.today ? ' (past due)' : '';
    return {
      ...base,
      owner: condition.owner,
      nextStep: `Condition of the approval: ${condition.text}, due ${condition.due}${late}`,
      due: condition.due,
      fromCondition: true,
    };
  }
  const q = ctx.questionnaires.find((x) => x.id === flag.questionnaireId);
  const evidence = !!q?.sections.some((s) =>
    s.questions.some((x) => x.id === flag.questionId && x.type === 'evidence'),
  );
  const { step, due } = derivedNextStep(flag, ctx, evidence);
  return { ...base, owner, nextStep: step, due, fromCondition: false };
}

/** Every flag as a line, knockouts first, then by severity. */
export function flagLines(flags: readonly RaisedFlagLike[], ctx: FlagContext): FlagLine[] {
  return [...flags]
    .sort(
      (a, b) =>
        Number(b.knockout) - Number(a.knockout) || SEVERITY_RANK[a.severity]! - SEVERITY_RANK[b.severity]!,
    )
    .map((f) => flagLine(f, ctx));
}
