import { defineConfig } from 'vite';
import { nodeBundle } from './vite.shared.mts';

// The device-import worker thread, next to main.js and cli.js.
export default defineConfig(nodeBundle('electron/workers/device-reader.ts', 'device-reader'));
