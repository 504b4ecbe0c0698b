import type { OperationName, ParsedRequestOf, ResponseOf } from './contract';
import type { AppServices } from '../services/services';
import type { JobContext } from '../services/context';
import type { Preferences } from '../domain/preferences';
import { basename, join, resolve } from 'node:path';
import { statSync, type Stats } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { loadBuiltinQuestionnaires } from '../services/builtin-questionnaires';
import { AppError } from '../domain/errors';
import { saveFileAtomically } from '../services/save-file';
import { createImportGate, type ImportGate } from './import-gate';
import { notASavedFile } from '../services/device-import';

/** The service call behind each operation (jobs.cancel is the dispatcher's own). */
export type Handlers = {
  [K in Exclude<OperationName, 'jobs.cancel'>]: (
    request: ParsedRequestOf<K>,
    job: JobContext,
  ) => ResponseOf<K> | Promise<ResponseOf<K>>;
};

/** What only the desktop app can do for an operation: native dialogs and the file manager. */
export interface Desktop {
  /** Asks where to save a file, offering a name (its extension says what kind of file); null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Asks which file to open, of the kind the extension says ('.db': a backup); null when cancelled. */
  chooseOpenPath(extension: string): Promise<string | null>;
  /** Shows a file in the system's file manager. */
  showInFolder(path: string): void;
}

