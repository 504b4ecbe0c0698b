import { useId } from 'react';
import { useDebouncedText } from '../hooks/useDebouncedText';
import type { Question } from '../../electron/domain/questionnaire';
import { numberProblem, type AnswerValue } from '../../electron/domain/answer';
import './AnswerControl.css';

interface AnswerControlProps {
  /** Unique across the page (two questionnaires may share a question id). */
  name: string;
  question: Question;
  answer: AnswerValue | null;
  onAnswer(answer: AnswerValue | null): void;
}

/** The options a number key picks in one-at-a-time mode, in order. */
export function keyOptions(question: Question): AnswerValue[] {
  const answered = (value: string): AnswerValue => ({ status: 'answered', value });
  if (question.type === 'yes-no') {
    return [answered('yes'), ...(question.allowPartial ? [answered('partial')] : []), answered('no')];
  }
  if (question.type === 'single-choice') return question.choices!.map((c) => answered(c.id));
  return [];
}

const YES_NO_LABELS: Record<string, string> = { yes: 'Yes', partial: 'Partly', no: 'No' };

/** The input for one question, by its type; every change is an answer. */
export function AnswerControl({ name, question, answer, onAnswer }: AnswerControlProps) {
  const value = answer?.status === 'answered' ? answer.value : undefined;
  const answered = (v: string | number | string[]): AnswerValue => ({ status: 'answered', value: v });

  switch (question.type) {
    case 'yes-no':
    case 'single-choice': {
      const options =
        question.type === 'yes-no'
          ? keyOptions(question).map((o, i) => ({
              id: String((o as { value: string }).value),
              label: YES_NO_LABELS[String((o as { value: string }).value)]!,
              key: i + 1,
            }))
          : question.choices!.map((c, i) => ({ id: c.id, label: c.label, key: i + 1 }));
      return (
        <div role="radiogroup" aria-label="Answer" className="answer-options">
          {options.map((o) => (
            <label key={o.id} className={value === o.id ? 'option selected' : 'option'}>
              <input
                type="radio"
                name={name}
                checked={value === o.id}
                onChange={() => onAnswer(answered(o.id))}
              />
              {o.key <= 9 && <kbd aria-hidden="true">{o.key}</kbd>}
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      );
    }
    case 'multiple-choice': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div role="group" aria-label="Answer" className="answer-options">
          {question.choices!.map((c) => (
            <label key={c.id} className={chosen.includes(c.id) ? 'option selected' : 'option'}>
              <input
                type="checkbox"
                checked={chosen.includes(c.id)}
                onChange={(e) => {
                  const next = e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id);
                  onAnswer(next.length ? answered(next) : null);
                }}
              />
              <span>{c.label}</span>
            </label>
          ))}
        </div>
      );
    }
    case 'number':
      return (
        <TextAnswer
          key={question.id}
          label={question.unit ? `Answer (${question.unit})` : 'Answer'}
          type="number"
          min={question.min}
          max={question.max}
          value={typeof value === 'number' ? String(value) : ''}
          // A number outside the question's bounds (−5 hours) is said beside the field, not saved.
          problem={(t) => (t.trim() === '' ? null : numberProblem(question, Number(t)))}
          onCommit={(t) =>
            onAnswer(t.trim() === '' ? null : Number.isFinite(Number(t)) ? answered(Number(t)) : null)
          }
        />
      );
    case 'date':
      return (
        <TextAnswer
          key={question.id}
          label="Answer"
          type="date"
          value={typeof value === 'string' ? value : ''}
          onCommit={(t) => onAnswer(t ? answered(t) : null)}
        />
      );
    case 'short-text':
    case 'long-text':
      return (
        <TextAnswer
          key={question.id}
          label="Answer"
          multiline={question.type === 'long-text'}
          maxLength={question.type === 'long-text' ? 20000 : 500}
          value={typeof value === 'string' ? value : ''}
          onCommit={(t) => onAnswer(t.trim() ? answered(t) : null)}
        />
      );
    case 'evidence':
      return null; // evidence is attached with EvidenceAttach beside the question
  }
}

interface TextAnswerProps {
  label: string;
  value: string;
  type?: string;
  multiline?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  /** Why a text cannot be the answer (shown, and the text not committed), or null. */
  problem?(text: string): string | null;
  onCommit(text: string): void;
}

/** A text-like input saved when typing pauses, when focus leaves and when it closes. */
function TextAnswer({
  label,
  value,
  type = 'text',
  multiline,
  maxLength,
  min,
  max,
  problem,
  onCommit,
}: TextAnswerProps) {
  const { text, setText, flush } = useDebouncedText(value, (t) => {
    if (!problem?.(t)) onCommit(t);
  });
  const why = problem?.(text) ?? null;
  const problemId = useId();
  const props = {
    'aria-label': label,
    value: text,
    maxLength,
    onChange: (e: { target: { value: string } }) => setText(e.target.value),
    onBlur: flush,
  };
  if (multiline) return <textarea rows={4} {...props} />;
  return (
    <>
      <input
        type={type}
        className="answer-input"
        min={min}
        max={max}
        aria-invalid={why ? true : undefined}
        aria-describedby={why ? problemId : undefined}
        {...props}
      />
      {why && (
        <span id={problemId} className="answer-problem" role="alert">
          {why}
        </span>
      )}
    </>
  );
}
