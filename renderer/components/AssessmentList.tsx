import { ASSESSMENT_STATUS_LABELS, type AssessmentSummary } from '../../electron/domain/assessment';
import './AssessmentList.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Assessments, newest first, each opening its page. */
export function AssessmentList({
  assessments,
  onOpen,
}: {
  assessments: AssessmentSummary[];
  onOpen(id: string): void;
}) {
  if (assessments.length === 0) return <p className="cell-muted">No assessments yet.</p>;
  return (
    <ul className="assessment-list">
      {assessments.map((a) => (
        <li key={a.id}>
          <button type="button" className="link-row" onClick={() => onOpen(a.id)}>
            <span>{a.questionnaires.map((q) => q.title).join(', ')}</span>
            <span className="cell-muted">
              {ASSESSMENT_STATUS_LABELS[a.status]} · started {dateFormat.format(new Date(a.createdAt))} by{' '}
              {a.createdBy}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
