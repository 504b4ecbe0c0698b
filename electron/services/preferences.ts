import { definedFields } from '../domain/patch';
import { preferencesFrom, type Preferences, type PreferencesPatch } from '../domain/preferences';

/**
 * The small key-value file preferences live in: `conf`, opened by the data host in the
 * app and by the CLI (it does not load Electron), on the same `preferences.json`.
 */
export interface KeyValueStore {
  readonly store: Record<string, unknown>;
  set(values: Record<string, unknown>): void;
}

/** The file's name, so the app and the CLI share one file. */
export const PREFERENCES_FILE = { configName: 'preferences' } as const;

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
