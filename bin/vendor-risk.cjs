#!/usr/bin/env node
// The `vendor-risk` command: runs the built CLI (npm run build makes it).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { Buffer } = require('node:buffer');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(`vendor-risk: needs Node 22.13 or newer (this is ${process.versions.node})\n`);
  process.exit(1);
}
const built = path.join(__dirname, '..', '.vite', 'build', 'cli.js');
if (!fs.existsSync(built)) {
  process.stderr.write('vendor-risk: the CLI is not built yet; run `npm run build` first\n');
  process.exit(1);
}
startTeamConnectionEarly(process.argv.slice(2), path.dirname(built));
const cacheDir = userCacheDir();
const loader = cacheDir ? bundleLoader(path.dirname(built), cacheDir) : undefined;
(loader ? loader.load(built) : require(built)).main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  loader?.saveCache();
  closeUntakenConnection();
});

/**
 * A command that names a team database (--database, or $VENDOR_RISK_DATABASE_URL) gets its
 * connection's thread started now, so that it loads node-postgres while this thread loads the
 * bundle: the first connection the command opens takes it (startConnectionEarly and
 * takeEarlyThread in electron/storage/pg/blocking-connection.ts, whose shape this follows).
 * It is told where to log in at once (pg-open.js reads the URL as the command will), so the
 * login too happens while the bundle loads; the connection that takes it sends its own
 * settings, and the thread keeps the login when they are the same. Not for `team` commands,
 * which connect as the database's owner on a connection of their own, nor for a URL that
 * cannot be read (the command says why). One never taken ends with the process.
 */
function startTeamConnectionEarly(args, bundleDir) {
  // The URL as the command reads it: --database URL or --database=URL, else the environment's.
  const at = args.findIndex((a) => a === '--database' || a.startsWith('--database='));
  const url =
    at < 0
      ? process.env.VENDOR_RISK_DATABASE_URL
      : args[at].startsWith('--database=')
        ? args[at].slice(11)
        : args[at + 1];
  // Help and the version never open the portfolio: no login for them (a value that reads the
  // same, such as a vendor named "help", only goes without the early start).
  if (!url || args.some((a) => a === 'help' || a === '--help' || a === '-h' || a === '--version')) return;
  const file = process.env.VENDOR_RISK_PG_WORKER ?? path.join(bundleDir, 'pg-connection.js');
  const key = Symbol.for('vendor-risk.team-connection-thread');
  if (globalThis[key] || !fs.existsSync(file)) return;
  const { MessageChannel, Worker } = require('node:worker_threads');
  const signal = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(file, { workerData: { signal, port: port2 }, transferList: [port2] });
  worker.unref();
  globalThis[key] = { worker, port: port1, words: new Int32Array(signal) };
  if (args.includes('team')) return;
  try {
    const { config, listen } = require(path.join(bundleDir, 'pg-open.js')).teamOpenSettings(url);
    port1.postMessage({ t: 'open', config, listen });
  } catch {
    // A URL that cannot be used: the command reads it again and says why.
  }
}

/**
 * A connection thread started early that the command never took (a usage error, say) says
 * goodbye to the server instead of vanishing with the process, which the server logs as a
 * client gone without a word. The process waits for that, but at most a second: a server
 * that does not answer (the login's own timeout is 10 s) must not hold a usage error.
 */
function closeUntakenConnection() {
  const early = globalThis[Symbol.for('vendor-risk.team-connection-thread')];
  if (!early) return;
  early.worker.ref();
  early.port.postMessage({ t: 'close' });
  const { setTimeout } = require('node:timers');
  setTimeout(() => early.worker.unref(), 1000).unref();
}

/**
 * The user's own cache folder for compiled code (~/.cache/vendor-risk/compile-cache), made
 * owner-only: never a shared one such as /tmp, where another user could plant entries. The
 * installed files stay read-only. A cache is only a help: anything unusual and it is skipped.
 */
function userCacheDir() {
  try {
    const os = require('node:os');
    const base =
      process.platform === 'win32'
        ? process.env.LOCALAPPDATA
        : process.platform === 'darwin'
          ? path.join(os.homedir(), 'Library', 'Caches')
          : process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
    // The base must exist already; the folders below it are made one at a time (a
    // recursive make loops forever on some file systems that refuse it, such as /proc).
    if (!base || !path.isAbsolute(base) || !fs.statSync(base).isDirectory()) return undefined;
    let dir = base;
    for (const part of ['vendor-risk', 'compile-cache']) {
      dir = path.join(dir, part);
      try {
        fs.mkdirSync(dir, { mode: 0o700 });
      } catch (error) {
        if (error.code !== 'EEXIST') return undefined;
      }
    }
    return dir;
  } catch {
    // No home folder, or no cache: the command runs as well without it.
    return undefined;
  }
}

/** A stand-in for the Node module `id` that loads it (through `nodeRequire`) on first use. */
function lazyBuiltin(id, nodeRequire) {
  let real;
  const get = () => (real ??= nodeRequire(id));
  return new Proxy(
    {},
    {
      get: (_, key) => get()[key],
      has: (_, key) => key in get(),
      ownKeys: () => Reflect.ownKeys(get()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(get(), key);
        // A proxy may not report a property as non-configurable that its (empty) target lacks.
        if (descriptor) descriptor.configurable = true;
        return descriptor;
      },
    },
  );
}

