/**
 * The app's security rules as plain values and predicates, so tests can assert each
 * item of the Electron security checklist. main.ts applies them; nothing here imports
 * electron at run time.
 */
import { extname, join, normalize, relative, isAbsolute, sep } from 'node:path';

/** Pages are served from app://vendor-risk/, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'vendor-risk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The Content-Security-Policy of every page: only the app's own files, no eval, no remote origins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** webPreferences of every window: sandboxed, isolated, no Node, no experimental features. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
    // A middle click cannot open a link in a new window (window.open is denied anyway).
    disableBlinkFeatures: 'Auxclick',
  } as const;
}

/** True for a URL of the app's own page (the only sender the dispatcher accepts). */
export function isAppUrl(
  url: string,
  origin: { scheme: string; host: string } = { scheme: APP_SCHEME, host: APP_HOST },
): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${origin.scheme}:` &&
    parsed.host === origin.host &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** will-navigate: the app is one page; any navigation away from it is blocked. */
export function isNavigationAllowed(_url: string): boolean {
  return false;
}

/** The one allow-list for opening links outside the app: https only, no credentials in the URL. */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.hostname !== ''
  );
}

/** window.open and target=_blank: never a new window; an allowed https link goes to the browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url) };
}

/** Every permission request (camera, notifications, geolocation ...) is denied. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * Maps a request for the app's page to a file inside `rootDir`, or refuses it.
 * Paths that climb out of the root, other hosts and unknown file types are refused.
 */
export function resolveAppRequest(
  requestUrl: string,
  rootDir: string,
  origin: { scheme: string; host: string } = { scheme: APP_SCHEME, host: APP_HOST },
): { ok: true; filePath: string; headers: Record<string, string> } | { ok: false; status: 403 | 404 } {
  if (!isAppUrl(requestUrl, origin)) return { ok: false, status: 403 };
  const parsed = parseUrl(requestUrl)!;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 404 };
  }
  if (pathname.includes('\0')) return { ok: false, status: 404 };
  const relativePath = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const filePath = normalize(join(rootDir, relativePath));
  const rel = relative(rootDir, filePath);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel))
    return { ok: false, status: 404 };
  const type = MIME_TYPES[extname(filePath).toLowerCase()];
  if (!type) return { ok: false, status: 404 };
  return {
    ok: true,
    filePath,
    headers: {
      'Content-Type': type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Referrer-Policy': 'no-referrer',
    },
  };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
