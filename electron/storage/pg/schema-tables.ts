/**
 * The portfolio's tables in PostgreSQL: the SQLite schema as migrations 1–16 leave it
 * (storage/migrations.ts), table for table and column for column, so a portfolio moves
 * between the two without a mapping of its own. Types map as follows (docs/team.md):
 * TEXT stays text (ISO 8601 times and JSON text included: hashes and sealed values cover
 * the stored text, which jsonb or timestamptz would rewrite); INTEGER counts are integer,
 * sizes and audit numbers bigint; 0/1 flags are boolean; REAL is double precision.
 *
 * Team columns come on top, on every record a person edits (EDITABLE_TABLES): row_version,
 * changed_by (the session user) and changed_at, kept by a trigger (schema-team.ts).
 */

/** Tables whose rows people edit, each with row_version / changed_by / changed_at. */
export const EDITABLE_TABLES = [
  'vendors',
  'questionnaires',
  'assessments',
  'assessment_questionnaires',
  'answers',
  'evidence',
  'settings',
  'decisions',
  'clause_library',
  'vendor_clauses',
  'clause_comments',
  'legal_signoffs',
  'devices',
  'device_mappings',
  'manufacturer_links',
  'device_acceptances',
  'exchange_packages',
  'exchange_responses',
  'sboms',
  'vex_documents',
  'advisories',
] as const;

/**
 * Portfolio tables only a team database has: evidence files' content, which the local
 * folder keeps as files under evidence/ (schema-evidence.ts). Moving in and out maps them.
 */
export const TEAM_ONLY_TABLES = ['evidence_content'] as const;

/** Every table of the portfolio (not the team's own bookkeeping). */
export const PORTFOLIO_TABLES = [
  ...EDITABLE_TABLES,
  'audit_log',
  'audit_record',
  'vendor_standings',
  'device_imports',
  'device_vulnerabilities',
  'vulnerability_runs',
  'kev_catalog',
  'kev_entries',
  'exchange_sbom_replies',
  ...TEAM_ONLY_TABLES,
] as const;
export type PortfolioTable = (typeof PORTFOLIO_TABLES)[number];

/** SQLite's migration 17: what a vendor's exchange response said about each SBOM asked for. */
export const SBOM_REPLIES_SQL = `
  CREATE TABLE exchange_sbom_replies (
    id text PRIMARY KEY,
    package_id text NOT NULL REFERENCES exchange_packages (id) ON DELETE CASCADE,
    vendor_id text NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    model text NOT NULL,
    firmware text,
    outcome text NOT NULL,
    file_name text,
    detail text NOT NULL,
    record_id text,
    recorded_at text NOT NULL,
    recorded_by text NOT NULL
  );
  CREATE INDEX exchange_sbom_replies_vendor ON exchange_sbom_replies (vendor_id);
  CREATE TRIGGER exchange_sbom_replies_notify AFTER INSERT OR UPDATE OR DELETE ON exchange_sbom_replies
    FOR EACH STATEMENT EXECUTE FUNCTION vr_notify_change();
`;

/** SQLite's migration 18: whether a standing's score is provisional, as a column the list reads. */
export const STANDING_PROVISIONAL_SQL = `
  ALTER TABLE vendor_standings ADD COLUMN provisional integer;
`;

