/**
 * What an assessment's answers mean right now: which questions are visible, which red
 * flags are raised (and why), and progress per section. Pure; run after every answer.
 */
import { evaluateCondition, type AnswerView, type ConditionContext } from './condition';
import { matchesPattern } from './pattern';
import type { AnswerValue } from './answer';
import { SEVERITIES, type Question, type Questionnaire, type RedFlagRule } from './questionnaire';
import type { z } from 'zod';
import type { AssessmentStateView, RaisedFlagSchema } from './assessment';

/** A red flag raised: its rule's condition holds, or the vendor refused to answer the question. */
export type RaisedFlag = z.output<typeof RaisedFlagSchema>;

/** Progress of one section. */
export type SectionProgress = AssessmentStateView['sections'][number];

export interface AssessmentState {
  /** Keys "questionnaireId/questionId" of the questions shown now. */
  visible: Set<string>;
  flags: RaisedFlag[];
  sections: SectionProgress[];
  answered: number;
  applicable: number;
}

/** The key of one question across an assessment's questionnaires. */
export const answerKey = (questionnaireId: string, questionId: string) => `${questionnaireId}/${questionId}`;

/**
 * A questionnaire laid out once for evaluating it many times (re-scoring a portfolio
 * evaluates thousands of assessments against the same few questionnaires): questions in
 * order, their answer keys, positions by id, and what a refusal of each raises.
 */
interface QuestionnairePlan {
  /** Every question, section after section. */
  questions: Question[];
  /** answerKey of each question, by position. */
  keys: string[];
  /** The position a question id stands for (the last with that id, as a Map built in order keeps it). */
  positionOf: Map<string, number>;
  /** positionOf each question's own id, by position. */
  idPosition: Int32Array;
  /** Where each section's questions start in `questions` (and one more: the end). */
  sectionStarts: number[];
  /** The flag a refusal raises, by position: the most severe rule (the first of equals), a knockout if any is; null without rules. */
  refusal: ({ rule: RedFlagRule; knockout: boolean } | null)[];
}
const plans = new WeakMap<Questionnaire, QuestionnairePlan>();

