import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { BUILD_DIR, nodeBundle } from './vite.shared.mts';
import { FONT_SOURCES } from './electron/report/fonts';

/** Copies the report fonts next to the bundle (report/fonts.ts looks there first). */
function copyFonts(): Plugin {
  return {
    name: 'vendor-risk-report-fonts',
    writeBundle(options) {
      const dir = join(options.dir ?? BUILD_DIR, 'fonts');
      mkdirSync(dir, { recursive: true });
      for (const source of Object.values(FONT_SOURCES)) copyFileSync(source, join(dir, basename(source)));
    },
  };
}

// The PDF report worker thread, next to main.js and cli.js, with its fonts.
export default defineConfig({
  ...nodeBundle('electron/workers/report-renderer.ts', 'report-renderer'),
  plugins: [copyFonts()],
});
