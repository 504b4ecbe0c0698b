import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { OperationName, ParsedRequestOf, ResponseOf } from '../ipc/contract';
import { openStorage, type Storage } from '../storage/storage';
import { createVendorService } from './vendors';
import { createQuestionnaireService } from './questionnaires';
import { loadBuiltinQuestionnaires } from './builtin-questionnaires';
import { createAssessmentService } from './assessments';
import { loadDemoPortfolio } from './demo';
import { createPreferencesService, type KeyValueStore } from './preferences';
import type { JobContext, ServiceContext } from './context';
import type { Preferences } from '../domain/preferences';

/** The service call behind each operation (jobs.cancel is the dispatcher's own). */
export type Handlers = {
  [K in Exclude<OperationName, 'jobs.cancel'>]: (
    request: ParsedRequestOf<K>,
    job: JobContext,
  ) => ResponseOf<K> | Promise<ResponseOf<K>>;
};

export interface ServicesOptions {
  dataDir: string;
  preferences: KeyValueStore;
  appVersion: string;
  /** Overrides who is recorded as acting (CLI --user); otherwise preferences, then the OS user. */
  actorOverride?: string;
  now?: () => Date;
  /** Told after preferences change (the app applies the theme to the window). */
  onPreferencesChanged?(preferences: Preferences): void;
}

/** The services of one data folder, and the handler for each contract operation. */
export interface AppServices {
  storage: Storage;
  handlers: Handlers;
  vendors: ReturnType<typeof createVendorService>;
  questionnaires: ReturnType<typeof createQuestionnaireService>;
  assessments: ReturnType<typeof createAssessmentService>;
  close(): void;
}

/** Opens a data folder and wires every operation of the contract to its service. */
export function createServices(options: ServicesOptions): AppServices {
  const storage = openStorage(options.dataDir);
  const preferences = createPreferencesService(options.preferences);
  const ctx: ServiceContext = {
    storage,
    actor: () => options.actorOverride || preferences.get().assessorName || osUser(),
    now: options.now ?? (() => new Date()),
    newId: randomUUID,
  };
  const vendors = createVendorService(ctx);
  const questionnaires = createQuestionnaireService(ctx);
  const assessments = createAssessmentService(ctx, questionnaires);

  const handlers: Handlers = {
    'app.info': () => ({
      version: options.appVersion,
      dataDir: options.dataDir,
      schemaVersion: storage.schemaVersion(),
      vendorCount: storage.vendors.count(),
    }),
    'vendors.list': (query) => vendors.list(query),
    'vendors.get': ({ id }) => vendors.get(id),
    'vendors.create': (input) => vendors.create(input),
    'vendors.update': ({ id, patch }) => vendors.update(id, patch),
    'vendors.remove': ({ id }) => vendors.remove(id),
    'vendors.history': ({ id, limit }) => vendors.history(id, limit),
    'demo.load': (_request, job) => loadDemoPortfolio(ctx, job),
    'questionnaires.list': async () => (await loadBuiltinQuestionnaires(), questionnaires.list()),
    'questionnaires.get': async ({ id, version }) => (
      await loadBuiltinQuestionnaires(),
      questionnaires.get(id, version)
    ),
    'questionnaires.validate': ({ content, format, id, extensions }) =>
      questionnaires.validate(content, format, { id, extensions }),
    'questionnaires.import': async ({ content, format, id, extensions }) => {
      await loadBuiltinQuestionnaires();
      return questionnaires.import(content, format, { id, extensions });
    },
    'assessments.start': async ({ vendorId, questionnaireIds }) => {
      await loadBuiltinQuestionnaires();
      return assessments.start(vendorId, questionnaireIds);
    },
    'assessments.list': ({ vendorId }) => assessments.list(vendorId),
    'assessments.get': ({ id }) => assessments.get(id),
    'assessments.answer': ({ id, answer, position }) => assessments.answer(id, answer, position),
    'assessments.answerMany': ({ id, answers, source }) => assessments.answerMany(id, answers, source),
    'assessments.setPosition': ({ id, position }) => assessments.setPosition(id, position),
    'assessments.setStatus': ({ id, status }) => assessments.setStatus(id, status),
    'evidence.attach': (input) => assessments.attachEvidence(input),
    'evidence.list': ({ vendorId }) => assessments.evidenceForVendor(vendorId),
    'preferences.get': () => preferences.get(),
    'preferences.set': (patch) => {
      const updated = preferences.set(patch);
      options.onPreferencesChanged?.(updated);
      return updated;
    },
  };

  return { storage, handlers, vendors, questionnaires, assessments, close: () => storage.close() };
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