/** The tables, as SQLite's schema 16 has them. */
export const TABLES_SQL = `
  CREATE TABLE vendors (
    id text PRIMARY KEY,
    name text NOT NULL,
    name_key text NOT NULL,
    category text NOT NULL,
    services text NOT NULL DEFAULT '',
    data_touched text NOT NULL DEFAULT '[]',
    criticality text NOT NULL,
    owner text NOT NULL DEFAULT '',
    status text NOT NULL,
    tags text NOT NULL DEFAULT '[]',
    notes text NOT NULL DEFAULT '',
    created_at text NOT NULL,
    updated_at text NOT NULL
  );
  CREATE UNIQUE INDEX vendors_name_key ON vendors (name_key);

  CREATE TABLE audit_log (
    id bigint PRIMARY KEY,
    at text NOT NULL,
    actor text NOT NULL,
    entity text NOT NULL,
    entity_id text,
    action text NOT NULL,
    before_json text,
    after_json text,
    prev_hash text,
    hash text,
    mac text
  );
  CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
  CREATE TABLE audit_record (
    id integer PRIMARY KEY CHECK (id = 1),
    entries bigint NOT NULL,
    last_id bigint NOT NULL,
    hash text NOT NULL,
    mac text
  );

  CREATE TABLE questionnaires (
    id text NOT NULL,
    version text NOT NULL,
    title text NOT NULL,
    source text NOT NULL,
    definition text NOT NULL,
    installed_at text NOT NULL,
    PRIMARY KEY (id, version)
  );
  CREATE TABLE assessments (
    id text PRIMARY KEY,
    vendor_id text REFERENCES vendors (id) ON DELETE RESTRICT,
    title text NOT NULL,
    status text NOT NULL,
    position text,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    created_by text NOT NULL,
    submitted_at text
  );
  CREATE INDEX assessments_vendor ON assessments (vendor_id, created_at);
  CREATE TABLE assessment_questionnaires (
    assessment_id text NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    questionnaire_id text NOT NULL,
    version text NOT NULL,
    position integer NOT NULL,
    PRIMARY KEY (assessment_id, questionnaire_id)
  );
  CREATE TABLE answers (
    assessment_id text NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    questionnaire_id text NOT NULL,
    question_id text NOT NULL,
    answer text,
    note text NOT NULL DEFAULT '',
    follow_up boolean NOT NULL DEFAULT false,
    updated_at text NOT NULL,
    updated_by text NOT NULL,
    source text NOT NULL,
    PRIMARY KEY (assessment_id, questionnaire_id, question_id)
  );
  CREATE TABLE evidence (
    id text PRIMARY KEY,
    vendor_id text REFERENCES vendors (id) ON DELETE RESTRICT,
    assessment_id text REFERENCES assessments (id) ON DELETE SET NULL,
    questionnaire_id text,
    question_id text,
    file_name text NOT NULL,
    sha256 text NOT NULL,
    size bigint NOT NULL,
    kind text NOT NULL,
    issuer text NOT NULL DEFAULT '',
    period_start text,
    period_end text,
    expires_at text,
    added_at text NOT NULL,
    added_by text NOT NULL
  );
  CREATE INDEX evidence_vendor ON evidence (vendor_id);
  CREATE INDEX evidence_assessment ON evidence (assessment_id);

  CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL,
    updated_at text NOT NULL
  );

  CREATE TABLE decisions (
    id text PRIMARY KEY,
    assessment_id text NOT NULL REFERENCES assessments (id) ON DELETE RESTRICT,
    decision text NOT NULL,
    conditions text NOT NULL DEFAULT '[]',
    notes text NOT NULL DEFAULT '',
    decided_by text NOT NULL,
    decided_at text NOT NULL
  );
  CREATE INDEX decisions_assessment ON decisions (assessment_id, decided_at);

  CREATE TABLE vendor_standings (
    vendor_id text PRIMARY KEY REFERENCES vendors (id) ON DELETE CASCADE,
    computed_on text NOT NULL,
    tier text NOT NULL,
    tier_rank integer NOT NULL,
    score double precision,
    completeness double precision NOT NULL,
    residual double precision NOT NULL,
    open_flags integer NOT NULL,
    knockouts integer NOT NULL,
    decision text,
    next_reassessment text,
    reassessment text,
    conditions_past_due integer NOT NULL,
    evidence_expired integer NOT NULL,
    evidence_30 integer NOT NULL,
    evidence_60 integer NOT NULL,
    evidence_90 integer NOT NULL,
    figures text
  );

  CREATE TABLE clause_library (
    id text PRIMARY KEY,
    definition text NOT NULL,
    position integer NOT NULL,
    updated_at text NOT NULL
  );
  CREATE TABLE vendor_clauses (
    vendor_id text NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
    clause_id text NOT NULL,
    status text NOT NULL,
    value text,
    reference text NOT NULL,
    waiver text,
    updated_at text NOT NULL,
    updated_by text NOT NULL,
    PRIMARY KEY (vendor_id, clause_id)
  );
  CREATE TABLE clause_comments (
    id text PRIMARY KEY,
    vendor_id text NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
    clause_id text NOT NULL,
    text text NOT NULL,
    author text NOT NULL,
    at text NOT NULL
  );
  CREATE INDEX clause_comments_vendor ON clause_comments (vendor_id, clause_id, at);
  CREATE TABLE legal_signoffs (
    id text PRIMARY KEY,
    vendor_id text NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
    reviewer text NOT NULL,
    signed_at text NOT NULL,
    statuses text NOT NULL,
    reopened_at text,
    reopened_by text,
    reopened_clause text
  );
  CREATE INDEX legal_signoffs_vendor ON legal_signoffs (vendor_id, signed_at);

  CREATE TABLE devices (
    source text NOT NULL,
    device_id text NOT NULL,
    serial text,
    manufacturer_key text,
    data text NOT NULL,
    import_id text NOT NULL,
    PRIMARY KEY (source, device_id)
  );
  CREATE INDEX devices_manufacturer ON devices (manufacturer_key);
  CREATE TABLE device_imports (
    id text PRIMARY KEY,
    source text NOT NULL,
    file_name text NOT NULL,
    at text NOT NULL,
    actor text NOT NULL,
    summary text NOT NULL
  );
  CREATE INDEX device_imports_source ON device_imports (source, at);
  CREATE TABLE device_mappings (
    source text PRIMARY KEY,
    mapping text NOT NULL,
    updated_at text NOT NULL
  );
  CREATE TABLE manufacturer_links (
    manufacturer_key text PRIMARY KEY,
    manufacturer text NOT NULL,
    vendor_id text NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    linked_at text NOT NULL,
    linked_by text NOT NULL
  );
  CREATE TABLE device_acceptances (
    source text NOT NULL,
    device_id text NOT NULL,
    check_id text NOT NULL,
    reason text NOT NULL,
    accepted_by text NOT NULL,
    expires_on text NOT NULL,
    at text NOT NULL,
    PRIMARY KEY (source, device_id, check_id)
  );

  CREATE TABLE exchange_packages (
    id text PRIMARY KEY,
    vendor_id text NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
    assessment_id text NOT NULL REFERENCES assessments (id) ON DELETE RESTRICT,
    format text NOT NULL,
    manifest text NOT NULL,
    created_at text NOT NULL,
    created_by text NOT NULL
  );
  CREATE TABLE exchange_responses (
    id text PRIMARY KEY,
    package_id text NOT NULL REFERENCES exchange_packages (id) ON DELETE RESTRICT,
    file_name text NOT NULL,
    sha256 text NOT NULL,
    accepted integer NOT NULL,
    received_at text NOT NULL,
    received_by text NOT NULL
  );

  CREATE TABLE sboms (
    id text PRIMARY KEY,
    vendor_id text NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    model text,
    firmware text,
    model_key text NOT NULL,
    firmware_key text NOT NULL,
    format text NOT NULL,
    name text NOT NULL,
    components integer NOT NULL,
    serial text,
    file_name text NOT NULL,
    sha256 text NOT NULL,
    imported_at text NOT NULL,
    imported_by text NOT NULL,
    sbom text NOT NULL,
    refs text NOT NULL
  );
  CREATE UNIQUE INDEX sboms_target ON sboms (vendor_id, model_key, firmware_key);
  CREATE INDEX sboms_serial ON sboms (vendor_id, serial);
  CREATE TABLE vex_documents (
    id text PRIMARY KEY,
    vendor_id text NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    document_key text NOT NULL,
    format text NOT NULL,
    name text NOT NULL,
    statements integer NOT NULL,
    file_name text NOT NULL,
    sha256 text NOT NULL,
    imported_at text NOT NULL,
    imported_by text NOT NULL,
    data text NOT NULL
  );
  CREATE UNIQUE INDEX vex_documents_key ON vex_documents (vendor_id, document_key);

  CREATE TABLE advisories (
    tracking_id text PRIMARY KEY,
    version text NOT NULL,
    release_date text NOT NULL,
    current_release_date text NOT NULL,
    title text NOT NULL,
    publisher text NOT NULL,
    category text NOT NULL,
    summary text NOT NULL,
    data text NOT NULL,
    imported_at text NOT NULL,
    imported_by text NOT NULL
  );
  CREATE TABLE kev_catalog (
    id integer PRIMARY KEY CHECK (id = 1),
    catalog_version text NOT NULL,
    date_released text NOT NULL,
    imported_at text NOT NULL,
    imported_by text NOT NULL
  );
  CREATE TABLE kev_entries (
    cve text PRIMARY KEY,
    data text NOT NULL
  );

  CREATE TABLE device_vulnerabilities (
    source text NOT NULL,
    device_id text NOT NULL,
    vendor_id text,
    cve text NOT NULL,
    in_kev boolean NOT NULL,
    suppressed boolean NOT NULL,
    data text NOT NULL
  );
  CREATE INDEX device_vulnerabilities_device ON device_vulnerabilities (source, device_id);
  CREATE INDEX device_vulnerabilities_vendor ON device_vulnerabilities (vendor_id);
  CREATE TABLE vulnerability_runs (
    id text PRIMARY KEY,
    at text NOT NULL,
    summary text NOT NULL
  );
`;
