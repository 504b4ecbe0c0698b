import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './electron/security.ts';
import { RENDERER_DIR } from './vite.shared.mts';

/**
 * Puts the CSP into the built page as a meta tag too (the app:// protocol also sends
 * it as a header). Not in dev: Vite's dev server needs inline scripts.
 */
function cspMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'vendor-risk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: resolve(import.meta.dirname, RENDERER_DIR),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
});
