import { createHash } from 'node:crypto';
import { AppError, summariseIssues } from '../domain/errors';
import { answerProblem, type AnswerValue, type StoredAnswer } from '../domain/answer';
import {
  MAX_EVIDENCE_BYTES,
  type AnswerInput,
  type AssessmentStatus,
  type AssessmentSummary,
  type AssessmentStateView,
  type Evidence,
  type EvidenceInput,
} from '../domain/assessment';
import { answerKey, evaluateAssessment } from '../domain/evaluate-assessment';
import { reviewAssessment, type AssessmentReview } from '../domain/assessment-review';
import { addMonths } from '../domain/scoring';
import { definitionDigest } from '../domain/definition-digest';
import type { Question, Questionnaire } from '../domain/questionnaire';
import type { AuditEntry } from '../domain/audit';
import type { AssessmentRead } from '../storage/assessment-repo';
import { recordAudit, type ServiceContext } from './context';
import type { QuestionnaireService } from './questionnaires';

/** Assessments: start with pinned questionnaire versions, answer, evaluate, attach evidence. */
export function createAssessmentService(ctx: ServiceContext, questionnaires: QuestionnaireService) {
  const { storage } = ctx;

  const mustGet = (id: string) => {
    const row = storage.assessments.get(id);
    if (!row) throw new AppError('NOT_FOUND', `No assessment with id ${id}`);
    return row;
  };
  const pinnedOf = (row: { questionnaires: { id: string; version: string }[] }): Questionnaire[] =>
    row.questionnaires.map((p) => questionnaires.pinned(p.id, p.version));

  const summaryOf = (row: ReturnType<typeof mustGet>): AssessmentSummary => ({
    ...row,
    questionnaires: pinnedOf(row).map((q) => ({ id: q.id, version: q.version, title: q.title })),
  });

  const stateOf = (qs: Questionnaire[], answers: StoredAnswer[]): AssessmentStateView => {
    const map = new Map<string, AnswerValue | null>(
      answers.map((a) => [answerKey(a.questionnaireId, a.questionId), a.answer]),
    );
    const s = evaluateAssessment(qs, map);
    return { ...s, visible: [...s.visible] };
  };

  const findQuestion = (qs: Questionnaire[], questionnaireId: string, questionId: string): Question => {
    const q = qs.find((x) => x.id === questionnaireId);
    const question = q?.sections.flatMap((s) => s.questions).find((x) => x.id === questionId);
    if (!question)
      throw new AppError('NOT_FOUND', `The assessment has no question ${questionnaireId}/${questionId}`);
    return question;
  };

  /** Refuses, at once, every value that does not fit its question (each named by questionnaire/question). */
  const checkAnswers = (qs: Questionnaire[], inputs: readonly AnswerInput[]): void => {
    const problems = inputs.flatMap((input) => {
      const question = findQuestion(qs, input.questionnaireId, input.questionId);
      const problem = input.answer && answerProblem(question, input.answer);
      return problem ? [{ path: `${input.questionnaireId}/${input.questionId}`, message: problem }] : [];
    });
    if (problems.length) throw new AppError('INVALID_INPUT', summariseIssues(problems), problems);
  };

  /** Applies one answer inside the caller's transaction; returns it as stored. */
  const applyAnswer = (
    assessmentId: string,
    qs: Questionnaire[],
    input: AnswerInput,
    source: string,
  ): StoredAnswer => {
    checkAnswers(qs, [input]);
    return writeAnswer(assessmentId, input, source);
  };

  /** Writes one answer already checked, with its audit entry; returns it as stored. */
  const writeAnswer = (assessmentId: string, input: AnswerInput, source: string): StoredAnswer => {
    const read = storage.assessments.answer(assessmentId, input.questionnaireId, input.questionId);
    // The version is the database's bookkeeping (team database), not the answer's history.
    const before = read && withoutVersion(read);
    const after: StoredAnswer = {
      questionnaireId: input.questionnaireId,
      questionId: input.questionId,
      answer: input.answer === undefined ? (before?.answer ?? null) : input.answer,
      note: input.note ?? before?.note ?? '',
      followUp: input.followUp ?? before?.followUp ?? false,
      updatedAt: ctx.now().toISOString(),
      updatedBy: ctx.actor(),
      source,
    };
    const saved = storage.assessments.saveAnswer(assessmentId, after, input.version);
    recordAudit(
      ctx,
      'answer',
      `${assessmentId}/${input.questionnaireId}/${input.questionId}`,
      'answer',
      before ?? null,
      after,
    );
    return saved === undefined ? after : { ...after, version: saved };
  };

  const assertOpen = (row: ReturnType<typeof mustGet>) => {
    if (row.status === 'closed')
      throw new AppError('CONFLICT', 'This assessment is closed; reopen it to change answers');
  };

  return {
    /** Starts an assessment of a vendor (or, with no vendor, of our own warehouse). */
    start(vendorId: string | null, questionnaireIds: string[]): AssessmentSummary {
      return storage.transaction(() => {
        const vendor = vendorId ? storage.vendors.get(vendorId) : null;
        if (vendorId && !vendor) throw new AppError('NOT_FOUND', `No vendor with id ${vendorId}`);
        const unique = [...new Set(questionnaireIds)];
        const chosen = unique.map((id) => questionnaires.latest(id));
        for (const { q } of chosen) {
          const wanted = vendorId ? 'vendor' : 'self';
          if (q.audience !== wanted) {
            throw new AppError(
              'INVALID_INPUT',
              vendorId
                ? `${q.title} is a self-assessment, not a vendor questionnaire`
                : `${q.title} is a vendor questionnaire; a self-assessment needs a self-assessment questionnaire`,
            );
          }
          const pinnedNow = storage.questionnaires.insert({
            id: q.id,
            version: q.version,
            title: q.title,
            source: 'pinned',
            definition: q,
            installedAt: ctx.now().toISOString(),
          });
          // The copy every assessment of this version is scored against: its digest in the trail.
          if (pinnedNow)
            recordAudit(ctx, 'questionnaire', `${q.id}@${q.version}`, 'pin', null, {
              id: q.id,
              version: q.version,
              title: q.title,
              digest: definitionDigest(q),
            });
        }
        const at = ctx.now().toISOString();
        const row = {
          id: ctx.newId(),
          vendorId,
          title: `${vendor ? vendor.name : 'Self-assessment'} — ${at.slice(0, 10)}`,
          status: 'in-progress' as const,
          position: null,
          createdAt: at,
          updatedAt: at,
          createdBy: ctx.actor(),
          submittedAt: null,
          questionnaires: chosen.map(({ q }) => ({ id: q.id, version: q.version })),
        };
        storage.assessments.insert(row);
        const summary = summaryOf(row);
        recordAudit(ctx, 'assessment', row.id, 'create', null, summary);
        return summary;
      });
    },

    /** Assessments of a vendor (or the self-assessments), newest first. */
    list(vendorId: string | null): AssessmentSummary[] {
      return storage.assessments.listForVendor(vendorId).map(summaryOf);
    },

    /** Everything the assessment screen needs. */
    get(id: string) {
      const row = mustGet(id);
      const qs = pinnedOf(row);
      const answers = storage.assessments.answers(id);
      return {
        assessment: summaryOf(row),
        questionnaires: qs,
        answers,
        evidence: storage.evidence.listForAssessment(id),
        state: stateOf(qs, answers),
      };
    },

    /** Saves one answer (or its note or follow-up mark) and returns the new evaluation. */
    answer(id: string, input: AnswerInput, position?: string) {
      return storage.transaction(() => {
        const row = mustGet(id);
        assertOpen(row);
        const qs = pinnedOf(row);
        const saved = applyAnswer(id, qs, input, 'user');
        storage.assessments.update(id, {
          updatedAt: saved.updatedAt,
          position: position ?? answerKey(input.questionnaireId, input.questionId),
        });
        return { answer: saved, state: stateOf(qs, storage.assessments.answers(id)) };
      });
    },

    /** Saves many answers in one transaction: all or none. */
    answerMany(id: string, inputs: AnswerInput[], source: string) {
      return storage.transaction(() => {
        const row = mustGet(id);
        assertOpen(row);
        const qs = pinnedOf(row);
        // Every value that does not fit its question, named at once (not the first only).
        checkAnswers(qs, inputs);
        for (const input of inputs) writeAnswer(id, input, source);
        storage.assessments.update(id, { updatedAt: ctx.now().toISOString() });
        const state = stateOf(qs, storage.assessments.answers(id));
        // Kept (they count again if the question is shown again), but said, so a bulk
        // import never silently stores answers nobody will see.
        const shown = new Set(state.visible);
        const hidden = inputs
          .map((i) => answerKey(i.questionnaireId, i.questionId))
          .filter((k) => !shown.has(k));
        return { applied: inputs.length, hidden, state };
      });
    },

    /** What is left before submitting: unanswered questions, raised flags with their questions, missing evidence. */
    review(id: string): AssessmentReview {
      const row = mustGet(id);
      return reviewAssessment({
        questionnaires: pinnedOf(row),
        answers: new Map(
          storage.assessments.answers(id).map((a) => [answerKey(a.questionnaireId, a.questionId), a.answer]),
        ),
        evidence: storage.evidence.listForAssessment(id),
        today: ctx.now().toISOString().slice(0, 10),
      });
    },

    /** Remembers where the user was, to resume there. */
    setPosition(id: string, position: string) {
      const row = mustGet(id);
      // Where the user is reading is not a change to the assessment: no audit, same updatedAt.
      storage.assessments.update(id, { position, updatedAt: row.updatedAt });
      return { position };
    },

    /**
     * Moves an assessment between in progress, submitted and closed. `read` is the version
     * and status the caller read (team database): the change is refused when a colleague
     * changed the status since, naming them; their answers in the meantime do not refuse it.
     */
    setStatus(id: string, status: AssessmentStatus, read?: AssessmentRead): AssessmentSummary {
      return storage.transaction(() => {
        const row = mustGet(id);
        if (storage.kind === 'team' && read?.status !== undefined && row.status !== read.status)
          throw staleStatus(storage.audit.listFor('assessment', id, 1)[0]);
        // The version is the database's bookkeeping, not the assessment's history.
        const before = withoutRowVersion(summaryOf(row));
        if (status === 'submitted') {
          const qs = pinnedOf(row);
          const state = stateOf(qs, storage.assessments.answers(id));
          const answered = new Set(
            storage.assessments
              .answers(id)
              .filter((a) => a.answer)
              .map((a) => answerKey(a.questionnaireId, a.questionId)),
          );
          const missing = qs.flatMap((q) =>
            q.sections.flatMap((s) =>
              s.questions
                .filter(
                  (x) =>
                    x.required &&
                    state.visible.includes(answerKey(q.id, x.id)) &&
                    !answered.has(answerKey(q.id, x.id)),
                )
                .map((x) => answerKey(q.id, x.id)),
            ),
          );
          if (missing.length) {
            throw new AppError(
              'CONFLICT',
              `${missing.length} required question${missing.length > 1 ? 's are' : ' is'} still unanswered (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}); answer ${missing.length > 1 ? 'them' : 'it'} before submitting`,
            );
          }
        }
        const at = ctx.now().toISOString();
        // Submitting (again) starts the reassessment clock; closing keeps the date it was submitted.
        const submittedAt =
          status === 'submitted' || (status === 'closed' && !row.submittedAt) ? at : undefined;
        const version = storage.assessments.update(
          id,
          { status, updatedAt: at, ...(submittedAt ? { submittedAt } : {}) },
          read,
        );
        const after = withoutRowVersion(summaryOf(mustGet(id)));
        recordAudit(ctx, 'assessment', id, 'update', before, after);
        return version === undefined ? after : { ...after, version };
      });
    },

    /** Copies an evidence file into the data folder, records its SHA-256, and links it to the answer. */
    attachEvidence(input: EvidenceInput): Evidence {
      const bytes = Buffer.from(input.contentBase64, 'base64');
      if (bytes.length === 0) throw new AppError('INVALID_INPUT', 'The evidence file is empty');
      if (bytes.length > MAX_EVIDENCE_BYTES)
        throw new AppError(
          'INVALID_INPUT',
          `The evidence file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`,
        );
      const row = mustGet(input.assessmentId);
      assertOpen(row);
      const qs = pinnedOf(row);
      const question = findQuestion(qs, input.questionnaireId, input.questionId);
      const id = ctx.newId();
      const evidence: Evidence = {
        id,
        vendorId: row.vendorId,
        assessmentId: row.id,
        questionnaireId: input.questionnaireId,
        questionId: input.questionId,
        fileName: input.fileName,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        kind: input.kind,
        issuer: input.issuer,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        expiresAt: input.expiresAt ?? defaultExpiry(input.periodEnd, question.evidence?.validForMonths),
        addedAt: ctx.now().toISOString(),
        addedBy: ctx.actor(),
      };
      const removeFile = storage.evidence.storeFile(id, bytes);
      try {
        return storage.transaction(() => {
          storage.evidence.insert(evidence);
          recordAudit(ctx, 'evidence', id, 'attach', null, evidence);
          if (question.type === 'evidence') {
            const current = storage.assessments.answer(
              row.id,
              input.questionnaireId,
              input.questionId,
            )?.answer;
            const ids = current?.status === 'answered' && Array.isArray(current.value) ? current.value : [];
            applyAnswer(
              row.id,
              qs,
              {
                questionnaireId: input.questionnaireId,
                questionId: input.questionId,
                answer: { status: 'answered', value: [...ids, id] },
              },
              'user',
            );
          }
          return evidence;
        });
      } catch (error) {
        removeFile();
        throw error;
      }
    },

    /** Evidence on file for a vendor, newest first. */
    evidenceForVendor(vendorId: string): Evidence[] {
      return storage.evidence.listForVendor(vendorId);
    },
  };
}

function defaultExpiry(periodEnd: string | null, months: number | undefined): string | null {
  return periodEnd && months ? addMonths(periodEnd, months) : null;
}

/** An assessment without the team database's row version (the trail records its fields). */
function withoutRowVersion({ version: _version, ...summary }: AssessmentSummary): AssessmentSummary {
  return summary;
}

/**
 * The refusal of a status change a colleague's status change made stale, naming who changed
 * it and when as the team database's own refusal does ("changed by dana at 2026-12-07 14:02
 * UTC — reload to see it"): the trail's newest entry for the assessment is that change.
 */
function staleStatus(last: AuditEntry | undefined): AppError {
  const when = last ? ` at ${last.at.slice(0, 10)} ${last.at.slice(11, 16)} UTC` : '';
  return new AppError('CONFLICT', `changed by ${last?.actor ?? 'a colleague'}${when} — reload to see it`);
}

/** An answer without the team database's row version (the trail records the answer's fields). */
function withoutVersion({ version: _version, ...answer }: StoredAnswer): StoredAnswer {
  return answer;
}
