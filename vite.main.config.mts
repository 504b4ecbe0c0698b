import { defineConfig } from 'vite';
import { BUILD_DIR, nodeExternals, nodeResolve } from './vite.shared.mts';

// The main bundle (CommonJS, dependencies bundled, Node built-ins and electron external).
export default defineConfig({
  resolve: nodeResolve,
  build: {
    outDir: BUILD_DIR,
    emptyOutDir: false,
    target: 'node22',
    minify: false,
    sourcemap: true,
    lib: { entry: 'electron/main.ts', formats: ['cjs'], fileName: () => 'main.js' },
    rollupOptions: { external: nodeExternals },
  },
});
