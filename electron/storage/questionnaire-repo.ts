import type { Database } from './database';

export interface StoredQuestionnaireRow {
  id: string;
  version: string;
  title: string;
  source: string;
  definition: unknown;
  installedAt: string;
}

/** Installed questionnaire versions (user imports, and every version an assessment pinned). */
export interface QuestionnaireRepo {
  all(): StoredQuestionnaireRow[];
  get(id: string, version: string): StoredQuestionnaireRow | undefined;
  /** Stores a version; a version already stored is kept as it is. */
  /** Stores a version once: whether this call stored it (false: it was there already). */
  insert(row: StoredQuestionnaireRow): boolean;
}

/** Creates the questionnaire repository. */
export function createQuestionnaireRepo(db: Database): QuestionnaireRepo {
  const allStmt = db.sql.prepare('SELECT * FROM questionnaires ORDER BY id, installed_at');
  const getStmt = db.sql.prepare('SELECT * FROM questionnaires WHERE id = ? AND version = ?');
  const insertStmt = db.sql.prepare(
    'INSERT OR IGNORE INTO questionnaires (id, version, title, source, definition, installed_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const fromRow = (r: Record<string, unknown>): StoredQuestionnaireRow => ({
    id: String(r.id),
    version: String(r.version),
    title: String(r.title),
    source: String(r.source),
    definition: JSON.parse(String(r.definition)) as unknown,
    installedAt: String(r.installed_at),
  });
  return {
    all: () => allStmt.all().map(fromRow),
    get: (id, version) => {
      const row = getStmt.get(id, version);
      return row ? fromRow(row) : undefined;
    },
    insert: (r) =>
      Number(
        insertStmt.run(r.id, r.version, r.title, r.source, JSON.stringify(r.definition), r.installedAt)
          .changes,
      ) > 0,
  };
}
