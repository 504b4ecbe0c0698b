import { defineConfig } from 'vite';
import { nodeBundle } from './vite.shared.mts';

const config = nodeBundle('electron/cli.ts', 'cli');
// Every command starts by reading and scanning this bundle, so it is made small and plain:
// non-ASCII characters escaped (`’` as `\u2019`) and doc comments left out, so the file is
// pure ASCII and becomes a one-byte string, half the memory of a two-byte one and quicker
// for V8 to scan (docs/decisions.md, "CLI start-up"). Licence comments stay.
config.build!.rollupOptions!.output = {
  ...config.build!.rollupOptions!.output,
  charset: 'ascii',
  comments: { legal: true, annotation: true, jsdoc: false },
};

export default defineConfig(config);
