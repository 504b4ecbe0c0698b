import { defineConfig } from 'vite';
import { nodeBundle } from './vite.shared.mts';

// The device-import worker thread (reads, stages and writes inventories), next to main.js and cli.js.
export default defineConfig(nodeBundle('electron/workers/device-importer.ts', 'device-importer'));
