import { useEffect, useState } from 'react';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import { remainingWords, type ReviewQuestion } from '../../electron/domain/assessment-review';
import { Dialog } from './Dialog';
import { FlagItem, FlagList, FlagSeverity } from './Flags';
import { SaveError } from './SaveError';
import { useOperation } from '../hooks/useOperation';
import { staleSaveMessage } from '../hooks/useTeam';
import './ReviewSubmitDialog.css';

type Review = ResponseOf<'assessments.review'>;

interface ReviewSubmitDialogProps {
  assessmentId: string;
  /** The assessment's version as read (team database), stated with the submission. */
  version?: number;
  open: boolean;
  onClose(): void;
  /** Opens a question of the assessment (the dialog closes first). */
  onJump(questionnaireId: string, questionId: string): void;
  onSubmitted(): void;
  /** Reads the assessment again (a colleague changed its status since it was read). */
  onReload(): void;
}

/**
 * The finish line of an assessment: what is unanswered, the red flags raised and the
 * evidence missing, each linking to its question; then "Submit assessment", asking
 * first when something is left.
 */
export function ReviewSubmitDialog({
  assessmentId,
  version,
  open,
  onClose,
  onJump,
  onSubmitted,
  onReload,
}: ReviewSubmitDialogProps) {
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const submit = useOperation('assessments.setStatus', { toast: false });

  useEffect(() => {
    // Mounted for each review (the page renders it only while open), so its state starts fresh.
    if (!open) return;
    void call('assessments.review', { id: assessmentId }).then((r) =>
      r.ok ? setReview(r.value) : setError(r.error.message),
    );
  }, [open, assessmentId]);

  const jump = (q: ReviewQuestion) => {
    onClose();
    onJump(q.questionnaireId, q.questionId);
  };
  const doSubmit = async () => {
    // Only offered on an assessment in progress: a colleague's status change since refuses it.
    const r = await submit.run({
      id: assessmentId,
      status: 'submitted',
      ...(version !== undefined ? { version, from: 'in-progress' as const } : {}),
    });
    if (r.ok) return onSubmitted();
    const message = staleSaveMessage(r.error, 'this assessment');
    setStale(message !== null);
    setError(message ?? r.error.message);
  };

  const required = review?.unansweredRequired.length ?? 0;
  const left = review ? remainingWords(review) : null;
  const note = !review
    ? 'Checking…'
    : required > 0
      ? `Answer the ${required} required question${required > 1 ? 's' : ''} to submit.`
      : confirming
        ? `Submit with ${left}?`
        : left
          ? `Left: ${left}.`
          : 'Everything is answered.';

  return (
    <Dialog
      title="Review and submit"
      open={open}
      onClose={onClose}
      wide
      footer={
        <>
          <span
            className={confirming ? 'footer-note review-confirm' : 'cell-muted footer-note'}
            data-testid="review-note"
            aria-live="polite"
          >
            {note}
          </span>
          <button
            type="button"
            className="button"
            onClick={confirming ? () => setConfirming(false) : onClose}
          >
            {confirming ? 'Go back' : 'Keep answering'}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!review || required > 0 || submit.busy}
            onClick={() => (left && !confirming ? setConfirming(true) : void doSubmit())}
          >
            {confirming ? 'Submit anyway' : 'Submit assessment'}
          </button>
        </>
      }
    >
      {error && <SaveError message={error} onReload={stale ? onReload : undefined} />}
      {review && (
        <div className="review">
          <ReviewList
            title="Unanswered required questions"
            empty="Every required question is answered."
            items={review.unansweredRequired}
            onJump={jump}
          />
          <section aria-labelledby="review-flags">
            <h3 id="review-flags">
              Red flags raised <span className="review-count">{review.flags.length}</span>
              {review.knockouts > 0 && (
                <span className="review-knockouts">
                  {review.knockouts} knockout{review.knockouts > 1 ? 's' : ''}: the tier is at least{' '}
                  {capitalize(review.knockoutTier)}
                </span>
              )}
            </h3>
            {review.flags.length === 0 ? (
              <p className="cell-muted">None.</p>
            ) : (
              <FlagList label="Red flags raised">
                {review.flags.map((f) => (
                  <FlagItem key={`${f.questionnaireId}/${f.ruleId}`} flag={f}>
                    {f.target ? (
                      <button type="button" className="review-link" onClick={() => jump(f.target!)}>
                        <FlagSeverity flag={f} />
                        <span>{f.message}</span>
                        <span className="cell-muted">{f.target.text}</span>
                      </button>
                    ) : (
                      <>
                        <FlagSeverity flag={f} /> {f.message}
                      </>
                    )}
                  </FlagItem>
                ))}
              </FlagList>
            )}
          </section>
          <ReviewList
            title="Evidence missing"
            empty="Every question that asks for evidence has a valid file."
            items={review.evidenceMissing}
            onJump={jump}
          />
          {review.unansweredOther.length > 0 && (
            <details className="review-other">
              <summary>
                {review.unansweredOther.length} other unanswered question
                {review.unansweredOther.length > 1 ? 's' : ''} (not required)
              </summary>
              <ReviewList title="Other unanswered questions" items={review.unansweredOther} onJump={jump} />
            </details>
          )}
        </div>
      )}
    </Dialog>
  );
}

function ReviewList({
  title,
  empty,
  items,
  onJump,
}: {
  title: string;
  empty?: string;
  items: (ReviewQuestion & { reason?: string })[];
  onJump(q: ReviewQuestion): void;
}) {
  return (
    <section aria-label={title}>
      {empty !== undefined && (
        <h3>
          {title} <span className="review-count">{items.length}</span>
        </h3>
      )}
      {items.length === 0 ? (
        <p className="cell-muted">{empty}</p>
      ) : (
        <ul className="review-list">
          {items.map((q) => (
            <li key={`${q.questionnaireId}/${q.questionId}`}>
              <button type="button" className="review-link" onClick={() => onJump(q)}>
                <span>{q.text}</span>
                <span className="cell-muted">
                  {q.questionnaireTitle} · {q.sectionTitle}
                  {q.reason ? ` · ${q.reason}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
