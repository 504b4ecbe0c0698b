import { defineConfig } from 'vite';
import { nodeBundle } from './vite.shared.mts';

// The advisory reader worker thread (reads and checks CSAF and KEV files), next to main.js and cli.js.
export default defineConfig(nodeBundle('electron/workers/advisory-reader.ts', 'advisory-reader'));
