import { describe, it, expect, vi, beforeAll, afterAll } from 'vitest';
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';

// security.ts promises it never imports electron at run time; if it did, this mock would throw.
const electronLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock('electron', () => {
  electronLoads.count += 1;
  throw new Error('electron must not be loaded at run time by electron/security.ts');
});

import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  decideWindowOpen,
  isAllowedExternalUrl,
  isAppUrl,
  isNavigationAllowed,
  isPermissionGranted,
  resolveAppRequest,
  secureWebPreferences,
} from '../../electron/security';

const PRELOAD = '/opt/vendor-risk/resources/app.asar/.vite/build/preload.js';

describe('electron/security module', () => {
  it('loads without loading electron', () => {
    expect(electronLoads.count).toBe(0);
  });

  it('serves the app from app://vendor-risk/index.html, not file://', () => {
    expect(APP_ENTRY_URL).toBe('app://vendor-risk/index.html');
  });
});

describe('secureWebPreferences (Electron security checklist)', () => {
  const prefs = secureWebPreferences(PRELOAD);

  it('enables the sandbox', () => {
    expect(prefs.sandbox).toBe(true);
  });

  it('enables context isolation', () => {
    expect(prefs.contextIsolation).toBe(true);
  });

  it('turns off middle-click (auxclick) navigation', () => {
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('disables Node integration in the page', () => {
    expect(prefs.nodeIntegration).toBe(false);
  });

  it('disables Node integration in web workers', () => {
    expect(prefs.nodeIntegrationInWorker).toBe(false);
  });

  it('disables Node integration in subframes', () => {
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps webSecurity on', () => {
    expect(prefs.webSecurity).toBe(true);
  });

  it('does not allow running insecure content', () => {
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('does not enable experimental features', () => {
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('does not enable any Blink features', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('disables the <webview> tag', () => {
    expect(prefs.webviewTag).toBe(false);
  });

  it('passes the preload path through unchanged', () => {
    expect(prefs.preload).toBe(PRELOAD);
    expect(secureWebPreferences('C:\\App\\preload.js').preload).toBe('C:\\App\\preload.js');
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim())
      .filter((d) => d !== '')
      .map((d) => {
        const [name = '', ...sources] = d.split(/\s+/);
        return [name, sources] as const;
      }),
  );
  const allSources = [...directives.values()].flat();

  it("sets default-src 'self'", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it("never allows 'unsafe-eval'", () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it("never allows 'unsafe-inline'", () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it.each(['http:', 'https:', 'ws:', 'wss:'])('allows no %s origins anywhere', (scheme) => {
    expect(CONTENT_SECURITY_POLICY.toLowerCase()).not.toContain(scheme);
  });

  it("allows no '*' wildcard source anywhere", () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('*');
    expect(allSources.every((s) => !s.includes('*'))).toBe(true);
  });

  it("sets object-src 'none'", () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });

  it("sets frame-ancestors 'none'", () => {
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('declares each directive once', () => {
    const names = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('isNavigationAllowed', () => {
  it.each([
    'app://vendor-risk/index.html',
    'app://vendor-risk/settings',
    'https://example.com/',
    'https://vendor-risk/index.html',
    'file:///etc/passwd',
    'file:///C:/Windows/System32/',
    'http://localhost:5173/',
    'javascript:alert(1)',
    '',
  ])('blocks navigation to %j', (url) => {
    expect(isNavigationAllowed(url)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://example.com/x', true],
    ['https://example.com', true],
    ['https://docs.example.org/a/b?c=d#e', true],
    ['http://example.com/x', false],
    ['file:///etc/passwd', false],
    ['file://server/share/x', false],
    ['javascript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['app://vendor-risk/index.html', false],
    ['ftp://example.com/x', false],
    ['mailto:someone@example.com', false],
    ['https://user:pass@example.com/x', false],
    ['https://user@example.com/x', false],
    ['https://:pass@example.com/x', false],
    ['https://', false],
    ['not a url', false],
    ['//example.com/x', false],
    ['https//example.com', false],
    ['', false],
  ])('%j -> %s', (url, expected) => {
    expect(isAllowedExternalUrl(url)).toBe(expected);
  });
});

describe('decideWindowOpen', () => {
  it.each([
    ['https://example.com/x', true],
    ['http://example.com/x', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['app://vendor-risk/index.html', false],
    ['https://user:pass@example.com/', false],
    ['', false],
  ])('denies a new window for %j (opens in the browser: %s)', (url, openExternally) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally });
  });
});

describe('isPermissionGranted', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'midi',
    'midiSysex',
    'display-capture',
    'mediaKeySystem',
    'idle-detection',
    'keyboardLock',
    'window-management',
    'unknown',
    'fileSystem',
    'hid',
    'serial',
    'usb',
    '',
  ])('denies %j', (permission) => {
    expect(isPermissionGranted(permission)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://vendor-risk/index.html', true],
    ['app://vendor-risk/', true],
    ['app://vendor-risk/assets/app.js', true],
    ['app://other/index.html', false],
    ['app://vendor-risk.evil/index.html', false],
    ['app://vendor-risk:8080/index.html', false],
    ['http://vendor-risk/index.html', false],
    ['https://vendor-risk/index.html', false],
    ['file:///index.html', false],
    ['file://vendor-risk/index.html', false],
    ['apps://vendor-risk/index.html', false],
    ['not a url', false],
    ['', false],
  ])('%j -> %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('resolveAppRequest', () => {
  let root: string;
  let outside: string;
  const INDEX = '<!doctype html><title>Vendor Risk Desk</title>';
  const SCRIPT = 'console.log("app");';

  beforeAll(() => {
    outside = realpathSync(mkdtempSync(join(tmpdir(), 'vrd-security-')));
    root = join(outside, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'app.js'), SCRIPT);
    writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(root, 'notes.txt'), 'not served');
    writeFileSync(join(outside, 'secret'), 'top secret');
    writeFileSync(join(outside, 'secret.js'), 'top secret');
  });

  afterAll(() => {
    rmSync(outside, { recursive: true, force: true });
  });

  const url = (path: string) => `app://vendor-risk${path}`;
  const isInside = (filePath: string) => {
    const rel = relative(root, filePath);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  };

  it.each([
    ['/', INDEX, 'text/html; charset=utf-8'],
    ['/index.html', INDEX, 'text/html; charset=utf-8'],
    ['/assets/app.js', SCRIPT, 'text/javascript; charset=utf-8'],
  ])('serves %s with its content type, the CSP and nosniff', (path, content, contentType) => {
    const result = resolveAppRequest(url(path), root);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(readFileSync(result.filePath, 'utf8')).toBe(content);
    expect(result.headers['Content-Type']).toBe(contentType);
    expect(result.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(result.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('serves CSS as text/css', () => {
    const result = resolveAppRequest(url('/assets/app.css'), root);
    expect(result).toMatchObject({ ok: true, headers: { 'Content-Type': 'text/css; charset=utf-8' } });
  });

  it('ignores the query string and fragment', () => {
    const result = resolveAppRequest(url('/assets/app.js?v=3#top'), root);
    expect(result.ok).toBe(true);
    if (result.ok) expect(readFileSync(result.filePath, 'utf8')).toBe(SCRIPT);
  });

  it.each([
    'https://vendor-risk/index.html',
    'http://vendor-risk/index.html',
    'app://other/index.html',
    'app://vendor-risk.evil/index.html',
    'file:///index.html',
    'not a url',
  ])('refuses %j (another origin) with 403', (requestUrl) => {
    expect(resolveAppRequest(requestUrl, root)).toEqual({ ok: false, status: 403 });
  });

  it.each(['/notes.txt', '/assets', '/assets/', '/Makefile', '/app.exe'])(
    'refuses %s (no known file type) with 404',
    (path) => {
      expect(resolveAppRequest(url(path), root)).toEqual({ ok: false, status: 404 });
    },
  );

  it.each(['/%E0%A4%A', '/%', '/%zz.js', '/assets/%C0.js'])(
    'refuses malformed encoding %s with 404',
    (path) => {
      expect(resolveAppRequest(url(path), root)).toEqual({ ok: false, status: 404 });
    },
  );

  it.each(['/index.html%00', '/%00.js', '/assets/app.js%00.html'])(
    'refuses an encoded NUL in %s with 404',
    (path) => {
      expect(resolveAppRequest(url(path), root)).toEqual({ ok: false, status: 404 });
    },
  );

  it.each([
    '/../secret',
    '/../secret.js',
    '/%2e%2e/secret.js',
    '/%2E%2E/secret.js',
    '/assets/../../x',
    '/assets/../../secret.js',
    '/..%2fsecret.js',
    '/%2e%2e%2fsecret.js',
    '/assets/..%2f..%2fsecret.js',
  ])('never serves anything outside the root for %s', (path) => {
    const result = resolveAppRequest(url(path), root);
    if (result.ok) {
      expect(isInside(result.filePath)).toBe(true);
      expect(existsSync(result.filePath)).toBe(false);
    }
  });

  it.each(['/..%2fsecret.js', '/%2e%2e%2fsecret.js', '/assets/..%2f..%2fsecret.js'])(
    'refuses an encoded-slash climb %s with 404',
    (path) => {
      expect(resolveAppRequest(url(path), root)).toEqual({ ok: false, status: 404 });
    },
  );

  it.each(['/..\\secret.js', '/assets\\..\\..\\secret.js', '/..%5csecret.js'])(
    'treats backslashes in %s as part of a file name inside the root',
    (path) => {
      const result = resolveAppRequest(url(path), root);
      if (!result.ok) return;
      expect(isInside(result.filePath)).toBe(true);
      if (sep === '/') expect(existsSync(result.filePath)).toBe(false);
    },
  );

  const hostile = [
    '/../../../../etc/passwd',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/%252e%252e%252fsecret.js',
    '/..%252fsecret.js',
    '/.%2e/secret.js',
    '/%2e./secret.js',
    '/...//secret.js',
    '/....//....//secret.js',
    '//etc/passwd',
    '///etc/passwd',
    '/%2fetc%2fpasswd',
    '/%2f%2fetc%2fpasswd.js',
    '/C:%5cWindows%5csystem.ini',
    '/C:/Windows/win.ini',
    '/%5c%5cserver%5cshare%5cx.js',
    '/..%5c..%5csecret.js',
    '/..\\..\\secret.js',
    '/assets/%2e%2e/%2e%2e/secret.js',
    '/assets/./../.././secret.js',
    '/assets/%2e/%2e%2e/%2e%2e/secret.js',
    '/%c0%ae%c0%ae/secret.js',
    '/%c0%af..%c0%afsecret.js',
    '/%uff0e%uff0e/secret.js',
    '/\u2025/secret.js',
    '/%e2%80%a5/secret.js',
    '/index.html/../../secret.js',
    '/index.html%2f..%2f..%2fsecret.js',
    '/%00/../secret.js',
    '/.',
    '/..',
    '/%2e',
    '/%2e%2e',
    '/~/secret.js',
    '/$HOME/secret.js',
  ];

  it(`never resolves to a file outside the root for ${hostile.length} hostile paths`, () => {
    const escaped = hostile.filter((path) => {
      const result = resolveAppRequest(url(path), root);
      return result.ok && !isInside(result.filePath);
    });
    expect(escaped).toEqual([]);
  });

  it('never resolves a hostile path to the secret file next to the root', () => {
    const secrets = [join(outside, 'secret'), join(outside, 'secret.js')];
    for (const path of hostile) {
      const result = resolveAppRequest(url(path), root);
      if (result.ok) expect(secrets).not.toContain(result.filePath);
    }
  });
});
