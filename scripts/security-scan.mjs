// Static security scan of the Electron code with Electronegativity, failing on findings.
// Its CLI always exits 0, so this runs its scanner and fails (exit 1) on every finding
// that security/electronegativity-reviewed.json does not list with the reason it is not a
// problem here, and on reviewed entries that no longer occur (so the list stays true).
// Offline: its two network requests (translations, Electron's release list) are answered
// "no network" at once, and the release-list check is left out (`npm outdated electron`
// answers that question where there is a network).
import { createRequire, Module } from 'node:module';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: the security scan makes no network requests'));
    offline.head = offline;
    return offline;
  }
  return load.call(this, request, ...rest);
};
const log = console.log;
console.log = (...args) => {
  if (!String(args[0]).startsWith('Could not retrieve updated translations')) log(...args);
};

const electronVersion = require('electron/package.json').version;
const reviewed = JSON.parse(readFileSync(join(root, 'security/electronegativity-reviewed.json'), 'utf8'));
const run = require('@doyensec/electronegativity');

// What ships: the main-process code and the page it loads.
const input = mkdtempSync(join(tmpdir(), 'vendor-risk-scan-'));
let result;
try {
  cpSync(join(root, 'electron'), join(input, 'electron'), { recursive: true });
  cpSync(join(root, 'renderer/index.html'), join(input, 'renderer/index.html'));
  result = await run({
    input,
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    customScan: [],
    parserPlugins: [],
  });
} finally {
  rmSync(input, { recursive: true, force: true });
}
if (!result || !Array.isArray(result.issues)) {
  console.error('security scan: Electronegativity did not run');
  process.exit(1);
}
if (result.errors?.length)
  for (const e of result.errors) console.error(`could not parse ${e.file}: ${e.message ?? e.error}`);

const file = (f) => String(f).replace(/^\/+/, '');
const key = (i) => `${i.id} ${file(i.file)}`;
const accepted = new Map(reviewed.map((r) => [`${r.issue} ${r.file}`, r]));
const unreviewed = result.issues.filter((i) => !accepted.has(key(i)));
const seen = new Set(result.issues.map(key));
const stale = reviewed.filter((r) => !seen.has(`${r.issue} ${r.file}`));

for (const i of result.issues.filter((i) => accepted.has(key(i))))
  log(`reviewed  ${i.id} ${file(i.file)}:${i.location.line} — ${accepted.get(key(i)).reason}`);
for (const i of unreviewed)
  console.error(
    `FINDING   ${i.id} (${i.severity.name ?? i.severity}, ${i.confidence.name ?? i.confidence}) ${file(i.file)}:${i.location.line}:${i.location.column} ${String(i.sample ?? '').slice(0, 100)}`,
  );
for (const r of stale)
  console.error(`STALE     ${r.issue} ${r.file}: listed as reviewed but no longer found; remove it`);
log(
  `security scan: Electronegativity (${result.globalChecks + result.atomicChecks} checks) on Electron ${electronVersion}: ` +
    `${result.issues.length} findings, ${result.issues.length - unreviewed.length} reviewed, ${unreviewed.length} new, ${stale.length} stale`,
);
process.exit(unreviewed.length || stale.length || result.errors?.length ? 1 : 0);