/** The evaluation plan of a questionnaire (built once per questionnaire object). */
export function planOf(q: Questionnaire): QuestionnairePlan {
  let plan = plans.get(q);
  if (!plan) {
    const questions = q.sections.flatMap((s) => s.questions);
    const positionOf = new Map(questions.map((x, i) => [x.id, i]));
    const sectionStarts: number[] = [];
    let at = 0;
    for (const section of q.sections) {
      sectionStarts.push(at);
      at += section.questions.length;
    }
    sectionStarts.push(at);
    plan = {
      questions,
      keys: questions.map((x) => answerKey(q.id, x.id)),
      positionOf,
      idPosition: Int32Array.from(questions, (x) => positionOf.get(x.id)!),
      sectionStarts,
      refusal: questions.map((x) =>
        x.redFlags.length === 0
          ? null
          : {
              rule: [...x.redFlags].sort(
                (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
              )[0]!,
              knockout: x.redFlags.some((r) => r.knockout),
            },
      ),
    };
    plans.set(q, plan);
  }
  return plan;
}

/** What a condition sees of a question without a shown answer, and of one not applicable or refused. */
const UNANSWERED: AnswerView = Object.freeze({ state: 'unanswered' });
const STATE_VIEWS: Readonly<Record<string, AnswerView>> = {
  'not-applicable': Object.freeze({ state: 'not-applicable' }),
  refused: Object.freeze({ state: 'refused' }),
};

/** {@link AssessmentState} with visibility by position in each questionnaire's plan instead of a set of keys. */
export interface PlannedState extends Omit<AssessmentState, 'visible'> {
  /** Per questionnaire, per position in its plan: 1 when the question is shown. */
  shown: Uint8Array[];
  /** Per questionnaire, per position: the answer of each shown question (null when it has none). */
  shownAnswers: (AnswerValue | null)[][];
}

/** Evaluates show-if conditions, red-flag rules and progress for a set of answers. */
export function evaluateAssessment(
  questionnaires: readonly Questionnaire[],
  answers: ReadonlyMap<string, AnswerValue | null>,
): AssessmentState {
  const { shown, shownAnswers: _answers, ...state } = evaluatePlanned(questionnaires, answers);
  const visible = new Set<string>();
  questionnaires.forEach((q, n) => {
    const { keys } = planOf(q);
    const at = shown[n]!;
    for (let i = 0; i < keys.length; i++) if (at[i]) visible.add(keys[i]!);
  });
  return { visible, ...state };
}

/**
 * {@link evaluateAssessment} with the shown questions by position (scoring reads them so,
 * without building a set of keys for each of thousands of assessments).
 */
export function evaluatePlanned(
  questionnaires: readonly Questionnaire[],
  answers: ReadonlyMap<string, AnswerValue | null>,
): PlannedState {
  const shown: Uint8Array[] = [];
  const shownAnswers: (AnswerValue | null)[][] = [];
  const flags: RaisedFlag[] = [];
  const sections: SectionProgress[] = [];
  let answered = 0;
  let applicable = 0;

  for (const q of questionnaires) {
    const plan = planOf(q);
    const { questions, keys, positionOf, idPosition } = plan;
    // Per position (of an id): 0 not worked out yet, 1 shown, 2 hidden.
    const memo = new Uint8Array(questions.length);
    const visiting = new Uint8Array(questions.length);
    const views: (AnswerView | undefined)[] = new Array<AnswerView | undefined>(questions.length);
    // Each answer looked up once (by position of its id): null when there is none.
    const found: (AnswerValue | null | undefined)[] = new Array<AnswerValue | null | undefined>(
      questions.length,
    );
    const answerAt = (i: number): AnswerValue | null => (found[i] ??= answers.get(keys[i]!) ?? null);
    const isVisibleAt = (i: number): boolean => {
      const question = questions[i]!;
      if (!question.showIf) return true;
      const cached = memo[i]!;
      if (cached !== 0) return cached === 1;
      if (visiting[i]) return false;
      visiting[i] = 1;
      const result = evaluateCondition(question.showIf, ctx);
      visiting[i] = 0;
      memo[i] = result ? 1 : 2;
      return result;
    };
    const isVisible = (id: string): boolean => {
      const i = positionOf.get(id);
      return i !== undefined && isVisibleAt(i);
    };
    const computeView = (i: number): AnswerView => {
      const a = answerAt(i);
      // A hidden question counts as unanswered, whatever was typed before it was hidden.
      if (!a || !isVisibleAt(i)) return UNANSWERED;
      if (a.status !== 'answered') return STATE_VIEWS[a.status] ?? { state: a.status };
      return Array.isArray(a.value)
        ? { state: 'answered', values: a.value }
        : { state: 'answered', value: a.value };
    };
    const view = (id: string): AnswerView => {
      const i = positionOf.get(id);
      // An id the questionnaire does not have is never shown, so never answered.
      if (i === undefined) return UNANSWERED;
      return (views[i] ??= computeView(i));
    };
    const ctx: ConditionContext = { answer: view, isVisible, matches: matchesPattern };
    const visibleHere = new Uint8Array(questions.length);
    shown.push(visibleHere);
    const answersHere = new Array<AnswerValue | null>(questions.length);
    shownAnswers.push(answersHere);

    q.sections.forEach((section, s) => {
      const progress: SectionProgress = {
        questionnaireId: q.id,
        sectionId: section.id,
        title: section.title,
        answered: 0,
        applicable: 0,
        visible: 0,
      };
      for (let i = plan.sectionStarts[s]!; i < plan.sectionStarts[s + 1]!; i++) {
        const question = questions[i]!;
        const at = idPosition[i]!;
        if (!isVisibleAt(at)) continue;
        visibleHere[i] = 1;
        progress.visible += 1;
        const answer = answerAt(at);
        answersHere[i] = answer;
        // The state of the shown answer: as a condition saw it if one asked already, else from the answer.
        const state = views[at]?.state ?? answer?.status ?? 'unanswered';
        if (state !== 'not-applicable') progress.applicable += 1;
        if (state === 'answered' || state === 'refused') progress.answered += 1;
        const refusal = plan.refusal[i];
        if (state === 'refused' && refusal) {
          // One flag for a refusal: the most severe of the question's rules, a knockout if any is.
          flags.push({
            questionnaireId: q.id,
            ruleId: refusal.rule.id,
            questionId: question.id,
            severity: refusal.rule.severity,
            message: refusal.rule.message,
            knockout: refusal.knockout,
            reason: 'refused',
          });
        } else {
          for (const rule of question.redFlags) {
            if (evaluateCondition(rule.when, ctx)) {
              flags.push({
                questionnaireId: q.id,
                ruleId: rule.id,
                questionId: question.id,
                severity: rule.severity,
                message: rule.message,
                knockout: rule.knockout,
                reason: 'rule',
              });
            }
          }
        }
      }
      for (const rule of section.redFlags) {
        if (evaluateCondition(rule.when, ctx)) {
          flags.push({
            questionnaireId: q.id,
            ruleId: rule.id,
            questionId: null,
            severity: rule.severity,
            message: rule.message,
            knockout: rule.knockout,
            reason: 'rule',
          });
        }
      }
      answered += progress.answered;
      applicable += progress.applicable;
      sections.push(progress);
    });
  }
  return { shown, shownAnswers, flags, sections, answered, applicable };
}

/** Flags worst first: knockouts, then by severity; in question order within each. */
export function worstFlagsFirst<T extends { knockout: boolean; severity: (typeof SEVERITIES)[number] }>(
  flags: readonly T[],
): T[] {
  return [...flags].sort(
    (a, b) =>
      Number(b.knockout) - Number(a.knockout) ||
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
  );
}
