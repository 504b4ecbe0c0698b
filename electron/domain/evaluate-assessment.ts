/**
 * What an assessment's answers mean right now: which questions are visible, which red
 * flags are raised (and why), and progress per section. Pure; run after every answer.
 */
import { evaluateCondition, type AnswerView, type ConditionContext } from './condition';
import { matchesPattern } from './pattern';
import type { AnswerValue } from './answer';
import { SEVERITIES, type Question, type Questionnaire } from './questionnaire';
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

interface QuestionnaireIndex {
  byId: Map<string, Question>;
  /** answerKey of each question id, built once (re-scoring a portfolio evaluates thousands of times). */
  keys: Map<string, string>;
}
const indexes = new WeakMap<Questionnaire, QuestionnaireIndex>();

/** The question index of a questionnaire (built once per questionnaire object). */
export function indexOf(q: Questionnaire): QuestionnaireIndex {
  let index = indexes.get(q);
  if (!index) {
    const all = q.sections.flatMap((s) => s.questions);
    index = {
      byId: new Map(all.map((x) => [x.id, x])),
      keys: new Map(all.map((x) => [x.id, answerKey(q.id, x.id)])),
    };
    indexes.set(q, index);
  }
  return index;
}

/** Evaluates show-if conditions, red-flag rules and progress for a set of answers. */
export function evaluateAssessment(
  questionnaires: readonly Questionnaire[],
  answers: ReadonlyMap<string, AnswerValue | null>,
): AssessmentState {
  const visible = new Set<string>();
  const flags: RaisedFlag[] = [];
  const sections: SectionProgress[] = [];
  let answered = 0;
  let applicable = 0;

  for (const q of questionnaires) {
    const { byId, keys } = indexOf(q);
    const memo = new Map<string, boolean>();
    const visiting = new Set<string>();
    const isVisible = (id: string): boolean => {
      const question = byId.get(id);
      if (!question) return false;
      if (!question.showIf) return true;
      const cached = memo.get(id);
      if (cached !== undefined) return cached;
      if (visiting.has(id)) return false;
      visiting.add(id);
      const result = !question.showIf || evaluateCondition(question.showIf, ctx);
      visiting.delete(id);
      memo.set(id, result);
      return result;
    };
    const views = new Map<string, AnswerView>();
    const view = (id: string): AnswerView => {
      let v = views.get(id);
      if (!v) {
        v = computeView(id);
        views.set(id, v);
      }
      return v;
    };
    const computeView = (id: string): AnswerView => {
      const a = answers.get(keys.get(id) ?? answerKey(q.id, id));
      // A hidden question counts as unanswered, whatever was typed before it was hidden.
      if (!a || !isVisible(id)) return { state: 'unanswered' };
      if (a.status !== 'answered') return { state: a.status };
      return Array.isArray(a.value)
        ? { state: 'answered', values: a.value }
        : { state: 'answered', value: a.value };
    };
    const ctx: ConditionContext = { answer: view, isVisible, matches: matchesPattern };

    for (const section of q.sections) {
      const progress: SectionProgress = {
        questionnaireId: q.id,
        sectionId: section.id,
        title: section.title,
        answered: 0,
        applicable: 0,
        visible: 0,
      };
      for (const question of section.questions) {
        if (!isVisible(question.id)) continue;
        visible.add(keys.get(question.id)!);
        progress.visible += 1;
        const a = view(question.id);
        if (a.state !== 'not-applicable') progress.applicable += 1;
        if (a.state === 'answered' || a.state === 'refused') progress.answered += 1;
        if (a.state === 'refused' && question.redFlags.length > 0) {
          // One flag for a refusal: the most severe of the question's rules, a knockout if any is.
          const worst = [...question.redFlags].sort(
            (x, y) => SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity),
          )[0]!;
          flags.push({
            questionnaireId: q.id,
            ruleId: worst.id,
            questionId: question.id,
            severity: worst.severity,
            message: worst.message,
            knockout: question.redFlags.some((r) => r.knockout),
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
    }
  }
  return { visible, flags, sections, answered, applicable };
}
