import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import type { AnswerInput } from '../../electron/domain/assessment';
import type { StoredAnswer } from '../../electron/domain/answer';
import { answerKey } from '../../electron/domain/evaluate-assessment';
import { staleSaveMessage, useTeamChanges } from './useTeam';

export type AssessmentDetail = ResponseOf<'assessments.get'>;

/** The tables whose colleagues' changes an open assessment shows at once. */
const LIVE_TABLES = new Set(['answers', 'assessments', 'assessment_questionnaires', 'evidence']);

/**
 * One assessment with its answers. Every change is saved at once; the answer shows
 * immediately and the evaluation (visibility, flags, progress) follows from main.
 */
export function useAssessment(id: string) {
  const [detail, setDetail] = useState<AssessmentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(0);
  const queue = useRef(Promise.resolve());
  /** Edits not yet answered by main, per question: an older reply must not undo a newer edit. */
  const inFlight = useRef(new Map<string, number>());
  /** Each answer's version as last read or saved (team database), stated back with the next save. */
  const versions = useRef(new Map<string, number>());
  /** Loads from storage so far (text fields take the stored values again on each: useDebouncedText). */
  const [revision, setRevision] = useState(0);
  const loaded = useCallback((value: AssessmentDetail) => {
    versions.current = versionsOf(value.answers);
    setDetail(value);
    setRevision((n) => n + 1);
  }, []);

  const reload = useCallback(async () => {
    const r = await call('assessments.get', { id });
    if (r.ok) {
      loaded(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [id, loaded]);

  useEffect(() => {
    let stale = false;
    void call('assessments.get', { id }).then((r) => {
      performance.mark('assessment:data');
      if (stale) return;
      if (r.ok) loaded(r.value);
      else setError(r.error.message);
    });
    return () => {
      stale = true;
    };
  }, [id, loaded]);

  // A colleague's committed change to this assessment's answers or evidence (team database):
  // loaded again once this window's own saves are through, so the page shows theirs too.
  useTeamChanges(
    useCallback(
      (changes) => {
        if (changes.some((c) => LIVE_TABLES.has(c.table))) void queue.current.then(reload);
      },
      [reload],
    ),
  );

  /** Saves one answer change; saves run one after another in the order made. */
  const save = useCallback(
    (input: AnswerInput): Promise<string | null> => {
      const key = answerKey(input.questionnaireId, input.questionId);
      const pending = inFlight.current;
      pending.set(key, (pending.get(key) ?? 0) + 1);
      setDetail((d) => (d ? { ...d, answers: mergeAnswer(d.answers, input) } : d));
      setSaving((n) => n + 1);
      const run = queue.current.then(async () => {
        // The version read (0: no answer was there); the solo app ignores it.
        const version = versions.current.get(key) ?? 0;
        const r = await call('assessments.answer', { id, answer: { ...input, version } });
        const left = (pending.get(key) ?? 1) - 1;
        if (left > 0) pending.set(key, left);
        else pending.delete(key);
        setSaving((n) => n - 1);
        if (!r.ok) {
          // The stored answer is shown again (a colleague's, when theirs refused this one).
          await reload();
          const stale = staleSaveMessage(r.error, 'this answer');
          return stale
            ? stale.replace(/ — reload to see it$/, ' — their answer is shown now')
            : r.error.message;
        }
        if (r.value.answer.version !== undefined) versions.current.set(key, r.value.answer.version);
        setDetail((d) => {
          if (!d) return d;
          // An older reply must not undo a newer edit of the same question; the
          // evaluation is taken from the reply to the last edit in the queue.
          const answers = left > 0 ? d.answers : replaceAnswer(d.answers, r.value.answer);
          return pending.size > 0 ? { ...d, answers } : { ...d, answers, state: r.value.state };
        });
        return null;
      });
      queue.current = run.then(() => undefined);
      return run;
    },
    [id, reload],
  );

  return { detail, error, saving: saving > 0, save, reload, revision };
}

function versionsOf(answers: StoredAnswer[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const a of answers)
    if (a.version !== undefined) map.set(answerKey(a.questionnaireId, a.questionId), a.version);
  return map;
}

function mergeAnswer(answers: StoredAnswer[], input: AnswerInput): StoredAnswer[] {
  const key = answerKey(input.questionnaireId, input.questionId);
  const current = answers.find((a) => answerKey(a.questionnaireId, a.questionId) === key);
  const next: StoredAnswer = {
    questionnaireId: input.questionnaireId,
    questionId: input.questionId,
    answer: input.answer === undefined ? (current?.answer ?? null) : input.answer,
    note: input.note ?? current?.note ?? '',
    followUp: input.followUp ?? current?.followUp ?? false,
    updatedAt: current?.updatedAt ?? '',
    updatedBy: current?.updatedBy ?? '',
    source: 'user',
  };
  return replaceAnswer(answers, next);
}

function replaceAnswer(answers: StoredAnswer[], next: StoredAnswer): StoredAnswer[] {
  const key = answerKey(next.questionnaireId, next.questionId);
  return [...answers.filter((a) => answerKey(a.questionnaireId, a.questionId) !== key), next];
}
