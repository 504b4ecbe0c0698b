/**
 * Every operation's handler: the feature modules' handler tables (./ops/<feature>-handlers.ts)
 * composed over one shared context, each run through the import gate.
 */
import type { OperationName, ParsedRequestOf, ResponseOf } from './contract';
import type { AppServices } from '../services/services';
import type { JobContext } from '../services/context';
import type { Preferences } from '../domain/preferences';
import type { ImportGate } from './import-gate';
import { createHandlerContext, type Desktop } from './handler-context';
import { appHandlers } from './ops/app-handlers';
import { vendorHandlers } from './ops/vendors-handlers';
import { questionnaireHandlers } from './ops/questionnaires-handlers';
import { assessmentHandlers } from './ops/assessments-handlers';
import { scoreHandlers } from './ops/scores-handlers';
import { portfolioHandlers } from './ops/portfolio-handlers';
import { decisionHandlers } from './ops/decisions-handlers';
import { settingsHandlers } from './ops/settings-handlers';
import { organisationHandlers } from './ops/organisation-handlers';
import { clauseHandlers } from './ops/clauses-handlers';
import { deviceHandlers } from './ops/devices-handlers';
import { deviceVulnerabilityHandlers } from './ops/device-vulnerabilities-handlers';
import { auditHandlers } from './ops/audit-handlers';
import { backupHandlers } from './ops/backups-handlers';
import { encryptionHandlers } from './ops/encryption-handlers';
import { exchangeHandlers } from './ops/exchange-handlers';
import { reportHandlers } from './ops/reports-handlers';
import { vendorImportHandlers } from './ops/vendor-import-handlers';
import { sbomHandlers } from './ops/sboms-handlers';
import { vulnerabilityHandlers } from './ops/vulnerabilities-handlers';
import { advisoryHandlers } from './ops/advisories-handlers';
import { teamHandlers } from './ops/team-handlers';
import type { TeamController } from './team-switch';
import { teamLiveHandlers } from './ops/team-live-handlers';

export type { Desktop };

/** The service call behind each operation (jobs.cancel is the dispatcher's own). */
export type Handlers = {
  [K in Exclude<OperationName, 'jobs.cancel'>]: (
    request: ParsedRequestOf<K>,
    job: JobContext,
  ) => ResponseOf<K> | Promise<ResponseOf<K>>;
};

/** Maps every operation of the contract to its service call. */
export function createHandlers(
  services: AppServices,
  onPreferencesChanged?: (preferences: Preferences) => void,
  desktop?: Desktop,
  team?: TeamController,
): Handlers {
  const ctx = createHandlerContext(services, onPreferencesChanged, desktop);
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...vendorHandlers(ctx),
    ...questionnaireHandlers(ctx),
    ...assessmentHandlers(ctx),
    ...scoreHandlers(ctx),
    ...portfolioHandlers(ctx),
    ...decisionHandlers(ctx),
    ...settingsHandlers(ctx),
    ...organisationHandlers(ctx),
    ...clauseHandlers(ctx),
    ...deviceHandlers(ctx),
    ...deviceVulnerabilityHandlers(ctx),
    ...auditHandlers(ctx),
    ...backupHandlers(ctx),
    ...encryptionHandlers(ctx),
    ...exchangeHandlers(ctx),
    ...reportHandlers(ctx),
    ...vendorImportHandlers(ctx),
    ...sbomHandlers(ctx),
    ...vulnerabilityHandlers(ctx),
    ...advisoryHandlers(ctx),
    ...teamHandlers(ctx, team),
    ...teamLiveHandlers(ctx),
  };
  return throughGate(handlers, ctx.gate);
}

/** Operations that never touch the database, and the import's write (which takes the gate itself). */
const UNGATED = new Set<string>(['preferences.get', 'preferences.set', 'devices.apply']);

/** Every operation runs through the gate, so none runs on this connection while an import is written. */
function throughGate(handlers: Handlers, gate: ImportGate): Handlers {
  const wrapped: Record<string, (request: never, job: JobContext) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (r: never, j: JobContext) => unknown][])
    wrapped[name] = UNGATED.has(name) ? handler : (request, job) => gate.shared(() => handler(request, job));
  return wrapped as unknown as Handlers;
}