/** Maps every operation of the contract to its service call. */
export function createHandlers(
  services: AppServices,
  onPreferencesChanged?: (preferences: Preferences) => void,
  desktop?: Desktop,
): Handlers {
  /** Files saved through the save dialog in this session: the only ones showInFolder shows. */
  const savedFiles = new Set<string>();
  /** Files opened for import in this session (dialog or CLI path), by the id the window names them with. */
  const opened = openedFiles();
  const needsApp = () =>
    new AppError(
      'INVALID_INPUT',
      'This needs the app’s file dialogs; on the command line name the file: vendor-risk report … --out FILE, vendor-risk backup create --out FILE, vendor-risk backup restore FILE',
    );
  /**
   * Every import is preceded by a snapshot, so it can be undone by a restore: checked first
   * (a refused one takes no snapshot), then the snapshot, then the write.
   */
  const importing = async <T>(
    job: JobContext,
    check: () => unknown,
    write: () => T | Promise<T>,
  ): Promise<T> => {
    await check();
    await services.backups.snapshot('import', job);
    return write();
  };
  const gate = createImportGate();
  /**
   * Operations that read devices or scores wait until the index of checked devices is up to
   * date; it is brought up to date a page at a time, so a large inventory never holds the
   * main thread (the other operations go on meanwhile).
   */
  const withDevices =
    <A extends unknown[], R>(handler: (...args: A) => R) =>
    async (...args: A): Promise<Awaited<R>> => {
      await services.devices.ready();
      return await handler(...args);
    };
  const handlers: Handlers = {
    'app.info': () => ({
      version: services.appVersion,
      dataDir: services.dataDir,
      schemaVersion: services.storage.schemaVersion(),
      vendorCount: services.storage.vendors.count(),
    }),
    // Stale standings (device postures included) are computed a few at a time first.
    'vendors.list': async (query) => {
      if (services.portfolio.standingsStale()) {
        await services.devices.ready();
        await services.portfolio.refreshStandingsInSteps();
      }
      return services.vendors.list(query);
    },
    'vendors.get': ({ id }) => services.vendors.get(id),
    'vendors.create': (input) => services.vendors.create(input),
    'vendors.update': ({ id, patch }) => services.vendors.update(id, patch),
    'vendors.remove': ({ id }) => services.vendors.remove(id),
    'vendors.history': ({ id, limit }) => services.vendors.history(id, limit),
    'demo.load': (_request, job) => services.loadDemo(job),
    'questionnaires.list': async () => {
      await loadBuiltinQuestionnaires();
      return services.questionnaires.list();
    },
    'questionnaires.get': async ({ id, version }) => {
      await loadBuiltinQuestionnaires();
      return services.questionnaires.get(id, version);
    },
    'questionnaires.validate': ({ content, format, id, extensions }) =>
      services.questionnaires.validate(content, format, { id, extensions }),
    'questionnaires.import': async ({ content, format, id, extensions }, job) => {
      await loadBuiltinQuestionnaires();
      return importing(
        job,
        () => services.questionnaires.validate(content, format, { id, extensions }),
        () => services.questionnaires.import(content, format, { id, extensions }),
      );
    },
    'assessments.start': async ({ vendorId, questionnaireIds }) => {
      await loadBuiltinQuestionnaires();
      return services.assessments.start(vendorId, questionnaireIds);
    },
    'assessments.list': ({ vendorId }) => services.assessments.list(vendorId),
    'assessments.get': ({ id }) => services.assessments.get(id),
    'assessments.answer': ({ id, answer, position }) => services.assessments.answer(id, answer, position),
    'assessments.answerMany': ({ id, answers, source }) =>
      services.assessments.answerMany(id, answers, source),
    'assessments.setPosition': ({ id, position }) => services.assessments.setPosition(id, position),
    'assessments.setStatus': ({ id, status }) => services.assessments.setStatus(id, status),
    'evidence.attach': (input) => services.assessments.attachEvidence(input),
    'evidence.list': ({ vendorId }) => services.assessments.evidenceForVendor(vendorId),
    'scores.vendor': withDevices(({ id }) => services.scores.vendor(id)),
    // As for the list: stale standings (the figures the summary reads) are computed a few at a time first.
    'portfolio.summary': withDevices(async () => {
      if (services.portfolio.standingsStale()) await services.portfolio.refreshStandingsInSteps();
      return services.portfolio.summary();
    }),
    'decisions.record': (input) => services.decisions.record(input),
    'decisions.list': ({ vendorId }) => services.decisions.list(vendorId),
    'assessments.selfResult': ({ id }) => services.scores.selfResult(id),
    'scores.trend': ({ id }) => services.scores.trend(id),
    'settings.getRisk': () => services.scores.riskSettings(),
    'settings.setRisk': (settings) => services.scores.setRiskSettings(settings),
    'filters.list': () => services.savedFilters.list(),
    'filters.save': (filter) => services.savedFilters.save(filter),
    'filters.remove': ({ name }) => services.savedFilters.remove(name),
    'clauses.library': () => services.clauses.library(),
    'clauses.saveClause': (clause) => services.clauses.saveClause(clause),
    'clauses.removeClause': ({ id }) => services.clauses.removeClause(id),
    'clauses.forVendor': ({ vendorId }) => services.clauses.forVendor(vendorId),
    'clauses.set': (input) => services.clauses.set(input),
    'clauses.comment': ({ vendorId, clauseId, text }) => services.clauses.comment(vendorId, clauseId, text),
    'clauses.signOff': ({ vendorId }) => services.clauses.signOff(vendorId),
    'clauses.matrix': ({ needsReview }) => services.clauses.matrix(needsReview),
    'clauses.exportCsv': ({ needsReview }) => services.clauses.exportCsv(needsReview),
    'devices.chooseFile': async () => {
      if (!desktop) throw needsApp();
      const path = await desktop.chooseOpenPath('.csv');
      return { file: path ? opened.add(path) : null };
    },
    'devices.openPath': ({ path }) => opened.add(resolve(path)),
    'devices.preview': ({ source, fileName, contentBase64, fileId, mapping, sheet }, job) =>
      services.devices.preview(
        {
          source,
          mapping,
          sheet,
          file:
            fileId !== undefined
              ? opened.get(fileId)
              : { fileName: fileName!, bytes: Buffer.from(contentBase64!, 'base64') },
        },
        job,
      ),
    'devices.apply': ({ token }, job) =>
      importing(
        job,
        () => services.devices.checkToken(token),
        // Alone: the operations running finish first, those that come wait (see import-gate.ts).
        () => gate.exclusive(() => services.devices.apply(token, job)),
      ),
    'devices.discard': ({ token }) => services.devices.discard(token),
    'devices.errorsCsv': async ({ token }) => ({ csv: await services.devices.errorsCsv(token) }),
    'devices.list': withDevices((query) => services.devices.list(query)),
    'devices.facets': withDevices(() => services.devices.facets()),
    'devices.findings': withDevices(({ vendorId }) => services.devices.findings(vendorId)),
    'devices.link': ({ manufacturer, vendorId }) => services.devices.link(manufacturer, vendorId),
    'devices.accept': withDevices((input) => services.devices.accept(input)),
    'devices.history': ({ limit }) => services.devices.history(limit),
    'devices.exportCsv': withDevices(() => services.devices.exportCsv()),
    'devices.getSettings': () => services.devices.settings(),
    'devices.setSettings': (s) => services.devices.setSettings(s),
    'audit.list': (query) => services.audit.list(query),
    'audit.verify': ({ expectedHead }, job) => services.audit.verify(job, expectedHead),
    'audit.exportCsv': (query) => services.audit.exportCsv(query),
    'audit.exportJson': (query) => services.audit.exportJson(query),
    'backups.list': () => services.backups.list(),
    'backups.setSettings': (settings) => services.backups.setSettings(settings),
    'backups.snapshot': (_request, job) => services.backups.snapshot('manual', job),
    'backups.saveAs': async (_request, job) => {
      if (!desktop) throw needsApp();
      const day = new Date().toISOString().slice(0, 10);
      const path = await desktop.chooseSavePath(`Vendor Risk Desk backup ${day}.db`);
      if (!path) return { saved: false };
      return { saved: true, ...(await services.backups.saveAs(path, job)) };
    },
    'backups.save': ({ path }, job) => services.backups.saveAs(path, job),
    'backups.restoreSnapshot': ({ file }, job) =>
      services.backups.restore(join(services.backups.list().dir, file), job),
    'backups.restoreFromFile': async (_request, job) => {
      if (!desktop) throw needsApp();
      const path = await desktop.chooseOpenPath('.db');
      if (!path) return { restored: false };
      return { restored: true, ...(await services.backups.restore(path, job)) };
    },
    'backups.restorePath': ({ path }, job) => services.backups.restore(resolve(path), job),
    'encryption.status': () => services.encryption.status(),
    'encryption.enable': ({ passphrase }) => services.encryption.enable(passphrase),
    'encryption.unlock': ({ passphrase }) => services.encryption.unlock(passphrase),
    'encryption.lock': () => services.encryption.lock(),
    'encryption.setPassphrase': ({ passphrase }) => services.encryption.setPassphrase(passphrase),
    'exchange.export': async ({ vendorId, questionnaireIds, format }) => {
      if (!desktop) throw needsApp();
      const made = await services.exchange.export(vendorId, questionnaireIds, format);
      const path = await desktop.chooseSavePath(made.fileName);
      if (!path) return { saved: false };
      await saveFileAtomically(path, made.bytes);
      savedFiles.add(path);
      return { saved: true, path, packageId: made.packageId, bytes: made.bytes.byteLength };
    },
    'exchange.save': async ({ vendorId, questionnaireIds, format, path }) => {
      const made = await services.exchange.export(vendorId, questionnaireIds, format);
      await saveFileAtomically(resolve(path), made.bytes);
      return { path: resolve(path), packageId: made.packageId, bytes: made.bytes.byteLength };
    },
    'exchange.preview': ({ vendorId, fileName, contentBase64 }, job) =>
      services.exchange.preview(vendorId, fileName, Buffer.from(contentBase64, 'base64'), job),
    'exchange.apply': ({ token, accept }, job) =>
      importing(
        job,
        () => services.exchange.checkToken(token),
        () => services.exchange.apply(token, accept),
      ),
    'exchange.discard': ({ token }) => services.exchange.discard(token),
    'reports.export': async ({ target }, job) => {
      if (!desktop) throw needsApp();
      const path = await desktop.chooseSavePath(services.reports.suggestedName(target));
      if (!path) return { saved: false };
      await services.devices.ready();
      const saved = await services.reports.export(target, path, job);
      savedFiles.add(saved.path);
      return { saved: true, ...saved };
    },
    'reports.save': withDevices(({ target, path }, job) =>
      services.reports.export(target, resolve(path), job),
    ),
    'reports.showInFolder': ({ path }) => {
      if (!desktop) throw needsApp();
      if (!savedFiles.has(path))
        throw new AppError('NOT_FOUND', 'Only a report saved from the app in this session can be shown');
      desktop.showInFolder(path);
      return { shown: true };
    },
    'preferences.get': () => services.preferences.get(),
    'preferences.set': (patch) => {
      const updated = services.preferences.set(patch);
      onPreferencesChanged?.(updated);
      return updated;
    },
  };
  return throughGate(handlers, gate);
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

/** Files opened for import, named by an id (the window never sends a path to read). */
function openedFiles() {
  const paths = new Map<string, string>();
  return {
    add(path: string): { fileId: string; fileName: string; size: number } {
      let stat: Stats;
      try {
        stat = statSync(path);
      } catch {
        throw new AppError('NOT_FOUND', `There is no file ${path}`);
      }
      // A pipe or a device has no size and may never end: only saved files are imported.
      if (!stat.isFile()) throw notASavedFile(path);
      const size = stat.size;
      const fileId = randomUUID();
      paths.set(fileId, path);
      // Only the latest few are remembered.
      if (paths.size > 20) paths.delete(paths.keys().next().value!);
      return { fileId, fileName: basename(path), size };
    },
    get(fileId: string): { fileName: string; path: string } {
      const path = paths.get(fileId);
      if (!path) throw new AppError('NOT_FOUND', 'That file is no longer open; choose it again');
      return { fileName: basename(path), path };
    },
  };
}
