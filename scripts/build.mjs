// Production build of main, preload, CLI and renderer with plain Vite (the same configs
// Forge's Vite plugin uses), so tests and the CLI work without Electron Forge.
import { build } from 'vite';
import { rmSync } from 'node:fs';

rmSync('.vite/build', { recursive: true, force: true });
const configs = [
  'vite.main.config.mts',
  'vite.host.config.mts',
  'vite.preload.config.mts',
  'vite.cli.config.mts',
  'vite.worker.config.mts',
  'vite.report.config.mts',
  'vite.data.config.mts',
  'vite.advisory.config.mts',
  'vite.pg.config.mts',
  'vite.pg-open.config.mts',
  'vite.renderer.config.mts',
];
const started = Date.now();
for (const configFile of configs) {
  await build({ configFile, logLevel: 'warn', mode: 'production' });
}
console.log(
  `build: main, data host, preload, cli, import, report, data, advisory and team database workers, the CLI's team login and renderer built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
