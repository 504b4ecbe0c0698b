import { createServices, type AppServices, type ServicesOptions } from '../services/services';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatch';
import { createHandlers, type Desktop, type Handlers } from './handlers';
import type { Preferences } from '../domain/preferences';
import { logInternalError } from '../storage/error-log';
import type { TeamController } from './team-switch';

export type AppCoreOptions = ServicesOptions &
  Omit<DispatcherOptions, 'handlers'> & {
    /** Told after preferences change (the app applies the theme to the window). */
    onPreferencesChanged?(preferences: Preferences): void;
    /** Native dialogs and the file manager (the app's main process; the E2E harness stands in). */
    desktop?: Desktop;
    /** Settings → Team database (the app's data host; the CLI has none: it takes --database). */
    team?: TeamController;
  };

/** The services of one data folder and the dispatcher over them. */
export interface AppCore {
  services: AppServices;
  handlers: Handlers;
  dispatcher: Dispatcher;
  /** Cancels running jobs and closes the database. */
  close(): void;
}

/**
 * Opens a data folder for one caller — the app's main process, the CLI or the E2E
 * harness — with the one dispatcher they all share. Throws what opening the database
 * throws (AppError DATA_TOO_NEW / DATA_DAMAGED).
 */
export function openAppCore(options: AppCoreOptions): AppCore {
  const services = createServices(options);
  const handlers = createHandlers(services, options.onPreferencesChanged, options.desktop, options.team);
  const dispatcher = createDispatcher({
    ...options,
    handlers,
    // Every unexpected error is logged in the data folder, whoever else is told.
    onInternalError: (operation, error, reference) => {
      logInternalError(options.dataDir, operation, reference, error);
      options.onInternalError?.(operation, error, reference);
    },
  });
  return {
    services,
    handlers,
    dispatcher,
    close: () => {
      dispatcher.cancelAll();
      services.close();
    },
  };
}
