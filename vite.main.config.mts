import { defineConfig } from 'vite';
import { nodeBundle } from './vite.shared.mts';

export default defineConfig(nodeBundle('electron/main.ts', 'main'));
