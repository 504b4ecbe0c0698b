import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { call } from '../api';
import { useAssessment } from '../hooks/useAssessment';
import { answerKey, type RaisedFlag } from '../../electron/domain/evaluate-assessment';
import type { Question, Questionnaire } from '../../electron/domain/questionnaire';
import { ASSESSMENT_STATUS_LABELS } from '../../electron/domain/assessment';
import { QuestionCard } from '../components/QuestionCard';
import { useQuestionKeys } from '../hooks/useQuestionKeys';
import { useToast } from '../components/Toasts';
import { useOperation } from '../hooks/useOperation';
import { FilterSelect } from '../components/FilterSelect';
import { PageHeader } from '../components/PageHeader';
import { Badge } from '../components/Badge';
import { AssessmentFlagsPanel } from '../components/AssessmentFlagsPanel';
import { ReviewSubmitDialog } from '../components/ReviewSubmitDialog';
import { SaveError } from '../components/SaveError';
import { roleLimited, staleSaveMessage, useRoleLimit } from '../hooks/useTeam';
import { LoadedRevision } from '../hooks/useDebouncedText';
import './AssessmentPage.css';

type Filter = 'all' | 'unanswered' | 'follow-up' | 'flagged';
const FILTER_CHOICES = [
  { value: 'all', label: 'All questions' },
  { value: 'unanswered', label: 'Unanswered' },
  { value: 'follow-up', label: 'Marked for follow-up' },
  { value: 'flagged', label: 'With red flags' },
];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

interface Item {
  key: string;
  questionnaire: Questionnaire;
  sectionId: string;
  sectionTitle: string;
  question: Question;
}

