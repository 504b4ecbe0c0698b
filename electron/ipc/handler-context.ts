/**
 * What every feature's handler table shares: the services, the desktop's dialogs (when
 * there is a desktop), the files opened and saved in this session, the import gate, and
 * the two wrappers operations use (an import snapshots first; device reads wait for the
 * index of checked devices).
 */
import { basename } from 'node:path';
import { statSync, type Stats } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AppServices } from '../services/services';
import type { JobContext } from '../services/context';
import type { Preferences } from '../domain/preferences';
import { AppError } from '../domain/errors';
import { notASavedFile } from '../services/device-import';
import { createImportGate, type ImportGate } from './import-gate';

/** What only the desktop app can do for an operation: native dialogs and the file manager. */
export interface Desktop {
  /** Asks where to save a file, offering a name (its extension says what kind of file); null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Asks which file to open, of the kind the extension says ('.db': a backup); null when cancelled. */
  chooseOpenPath(extension: string): Promise<string | null>;
  /**
   * Asks for several files, or several folders, of the kind the extension says ('.csaf':
   * advisories and the KEV catalog); none when cancelled.
   */
  chooseOpenPaths(request: OpenPathsRequest): Promise<string[]>;
  /** Shows a file in the system's file manager. */
  showInFolder(path: string): void;
}

/** What an open dialog for several files or folders is asked for (a plain value: it crosses threads). */
export interface OpenPathsRequest {
  extension: string;
  folders: boolean;
}

/** Files opened for import, named by an id (the window never sends a path to read). */
export type OpenedFiles = ReturnType<typeof openedFiles>;

/** The shared part of the handler tables. */
export interface HandlerContext {
  services: AppServices;
  /** Told after preferences change (the app applies the theme to the window). */
  onPreferencesChanged?: (preferences: Preferences) => void;
  /** The desktop's dialogs; throws (telling the CLI what to do instead) when there is none. */
  desktop(): Desktop;
  /** Files saved through the save dialog in this session: the only ones showInFolder shows. */
  savedFiles: Set<string>;
  /** Files opened for import in this session (dialog or CLI path), by the id the window names them with. */
  opened: OpenedFiles;
  /** The gate an import's write takes alone (see import-gate.ts). */
  gate: ImportGate;
  /**
   * Runs an import: checked first (a refused one takes no snapshot), then a snapshot so it
   * can be undone by a restore, then the write.
   */
  importing<T>(job: JobContext, check: () => unknown, write: () => T | Promise<T>): Promise<T>;
  /**
   * Makes a handler wait until the index of checked devices is up to date; it is brought up
   * to date a page at a time, so a large inventory never holds the thread.
   */
  withDevices<A extends unknown[], R>(handler: (...args: A) => R): (...args: A) => Promise<Awaited<R>>;
}

/** The shared part of the handler tables of one data folder's services. */
export function createHandlerContext(
  services: AppServices,
  onPreferencesChanged?: (preferences: Preferences) => void,
  desktop?: Desktop,
): HandlerContext {
  return {
    services,
    onPreferencesChanged,
    desktop: () => {
      if (!desktop)
        throw new AppError(
          'INVALID_INPUT',
          'This needs the app’s file dialogs; on the command line name the file: vendor-risk report … --out FILE, vendor-risk backup create --out FILE, vendor-risk backup restore FILE',
        );
      return desktop;
    },
    savedFiles: new Set<string>(),
    opened: openedFiles(),
    gate: createImportGate(),
    importing: async (job, check, write) => {
      await check();
      // A team database is backed up on its server, by its owner (docs/team.md).
      if (services.storage.kind === 'solo') await services.backups.snapshot('import', job);
      return write();
    },
    withDevices:
      <A extends unknown[], R>(handler: (...args: A) => R) =>
      async (...args: A): Promise<Awaited<R>> => {
        await services.devices.ready();
        return await handler(...args);
      },
  };
}

/** How many opened files (and folders) are remembered by id. */
const MAX_OPENED = 1000;

/** A file or folder opened for import: the id the window names it by, its name and size. */
export interface OpenedPath {
  fileId: string;
  fileName: string;
  size: number;
  folder: boolean;
}

/** Files opened for import, named by an id (the window never sends a path to read). */
function openedFiles() {
  const paths = new Map<string, string>();
  return {
    /** Opens a saved file (or, with `folders`, a folder too) and names it by a new id. */
    add(path: string, { folders = false }: { folders?: boolean } = {}): OpenedPath {
      let stat: Stats;
      try {
        stat = statSync(path);
      } catch {
        throw new AppError('NOT_FOUND', `There is no file ${path}`);
      }
      const folder = folders && stat.isDirectory();
      // A pipe or a device has no size and may never end: only saved files are imported.
      if (!stat.isFile() && !folder) throw notASavedFile(path);
      const size = folder ? 0 : stat.size;
      const fileId = randomUUID();
      paths.set(fileId, path);
      // Only the latest are remembered (a dialog may choose a few hundred advisories at once).
      if (paths.size > MAX_OPENED) paths.delete(paths.keys().next().value!);
      return { fileId, fileName: basename(path), size, folder };
    },
    get(fileId: string): { fileName: string; path: string } {
      const path = paths.get(fileId);
      if (!path) throw new AppError('NOT_FOUND', 'That file is no longer open; choose it again');
      return { fileName: basename(path), path };
    },
  };
}
