import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { UserConfig } from 'vite';

/** Node built-ins and electron stay outside main-process bundles. */
export const nodeExternals = [
  'electron',
  /^node:/,
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];

/** Bundle outputs, shared by Forge's Vite plugin and `npm run build`. */
export const BUILD_DIR = '.vite/build';
export const RENDERER_NAME = 'main_window';
export const RENDERER_DIR = `.vite/renderer/${RENDERER_NAME}`;

/**
 * A CommonJS bundle for Node or Electron's main side: dependencies bundled (resolving
 * their Node builds, not their browser builds: conf's when-exit has both), Node
 * built-ins and electron left external.
 */
export function nodeBundle(entry: string, name: string): UserConfig {
  return {
    // Lets code tell a build from a run from source (electron/bundled.ts).
    define: {
      __VENDOR_RISK_BUNDLE__: 'true',
      // re2js's browser build as text, for a vendor's form whose conditions match patterns (exchange/re2-browser.ts).
      __RE2JS_BROWSER__: JSON.stringify(
        readFileSync(join(dirname(createRequire(import.meta.url).resolve('re2js')), 'index.umd.js'), 'utf8'),
      ),
    },
    resolve: { conditions: ['node'], mainFields: ['module', 'jsnext:main', 'jsnext'] },
    build: {
      outDir: BUILD_DIR,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      lib: { entry, formats: ['cjs'], fileName: () => `${name}.js` },
      rollupOptions: { external: nodeExternals, output: { chunkFileNames: `${name}-[name]-[hash].js` } },
    },
  };
}
