import { useState } from 'react';
import { useOperation } from '../hooks/useOperation';
import { useRoleLimit } from '../hooks/useTeam';
import {
  DECISION_LABELS,
  DECISIONS,
  overdueConditions,
  type Decision,
  type DecisionKind,
} from '../../electron/domain/decision';
import type { AssessmentSummary } from '../../electron/domain/assessment';
import { Dialog } from './Dialog';
import './DecisionPanel.css';

interface DecisionPanelProps {
  decisions: Decision[];
  assessments: AssessmentSummary[];
  onRecorded(): void;
}

const today = () => new Date().toISOString().slice(0, 10);
const blankCondition = () => ({ text: '', owner: '', due: '' });

/** The latest decision (with its conditions and what is overdue), its history, and recording a new one. */
export function DecisionPanel({ decisions, assessments, onRecorded }: DecisionPanelProps) {
  const [open, setOpen] = useState(false);
  const roleLimit = useRoleLimit('decisions');
  const decidable = assessments.filter((a) => a.status !== 'in-progress');
  const [latest, ...earlier] = decisions;
  return (
    <section aria-label="Decision">
      <div className="section-title-row">
        <h3>Decision</h3>
        <button
          type="button"
          className="button"
          disabled={decidable.length === 0 || roleLimit !== null}
          title={roleLimit ?? (decidable.length ? undefined : 'Submit an assessment first')}
          onClick={() => setOpen(true)}
        >
          Record decision
        </button>
      </div>
      {!latest ? (
        <p className="cell-muted">
          No decision yet.
          {/* Why the button is off, in words anyone reads (a disabled button's tooltip needs a mouse). */}
          {roleLimit === null && decidable.length === 0 && ' Submit an assessment to record one.'}
        </p>
      ) : (
        <div className="decision">
          <p>
            <strong className={`decision-${latest.decision}`}>{DECISION_LABELS[latest.decision]}</strong>{' '}
            <span className="cell-muted">
              by {latest.decidedBy} on <span className="nowrap">{latest.decidedAt.slice(0, 10)}</span> ·{' '}
              {latest.assessmentTitle}
            </span>
          </p>
          {latest.conditions.length > 0 && (
            <ul className="conditions" aria-label="Conditions">
              {latest.conditions.map((c, i) => (
                <li key={i}>
                  {c.text}{' '}
                  <span className="cell-muted">
                    — {c.owner}, due {c.due}
                  </span>
                  {overdueConditions({ conditions: [c] }, today()).length > 0 && (
                    <strong className="overdue"> (overdue)</strong>
                  )}
                </li>
              ))}
            </ul>
          )}
          {latest.notes && <p className="notes">{latest.notes}</p>}
          {earlier.length > 0 && (
            <details>
              <summary className="cell-muted">
                {earlier.length} earlier decision{earlier.length > 1 ? 's' : ''}
              </summary>
              <ul className="history">
                {earlier.map((d) => (
                  <li key={d.id}>
                    <span>{DECISION_LABELS[d.decision]}</span>
                    <span className="cell-muted">
                      {d.decidedBy} · {d.decidedAt.slice(0, 10)}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {open && (
        <DecisionDialog
          assessments={decidable}
          onClose={() => setOpen(false)}
          onRecorded={() => {
            setOpen(false);
            onRecorded();
          }}
        />
      )}
    </section>
  );
}

function DecisionDialog({
  assessments,
  onClose,
  onRecorded,
}: {
  assessments: AssessmentSummary[];
  onClose(): void;
  onRecorded(): void;
}) {
  const [assessmentId, setAssessmentId] = useState(assessments[0]?.id ?? '');
  const [decision, setDecision] = useState<DecisionKind>('approve');
  const [conditions, setConditions] = useState([blankCondition()]);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const record = useOperation('decisions.record', { toast: false });

  const save = async () => {
    if (record.busy) return;
    const r = await record.run({
      assessmentId,
      decision,
      conditions: decision === 'approve-with-conditions' ? conditions : [],
      notes,
    });
    if (r.ok) onRecorded();
    else
      setError(
        r.error.details?.length
          ? r.error.details.map((d) => `${d.path}: ${d.message}`).join('; ')
          : r.error.message,
      );
  };
  const setCondition = (i: number, key: 'text' | 'owner' | 'due', value: string) =>
    setConditions((cs) => cs.map((c, j) => (j === i ? { ...c, [key]: value } : c)));

  return (
    <Dialog
      title="Record a decision"
      open
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={record.busy}
            onClick={() => void save()}
          >
            Record decision
          </button>
        </>
      }
    >
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <label className="field">
        Assessment
        <select value={assessmentId} onChange={(e) => setAssessmentId(e.target.value)}>
          {assessments.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title} ({a.status})
            </option>
          ))}
        </select>
      </label>
      <div role="radiogroup" aria-label="Decision" className="answer-options">
        {DECISIONS.map((d) => (
          <label key={d} className={decision === d ? 'option selected' : 'option'}>
            <input
              type="radio"
              name="decision"
              checked={decision === d}
              onChange={() => setDecision(d)}
              data-autofocus={d === 'approve' ? true : undefined}
            />
            {DECISION_LABELS[d]}
          </label>
        ))}
      </div>
      {decision === 'approve-with-conditions' && (
        <fieldset className="field conditions-editor">
          <legend>Conditions</legend>
          {conditions.map((c, i) => (
            <div key={i} className="condition-row">
              <input
                aria-label={`Condition ${i + 1}`}
                placeholder="What must be done"
                value={c.text}
                onChange={(e) => setCondition(i, 'text', e.target.value)}
              />
              <input
                aria-label={`Owner of condition ${i + 1}`}
                placeholder="Owner"
                value={c.owner}
                onChange={(e) => setCondition(i, 'owner', e.target.value)}
              />
              <input
                aria-label={`Due date of condition ${i + 1}`}
                type="date"
                value={c.due}
                onChange={(e) => setCondition(i, 'due', e.target.value)}
              />
            </div>
          ))}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setConditions((cs) => [...cs, blankCondition()])}
          >
            Add condition
          </button>
        </fieldset>
      )}
      <label className="field">
        Notes
        <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
    </Dialog>
  );
}
