import { builtinModules } from 'node:module';

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

/** Resolve packages' Node builds, not their browser builds (conf's when-exit has both). */
export const nodeResolve = { conditions: ['node'], mainFields: ['module', 'jsnext:main', 'jsnext'] };