/** An assessment: one question at a time or the full list, saved as you go, with live red flags. */
export function AssessmentPage({
  id,
  question,
  onBack,
  onOpenScore,
}: {
  id: string;
  /** The answer key of the question to open at (a knockout or evidence opened from the dashboard). */
  question?: string;
  onBack(vendorId: string | null): void;
  /** Opens what a submitted assessment led to: the vendor's score (or the self-assessment's maturity). */
  onOpenScore(vendorId: string | null): void;
}) {
  const toast = useToast();
  const { detail, error, saving, save, reload, revision } = useAssessment(id);
  const setStatus = useOperation('assessments.setStatus', { toast: false });
  /** A status change a colleague's made stale (team database), until the user reloads. */
  const [stale, setStale] = useState<string | null>(null);
  const [mode, setMode] = useState<'one' | 'list'>('one');
  const [filter, setFilter] = useState<Filter>('all');
  const [chosen, setCurrent] = useState<string | null>(question ?? null);
  /** The question to scroll to and focus once it is on screen. */
  const focusKey = useRef<string | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [knockoutTier, setKnockoutTier] = useState('high');

  useEffect(() => {
    void call('settings.getRisk', {}).then((r) => r.ok && setKnockoutTier(r.value.knockoutTier));
  }, []);

  const answers = useMemo(
    () => new Map((detail?.answers ?? []).map((a) => [answerKey(a.questionnaireId, a.questionId), a])),
    [detail?.answers],
  );
  const visible = useMemo(() => new Set(detail?.state.visible ?? []), [detail?.state.visible]);
  const flagsByKey = useMemo(() => {
    const m = new Map<string, RaisedFlag[]>();
    for (const f of detail?.state.flags ?? []) {
      if (!f.questionId) continue;
      const k = answerKey(f.questionnaireId, f.questionId);
      m.set(k, [...(m.get(k) ?? []), f]);
    }
    return m;
  }, [detail?.state.flags]);

  const all: Item[] = useMemo(
    () =>
      (detail?.questionnaires ?? []).flatMap((questionnaire) =>
        questionnaire.sections.flatMap((s) =>
          s.questions.map((question) => ({
            key: answerKey(questionnaire.id, question.id),
            questionnaire,
            sectionId: s.id,
            sectionTitle: s.title,
            question,
          })),
        ),
      ),
    [detail?.questionnaires],
  );
  // Resume where the user left off, else at the first unanswered question.
  const resumeAt = useMemo(() => {
    const position = detail?.assessment.position;
    if (position && visible.has(position)) return position;
    return all.find((i) => visible.has(i.key) && !answers.get(i.key)?.answer)?.key ?? all[0]?.key ?? null;
    // Only where the assessment opened: not recomputed as answers change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [detail?.assessment.id]);
  const current = chosen ?? resumeAt;

  const items = all.filter((item) => {
    if (!visible.has(item.key)) return false;
    // One at a time, the question being answered stays while it is answered, even once
    // it no longer matches the filter ("Unanswered"); moving on drops it.
    if (mode === 'one' && item.key === current) return true;
    const a = answers.get(item.key);
    if (filter === 'unanswered') return !a?.answer;
    if (filter === 'follow-up') return a?.followUp === true;
    if (filter === 'flagged') return flagsByKey.has(item.key);
    return true;
  });

  const index = Math.max(
    0,
    items.findIndex((i) => i.key === current),
  );
  const item = items[index];
  const moveTo = useCallback(
    (key: string | undefined) => {
      if (!key) return;
      setCurrent(key);
      focusKey.current = key;
      // Also when nothing re-renders (the question is already the current one).
      requestAnimationFrame(() => focusPending(focusKey));
      void call('assessments.setPosition', { id, position: key });
    },
    [id],
  );
  // Keyboard and screen-reader users land on the new question; in the full list it is scrolled to.
  useEffect(() => focusPending(focusKey));
  /** Opens a question from a flag or the review: shown whatever the filter, then focused. */
  const jumpTo = (questionnaireId: string, questionId: string) => {
    const key = answerKey(questionnaireId, questionId);
    if (mode === 'list' && !items.some((i) => i.key === key)) setFilter('all');
    moveTo(key);
  };

  // Only an assessment in progress takes answers; a submitted or closed one is reopened first.
  // A role that may not change answers (team database) sees them as a closed assessment's, with the reason.
  const roleLimit = useRoleLimit('answers');
  const statusLimit = useRoleLimit('assessments');
  const readOnly = detail ? detail.assessment.status !== 'in-progress' || roleLimit !== null : false;
  const shown = Boolean(item);
  useLayoutEffect(() => {
    // Lets the benchmark measure from data arrival to the first question on screen.
    if (shown) performance.mark('assessment:first-question');
  }, [shown]);
  useQuestionKeys({
    item: mode === 'one' ? item : undefined,
    previous: items[index - 1]?.key,
    next: items[index + 1]?.key,
    moveTo,
    save,
    readOnly,
    stored: item ? answers.get(item.key) : undefined,
  });

  if (error)
    return (
      <p className="form-error page-error" role="alert">
        {error}
      </p>
    );
  if (!detail) return <div className="assessment" aria-busy="true" />;

  const card = (it: Item, i: number) => (
    <QuestionCard
      key={it.key}
      assessmentId={id}
      questionnaireId={it.questionnaire.id}
      question={it.question}
      heading={`${it.questionnaire.title} · ${it.sectionTitle} · Question ${i + 1} of ${items.length}`}
      stored={answers.get(it.key)}
      flags={flagsByKey.get(it.key) ?? []}
      knockoutTier={knockoutTier}
      evidence={detail.evidence.filter(
        (e) => e.questionnaireId === it.questionnaire.id && e.questionId === it.question.id,
      )}
      readOnly={readOnly}
      save={(input) => void save(input).then((problem) => problem && toast('error', problem))}
      onEvidenceChanged={() => void reload()}
      onError={(m) => toast('error', m)}
    />
  );
  const { state, assessment } = detail;
  const percent = state.applicable ? Math.round((state.answered / state.applicable) * 100) : 0;
  // States the version and status read (team database): a colleague's status change since refuses it.
  const read = {
    ...(assessment.version !== undefined ? { version: assessment.version } : {}),
    from: assessment.status,
  };
  const changeStatus = (status: 'in-progress' | 'closed') =>
    void setStatus.run({ id, status, ...read }).then((r) => {
      if (r.ok) {
        toast('success', status === 'closed' ? 'Assessment closed' : 'Assessment reopened');
        return reload();
      }
      const message = staleSaveMessage(r.error, 'this assessment');
      if (message) setStale(message);
      else toast('error', r.error.message);
    });
  const reloadStale = () => {
    setStale(null);
    void reload();
  };

  return (
    <LoadedRevision.Provider value={revision}>
      <div className="assessment">
        <div className="assessment-top">
          <button
            type="button"
            className="button button-quiet back"
            onClick={() => onBack(assessment.vendorId)}
          >
            ← Back
          </button>
          <PageHeader
            title={assessment.title}
            count={`${state.visible.length} question${state.visible.length === 1 ? '' : 's'}`}
            description={
              <>
                <Badge
                  tone={assessment.status === 'in-progress' ? undefined : 'muted'}
                  className={`assessment-status assessment-status-${assessment.status}`}
                  testId="assessment-status"
                >
                  {ASSESSMENT_STATUS_LABELS[assessment.status]}
                </Badge>{' '}
                {assessment.submittedAt && assessment.status !== 'in-progress' && (
                  <>on {dateFormat.format(new Date(assessment.submittedAt))} · </>
                )}
                {assessment.questionnaires.map((q) => `${q.title} ${q.version}`).join(' · ')}
              </>
            }
            actions={
              assessment.status === 'in-progress' ? (
                <button
                  type="button"
                  className="button button-primary"
                  {...roleLimited(statusLimit)}
                  onClick={() => setReviewing(true)}
                >
                  Review and submit
                </button>
              ) : (
                <>
                  <button
                    type="button"
                    className="button button-primary"
                    onClick={() => onOpenScore(assessment.vendorId)}
                  >
                    {assessment.vendorId ? 'See the score' : 'See the maturity'}
                  </button>
                  {assessment.status === 'submitted' && (
                    <button type="button" className="button" onClick={() => changeStatus('closed')}>
                      Close assessment
                    </button>
                  )}
                  <button type="button" className="button" onClick={() => changeStatus('in-progress')}>
                    Reopen
                  </button>
                </>
              )
            }
          />
          {stale && <SaveError message={stale} onReload={reloadStale} />}
          <div className="assessment-tools">
            <span className="count" data-testid="assessment-progress">
              {state.answered} of {state.applicable} answered ({percent}%)
            </span>
            <span className="save-state" aria-live="polite">
              {roleLimit
                ? roleLimit
                : readOnly
                  ? `${ASSESSMENT_STATUS_LABELS[assessment.status]}: reopen it to change answers`
                  : saving
                    ? 'Saving…'
                    : 'All changes saved'}
            </span>
            <div role="group" aria-label="View" className="segmented">
              <button type="button" aria-pressed={mode === 'one'} onClick={() => setMode('one')}>
                One at a time
              </button>
              <button type="button" aria-pressed={mode === 'list'} onClick={() => setMode('list')}>
                Full list
              </button>
            </div>
            <FilterSelect
              label="Show"
              choices={FILTER_CHOICES}
              none="all"
              value={filter}
              onChange={(v) => setFilter(v as Filter)}
            />
          </div>
        </div>
        <div className="assessment-body">
          <nav className="section-nav" aria-label="Sections">
            {/* A section whose questions are all hidden by their conditions has nothing to show. */}
            {state.sections
              .filter((s) => s.visible > 0)
              .map((s) => (
                <button
                  key={`${s.questionnaireId}/${s.sectionId}`}
                  type="button"
                  className="section-link"
                  onClick={() =>
                    moveTo(
                      items.find(
                        (i) => i.questionnaire.id === s.questionnaireId && i.sectionId === s.sectionId,
                      )?.key,
                    )
                  }
                >
                  <span>{s.title}</span>
                  <span className="cell-muted">
                    {s.answered}/{s.applicable}
                  </span>
                  <span className="mini-track" aria-hidden="true">
                    <span style={{ width: `${s.applicable ? (s.answered / s.applicable) * 100 : 0}%` }} />
                  </span>
                </button>
              ))}
          </nav>
          <section className="questions" aria-label="Questions">
            {items.length === 0 ? (
              <div className="empty">
                <p className="empty-title">No questions here</p>
                <p>
                  {filter === 'all'
                    ? 'This assessment has no visible questions.'
                    : 'Nothing matches this filter.'}
                </p>
              </div>
            ) : mode === 'one' && item ? (
              <>
                {card(item, index)}
                <div className="question-nav">
                  <button
                    type="button"
                    className="button"
                    disabled={index === 0}
                    onClick={() => moveTo(items[index - 1]?.key)}
                  >
                    ← Previous
                  </button>
                  <span className="cell-muted">← → to move, number keys to answer</span>
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={index >= items.length - 1}
                    onClick={() => moveTo(items[index + 1]?.key)}
                  >
                    Next →
                  </button>
                </div>
              </>
            ) : (
              items.map((it, i) => card(it, i))
            )}
          </section>
          <AssessmentFlagsPanel flags={state.flags} questionnaires={detail.questionnaires} onJump={jumpTo} />
        </div>
        {reviewing && (
          <ReviewSubmitDialog
            assessmentId={id}
            version={assessment.version}
            open
            onClose={() => setReviewing(false)}
            onJump={jumpTo}
            onSubmitted={() => {
              setReviewing(false);
              toast(
                'success',
                assessment.vendorId
                  ? 'Assessment submitted: “See the score” shows what it gives the vendor'
                  : 'Self-assessment submitted: “See the maturity” shows where you stand',
              );
              void reload();
            }}
            onReload={() => {
              setReviewing(false);
              reloadStale();
            }}
          />
        )}
      </div>
    </LoadedRevision.Provider>
  );
}

/** Scrolls to and focuses the question waiting to be focused, once it is on screen. */
function focusPending(pending: { current: string | null }) {
  if (!pending.current) return;
  const card = document.querySelector<HTMLElement>(
    `.questions .question-card[data-key="${CSS.escape(pending.current)}"]`,
  );
  if (!card) return;
  pending.current = null;
  card.scrollIntoView({ block: 'start' });
  card.focus({ preventScroll: true });
}
