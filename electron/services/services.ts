import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Handlers } from '../ipc/dispatch';
import { openStorage, type Storage } from '../storage/storage';
import { createVendorService } from './vendors';
import { loadDemoPortfolio } from './demo';
import { createPreferencesService, type KeyValueStore } from './preferences';
import type { ServiceContext } from './context';

export interface ServicesOptions {
  dataDir: string;
  preferences: KeyValueStore;
  appVersion: string;
  /** Overrides who is recorded as acting (CLI --user); otherwise preferences, then the OS user. */
  actorOverride?: string;
  now?: () => Date;
}

/** The services of one data folder, and the handler for each contract operation. */
export interface AppServices {
  storage: Storage;
  handlers: Handlers;
  vendors: ReturnType<typeof createVendorService>;
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
    'preferences.get': () => preferences.get(),
    'preferences.set': (patch) => preferences.set(patch),
  };

  return { storage, handlers, vendors, close: () => storage.close() };
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
