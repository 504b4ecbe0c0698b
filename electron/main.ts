/**
 * The Electron main process: app lifecycle, the window, the menu, the app:// protocol,
 * native dialogs and the IPC wiring. The only file that wires Electron APIs together; the
 * rules it applies live in security.ts. It does no data work: every request is forwarded
 * to the data host, a thread of its own (ipc/host-ops.ts), so this thread always routes
 * input, menus and windows at once.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  screen,
  safeStorage,
  session,
  shell,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  decideWindowOpen,
  isNavigationAllowed,
  isPermissionGranted,
  resolveAppRequest,
  secureWebPreferences,
} from './security';
import {
  channelFor,
  MENU_CHANNEL,
  OPERATION_NAMES,
  PROGRESS_CHANNEL,
  TEAM_CHANGE_CHANNEL,
  TEAM_WAITING_CHANNEL,
  TEAM_STOP_WAITING_CHANNEL,
  type MenuCommand,
} from './ipc/contract';
import { startDataHost, type DataHost, type HostShell } from './ipc/host-client';
import type { HostConfig, Opened } from './ipc/host-protocol';
import type { OpenPathsRequest } from './ipc/handler-context';
import { resolveDataDir, DATA_DIR_ENV } from './storage/data-dir';
import { buildMenuTemplate } from './menu';
import { AppError } from './domain/errors';
import { restoreBounds } from './window-bounds';

declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

const APP_TITLE = 'Vendor Risk Desk';
const devServerUrl =
  typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined;
const rendererRoot = path.join(
  __dirname,
  '..',
  'renderer',
  typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window',
);

const dataDir = resolveDataDir({ env: process.env, fallback: app.getPath('userData') });
if (process.env[DATA_DIR_ENV]) app.setPath('userData', dataDir);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let host: DataHost | null = null;
let opened: Opened | null = null;

app.enableSandbox(); // every renderer, including any future window, is sandboxed

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(url);
      if (decision.openExternally) void shell.openExternal(url);
      return { action: decision.action };
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && opened) createWindow();
  });
  app.on('will-quit', (event) => {
    // After the windows are gone: the host cancels its jobs and closes the database, then quits.
    const closing = host;
    if (!closing) return;
    host = null;
    event.preventDefault();
    void closing
      .close()
      .catch((error: unknown) => console.error('[closing the data host]', error))
      .finally(() => app.quit());
  });
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) =>
    isPermissionGranted(permission),
  );

  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppRequest(request.url, rendererRoot);
    if (!resolved.ok) return new Response(null, { status: resolved.status });
    try {
      return new Response(await readFile(resolved.filePath), { headers: resolved.headers });
    } catch {
      return new Response(null, { status: 404 });
    }
  });

  // Asked once: the host is told what the keychain is, and asks this process to use it.
  const keychain = osKeychain();
  host = startDataHost(path.join(__dirname, 'data-host.js'), hostShell(keychain));
  opened = await openData(host, hostConfig(keychain));
  if (!opened) return;
  nativeTheme.themeSource = opened.preferences.theme;
  if (opened.preferencesMovedTo)
    void dialog.showMessageBox({
      type: 'warning',
      message: 'Your preferences file was damaged',
      detail: `It was moved aside to ${opened.preferencesMovedTo}; the app uses the default preferences.`,
    });
  const dataHost = host;
  // The sender is checked by the host's dispatcher (the app's own page, its main frame); the
  // answer goes back as the host's JSON text, which the preload parses.
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(channelFor(name), (event, payload: unknown) =>
      dataHost.dispatchText(name, payload, {
        kind: 'page',
        url: event.senderFrame?.url ?? '',
        isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
      }),
    );
  }
  // "Stop waiting" on the window's strip is answered here: the host's thread is the one waiting.
  // Only the app's own window, from its main frame, may ask.
  ipcMain.on(TEAM_STOP_WAITING_CHANNEL, (event) => {
    if (event.sender === mainWindow?.webContents && event.senderFrame === event.sender.mainFrame)
      dataHost.stopWaiting();
  });

  const send = (command: MenuCommand) => mainWindow?.webContents.send(MENU_CHANNEL, command);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        appName: APP_TITLE,
        isMac: process.platform === 'darwin',
        isDev: Boolean(devServerUrl),
        send,
        openDataFolder: () => void shell.openPath(dataDir),
      }),
    ),
  );
  createWindow();
}

function createWindow(): void {
  const saved = opened?.windowBounds ?? undefined;
  const bounds = restoreBounds(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  mainWindow = new BrowserWindow({
    title: APP_TITLE,
    ...bounds,
    minWidth: 880,
    minHeight: 560,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15181d' : '#f6f7f9',
    webPreferences: secureWebPreferences(path.join(__dirname, 'preload.js')),
  });
  if (saved?.maximized) mainWindow.maximize();
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('close', () => {
    if (!mainWindow) return;
    const bounds = { ...mainWindow.getNormalBounds(), maximized: mainWindow.isMaximized() };
    if (opened) opened.windowBounds = bounds;
    void host?.saveWindowBounds(bounds).catch(() => {});
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(devServerUrl ?? APP_ENTRY_URL);
}

/** What the data host is told about this app when it opens the data folder. */
function hostConfig(keychain: OsKeychain | undefined): HostConfig {
  return {
    dataDir,
    appVersion: app.getVersion(),
    checkIntegrity: true,
    trustedPages: devServerUrl ? { kind: 'dev-server', url: devServerUrl } : { kind: 'app' },
    keychain: keychain ? { backend: keychain.backend, secure: keychain.secure } : null,
    desktop: true,
    dailySnapshots: true,
  };
}

