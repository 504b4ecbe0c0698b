import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { call } from '../api';
import { useAssessment } from '../hooks/useAssessment';
import { answerKey, type RaisedFlag } from '../../electron/domain/evaluate-assessment';
import type { Question, Questionnaire } from '../../electron/domain/questionnaire';
import { QuestionCard } from '../components/QuestionCard';
import type { AssessmentStatus } from '../../electron/domain/assessment';
import { keyOptions } from '../components/AnswerControl';
import { useToast } from '../components/Toasts';
import { useOperation } from '../hooks/useOperation';
import { FlagItem, FlagList, FlagSeverity } from '../components/Flags';
import { FilterSelect } from '../components/FilterSelect';
import './AssessmentPage.css';

type Filter = 'all' | 'unanswered' | 'follow-up' | 'flagged';
const FILTER_CHOICES = [
  { value: 'all', label: 'All questions' },
  { value: 'unanswered', label: 'Unanswered' },
  { value: 'follow-up', label: 'Marked for follow-up' },
  { value: 'flagged', label: 'With red flags' },
];
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
}: {
  id: string;
  /** The answer key of the question to open at (a knockout or evidence opened from the dashboard). */
  question?: string;
  onBack(vendorId: string | null): void;
}) {
  const toast = useToast();
  const { detail, error, saving, save, reload } = useAssessment(id);
  const setStatus = useOperation('assessments.setStatus');
  const [mode, setMode] = useState<'one' | 'list'>('one');
  const [filter, setFilter] = useState<Filter>('all');
  const [chosen, setCurrent] = useState<string | null>(question ?? null);

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
      void call('assessments.setPosition', { id, position: key });
      // Keyboard and screen-reader users land on the new question.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.questions .question-card')?.focus());
    },
    [id],
  );

  const readOnly = detail?.assessment.status === 'closed';
  const shown = Boolean(item);
  useLayoutEffect(() => {
    // Lets the benchmark measure from data arrival to the first question on screen.
    if (shown) performance.mark('assessment:first-question');
  }, [shown]);
  useEffect(() => {
    if (mode !== 'one' || !item) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (
        e.ctrlKey ||
        e.metaKey ||
        e.altKey ||
        target.closest('input:not([type=checkbox]), textarea, select, dialog[open]')
      )
        return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') {
        e.preventDefault();
        moveTo(items[index + 1]?.key);
      } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
        e.preventDefault();
        moveTo(items[index - 1]?.key);
      } else if (/^[1-9]$/.test(e.key) && !readOnly) {
        const base = { questionnaireId: item.questionnaire.id, questionId: item.question.id };
        if (item.question.type === 'multiple-choice') {
          const choice = item.question.choices![Number(e.key) - 1];
          if (!choice) return;
          e.preventDefault();
          const stored = answers.get(item.key)?.answer;
          const chosen = stored?.status === 'answered' && Array.isArray(stored.value) ? stored.value : [];
          const next = chosen.includes(choice.id)
            ? chosen.filter((c) => c !== choice.id)
            : [...chosen, choice.id];
          void save({ ...base, answer: next.length ? { status: 'answered', value: next } : null });
          return;
        }
        const option = keyOptions(item.question)[Number(e.key) - 1];
        if (option) {
          e.preventDefault();
          void save({ ...base, answer: option });
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mode, item, items, index, moveTo, save, readOnly, answers]);

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
      evidence={detail.evidence.filter(
        (e) => e.questionnaireId === it.questionnaire.id && e.questionId === it.question.id,
      )}
      readOnly={readOnly}
      save={(input) => void save(input).then((problem) => problem && toast('error', problem))}
      onEvidenceChanged={() => void reload()}
      onError={(m) => toast('error', m)}
    />
  );
  const { state } = detail;
  const percent = state.applicable ? Math.round((state.answered / state.applicable) * 100) : 0;
  const knockouts = state.flags.filter((f) => f.knockout).length;

  return (
    <div className="assessment">
      <header className="assessment-header">
        <div>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => onBack(detail.assessment.vendorId)}
          >
            ← Back
          </button>
          <h1>{detail.assessment.title}</h1>
          <p className="cell-muted">
            {detail.assessment.questionnaires.map((q) => `${q.title} ${q.version}`).join(' · ')} ·{' '}
            {detail.assessment.status}
          </p>
        </div>
        <div className="assessment-tools">
          <span className="count" data-testid="assessment-progress">
            {state.answered} of {state.applicable} answered ({percent}%)
          </span>
          <span className="save-state" aria-live="polite">
            {saving ? 'Saving…' : 'All changes saved'}
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
          <select
            aria-label="Status"
            value={detail.assessment.status}
            onChange={(e) =>
              void setStatus.run({ id, status: e.target.value as AssessmentStatus }).then(() => reload())
            }
          >
            <option value="in-progress">In progress</option>
            <option value="submitted">Submitted</option>
            <option value="closed">Closed</option>
          </select>
        </div>
      </header>
      <div className="assessment-body">
        <nav className="section-nav" aria-label="Sections">
          {state.sections.map((s) => (
            <button
              key={`${s.questionnaireId}/${s.sectionId}`}
              type="button"
              className="section-link"
              onClick={() =>
                moveTo(
                  items.find((i) => i.questionnaire.id === s.questionnaireId && i.sectionId === s.sectionId)
                    ?.key,
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
        <aside className="flags-panel" aria-label="Red flags">
          <h3>
            Red flags ({state.flags.length}
            {knockouts ? `, ${knockouts} knockout${knockouts > 1 ? 's' : ''}` : ''})
          </h3>
          {state.flags.length === 0 ? (
            <p className="cell-muted">None raised so far.</p>
          ) : (
            <FlagList live>
              {state.flags.map((f) => (
                <FlagItem key={`${f.questionnaireId}/${f.ruleId}`} flag={f}>
                  <button
                    type="button"
                    className="flag-link"
                    disabled={!f.questionId}
                    onClick={() => f.questionId && moveTo(answerKey(f.questionnaireId, f.questionId))}
                  >
                    <FlagSeverity flag={f} />
                    <span>{f.message}</span>
                    {f.reason === 'refused' && (
                      <span className="cell-muted">Raised because the vendor refused to answer.</span>
                    )}
                  </button>
                </FlagItem>
              ))}
            </FlagList>
          )}
        </aside>
      </div>
    </div>
  );
}
