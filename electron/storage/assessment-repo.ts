import type { Database } from './database';
import type { AssessmentStatus } from '../domain/assessment';
import type { AnswerValue, StoredAnswer } from '../domain/answer';
import { place } from './places';
import { rowsByVendor, versionedUpsert } from './sql';

export interface AssessmentRow {
  id: string;
  vendorId: string | null;
  title: string;
  status: AssessmentStatus;
  position: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  /** When it was (last) submitted; null while never submitted. */
  submittedAt: string | null;
  questionnaires: { id: string; version: string }[];
  /** The team database's row version (absent in the solo app). */
  version?: number;
}

/** The assessment as the window read it, stated with a status change (team database). */
export interface AssessmentRead {
  version: number;
  /** The status it showed: only a change of status since makes the save stale. */
  status?: AssessmentStatus;
}

/** Assessments, the questionnaire versions they pinned, and their answers. */
export interface AssessmentRepo {
  insert(row: AssessmentRow): void;
  get(id: string): AssessmentRow | undefined;
  listForVendor(vendorId: string | null): AssessmentRow[];
  /** Each vendor's assessments, as {@link listForVendor} lists them, in one query. */
  listForVendors(vendorIds: readonly string[]): Map<string, AssessmentRow[]>;
  countForVendor(vendorId: string): number;
  /**
   * Changes an assessment's row. On a team database, `read` (the version and status the
   * window read) is stated to the database, which refuses the save (CONFLICT, who and when)
   * when the status has changed since — or, with no status stated, when anything has; the solo
   * app checks nothing (docs/team.md). Gives the saved row's version (team database).
   */
  update(
    id: string,
    changes: { status?: AssessmentStatus; position?: string | null; submittedAt?: string; updatedAt: string },
    read?: AssessmentRead,
  ): number | undefined;
  answers(assessmentId: string): StoredAnswer[];
  answer(assessmentId: string, questionnaireId: string, questionId: string): StoredAnswer | undefined;
  /**
   * Saves one answer. On a team database, `expectedVersion` (the version the window read)
   * is stated to the database, which refuses the save (CONFLICT, who and when) if a colleague
   * saved since (0: the caller read no answer, so any answer saved since is a colleague's);
   * the solo app checks nothing (docs/team.md). Gives the saved row's version (team database).
   */
  saveAnswer(assessmentId: string, answer: StoredAnswer, expectedVersion?: number): number | undefined;
}