/** What the host may ask this process for, and what it tells it. */
function hostShell(keychain: OsKeychain | undefined): HostShell {
  return {
    desktop: {
      chooseSavePath,
      chooseOpenPath,
      chooseOpenPaths,
      showInFolder: (file) => shell.showItemInFolder(file),
    },
    keychain: keychain ?? undefined,
    onProgress: (event) => mainWindow?.webContents.send(PROGRESS_CHANNEL, event),
    onTeamChange: (change) => mainWindow?.webContents.send(TEAM_CHANGE_CHANNEL, change),
    onTeamWaiting: (waiting) => mainWindow?.webContents.send(TEAM_WAITING_CHANNEL, waiting),
    onPreferencesChanged: (preferences) => (nativeTheme.themeSource = preferences.theme),
    onInternalError: ({ operation, reference, message }) =>
      console.error(`[${operation} ${reference}]`, message),
  };
}

/**
 * Opens the data folder in the host, checking its integrity. A damaged database has been
 * moved aside (never deleted): the user chooses between the newest snapshot, empty data,
 * or quitting.
 */
async function openData(dataHost: DataHost, config: HostConfig): Promise<Opened | null> {
  try {
    return await dataHost.open(config);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'DATA_DAMAGED' || !error.details?.length) {
      fatal(error);
      return null;
    }
    const snapshot = error.details.find((d) => d.path === 'newestSnapshot')?.message ?? null;
    const buttons = [...(snapshot ? ['Restore the newest snapshot'] : []), 'Start with empty data', 'Quit'];
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: APP_TITLE,
      message: 'The data file was damaged',
      detail: error.message,
      buttons,
      defaultId: 0,
      cancelId: buttons.length - 1,
    });
    if (buttons[response] === 'Quit') {
      app.exit(1);
      return null;
    }
    try {
      if (buttons[response] === 'Restore the newest snapshot') await dataHost.useSnapshot(dataDir, snapshot!);
      return await dataHost.open(config);
    } catch (again) {
      fatal(again);
      return null;
    }
  }
}

/** The OS keychain as this process offers it to the data host. */
type OsKeychain = NonNullable<HostShell['keychain']> & { backend: string; secure: boolean };

/**
 * The OS keychain through Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
 * libsecret or KWallet on Linux). Linux without one falls back to "basic_text", which
 * protects nothing: it is reported as not secure, and encryption then asks for a passphrase.
 */
