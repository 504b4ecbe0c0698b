import { defineConfig } from 'vite';
import { nodeBundle } from './vite.shared.mts';

// The team database connection's thread (storage/pg/connection-worker.mts), next to cli.js and data-host.js.
export default defineConfig(nodeBundle('electron/storage/pg/connection-worker.mts', 'pg-connection'));
