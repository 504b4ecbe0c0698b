// Boots the built main process (and then the built preload) against a stand-in of
// Electron's API that records what it is asked, drives one round of use — a request from
// the stand-in preload through the data host and back, a progress event, a menu command,
// closing the window and quitting — and sends the record to the test that started it.
// Usage: node boot-main.cjs <main.js> <preload.js> <data folder>
'use strict';
/* global setImmediate, setTimeout, Request */
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const { existsSync } = require('node:fs');

const [mainJs, preloadJs, dataDir] = process.argv.slice(2);
process.env.VENDOR_RISK_DATA_DIR = dataDir;

const record = {
  sandboxEnabled: false,
  privilegedSchemes: [],
  protocolSchemes: [],
  windows: [],
  loadedUrls: [],
  ipcChannels: [],
  ipcListened: [],
  stopsTold: 0,
  menuLabels: [],
  exposed: [],
  sentToWindow: [],
  contentsEvents: [],
  windowOpenHandler: false,
  permissionHandlers: 0,
  dialogs: [],
  quitRequests: 0,
  quitFinished: false,
  exitCode: null,
};

const ipcHandlers = new Map();
const ipcListeners = new Map();
const protocolHandlers = new Map();
const rendererEvents = new EventEmitter();
let menuTemplate = [];
const mainFrame = { url: 'app://vendor-risk/index.html' };

const app = new EventEmitter();
Object.assign(app, {
  getPath: () => dataDir,
  setPath: () => {},
  getVersion: () => '9.9.9-boot',
  enableSandbox: () => void (record.sandboxEnabled = true),
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  quit() {
    record.quitRequests += 1;
    const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
    app.emit('will-quit', event);
    if (!event.defaultPrevented) record.quitFinished = true;
  },
  exit: (code) => void (record.exitCode = code),
});