function osKeychain(): OsKeychain | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const backend =
    process.platform === 'linux'
      ? safeStorage.getSelectedStorageBackend()
      : process.platform === 'darwin'
        ? 'Keychain'
        : 'DPAPI';
  return {
    secure: backend !== 'basic_text' && backend !== 'unknown',
    backend,
    // Secrets cross from the host as base64, and sealed ones go back as base64.
    protect: (secret) => safeStorage.encryptString(secret).toString('base64'),
    unprotect: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

/** The folder of the last file saved or opened (the next dialog opens there). */
let lastFolder: string | null = null;

/** What the file dialogs offer, by extension. */
const FILE_KINDS: Record<string, { name: string; title: string; extensions?: string[] }> = {
  '.pdf': { name: 'PDF document', title: 'Save the PDF report' },
  '.db': { name: 'Vendor Risk Desk backup', title: 'Back up to file' },
  '.csv': {
    name: 'Device inventory (CSV, JSON or Excel)',
    title: 'Import a device inventory',
    extensions: ['csv', 'tsv', 'txt', 'json', 'jsonl', 'ndjson', 'xlsx'],
  },
  '.csaf': {
    name: 'Advisories (CSAF JSON, zip) or the KEV catalog (JSON, CSV)',
    title: 'Import advisories',
    extensions: ['json', 'zip', 'csv'],
  },
  '.pem': {
    name: 'CA certificate (PEM)',
    title: 'Choose the team database’s CA certificate',
    extensions: ['pem', 'crt', 'cer'],
  },
  '.sbom': {
    name: 'SBOM or VEX (CycloneDX, SPDX, OpenVEX JSON)',
    title: 'Import an SBOM or VEX file',
    extensions: ['json'],
  },
};

/** The save dialog for a file named like `suggestedName` (its extension is kept); null when cancelled. */
async function chooseSavePath(suggestedName: string): Promise<string | null> {
  const ext = path.extname(suggestedName).toLowerCase();
  const kind = FILE_KINDS[ext] ?? { name: 'File', title: 'Save' };
  const options: Electron.SaveDialogOptions = {
    title: kind.title,
    defaultPath: path.join(lastFolder ?? app.getPath('documents'), suggestedName),
    filters: [{ name: kind.name, extensions: [ext.slice(1)] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const chosen = mainWindow
    ? await dialog.showSaveDialog(mainWindow, options)
    : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return null;
  lastFolder = path.dirname(chosen.filePath);
  if (chosen.filePath.toLowerCase().endsWith(ext)) return chosen.filePath;
  // The dialog checked the name as typed; with the extension added it may exist: ask before replacing it.
  const withExt = `${chosen.filePath}${ext}`;
  if (existsSync(withExt)) {
    const ask: Electron.MessageBoxOptions = {
      type: 'question',
      buttons: ['Replace', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: `${path.basename(withExt)} already exists. Replace it?`,
    };
    const answer = mainWindow
      ? await dialog.showMessageBox(mainWindow, ask)
      : await dialog.showMessageBox(ask);
    if (answer.response !== 0) return null;
  }
  return withExt;
}

/** The open dialog for a file of this extension; null when cancelled. */
async function chooseOpenPath(ext: string): Promise<string | null> {
  const kind = FILE_KINDS[ext] ?? { name: 'File', title: 'Open' };
  const options: Electron.OpenDialogOptions = {
    title: ext === '.db' ? 'Restore from file' : kind.title,
    defaultPath: lastFolder ?? app.getPath('documents'),
    filters: [{ name: kind.name, extensions: kind.extensions ?? [ext.slice(1)] }],
    properties: ['openFile'],
  };
  const chosen = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options);
  const [file] = chosen.filePaths;
  if (chosen.canceled || !file) return null;
  lastFolder = path.dirname(file);
  return file;
}

/** The open dialog for several files of this extension's kind, or several folders; none when cancelled. */
async function chooseOpenPaths({ extension, folders }: OpenPathsRequest): Promise<string[]> {
  const kind = FILE_KINDS[extension] ?? { name: 'File', title: 'Open' };
  const options: Electron.OpenDialogOptions = {
    title: folders ? `${kind.title}: choose folders` : kind.title,
    defaultPath: lastFolder ?? app.getPath('documents'),
    // Windows and Linux cannot offer files and folders in one dialog: the window asks for either.
    ...(folders
      ? {}
      : { filters: [{ name: kind.name, extensions: kind.extensions ?? [extension.slice(1)] }] }),
    properties: [folders ? 'openDirectory' : 'openFile', 'multiSelections'],
  };
  const chosen = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options);
  if (chosen.canceled || !chosen.filePaths.length) return [];
  lastFolder = path.dirname(chosen.filePaths[0]!);
  return chosen.filePaths;
}

function fatal(error: unknown): void {
  const message =
    error instanceof AppError
      ? error.message
      : `Vendor Risk Desk could not start: ${error instanceof Error ? error.message : String(error)}`;
  dialog.showErrorBox(APP_TITLE, message);
  app.exit(1);
}
