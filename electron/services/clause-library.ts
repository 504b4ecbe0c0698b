import { answerKey } from '../domain/evaluate-assessment';
import { builtinClauseIds, builtinClauses } from '../domain/builtin-clauses';
import {
  clauseAnswers,
  clauseQuestionnaire,
  evaluateClauses,
  type AnswerLookup,
  type Clause,
  type ClauseEvaluation,
} from '../domain/clauses';
import type { AnswerValue } from '../domain/answer';
import type { Questionnaire } from '../domain/questionnaire';
import type { Storage } from '../storage/storage';
import { roleMayWrite } from '../domain/team-roles';

const cache = new WeakMap<Storage['clauses'], { version: string; library: Clause[] }>();

/**
 * The clause library of a data folder: built-in clauses (with the user's edits) and the
 * user's own, in order. Built-in clauses the folder has not seen yet (a new app version)
 * are added first. The same array is returned until the library changes, so what is
 * derived from it (the clauses questionnaire) is built once.
 */
export function clauseLibrary(storage: Storage, now: () => Date): Clause[] {
  const repo = storage.clauses;
  let hit = cache.get(repo);
  const version = repo.libraryVersion();
  if (hit && hit.version === version) return hit.library;
  // The version is read before the library: a change between the two reads is read again next time.
  const library = repo.library();
  const known = new Set(library.map((c) => c.id));
  // By id first: checking the whole built-in file costs every command that lists vendors.
  const missing = builtinClauseIds().some((id) => !known.has(id));
  if (!missing || !roleMayWrite(storage.roles, 'clause_library')) {
    // A team database's library is written by those whose role may (legal, admin): another
    // login sees the built-in clauses it lacks in their places without storing them.
    if (missing)
      builtinClauses().forEach((c, i) => {
        if (!known.has(c.id)) library.splice(Math.min(i, library.length), 0, c);
      });
    hit = { version, library };
    cache.set(repo, hit);
    return library;
  }
  storage.transaction(() => {
    const at = now().toISOString();
    const stored = new Set(repo.library().map((c) => c.id));
    builtinClauses().forEach((c, i) => {
      if (!stored.has(c.id)) repo.putClause(c, i, at);
    });
  });
  hit = { version: repo.libraryVersion(), library: repo.library() };
  cache.set(repo, hit);
  return hit.library;
}

/** The vendor's latest answer to each question, newest assessment first, for the clauses' cross-checks. */
export function vendorAnswerLookup(storage: Storage, vendorId: string): AnswerLookup {
  let answers: Map<string, AnswerValue> | null = null;
  return (questionnaireId, questionId) => {
    if (!answers) {
      answers = new Map();
      for (const a of storage.assessments.listForVendor(vendorId))
        for (const row of storage.assessments.answers(a.id)) {
          const key = answerKey(row.questionnaireId, row.questionId);
          if (!answers.has(key) && row.answer) answers.set(key, row.answer);
        }
    }
    return answers.get(answerKey(questionnaireId, questionId)) ?? null;
  };
}

export interface ClausePart {
  questionnaire: Questionnaire;
  answers: Map<string, AnswerValue>;
  evaluations: ClauseEvaluation[];
}

/** The vendor's clauses as scoring sees them, or null while no clause of it is recorded. */
export function clausePart(storage: Storage, now: () => Date, vendorId: string): ClausePart | null {
  const records = storage.clauses.listForVendor(vendorId);
  if (records.length === 0) return null;
  const library = clauseLibrary(storage, now);
  const evaluations = evaluateClauses(library, records, vendorAnswerLookup(storage, vendorId));
  return {
    questionnaire: clauseQuestionnaire(library),
    answers: clauseAnswers(evaluations),
    evaluations,
  };
}
