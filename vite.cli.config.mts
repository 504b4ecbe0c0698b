import { defineConfig } from 'vite';
import { BUILD_DIR, nodeExternals } from './vite.shared.mts';

// The cli bundle (CommonJS, dependencies bundled, Node built-ins and electron external).
export default defineConfig({
  build: {
    outDir: BUILD_DIR,
    emptyOutDir: false,
    target: 'node22',
    minify: false,
    sourcemap: true,
    lib: { entry: 'electron/cli.ts', formats: ['cjs'], fileName: () => 'cli.js' },
    rollupOptions: { external: nodeExternals },
  },
});
