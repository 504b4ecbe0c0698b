import type { DatabaseSync } from 'node:sqlite';
import { auditHash, GENESIS_HASH } from '../domain/audit-chain';
import { chainEntryOf, type AuditRow } from './audit-rows';
import { decodeDevice, encodeDevice } from '../domain/devices';

/** Numbered schema migrations; each runs once, in a transaction, and is recorded. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL alone cannot do, run after `sql` in the same transaction. */
  run?(sqlite: DatabaseSync): void;
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
  {
    version: 5,
    name: 'vendor standings (derived score columns of the vendor list)',
    sql: `
      -- Derived from everything else, for the vendor list's columns, filters and sorts:
      -- a row is deleted by the triggers below whenever something it depends on changes,
      -- and a missing row, or one computed on an earlier day, is computed again on read.
      CREATE TABLE vendor_standings (
        vendor_id TEXT PRIMARY KEY REFERENCES vendors (id) ON DELETE CASCADE,
        computed_on TEXT NOT NULL,
        tier TEXT NOT NULL,
        tier_rank INTEGER NOT NULL,
        score REAL,
        completeness REAL NOT NULL,
        residual REAL NOT NULL,
        open_flags INTEGER NOT NULL,
        knockouts INTEGER NOT NULL,
        decision TEXT,
        next_reassessment TEXT,
        reassessment TEXT,
        conditions_past_due INTEGER NOT NULL,
        evidence_expired INTEGER NOT NULL,
        evidence_30 INTEGER NOT NULL,
        evidence_60 INTEGER NOT NULL,
        evidence_90 INTEGER NOT NULL
      );
      CREATE TRIGGER standings_vendor_update AFTER UPDATE ON vendors
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = NEW.id; END;
      CREATE TRIGGER standings_assessment_insert AFTER INSERT ON assessments
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = NEW.vendor_id; END;
      CREATE TRIGGER standings_assessment_update AFTER UPDATE ON assessments
        BEGIN DELETE FROM vendor_standings WHERE vendor_id IN (OLD.vendor_id, NEW.vendor_id); END;
      CREATE TRIGGER standings_assessment_delete AFTER DELETE ON assessments
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = OLD.vendor_id; END;
      CREATE TRIGGER standings_pins_insert AFTER INSERT ON assessment_questionnaires
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = (SELECT vendor_id FROM assessments WHERE id = NEW.assessment_id); END;
      CREATE TRIGGER standings_pins_update AFTER UPDATE ON assessment_questionnaires
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = (SELECT vendor_id FROM assessments WHERE id = NEW.assessment_id); END;
      CREATE TRIGGER standings_pins_delete AFTER DELETE ON assessment_questionnaires
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = (SELECT vendor_id FROM assessments WHERE id = OLD.assessment_id); END;
      CREATE TRIGGER standings_answer_insert AFTER INSERT ON answers
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = (SELECT vendor_id FROM assessments WHERE id = NEW.assessment_id); END;
      CREATE TRIGGER standings_answer_update AFTER UPDATE ON answers
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = (SELECT vendor_id FROM assessments WHERE id = NEW.assessment_id); END;
      CREATE TRIGGER standings_answer_delete AFTER DELETE ON answers
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = (SELECT vendor_id FROM assessments WHERE id = OLD.assessment_id); END;
      CREATE TRIGGER standings_evidence_insert AFTER INSERT ON evidence
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = NEW.vendor_id; END;
      CREATE TRIGGER standings_evidence_update AFTER UPDATE ON evidence
        BEGIN DELETE FROM vendor_standings WHERE vendor_id IN (OLD.vendor_id, NEW.vendor_id); END;
      CREATE TRIGGER standings_evidence_delete AFTER DELETE ON evidence
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = OLD.vendor_id; END;
      CREATE TRIGGER standings_decision_insert AFTER INSERT ON decisions
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = (SELECT vendor_id FROM assessments WHERE id = NEW.assessment_id); END;
      CREATE TRIGGER standings_decision_update AFTER UPDATE ON decisions
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = (SELECT vendor_id FROM assessments WHERE id = NEW.assessment_id); END;
      CREATE TRIGGER standings_decision_delete AFTER DELETE ON decisions
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = (SELECT vendor_id FROM assessments WHERE id = OLD.assessment_id); END;
      -- The risk settings and the questionnaires' rules apply to every vendor.
      CREATE TRIGGER standings_settings_insert AFTER INSERT ON settings WHEN NEW.key = 'risk'
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_settings_update AFTER UPDATE ON settings WHEN NEW.key = 'risk' OR OLD.key = 'risk'
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_settings_delete AFTER DELETE ON settings WHEN OLD.key = 'risk'
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_questionnaire_update AFTER UPDATE ON questionnaires
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_questionnaire_delete AFTER DELETE ON questionnaires
        BEGIN DELETE FROM vendor_standings; END;
    `,
  },
  {
    version: 6,
    name: 'contract clauses',
    sql: `
      -- The clause library: the built-in clauses (with the user's edits of their positions) and the user's own.
      CREATE TABLE clause_library (
        id TEXT PRIMARY KEY,
        definition TEXT NOT NULL,
        position INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE vendor_clauses (
        vendor_id TEXT NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
        clause_id TEXT NOT NULL,
        status TEXT NOT NULL,
        value TEXT,
        reference TEXT NOT NULL,
        waiver TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (vendor_id, clause_id)
      );
      CREATE TABLE clause_comments (
        id TEXT PRIMARY KEY,
        vendor_id TEXT NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
        clause_id TEXT NOT NULL,
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX clause_comments_vendor ON clause_comments (vendor_id, clause_id, at);
      CREATE TABLE legal_signoffs (
        id TEXT PRIMARY KEY,
        vendor_id TEXT NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
        reviewer TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        statuses TEXT NOT NULL,
        reopened_at TEXT,
        reopened_by TEXT,
        reopened_clause TEXT
      );
      CREATE INDEX legal_signoffs_vendor ON legal_signoffs (vendor_id, signed_at);
      -- Clauses feed the vendor's flags and score: keep the list's standings honest.
      CREATE TRIGGER standings_clause_insert AFTER INSERT ON vendor_clauses
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = NEW.vendor_id; END;
      CREATE TRIGGER standings_clause_update AFTER UPDATE ON vendor_clauses
        BEGIN DELETE FROM vendor_standings WHERE vendor_id IN (OLD.vendor_id, NEW.vendor_id); END;
      CREATE TRIGGER standings_clause_delete AFTER DELETE ON vendor_clauses
        BEGIN DELETE FROM vendor_standings WHERE vendor_id = OLD.vendor_id; END;
      CREATE TRIGGER standings_library_insert AFTER INSERT ON clause_library
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_library_update AFTER UPDATE ON clause_library
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_library_delete AFTER DELETE ON clause_library
        BEGIN DELETE FROM vendor_standings; END;
    `,
  },
  {
    version: 7,
    name: 'device inventory',
    sql: `
      -- One row per device and source system; data is the device record as JSON.
      CREATE TABLE devices (
        source TEXT NOT NULL,
        device_id TEXT NOT NULL,
        serial TEXT,
        manufacturer_key TEXT,
        data TEXT NOT NULL,
        import_id TEXT NOT NULL,
        PRIMARY KEY (source, device_id)
      );
      CREATE INDEX devices_manufacturer ON devices (manufacturer_key);
      CREATE TABLE device_imports (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        file_name TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        summary TEXT NOT NULL
      );
      CREATE INDEX device_imports_source ON device_imports (source, at);
      -- How each source's files are read, so the next file maps itself.
      CREATE TABLE device_mappings (
        source TEXT PRIMARY KEY,
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- A manufacturer name confirmed to be a vendor.
      CREATE TABLE manufacturer_links (
        manufacturer_key TEXT PRIMARY KEY,
        manufacturer TEXT NOT NULL,
        vendor_id TEXT NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
        linked_at TEXT NOT NULL,
        linked_by TEXT NOT NULL
      );
      CREATE TABLE device_acceptances (
        source TEXT NOT NULL,
        device_id TEXT NOT NULL,
        check_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        accepted_by TEXT NOT NULL,
        expires_on TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (source, device_id, check_id)
      );
      -- Device findings feed the hardware vendor's score: an import, a link or an acceptance changes standings.
      CREATE TRIGGER standings_device_import AFTER INSERT ON device_imports
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_link_insert AFTER INSERT ON manufacturer_links
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_link_update AFTER UPDATE ON manufacturer_links
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_link_delete AFTER DELETE ON manufacturer_links
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_acceptance_insert AFTER INSERT ON device_acceptances
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_acceptance_update AFTER UPDATE ON device_acceptances
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_acceptance_delete AFTER DELETE ON device_acceptances
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_device_settings AFTER UPDATE ON settings WHEN NEW.key = 'deviceChecks'
        BEGIN DELETE FROM vendor_standings; END;
      CREATE TRIGGER standings_device_settings_insert AFTER INSERT ON settings WHEN NEW.key = 'deviceChecks'
        BEGIN DELETE FROM vendor_standings; END;
    `,
  },
  {
    version: 8,
    name: 'audit hash chain',
    sql: `
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
    `,
    // Entries recorded before the chain existed are sealed now, in id order.
    run(sqlite) {
      const update = sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
      let prev = GENESIS_HASH;
      for (const row of sqlite
        .prepare('SELECT * FROM audit_log ORDER BY id')
        .iterate() as Iterable<AuditRow>) {
        const hash = auditHash(chainEntryOf(row), prev);
        update.run(prev, hash, row.id);
        prev = hash;
      }
    },
  },
  {
    version: 9,
    name: 'questionnaire exchange',
    sql: `
      -- A questionnaire sent to a vendor as a file: its manifest (package id, questionnaire versions, checksum).
      CREATE TABLE exchange_packages (
        id TEXT PRIMARY KEY,
        vendor_id TEXT NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
        assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE RESTRICT,
        format TEXT NOT NULL,
        manifest TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      );
      -- A response file imported from a vendor: its hash, and how many answers were accepted.
      CREATE TABLE exchange_responses (
        id TEXT PRIMARY KEY,
        package_id TEXT NOT NULL REFERENCES exchange_packages (id) ON DELETE RESTRICT,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        accepted INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        received_by TEXT NOT NULL
      );
    `,
  },
  {
    version: 10,
    name: 'compact device records',
    sql: '',
    // Devices are stored as arrays of their fields (domain/devices.ts encodeDevice): a third of the size.
    run(sqlite) {
      const update = sqlite.prepare('UPDATE devices SET data = ? WHERE rowid = ?');
      const rows = sqlite
        .prepare("SELECT rowid AS id, data FROM devices WHERE substr(data, 1, 1) = '{'")
        .all() as { id: number; data: string }[];
      for (const r of rows) update.run(encodeDevice(decodeDevice(r.data)), r.id);
    },
  },
  {
    version: 11,
    name: 'the audit trail records its own length',
    // One row, updated with every entry appended: deleting the newest entries, or all of
    // them, no longer matches it (domain/audit-chain.ts verifyChain).
    sql: `
      CREATE TABLE audit_record (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        entries INTEGER NOT NULL,
        last_id INTEGER NOT NULL,
        hash TEXT NOT NULL
      );
      INSERT INTO audit_record (id, entries, last_id, hash)
        SELECT 1, COUNT(*), IFNULL(MAX(id), 0),
          IFNULL((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '${GENESIS_HASH}')
        FROM audit_log;
    `,
  },
  {
    version: 12,
    name: 'audit entries signed with the data key',
    // With encryption on, each entry's hash is also authenticated with a key derived from the data key.
    sql: 'ALTER TABLE audit_log ADD COLUMN mac TEXT; ALTER TABLE audit_record ADD COLUMN mac TEXT;',
  },
  {
    version: 13,
    name: 'vendor standings keep the dashboard figures',
    // The dashboard reads each vendor's figures (knockout flags, reassessment, conditions)
    // from its standing instead of scoring every vendor again; standings are derived, so the
    // existing ones are dropped and computed again, with the figures, on the next read.
    sql: 'ALTER TABLE vendor_standings ADD COLUMN figures TEXT; DELETE FROM vendor_standings;',
  },
  {
    version: 14,
    name: 'vendor SBOMs and VEX statements',
    // One SBOM per vendor + model + firmware (a new one replaces it); VEX statements kept per
    // vendor and document (a document imported again replaces its statements). Both go with
    // their vendor. The keys are the model and firmware folded for comparison ('' for none).
    sql: `
      CREATE TABLE sboms (
        id TEXT PRIMARY KEY,
        vendor_id TEXT NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
        model TEXT,
        firmware TEXT,
        model_key TEXT NOT NULL,
        firmware_key TEXT NOT NULL,
        format TEXT NOT NULL,
        name TEXT NOT NULL,
        components INTEGER NOT NULL,
        serial TEXT,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        sbom TEXT NOT NULL,
        refs TEXT NOT NULL
      );
      CREATE UNIQUE INDEX sboms_target ON sboms (vendor_id, model_key, firmware_key);
      CREATE INDEX sboms_serial ON sboms (vendor_id, serial);
      CREATE TABLE vex_documents (
        id TEXT PRIMARY KEY,
        vendor_id TEXT NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
        document_key TEXT NOT NULL,
        format TEXT NOT NULL,
        name TEXT NOT NULL,
        statements INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE UNIQUE INDEX vex_documents_key ON vex_documents (vendor_id, document_key);
    `,
  },
  {
    version: 15,
    name: 'advisories and the known exploited vulnerabilities catalog',
    // One row per CSAF tracking id (a newer version replaces the row); the KEV catalog is
    // one row of its own version and date, and its entries, replaced whole by a re-import.
    sql: `
      CREATE TABLE advisories (
        tracking_id TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        release_date TEXT NOT NULL,
        current_release_date TEXT NOT NULL,
        title TEXT NOT NULL,
        publisher TEXT NOT NULL,
        category TEXT NOT NULL,
        summary TEXT NOT NULL,
        data TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
      );
      CREATE TABLE kev_catalog (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        catalog_version TEXT NOT NULL,
        date_released TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
      );
      CREATE TABLE kev_entries (
        cve TEXT PRIMARY KEY,
        data TEXT NOT NULL
      );
    `,
  },
  {
    version: 16,
    name: 'device vulnerabilities found by matching',
    // Derived rows, replaced whole by each run (services/vulnerabilities.ts rematch); a run
    // changes device findings, so it drops the standings as a device import does.
    sql: `
      CREATE TABLE device_vulnerabilities (
        source TEXT NOT NULL,
        device_id TEXT NOT NULL,
        vendor_id TEXT,
        cve TEXT NOT NULL,
        in_kev INTEGER NOT NULL,
        suppressed INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX device_vulnerabilities_device ON device_vulnerabilities (source, device_id);
      CREATE INDEX device_vulnerabilities_vendor ON device_vulnerabilities (vendor_id);
      CREATE TABLE vulnerability_runs (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        summary TEXT NOT NULL
      );
      CREATE TRIGGER standings_vulnerability_run AFTER INSERT ON vulnerability_runs
        BEGIN DELETE FROM vendor_standings; END;
    `,
  },
  {
    // area sbomexchange
    version: 17,
    name: 'SBOM replies through the questionnaire exchange',
    // What a vendor's response said about each SBOM its package asked for (the requests are in
    // the package's manifest): a file attached (its SBOM or VEX record), refused, or "not
    // available" with the vendor's reason. They go with the package's vendor.
    sql: `
      CREATE TABLE exchange_sbom_replies (
        id TEXT PRIMARY KEY,
        package_id TEXT NOT NULL REFERENCES exchange_packages (id) ON DELETE CASCADE,
        vendor_id TEXT NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        firmware TEXT,
        outcome TEXT NOT NULL,
        file_name TEXT,
        detail TEXT NOT NULL,
        record_id TEXT,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL
      );
      CREATE INDEX exchange_sbom_replies_vendor ON exchange_sbom_replies (vendor_id);
    `,
  },
  {
    version: 18,
    name: 'vendor standings say in a column whether the score is provisional',
    // Area cli (the speed of `vendors list`). The vendor list and its check for stale standings
    // read this column instead of parsing every standing's figures (json_extract cost about a
    // tenth of `vendors list --json` over 5,000 vendors). Figures without the key give NULL,
    // which counts as stale, as before.
    sql: `ALTER TABLE vendor_standings ADD COLUMN provisional INTEGER;
      UPDATE vendor_standings SET provisional = json_extract(figures, '$.provisional');`,
  },
];

/** The schema version this build writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
