import { createServices, type AppServices, type ServicesOptions } from '../services/services';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatch';

export type AppCoreOptions = ServicesOptions & Omit<DispatcherOptions, 'handlers'>;

/** The services of one data folder and the dispatcher over them. */
export interface AppCore {
  services: AppServices;
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
  const dispatcher = createDispatcher({ ...options, handlers: services.handlers });
  return {
    services,
    dispatcher,
    close: () => {
      dispatcher.cancelAll();
      services.close();
    },
  };
}
