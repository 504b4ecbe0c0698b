import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { join, relative } from 'node:path';
import { DATABASE_FILE } from '../storage/database';
import { openStorage, openTeamStorage, type Storage } from '../storage/storage';
import { createVendorService } from './vendors';
import { createQuestionnaireService } from './questionnaires';
import { createAssessmentService } from './assessments';
import { createScoreService } from './scores';
import { createDecisionService } from './decisions';
import { createPortfolioService } from './portfolio';
import { createSavedFilterService } from './saved-filters';
import { createClauseService } from './clauses';
import { createDeviceService } from './devices';
import { createVulnerabilityService } from './vulnerabilities';
import { createVulnerabilityViews } from './vulnerability-views';
import { createDemoService } from './demo';
import { createOrganisationService } from './organisation';
import { createReportService } from './reports';
import { createAuditService } from './audit';
import { createBackupService } from './backups';
import { createEncryptionService, type EncryptionOptions } from './encryption';
import { createExchangeService } from './exchange';
import { createVendorImportService } from './vendor-import';
import { createSbomService } from './sboms';
import { createAdvisoryService } from './advisories';
import { createPreferencesService, type KeyValueStore } from './preferences';
import { recordAudit, type ServiceContext } from './context';
import { openTeamDatabase, type TeamDatabase } from '../storage/pg/team-database';
import type { TeamWaiting } from '../domain/team-connection';

export interface ServicesOptions {
  dataDir: string;
  preferences: KeyValueStore;
  appVersion: string;
  /** Overrides who is recorded as acting (CLI --user); otherwise preferences, then the OS user. */
  actorOverride?: string;
  /** Check the database's integrity on opening (the app at start; the CLI skips it to start fast). */
  checkIntegrity?: boolean;
  /** The OS keychain and/or a passphrase that unlock encrypted data. */
  encryption?: EncryptionOptions;
  now?: () => Date;
  /**
   * A team database's URL (postgresql://…, the person's own login): the portfolio lives there
   * instead of in the folder's SQLite file, and the trail records the login as the actor.
   */
  database?: string;
  /**
   * Told when the team database leaves a query unanswered for a few seconds, and when it
   * answers or the query is given up (storage/pg/blocking-connection.ts, onWaiting).
   */
  onTeamWaiting?(state: TeamWaiting): void;
  /** A counter whose every increment gives up the wait told of (the window's "Stop waiting"). */
  teamStopWaiting?: Int32Array;
}

/** The services of one data folder. */
export interface AppServices {
  storage: Storage;
  vendors: ReturnType<typeof createVendorService>;
  vendorImport: ReturnType<typeof createVendorImportService>;
  questionnaires: ReturnType<typeof createQuestionnaireService>;
  assessments: ReturnType<typeof createAssessmentService>;
  scores: ReturnType<typeof createScoreService>;
  decisions: ReturnType<typeof createDecisionService>;
  portfolio: ReturnType<typeof createPortfolioService>;
  savedFilters: ReturnType<typeof createSavedFilterService>;
  clauses: ReturnType<typeof createClauseService>;
  devices: ReturnType<typeof createDeviceService>;
  sboms: ReturnType<typeof createSbomService>;
  advisories: ReturnType<typeof createAdvisoryService>;
  vulnerabilities: ReturnType<typeof createVulnerabilityService>;
  vulnerabilityViews: ReturnType<typeof createVulnerabilityViews>;
  reports: ReturnType<typeof createReportService>;
  audit: ReturnType<typeof createAuditService>;
  backups: ReturnType<typeof createBackupService>;
  encryption: ReturnType<typeof createEncryptionService>;
  exchange: ReturnType<typeof createExchangeService>;
  preferences: ReturnType<typeof createPreferencesService>;
  dataDir: string;
  appVersion: string;
  demo: ReturnType<typeof createDemoService>;
  organisation: ReturnType<typeof createOrganisationService>;
  /** The team database this runs on (its login, roles and colleagues' change notices), or null (solo). */
  team: Pick<TeamDatabase, 'user' | 'roles' | 'path' | 'onChange' | 'teamSchemaVersion'> | null;
  close(): void;
}

