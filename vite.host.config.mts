import { defineConfig } from 'vite';
import { nodeBundle } from './vite.shared.mts';

// The data host thread (dispatcher, services, storage), next to main.js.
export default defineConfig(nodeBundle('electron/workers/data-host.ts', 'data-host'));
