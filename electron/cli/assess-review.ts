/** `assess review`: what is left before submitting an assessment, as the app's "Review and submit" shows it. */
import type { ResponseOf } from '../ipc/contract';
import { assessIssuePath } from './assess-commands';
import { formatTable } from './format';
import { done, failureFromError } from './outcome';
import { request } from './session';
import type { CommandSpec } from './spec';

type Review = ResponseOf<'assessments.review'>;
type Item = Review['unansweredRequired'][number];

const questions = (items: readonly Item[], extra?: (i: number) => string) =>
  items.length
    ? formatTable(
        extra ? ['QUESTION', 'TEXT', 'WHY'] : ['QUESTION', 'TEXT'],
        items.map((q, i) => [`${q.questionnaireId}/${q.questionId}`, q.text, ...(extra ? [extra(i)] : [])]),
        80,
      )
    : 'None.';

/** A review as text: the three lists, the other unanswered questions, and whether it can be submitted. */
export function formatReview(r: Review): string {
  const flags = r.flags.length
    ? formatTable(
        ['SEVERITY', 'KO', 'QUESTION', 'MESSAGE'],
        r.flags.map((f) => [
          f.severity,
          f.knockout ? 'KO' : '',
          f.target ? `${f.questionnaireId}/${f.target.questionId}` : `${f.questionnaireId}/${f.ruleId}`,
          f.message,
        ]),
        200,
      )
    : 'None.';
  const ready = r.unansweredRequired.length
    ? `Not ready to submit: answer the ${r.unansweredRequired.length} required question${r.unansweredRequired.length > 1 ? 's' : ''} first.`
    : 'Ready to submit: vendor-risk assess status ASSESSMENT submitted';
  return [
    `Unanswered required questions (${r.unansweredRequired.length}):\n${questions(r.unansweredRequired)}`,
    `Red flags (${r.flags.length}, knockouts: ${r.knockouts}${r.knockouts ? `; the tier is at least ${r.knockoutTier}` : ''}):\n${flags}`,
    `Evidence missing (${r.evidenceMissing.length}):\n${questions(r.evidenceMissing, (i) => r.evidenceMissing[i]!.reason)}`,
    `Other unanswered questions (${r.unansweredOther.length}):\n${questions(r.unansweredOther)}`,
    ready,
  ].join('\n\n');
}

/** `assess review`: unanswered questions, red flags with their questions and missing evidence. */
export const assessReview: CommandSpec = {
  words: ['assess', 'review'],
  summary: 'What is left before submitting: unanswered, red flags, evidence missing',
  description:
    'Lists the required questions still unanswered (they block submitting), the red flags raised ' +
    'with the question each belongs to, the questions whose evidence is missing or no longer valid, ' +
    'and the other unanswered questions. Changes nothing; submit with `assess status ASSESSMENT submitted`.',
  args: ['ASSESSMENT'],
  options: {},
  examples: [
    'vendor-risk assess review 9b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    'vendor-risk assess review 9b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b --json | jq .unansweredRequired',
  ],
  async run({ dispatcher, args }) {
    const result = await request(dispatcher, 'assessments.review', { id: args[0] });
    if (!result.ok) return failureFromError(result.error, assessIssuePath);
    return done(() => formatReview(result.value), result.value);
  },
};
