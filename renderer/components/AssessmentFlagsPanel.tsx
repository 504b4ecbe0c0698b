import type { Questionnaire } from '../../electron/domain/questionnaire';
import type { RaisedFlag } from '../../electron/domain/evaluate-assessment';
import { flagQuestionId } from '../../electron/domain/assessment-review';
import { FlagItem, FlagList, FlagSeverity } from './Flags';
import './AssessmentFlagsPanel.css';

/** The red flags raised so far, each a link to the question it belongs to. */
export function AssessmentFlagsPanel({
  flags,
  questionnaires,
  onJump,
}: {
  flags: RaisedFlag[];
  questionnaires: Questionnaire[];
  onJump(questionnaireId: string, questionId: string): void;
}) {
  const knockouts = flags.filter((f) => f.knockout).length;
  return (
    <aside className="flags-panel" aria-label="Red flags">
      <h3>
        Red flags ({flags.length}
        {knockouts ? `, ${knockouts} knockout${knockouts > 1 ? 's' : ''}` : ''})
      </h3>
      {flags.length === 0 ? (
        <p className="cell-muted">None raised so far.</p>
      ) : (
        <FlagList live>
          {flags.map((f) => {
            const target = flagQuestionId(questionnaires, f);
            return (
              <FlagItem key={`${f.questionnaireId}/${f.ruleId}`} flag={f}>
                <button
                  type="button"
                  className="flag-link"
                  disabled={!target}
                  title={target ? 'Open the question' : undefined}
                  onClick={() => target && onJump(f.questionnaireId, target)}
                >
                  <FlagSeverity flag={f} />
                  <span className="flag-message">{f.message}</span>
                  {f.reason === 'refused' && (
                    <span className="cell-muted">Raised because the vendor refused to answer.</span>
                  )}
                </button>
              </FlagItem>
            );
          })}
        </FlagList>
      )}
    </aside>
  );
}
