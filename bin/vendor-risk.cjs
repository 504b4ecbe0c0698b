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
require(built)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
