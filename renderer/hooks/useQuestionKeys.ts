import { useLayoutEffect } from 'react';
import type { Question } from '../../electron/domain/questionnaire';
import type { StoredAnswer } from '../../electron/domain/answer';
import type { AnswerInput } from '../../electron/domain/assessment';
import { keyOptions } from '../components/AnswerControl';

/**
 * One question at a time by keyboard: ← → (or Page Up / Down) move, number keys answer
 * (and toggle a choice of a multiple-choice question). Off while typing or in a dialog.
 */
export function useQuestionKeys({
  item,
  previous,
  next,
  moveTo,
  save,
  readOnly,
  stored,
}: {
  /** The question shown, or undefined when keys do nothing (the full list). */
  item: { questionnaire: { id: string }; question: Question } | undefined;
  previous: string | undefined;
  next: string | undefined;
  moveTo(key: string | undefined): void;
  save(input: AnswerInput): Promise<unknown>;
  readOnly: boolean;
  stored: StoredAnswer | undefined;
}) {
  // Listening from the moment the question is on screen (a layout effect runs before the
  // paint; an effect may run later on a busy machine, and a key pressed between is lost).
  useLayoutEffect(() => {
    if (!item) return;
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
        moveTo(next);
      } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
        e.preventDefault();
        moveTo(previous);
      } else if (/^[1-9]$/.test(e.key) && !readOnly) {
        const base = { questionnaireId: item.questionnaire.id, questionId: item.question.id };
        if (item.question.type === 'multiple-choice') {
          const choice = item.question.choices![Number(e.key) - 1];
          if (!choice) return;
          e.preventDefault();
          const current = stored?.answer;
          const chosen = current?.status === 'answered' && Array.isArray(current.value) ? current.value : [];
          const values = chosen.includes(choice.id)
            ? chosen.filter((c) => c !== choice.id)
            : [...chosen, choice.id];
          void save({ ...base, answer: values.length ? { status: 'answered', value: values } : null });
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
  }, [item, previous, next, moveTo, save, readOnly, stored]);
}
