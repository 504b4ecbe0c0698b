import { openDatabase, type Database, type OpenOptions } from './database';
import type { TeamDatabase } from './pg/team-database';
import type { TeamRole } from '../domain/team-roles';
import { teamKeyStore } from './pg/team-key-store';
import { folderKeyStore, type KeyStore } from './keyfile';
import { createVendorRepo, type VendorRepo } from './vendor-repo';
import { createAuditRepo, type AuditRepo } from './audit-repo';
import { createQuestionnaireRepo, type QuestionnaireRepo } from './questionnaire-repo';
import { createAssessmentRepo, type AssessmentRepo } from './assessment-repo';
import { createEvidenceRepo, type EvidenceRepo } from './evidence-repo';
import { createSettingsRepo, type SettingsRepo } from './settings-repo';
import { createDecisionRepo, type DecisionRepo } from './decision-repo';
import { createStandingRepo, type StandingRepo } from './standing-repo';
import { createClauseRepo, type ClauseRepo } from './clause-repo';
import { createDeviceRepo, type DeviceRepo } from './device-repo';
import { createExchangeRepo, type ExchangeRepo } from './exchange-repo';
import { createSampleRepo, type SampleRepo } from './sample-repo';
import { createSbomRepo, type SbomRepo } from './sbom-repo';
import { createAdvisoryRepo, type AdvisoryRepo } from './advisory-repo';
import { createVulnerabilityRepo, type VulnerabilityRepo } from './vulnerability-repo';
import { sealEvidenceFiles, sealExistingValues, sealTeamEvidence } from './seal-existing';

/** Everything the services may read or write, by name; SQL stays below this line. */
export interface Storage {
  /** This computer's own database ('solo'), or a team's shared one ('team'). */
  readonly kind: 'solo' | 'team';
  readonly dataDir: string;
  readonly vendors: VendorRepo;
  readonly audit: AuditRepo;
  readonly questionnaires: QuestionnaireRepo;
  readonly assessments: AssessmentRepo;
  readonly evidence: EvidenceRepo;
  readonly settings: SettingsRepo;
  readonly decisions: DecisionRepo;
  readonly standings: StandingRepo;
  readonly clauses: ClauseRepo;
  readonly devices: DeviceRepo;
  readonly exchange: ExchangeRepo;
  /** Vendors' SBOMs and VEX statements. */
  readonly sboms: SbomRepo;
  /** CSAF advisories and the known exploited vulnerabilities catalog. */
  readonly advisories: AdvisoryRepo;
  /** Devices' vulnerabilities found by matching (area "match"). */
  readonly vulnerabilities: VulnerabilityRepo;
  /** Removal of the sample warehouse's records. */
  readonly sample: SampleRepo;
  transaction<T>(fn: () => T): T;
  leavingCheckpoint: Database['leavingCheckpoint'];
  schemaVersion(): number;
  backupTo: Database['backupTo'];
  /** Seals and opens the sensitive columns and evidence files. */
  readonly cipher: Database['cipher'];
  /** The login's team roles on a team database (what it may write); null for this computer's own data. */
  readonly roles: readonly TeamRole[] | null;
  /** Where the encryption key file is kept (the folder's file, or the team database's record). */
  readonly keys: KeyStore;
  /** Seals the plain sensitive values and evidence files written before encryption was on. */
  sealExisting(): { values: number; files: number };
  /** Seals again, each for its place, the values and files an earlier version sealed without one. */
  resealWithPlaces(): { values: number; files: number };
  restoreFrom: Database['restoreFrom'];
  /** What was narrowed to the owner's only when the folder was opened. */
  readonly tightened: Database['tightened'];
  close(): void;
}

/** Opens the storage of a data folder. */
export function openStorage(dataDir: string, options: OpenOptions = {}): Storage {
  const db = openDatabase(dataDir, options);
  return {
    ...repositories(db, dataDir),
    kind: 'solo',
    roles: null,
    keys: folderKeyStore(dataDir),
    sealExisting: () => {
      const values = db.transaction(() => sealExistingValues(db));
      // The plain versions of what was sealed must not linger in freed pages or the WAL.
      db.sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);');
      return { values, files: sealEvidenceFiles(db, dataDir) };
    },
    resealWithPlaces() {
      // Nothing plain is written here (the values were sealed already): no VACUUM needed.
      const values = db.transaction(() => sealExistingValues(db));
      return { values, files: sealEvidenceFiles(db, dataDir) };
    },
  };
}

/** Why a backup or a restore is refused on a team database, and what to do instead. */
export const teamBackupRefused = (what: string) =>
  `${what} is not done from the app on a team database: the database's owner backs it up on the server (pg_dump), and \`vendor-risk team export --to DIR\` writes a local copy`;

/**
 * The storage of a team database (pg/team-database.ts): the same repositories over the
 * team's PostgreSQL. `dataDir` is this computer's folder (preferences, files on their way in).
 */
export function openTeamStorage(db: TeamDatabase, dataDir: string): Storage {
  // Sensitive fields and evidence files (evidence_content) are sealed with the team's key, in
  // one transaction: every colleague sees all of it sealed, or none of it.
  const seal = () => db.transaction(() => ({ values: sealExistingValues(db), files: sealTeamEvidence(db) }));
  return {
    ...repositories(db, dataDir),
    kind: 'team',
    roles: db.roles,
    keys: teamKeyStore(db),
    sealExisting: seal,
    resealWithPlaces: seal,
  };
}

/** The repositories and transaction every backend gives. */
function repositories(db: Database, dataDir: string) {
  return {
    dataDir,
    vendors: createVendorRepo(db),
    audit: createAuditRepo(db),
    questionnaires: createQuestionnaireRepo(db),
    assessments: createAssessmentRepo(db),
    evidence: createEvidenceRepo(db, dataDir),
    settings: createSettingsRepo(db),
    decisions: createDecisionRepo(db),
    standings: createStandingRepo(db),
    clauses: createClauseRepo(db),
    devices: createDeviceRepo(db),
    exchange: createExchangeRepo(db),
    sboms: createSbomRepo(db),
    advisories: createAdvisoryRepo(db),
    vulnerabilities: createVulnerabilityRepo(db),
    sample: createSampleRepo(db, dataDir),
    transaction: db.transaction,
    leavingCheckpoint: db.leavingCheckpoint,
    schemaVersion: db.schemaVersion,
    backupTo: db.backupTo,
    cipher: db.cipher,
    restoreFrom: db.restoreFrom,
    tightened: db.tightened,
    close: db.close,
  };
}
