#!/usr/bin/env node
// The `vendor-risk` command: runs the built CLI (npm run build makes it).
'use strict';
const path = require('node:path');
const fs = require('node:fs');

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
enableCompileCache();
require(built)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

/**
 * Lets Node keep the bundle's compiled code between runs (a short command such as `vendors
 * list` spends a good part of its start-up compiling), in the user's own cache folder: never
 * a shared one such as the default under /tmp, where another user could plant entries. The
 * installed files stay read-only. A cache is only a help: anything unusual and it is skipped.
 */
function enableCompileCache() {
  const nodeModule = require('node:module');
  if (typeof nodeModule.enableCompileCache !== 'function') return;
  try {
    const os = require('node:os');
    const base =
      process.platform === 'win32'
        ? process.env.LOCALAPPDATA
        : process.platform === 'darwin'
          ? path.join(os.homedir(), 'Library', 'Caches')
          : process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
    // The base must exist already; the two folders below it are made one at a time (a
    // recursive make loops forever on some file systems that refuse it, such as /proc).
    if (!base || !path.isAbsolute(base) || !fs.statSync(base).isDirectory()) return;
    let dir = base;
    for (const part of ['vendor-risk', 'compile-cache']) {
      dir = path.join(dir, part);
      try {
        fs.mkdirSync(dir, { mode: 0o700 });
      } catch (error) {
        if (error.code !== 'EEXIST') return;
      }
    }
    nodeModule.enableCompileCache(dir);
  } catch {
    // No home folder, or no cache: the command runs as well without it.
  }
}
