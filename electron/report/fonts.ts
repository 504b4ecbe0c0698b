/**
 * The fonts bundled with the app: DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, Arabic and
 * more) for text, DejaVu Sans Mono for hashes and serials, Droid Sans Fallback for CJK.
 * A build copies them next to the bundles (`fonts/`); from source they are read where
 * npm and the repository keep them.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FONT } from './text';
import { BUNDLED } from '../bundled';

/** Each font file, and where it lives in the repository (copied into the build by vite.report.config). */
export const FONT_SOURCES = {
  'DejaVuSans.ttf': 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf': 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf': 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
  'DejaVuSans-BoldOblique.ttf': 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf',
  'DejaVuSansMono.ttf': 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
  'DejaVuSansMono-Bold.ttf': 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf',
  'DroidSansFallback.ttf': 'assets/fonts/DroidSansFallback.ttf',
} as const;
export type FontFile = keyof typeof FONT_SOURCES;

/** Where the font files are: `fonts/` beside the bundle, or the repository when running from source. */
function locate(file: FontFile): string {
  const beside = join(__dirname, 'fonts', file);
  if (existsSync(beside)) return beside;
  if (!BUNDLED) {
    // From source: the repository root is the nearest folder with a package.json.
    let root = __dirname;
    while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
    const candidate = join(root, FONT_SOURCES[file]);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`The report font ${file} is missing from this installation`);
}

export interface FontSet {
  /** pdfmake's font table: family -> style -> file path. */
  families: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>;
  /** Every file in the table (the only local files a report may read). */
  files: ReadonlySet<string>;
}

/** The report fonts by pdfmake family, with absolute paths. */
export function reportFonts(): FontSet {
  const p = Object.fromEntries(
    (Object.keys(FONT_SOURCES) as FontFile[]).map((f) => [f, resolve(locate(f))]),
  ) as Record<FontFile, string>;
  const cjk = p['DroidSansFallback.ttf'];
  return {
    families: {
      [FONT.sans]: {
        normal: p['DejaVuSans.ttf'],
        bold: p['DejaVuSans-Bold.ttf'],
        italics: p['DejaVuSans-Oblique.ttf'],
        bolditalics: p['DejaVuSans-BoldOblique.ttf'],
      },
      [FONT.mono]: {
        normal: p['DejaVuSansMono.ttf'],
        bold: p['DejaVuSansMono-Bold.ttf'],
        italics: p['DejaVuSansMono.ttf'],
        bolditalics: p['DejaVuSansMono-Bold.ttf'],
      },
      [FONT.cjk]: { normal: cjk, bold: cjk, italics: cjk, bolditalics: cjk },
    },
    files: new Set(Object.values(p)),
  };
}
