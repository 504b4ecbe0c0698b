import type { RaisedFlag } from '../domain/evaluate-assessment';
import type { ResponseOf } from '../ipc/contract';
import { formatFields, formatTable } from './format';

type AssessmentDetail = ResponseOf<'assessments.get'>;
type AssessmentState = AssessmentDetail['state'];

const knockoutsOf = (state: AssessmentState) => state.flags.filter((f) => f.knockout).length;

/** `N red flags (k knockouts)`. */
export function flagCount(state: AssessmentState): string {
  return `${state.flags.length} red flags (${knockoutsOf(state)} knockouts)`;
}

/** An assessment as text: its fields, progress per section, red flags and follow-ups. */
export function formatAssessment(detail: AssessmentDetail): string {
  const { assessment: a, state, answers } = detail;
  const head = formatFields([
    ['Title', a.title],
    ['ID', a.id],
    ['Vendor', a.vendorId ?? '— (self-assessment)'],
    ['Status', a.status],
    ['Questionnaires', a.questionnaires.map((q) => `${q.title} ${q.version} (${q.id})`).join('\n')],
    ['Answered', `${state.answered} of ${state.applicable} applicable questions`],
    ['Evidence', `${detail.evidence.length} files`],
    ['Created', `${a.createdAt} by ${a.createdBy}`],
    ['Updated', a.updatedAt],
  ]);

  const progress = formatTable(
    ['QUESTIONNAIRE', 'SECTION', 'ANSWERED'],
    state.sections.map((s) => [s.questionnaireId, s.title, `${s.answered}/${s.applicable}`]),
    80,
  );

  const flags = flagsTable(state.flags);

  const followUps = answers.filter((x) => x.followUp);
  const followUpText = followUps.length
    ? formatTable(
        ['QUESTION', 'NOTE'],
        followUps.map((x) => [`${x.questionnaireId}/${x.questionId}`, x.note.split(/\r?\n/)[0] || '—']),
        200,
      )
    : 'None.';

  return [
    head,
    `Progress:\n${progress}`,
    `Red flags: ${state.flags.length}, knockouts: ${knockoutsOf(state)}\n${flags}`,
    `Follow-ups (${followUps.length}):\n${followUpText}`,
  ].join('\n\n');
}

/** Red flags as a table: severity, knockout, question, why, message. */
export function flagsTable(flags: readonly RaisedFlag[]): string {
  return flags.length
    ? formatTable(
        ['SEVERITY', 'KO', 'QUESTION', 'REASON', 'MESSAGE'],
        flags.map((f) => [
          f.severity,
          f.knockout ? 'KO' : '',
          `${f.questionnaireId}/${f.questionId ?? f.ruleId}`,
          f.reason,
          f.message,
        ]),
        200,
      )
    : 'None.';
}
