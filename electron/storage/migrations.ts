/** Numbered schema migrations; each runs once, in a transaction, and is recorded. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'vendors and audit trail',
    sql: `
      CREATE TABLE vendors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        category TEXT NOT NULL,
        services TEXT NOT NULL DEFAULT '',
        data_touched TEXT NOT NULL DEFAULT '[]',
        criticality TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX vendors_name_key ON vendors (name_key);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        action TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT
      );
      CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
    `,
  },
  {
    version: 2,
    name: 'questionnaires, assessments, answers and evidence',
    sql: `
      CREATE TABLE questionnaires (
        id TEXT NOT NULL,
        version TEXT NOT NULL,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        definition TEXT NOT NULL,
        installed_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
      );
      CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        vendor_id TEXT REFERENCES vendors (id) ON DELETE RESTRICT,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        position TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      );
      CREATE INDEX assessments_vendor ON assessments (vendor_id, created_at);
      CREATE TABLE assessment_questionnaires (
        assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
        questionnaire_id TEXT NOT NULL,
        version TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (assessment_id, questionnaire_id)
      );
      CREATE TABLE answers (
        assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
        questionnaire_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        answer TEXT,
        note TEXT NOT NULL DEFAULT '',
        follow_up INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (assessment_id, questionnaire_id, question_id)
      );
      CREATE TABLE evidence (
        id TEXT PRIMARY KEY,
        vendor_id TEXT REFERENCES vendors (id) ON DELETE RESTRICT,
        assessment_id TEXT REFERENCES assessments (id) ON DELETE SET NULL,
        questionnaire_id TEXT,
        question_id TEXT,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        kind TEXT NOT NULL,
        issuer TEXT NOT NULL DEFAULT '',
        period_start TEXT,
        period_end TEXT,
        expires_at TEXT,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL
      );
      CREATE INDEX evidence_vendor ON evidence (vendor_id);
    `,
  },
  {
    version: 3,
    name: 'settings',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'decisions',
    sql: `
      CREATE TABLE decisions (
        id TEXT PRIMARY KEY,
        assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE RESTRICT,
        decision TEXT NOT NULL,
        conditions TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL
      );
      CREATE INDEX decisions_assessment ON decisions (assessment_id, decided_at);
      -- When an assessment was submitted: the reassessment clock runs from here, not from later edits.
      ALTER TABLE assessments ADD COLUMN submitted_at TEXT;
      CREATE INDEX evidence_assessment ON evidence (assessment_id);
    `,
  },
];

/** The schema version this build writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