/**
 * Loads the bundle's files (cli.js and the chunks it requires) with V8's code cache kept
 * AFTER a run, not just after compiling: Node's own compile cache holds only the code
 * compiled up front, so every function a command calls (zod's parsers, the services …) was
 * compiled again on every run. Here the cache written after a run holds them too
 * (docs/decisions.md, "CLI start-up"). One cache file per bundle file and content (a
 * checksum of the source names it: V8 itself checks only the length); written when there
 * was none or V8 refused it, through a temporary file and a rename; files of older builds
 * are removed then. Any failure leaves the command to run without a cache.
 */
function bundleLoader(bundleDir, cacheRoot) {
  const Module = require('node:module');
  const vm = require('node:vm');
  const zlib = require('node:zlib');
  if (typeof zlib.crc32 !== 'function') return undefined;
  // One folder per installed bundle (by its path) and Node version: installs never share entries.
  // A CRC-32, not a SHA-256: node:crypto would be loaded for it alone. Two installs whose tags
  // collided would only share a folder (entries are named by their source) and evict each other.
  const tag = zlib.crc32(`${bundleDir}\0${process.version}\0${process.arch}`).toString(16).padStart(8, '0');
  const cacheDir = path.join(cacheRoot, `bundle-${tag}`);
  const loaded = new Map();
  const scripts = [];
  // Node modules the bundle requires at its top but `vendors list` and most other commands
  // never use: each is loaded on its first member read instead (node:crypto alone cost about
  // 4 % of the instructions of `vendors list --json`; docs/decisions.md, "CLI start-up, third
  // pass"). The bundle only reads their members (`node_crypto.randomUUID()`), so a stand-in
  // that loads the module then acts as the module; a chunk that copies a module's keys loads it at once.
  const lazyIds = [
    'node:crypto',
    'node:worker_threads',
    'node:fs/promises',
    'node:timers/promises',
    'node:stream/consumers',
  ];
  const lazyBuiltins = new Map(lazyIds.map((id) => [id, undefined]));

  function load(filename) {
    const known = loaded.get(filename);
    if (known) return known.exports;
    // Read as bytes: the checksum of the bytes is the one of the text, without first encoding
    // the text again (a pure-ASCII build then becomes a one-byte string, quick to scan).
    const bytes = fs.readFileSync(filename);
    const source = bytes.toString('utf8');
    const cacheFile = path.join(cacheDir, `${path.basename(filename)}@${zlib.crc32(bytes).toString(16)}.v8`);
    const cachedData = readCache(cacheFile);
    const script = new vm.Script(Module.wrap(source), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    scripts.push({ script, filename, cacheFile, stale: !cachedData || script.cachedDataRejected });
    const mod = new Module(filename, module);
    mod.filename = filename;
    mod.paths = Module._nodeModulePaths(path.dirname(filename));
    loaded.set(filename, mod);
    const nodeRequire = Module.createRequire(filename);
    // The bundle's own chunks come through this loader; everything else (node:…) through Node's.
    const bundleRequire = (id) => {
      if (id.startsWith('./') && id.endsWith('.js')) {
        const file = path.join(path.dirname(filename), id);
        if (path.dirname(file) === bundleDir) return load(file);
      }
      if (lazyBuiltins.has(id)) {
        let stand = lazyBuiltins.get(id);
        if (!stand) lazyBuiltins.set(id, (stand = lazyBuiltin(id, nodeRequire)));
        return stand;
      }
      return nodeRequire(id);
    };
    bundleRequire.resolve = nodeRequire.resolve;
    bundleRequire.cache = nodeRequire.cache;
    script
      .runInThisContext()
      .call(mod.exports, mod.exports, bundleRequire, mod, filename, path.dirname(filename));
    mod.loaded = true;
    return mod.exports;
  }

  /** A cache entry whose checksum (its first four bytes) matches what follows, or undefined. */
  function readCache(cacheFile) {
    try {
      const entry = fs.readFileSync(cacheFile);
      const data = entry.subarray(4);
      return entry.length > 4 && entry.readUInt32LE(0) === zlib.crc32(data) ? data : undefined;
    } catch {
      return undefined; // not cached yet
    }
  }

  function saveCache() {
    const stale = scripts.filter((s) => s.stale);
    if (stale.length === 0) return;
    try {
      try {
        fs.mkdirSync(cacheDir, { mode: 0o700 });
      } catch (error) {
        if (error.code !== 'EEXIST') return;
      }
      for (const { script, cacheFile } of stale) {
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        const data = script.createCachedData();
        const sum = Buffer.alloc(4);
        sum.writeUInt32LE(zlib.crc32(data));
        fs.writeFileSync(temporary, Buffer.concat([sum, data]), { mode: 0o600, flag: 'wx' });
        fs.renameSync(temporary, cacheFile);
      }
      // Entries of files that changed or are gone (an older build) are of no use any more.
      const current = new Set(scripts.map((s) => path.basename(s.cacheFile)));
      const rewritten = new Set(stale.map((s) => path.basename(s.filename)));
      for (const entry of fs.readdirSync(cacheDir)) {
        // A temporary file of a run that was killed while writing (an hour old: not a run still writing).
        if (entry.endsWith('.tmp')) {
          const temporary = path.join(cacheDir, entry);
          if (Date.now() - fs.statSync(temporary).mtimeMs > 3_600_000) fs.rmSync(temporary, { force: true });
          continue;
        }
        const file = entry.slice(0, entry.indexOf('@'));
        if (current.has(entry) || !entry.endsWith('.v8')) continue;
        if (rewritten.has(file) || !fs.existsSync(path.join(bundleDir, file)))
          fs.rmSync(path.join(cacheDir, entry), { force: true });
      }
    } catch {
      // A cache that cannot be written is only a slower next start.
    }
  }

  return { load, saveCache };
}