/** Creates the assessment repository. */
export function createAssessmentRepo(db: Database): AssessmentRepo {
  const sql = db.sql;
  const insertStmt = sql.prepare(
    'INSERT INTO assessments (id, vendor_id, title, status, position, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertPin = sql.prepare(
    'INSERT INTO assessment_questionnaires (assessment_id, questionnaire_id, version, position) VALUES (?, ?, ?, ?)',
  );
  const getStmt = sql.prepare('SELECT * FROM assessments WHERE id = ?');
  const pinsStmt = sql.prepare(
    'SELECT questionnaire_id AS id, version FROM assessment_questionnaires WHERE assessment_id = ? ORDER BY position',
  );
  const byVendor = sql.prepare(
    'SELECT * FROM assessments WHERE vendor_id = ? ORDER BY created_at DESC, rowid DESC',
  );
  const selfOnes = sql.prepare(
    'SELECT * FROM assessments WHERE vendor_id IS NULL ORDER BY created_at DESC, rowid DESC',
  );
  const countStmt = sql.prepare('SELECT COUNT(*) AS n FROM assessments WHERE vendor_id = ?');
  const answersStmt = sql.prepare('SELECT * FROM answers WHERE assessment_id = ?');
  const answerStmt = sql.prepare(
    'SELECT * FROM answers WHERE assessment_id = ? AND questionnaire_id = ? AND question_id = ?',
  );
  const save = versionedUpsert(
    sql,
    `INSERT INTO answers (assessment_id, questionnaire_id, question_id, answer, note, follow_up, updated_at, updated_by, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (assessment_id, questionnaire_id, question_id) DO UPDATE SET
       answer = excluded.answer, note = excluded.note, follow_up = excluded.follow_up,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by, source = excluded.source`,
    db.kind === 'team',
  );

  const fromRow = (r: Record<string, unknown>): AssessmentRow => ({
    id: String(r.id),
    vendorId: r.vendor_id === null ? null : String(r.vendor_id),
    title: String(r.title),
    status: String(r.status) as AssessmentStatus,
    position: r.position === null ? null : String(r.position),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    createdBy: String(r.created_by),
    submittedAt: r.submitted_at === null || r.submitted_at === undefined ? null : String(r.submitted_at),
    questionnaires: pinsStmt.all(String(r.id)) as unknown as { id: string; version: string }[],
    ...(r.row_version !== undefined ? { version: Number(r.row_version) } : {}),
  });
  const answerFromRow = (r: Record<string, unknown>): StoredAnswer => ({
    questionnaireId: String(r.questionnaire_id),
    questionId: String(r.question_id),
    answer: r.answer === null ? null : (JSON.parse(String(r.answer)) as AnswerValue),
    note: db.cipher.open(
      String(r.note),
      place.answerNote(String(r.assessment_id), String(r.questionnaire_id), String(r.question_id)),
    ),
    followUp: r.follow_up === 1,
    updatedAt: String(r.updated_at),
    updatedBy: String(r.updated_by),
    source: String(r.source),
    ...(r.row_version !== undefined ? { version: Number(r.row_version) } : {}),
  });

  return {
    insert(row) {
      insertStmt.run(
        row.id,
        row.vendorId,
        row.title,
        row.status,
        row.position,
        row.createdAt,
        row.updatedAt,
        row.createdBy,
      );
      row.questionnaires.forEach((q, i) => insertPin.run(row.id, q.id, q.version, i));
    },
    get: (id) => {
      const r = getStmt.get(id);
      return r ? fromRow(r) : undefined;
    },
    listForVendor: (vendorId) => (vendorId === null ? selfOnes.all() : byVendor.all(vendorId)).map(fromRow),
    listForVendors: (ids) =>
      rowsByVendor(
        sql,
        ids,
        (list) =>
          `SELECT * FROM assessments WHERE vendor_id IN (${list}) ORDER BY vendor_id, created_at DESC, rowid DESC`,
        fromRow,
      ),
    countForVendor: (vendorId) => Number((countStmt.get(vendorId) as { n: number }).n),
    update(id, changes, read) {
      const sets: string[] = ['updated_at = ?'];
      const params: (string | null)[] = [changes.updatedAt];
      if (changes.status !== undefined) {
        sets.push('status = ?');
        params.push(changes.status);
      }
      if (changes.submittedAt !== undefined) {
        sets.push('submitted_at = ?');
        params.push(changes.submittedAt);
      }
      if (changes.position !== undefined) {
        sets.push('position = ?');
        params.push(changes.position);
      }
      if (db.kind !== 'team') {
        sql.prepare(`UPDATE assessments SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
        return undefined;
      }
      // On a team database the save states the version read (the schema's trigger refuses an
      // UPDATE whose row_version is not the row's); with the status read, only when the status
      // is no longer that one: answers and the remembered position also bump the version.
      const params2: (string | number | null)[] = [...params];
      if (read?.status !== undefined) {
        sets.push('row_version = CASE WHEN status = ? THEN row_version ELSE ? END');
        params2.push(read.status, read.version);
      } else if (read) {
        sets.push('row_version = ?');
        params2.push(read.version);
      }
      const row = sql
        .prepare(`UPDATE assessments SET ${sets.join(', ')} WHERE id = ? RETURNING row_version`)
        .get(...params2, id);
      return row ? Number(row.row_version) : undefined;
    },
    answers: (assessmentId) => answersStmt.all(assessmentId).map(answerFromRow),
    answer: (a, q, id) => {
      const r = answerStmt.get(a, q, id);
      return r ? answerFromRow(r) : undefined;
    },
    saveAnswer(assessmentId, a, expectedVersion) {
      const values = [
        assessmentId,
        a.questionnaireId,
        a.questionId,
        a.answer === null ? null : JSON.stringify(a.answer),
        db.cipher.seal(a.note, place.answerNote(assessmentId, a.questionnaireId, a.questionId)),
        a.followUp ? 1 : 0,
        a.updatedAt,
        a.updatedBy,
        a.source,
      ];
      return save(values, expectedVersion);
    },
  };
}
