import { useDebouncedText } from '../hooks/useDebouncedText';
import type { Question } from '../../electron/domain/questionnaire';
import type { StoredAnswer, AnswerValue } from '../../electron/domain/answer';
import type { AnswerInput, Evidence } from '../../electron/domain/assessment';
import type { RaisedFlag } from '../../electron/domain/evaluate-assessment';
import { AnswerControl } from './AnswerControl';
import { EvidenceAttach } from './EvidenceAttach';
import { FlagItem, FlagList, FlagSeverity } from './Flags';
import './QuestionCard.css';

interface QuestionCardProps {
  assessmentId: string;
  questionnaireId: string;
  question: Question;
  heading: string;
  stored: StoredAnswer | undefined;
  flags: RaisedFlag[];
  /** The tier a knockout sets at least ("high"), said on a question whose answer raises one. */
  knockoutTier: string;
  evidence: Evidence[];
  readOnly: boolean;
  save(input: AnswerInput): void;
  onEvidenceChanged(): void;
  onError(message: string): void;
}

/** One question: its answer, not applicable / refused, note, follow-up mark, evidence and flags. */
export function QuestionCard(p: QuestionCardProps) {
  const { question, stored } = p;
  const answer = stored?.answer ?? null;
  const base = { questionnaireId: p.questionnaireId, questionId: question.id };
  const headingId = `q-${p.questionnaireId}-${question.id}`;
  const setAnswer = (a: AnswerValue | null) => p.save({ ...base, answer: a });
  const toggle = (status: 'not-applicable' | 'refused') =>
    setAnswer(answer?.status === status ? null : { status });
  const knockouts = p.flags.filter((f) => f.knockout);
  const others = p.flags.filter((f) => !f.knockout);

  return (
    <article
      className={knockouts.length ? 'question-card question-card-knockout' : 'question-card'}
      aria-labelledby={headingId}
      data-question={question.id}
      data-key={`${p.questionnaireId}/${question.id}`}
      tabIndex={-1}
    >
      <p className="question-heading cell-muted">{p.heading}</p>
      <h2 id={headingId} className="question-text">
        {question.text}
        {question.required && <span className="required-mark"> (required)</span>}
      </h2>
      {question.guidance && (
        <details className="guidance">
          <summary>What good looks like</summary>
          <p>{question.guidance}</p>
        </details>
      )}
      {knockouts.length > 0 && (
        <div className="knockout-mark" role="note" aria-label="Knockout">
          <p className="knockout-title">
            Knockout: the tier is at least {capitalize(p.knockoutTier)} while this answer stands
          </p>
          {knockouts.map((f) => (
            <p key={f.ruleId}>
              {f.message}
              {f.reason === 'refused' && ' (raised because the vendor refused to answer)'}
            </p>
          ))}
        </div>
      )}
      <fieldset className="answer" disabled={p.readOnly}>
        <legend className="visually-hidden">Answer</legend>
        <AnswerControl
          name={`answer-${p.questionnaireId}-${question.id}`}
          question={question}
          answer={answer}
          onAnswer={setAnswer}
        />
        {(question.type === 'evidence' || question.evidence) && (
          <EvidenceAttach
            assessmentId={p.assessmentId}
            questionnaireId={p.questionnaireId}
            question={question}
            attached={p.evidence}
            onAttached={p.onEvidenceChanged}
            onError={p.onError}
          />
        )}
        <div className="answer-states">
          <button
            type="button"
            className={answer?.status === 'not-applicable' ? 'chip chip-on' : 'chip'}
            aria-pressed={answer?.status === 'not-applicable'}
            onClick={() => toggle('not-applicable')}
          >
            Not applicable
          </button>
          <button
            type="button"
            className={answer?.status === 'refused' ? 'chip chip-on chip-warn' : 'chip'}
            aria-pressed={answer?.status === 'refused'}
            onClick={() => toggle('refused')}
          >
            Vendor refused or could not answer
          </button>
          <label className="chip">
            <input
              type="checkbox"
              checked={stored?.followUp ?? false}
              onChange={(e) => p.save({ ...base, followUp: e.target.checked })}
            />
            Follow up
          </label>
        </div>
        <NoteField
          key={question.id}
          value={stored?.note ?? ''}
          onCommit={(note) => p.save({ ...base, note })}
        />
      </fieldset>
      {others.length > 0 && (
        <FlagList label="Red flags on this question" className="inline-flags">
          {others.map((f) => (
            <FlagItem key={f.ruleId} flag={f}>
              <FlagSeverity flag={f} /> {f.message}
            </FlagItem>
          ))}
        </FlagList>
      )}
    </article>
  );
}

function NoteField({ value, onCommit }: { value: string; onCommit(note: string): void }) {
  const { text, setText, flush } = useDebouncedText(value, onCommit, 600);
  return (
    <label className="note">
      Note
      <textarea
        rows={2}
        maxLength={10000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={flush}
      />
    </label>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