/** Opens a data folder and creates its services. */
export function createServices(options: ServicesOptions): AppServices {
  const team = options.database
    ? openTeamDatabase(options.database, {
        onWaiting: options.onTeamWaiting,
        stopWaiting: options.teamStopWaiting,
      })
    : null;
  const storage = team
    ? openTeamStorage(team, options.dataDir)
    : openStorage(options.dataDir, { checkIntegrity: options.checkIntegrity });
  const preferences = createPreferencesService(options.preferences);
  const ctx: ServiceContext = {
    storage,
    // In a team database, who acts is the login (the database records it so itself).
    actor: () => team?.user ?? (options.actorOverride || preferences.get().assessorName || osUser()),
    now: options.now ?? (() => new Date()),
    newId: () => randomUUID(),
  };
  let encryption: ReturnType<typeof createEncryptionService>;
  try {
    encryption = createEncryptionService(ctx, options.encryption);
  } catch (error) {
    storage.close(); // a wrong passphrase or a damaged key file: nothing stays open
    throw error;
  }
  // Files an earlier version left readable by other users were narrowed: the trail says so.
  if (storage.tightened.length)
    recordAudit(
      ctx,
      'settings',
      'data-folder',
      'update',
      { permissions: storage.tightened.map((t) => `${relative(options.dataDir, t.path) || '.'} ${t.from}`) },
      { permissions: storage.tightened.map((t) => `${relative(options.dataDir, t.path) || '.'} ${t.to}`) },
    );
  const questionnaires = createQuestionnaireService(ctx);
  // Device imports run on a connection of their own: to the data folder's file, or the team database.
  const databasePath = options.database ?? join(options.dataDir, DATABASE_FILE);
  const devices = createDeviceService(ctx, { databasePath });
  const vulnerabilityViews = createVulnerabilityViews(ctx);
  const portfolio = createPortfolioService(ctx, questionnaires, devices.postures, () =>
    vulnerabilityViews.exploitedByMaker(),
  );
  const vendors = createVendorService(ctx, portfolio.refreshStandings, portfolio.standingsStale);
  const assessments = createAssessmentService(ctx, questionnaires);
  const scores = createScoreService(ctx, questionnaires, devices.vendorPosture);
  const decisions = createDecisionService(ctx);
  const clauses = createClauseService(ctx);
  const reports = createReportService(ctx, {
    vendors,
    scores,
    assessments,
    decisions,
    clauses,
    devices,
    portfolio,
  });

  const vulnerabilities = createVulnerabilityService(ctx);
  const sboms = createSbomService(ctx);

  return {
    storage,
    vendors,
    vendorImport: createVendorImportService(ctx),
    questionnaires,
    assessments,
    scores,
    decisions,
    portfolio,
    savedFilters: createSavedFilterService(ctx),
    clauses,
    devices,
    sboms,
    advisories: createAdvisoryService(ctx),
    vulnerabilities,
    vulnerabilityViews,
    reports,
    audit: createAuditService(
      ctx,
      () => encryption.auditSignatures(),
      () => encryption.sealedValuesKey(),
      options.database,
    ),
    backups: createBackupService(ctx),
    encryption,
    exchange: createExchangeService(ctx, { vendors, assessments, questionnaires, sboms, devices }),
    preferences,
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    demo: createDemoService(ctx, {
      questionnaires,
      databasePath,
      devicePosture: devices.vendorPosture,
      refreshStandings: () => void portfolio.refreshStandings(),
      rematch: () => void vulnerabilities.rematch(),
    }),
    organisation: createOrganisationService(ctx),
    team,
    close: () => {
      reports.close();
      devices.close();
      storage.close();
    },
  };
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
