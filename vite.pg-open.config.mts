import { defineConfig } from 'vite';
import { nodeBundle } from './vite.shared.mts';

// A team database URL read into its connection's settings (storage/pg/team-open.ts), which the
// CLI's start-up (bin/vendor-risk.cjs) loads before cli.js to log in while cli.js loads.
export default defineConfig(nodeBundle('electron/storage/pg/team-open.ts', 'pg-open'));