class BrowserWindow extends EventEmitter {
  static all = [];
  static getAllWindows = () => BrowserWindow.all;
  constructor(options) {
    super();
    record.windows.push(JSON.parse(JSON.stringify(options)));
    this.webContents = {
      mainFrame,
      send(channel, payload) {
        record.sentToWindow.push([channel, payload]);
        rendererEvents.emit(channel, {}, payload);
      },
    };
    BrowserWindow.all.push(this);
    // web-contents-created, as Electron emits it for every new contents.
    const contents = {
      on: (name) => record.contentsEvents.push(name),
      setWindowOpenHandler: () => void (record.windowOpenHandler = true),
    };
    app.emit('web-contents-created', {}, contents);
  }
  loadURL(url) {
    record.loadedUrls.push(url);
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {}
  maximize() {}
  isMinimized = () => false;
  isMaximized = () => false;
  getNormalBounds = () => ({ x: 10, y: 20, width: 1100, height: 700 });
}

const electron = {
  app,
  BrowserWindow,
  dialog: {
    showMessageBox: async (options) => (record.dialogs.push(options.message), { response: 0 }),
    showMessageBoxSync: (options) => (record.dialogs.push(options.message), 0),
    showErrorBox: (title, message) => void record.dialogs.push(message),
    showSaveDialog: async () => ({ canceled: true }),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  },
  ipcMain: {
    handle: (channel, handler) => {
      record.ipcChannels.push(channel);
      ipcHandlers.set(channel, handler);
    },
    on: (channel, listener) => {
      record.ipcListened.push(channel);
      ipcListeners.set(channel, listener);
    },
  },
  Menu: {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu: (menu) => {
      menuTemplate = menu.template;
      record.menuLabels = menu.template.map((m) => m.label ?? m.role);
    },
  },
  nativeTheme: { themeSource: 'system', shouldUseDarkColors: false },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => record.privilegedSchemes.push(...schemes),
    handle: (scheme, handler) => {
      record.protocolSchemes.push(scheme);
      protocolHandlers.set(scheme, handler);
    },
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  safeStorage: { isEncryptionAvailable: () => false },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => void (record.permissionHandlers += 1),
      setPermissionCheckHandler: () => void (record.permissionHandlers += 1),
    },
  },
  shell: { openExternal: async () => {}, openPath: async () => '', showItemInFolder: () => {} },
  contextBridge: {
    exposeInMainWorld: (name, api) => {
      record.exposed.push(name);
      exposed[name] = api;
    },
  },
  ipcRenderer: {
    // As Electron's: the handler gets an event naming the frame that sent the request.
    invoke: async (channel, payload) => {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler for ${channel}`);
      return handler({ senderFrame: mainFrame, sender: { mainFrame } }, payload);
    },
    // As Electron's: the listener gets an event naming the window's contents and the frame.
    send: (channel, ...args) => {
      const listener = ipcListeners.get(channel);
      if (!listener) throw new Error(`No listener for ${channel}`);
      const sender = BrowserWindow.all[0].webContents;
      listener({ sender, senderFrame: sender.mainFrame }, ...args);
    },
    on: (channel, listener) => rendererEvents.on(channel, listener),
    removeListener: (channel, listener) => rendererEvents.removeListener(channel, listener),
  },
};
const exposed = {};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};

/** Waits for a state (never for a time). */
async function until(what, check) {
  for (let i = 0; !check(); i++) {
    if (i > 6000) throw new Error(`Never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function main() {
  require(mainJs);
  await until('the window loads its page', () => record.loadedUrls.length > 0 || record.exitCode !== null);
  if (record.exitCode !== null) throw new Error(`The app exited: ${record.dialogs.join(' | ')}`);

  // The app:// protocol serves the bundle with its CSP, and nothing outside it.
  const serve = protocolHandlers.get('app');
  const page = await serve(new Request('app://vendor-risk/index.html'));
  const body = await page.text();
  record.page = {
    status: page.status,
    csp: page.headers.get('Content-Security-Policy'),
    hasRoot: body.includes('id="root"'),
  };
  record.outside = [
    (await serve(new Request('app://vendor-risk/../../package.json'))).status,
    (await serve(new Request('app://elsewhere/index.html'))).status,
  ];

  // The preload's bridge, then one request through the host and back.
  require(preloadJs);
  const api = exposed.vendorRisk;
  record.apiFunctions = Object.keys(api).sort();
  record.info = await api['app.info']({});
  record.created = await api['vendors.create']({ name: 'Boot Test Freight', category: '3pl' });
  record.listed = await api['vendors.list']({});
  // A frame that is not the app's own page is refused by the host's dispatcher.
  record.foreign = JSON.parse(
    await ipcHandlers.get('vendor-risk:app.info')(
      {
        senderFrame: { url: 'https://example.com/' },
        sender: { mainFrame: { url: 'https://example.com/' } },
      },
      {},
    ),
  );
  // Progress of a long job reaches the window.
  const progress = [];
  const stop = api.onProgress((event) => progress.push(event.jobId));
  record.demo = await api['demo.load']({ jobId: 'boot-demo' });
  stop();
  record.progressJobs = [...new Set(progress)];
  // "Stop waiting" reaches the host client, which tells the host's thread through shared memory
  // (the one Atomics.add on this thread).
  const add = Atomics.add;
  Atomics.add = (...args) => (record.stopsTold++, add(...args));
  api.stopTeamWaiting();
  Atomics.add = add;
  // A menu command reaches the page.
  const commands = [];
  api.onMenuCommand((command) => commands.push(command));
  const file = menuTemplate.find((m) => m.label === '&File');
  file.submenu.find((item) => item.label === 'New Vendor…').click();
  record.menuCommands = commands;

  // Closing: the window's bounds are kept, the host closes the database, and the app quits.
  BrowserWindow.all[0].emit('close');
  app.quit();
  await until('the app quits once the host has closed', () => record.quitFinished);
  record.preloadExists = existsSync(record.windows[0].webPreferences.preload);
}

main().then(
  () => process.send({ ok: true, record }),
  (error) => process.send({ ok: false, error: String(error && error.stack ? error.stack : error), record }),
);
