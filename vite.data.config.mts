import { defineConfig } from 'vite';
import { nodeBundle } from './vite.shared.mts';

// The data worker thread (audit verification, backups), next to main.js and cli.js.
export default defineConfig(nodeBundle('electron/workers/data-tasks.ts', 'data-tasks'));
