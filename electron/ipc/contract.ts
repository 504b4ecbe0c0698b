/**
 * THE IPC contract: every operation the renderer (and the CLI) can ask of the main
 * process, declared once with a zod request and a zod response schema in its feature's
 * module under ./ops/, and composed here. Types on both sides are inferred from here.
 * The page imports this file for types only; the preload imports it at run time, so it
 * (and ./ops/<feature>.ts) loads nothing but zod and the pure domain.
 */
import { z } from 'zod';
import { AppErrorShapeSchema, type AppErrorShape } from '../domain/errors';
import { appOps } from './ops/app';
import { vendorOps } from './ops/vendors';
import { questionnaireOps } from './ops/questionnaires';
import { assessmentOps } from './ops/assessments';
import { scoreOps } from './ops/scores';
import { portfolioOps } from './ops/portfolio';
import { decisionOps } from './ops/decisions';
import { settingsOps } from './ops/settings';
import { organisationOps } from './ops/organisation';
import { clauseOps } from './ops/clauses';
import { deviceOps } from './ops/devices';
import { deviceVulnerabilityOps } from './ops/device-vulnerabilities';
import { auditOps } from './ops/audit';
import { backupOps } from './ops/backups';
import { encryptionOps } from './ops/encryption';
import { exchangeOps } from './ops/exchange';
import { reportOps } from './ops/reports';
import { vendorImportOps } from './ops/vendor-import';
import { sbomOps } from './ops/sboms';
import { vulnerabilityOps } from './ops/vulnerabilities';
import { advisoryOps } from './ops/advisories';
import { teamOps } from './ops/team';
import { teamLiveOps, type TeamChange, type TeamWaiting } from './ops/team-live';

/** Every feature module's operations, by the module's file name (docs/operations.md lists them). */
export const FEATURE_MODULES = {
  app: appOps,
  vendors: vendorOps,
  questionnaires: questionnaireOps,
  assessments: assessmentOps,
  scores: scoreOps,
  portfolio: portfolioOps,
  decisions: decisionOps,
  settings: settingsOps,
  organisation: organisationOps,
  clauses: clauseOps,
  devices: deviceOps,
  'device-vulnerabilities': deviceVulnerabilityOps,
  audit: auditOps,
  backups: backupOps,
  encryption: encryptionOps,
  exchange: exchangeOps,
  reports: reportOps,
  'vendor-import': vendorImportOps,
  sboms: sbomOps,
  vulnerabilities: vulnerabilityOps,
  advisories: advisoryOps,
  team: teamOps,
  'team-live': teamLiveOps,
} as const;

export const contract = {
  ...appOps,
  ...vendorOps,
  ...questionnaireOps,
  ...assessmentOps,
  ...scoreOps,
  ...portfolioOps,
  ...decisionOps,
  ...settingsOps,
  ...organisationOps,
  ...clauseOps,
  ...deviceOps,
  ...deviceVulnerabilityOps,
  ...auditOps,
  ...backupOps,
  ...encryptionOps,
  ...exchangeOps,
  ...reportOps,
  ...vendorImportOps,
  ...sbomOps,
  ...vulnerabilityOps,
  ...advisoryOps,
  ...teamOps,
  ...teamLiveOps,
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

/** What the caller sends (defaults not yet applied). */
export type RequestOf<K extends OperationName> = z.input<Contract[K]['request']>;
/** What the handler receives (validated, defaults applied). */
export type ParsedRequestOf<K extends OperationName> = z.output<Contract[K]['request']>;
/** What the caller gets back on success. */
export type ResponseOf<K extends OperationName> = z.output<Contract[K]['response']>;

/** Every answer across IPC: nothing throws. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Progress of a long operation, sent on the one progress channel. */
export const ProgressEventSchema = z.object({
  jobId: z.string(),
  operation: z.string(),
  done: z.number(),
  total: z.number(),
  message: z.string(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** Commands the native menu sends to the page. */
export const MENU_COMMANDS = [
  'vendor.new',
  'vendor.edit',
  'vendor.delete',
  'view.vendors',
  'view.settings',
  'find',
  'demo.load',
  'report.export',
  'help.about',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The shape of `window.vendorRisk`, as the preload builds it. */
export type VendorRiskApi = {
  [K in OperationName]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
} & {
  /** Listen to progress of long operations; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Listen to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Listen to colleagues' committed changes on a team database; returns the unsubscribe function. */
  onTeamChange(listener: (change: TeamChange) => void): () => void;
  /** Listen to the team database leaving a request unanswered, and answering again; returns the unsubscribe function. */
  onTeamWaiting(listener: (waiting: TeamWaiting) => void): () => void;
  /** Gives up the team database request the window shows as waiting (it fails as OFFLINE). */
  stopTeamWaiting(): void;
};

export type { TeamChange, TeamWaiting };

export const ResultErrorSchema = z.object({ ok: z.literal(false), error: AppErrorShapeSchema });

/** Channel names: one invoke channel per operation, one progress channel, one menu channel, the team's two. */
export const channelFor = (name: OperationName): string => `vendor-risk:${name}`;
export const PROGRESS_CHANNEL = 'vendor-risk:progress';
export const MENU_CHANNEL = 'vendor-risk:menu';
/** Colleagues' committed changes on a team database (none in the solo app). */
export const TEAM_CHANGE_CHANNEL = 'vendor-risk:team-change';
/** The team database has left a request unanswered for a while, or answers again (none in the solo app). */
export const TEAM_WAITING_CHANNEL = 'vendor-risk:team-waiting';
/** The window's "Stop waiting" for that request (answered by the main process, not the busy host). */
export const TEAM_STOP_WAITING_CHANNEL = 'vendor-risk:team-stop-waiting';
