import { definedFields } from '../domain/patch';
import { preferencesFrom, type Preferences, type PreferencesPatch } from '../domain/preferences';

/**
 * The small key-value file preferences live in. electron-store (in the app) and conf
 * (in the CLI and tests: electron-store's own engine, which does not load electron)
 * both fit it.
 */
export interface KeyValueStore {
  readonly store: Record<string, unknown>;
  set(values: Record<string, unknown>): void;
}

/** Options both stores are created with, so the app and the CLI share one file. */
export const PREFERENCES_FILE = { name: 'preferences', configName: 'preferences' } as const;

/** Reading and changing preferences. */
export function createPreferencesService(store: KeyValueStore) {
  return {
    get(): Preferences {
      return preferencesFrom(store.store);
    },
    set(patch: PreferencesPatch): Preferences {
      store.set(definedFields(patch));
      return preferencesFrom(store.store);
    },
  };
}

export type PreferencesService = ReturnType<typeof createPreferencesService>;
