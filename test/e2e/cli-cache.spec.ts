/**
 * The built `vendor-risk` binary keeps V8's compiled code of its bundle in the user's own
 * cache folder after a run: owner-only files, and a damaged or missing cache only costs speed.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';

const BIN = resolve(__dirname, '../../bin/vendor-risk.cjs');

test.describe('vendor-risk compiled-code cache', () => {
  let dir = '';
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vendor-risk-cache-'));
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (cacheHome: string) =>
    spawnSync(process.execPath, [BIN, '--data-dir', join(dir, 'data'), 'vendors', 'list', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: cacheHome, VENDOR_RISK_USER: 'Cache Test' },
    });

  /** The cache entries the runs left, by file name, with their content. */
  function entries(cacheHome: string): Map<string, Buffer> {
    const root = join(cacheHome, 'vendor-risk', 'compile-cache');
    const found = new Map<string, Buffer>();
    for (const bundle of readdirSync(root).filter((d) => d.startsWith('bundle-')))
      for (const name of readdirSync(join(root, bundle)))
        found.set(join(root, bundle, name), readFileSync(join(root, bundle, name)));
    return found;
  }

  test('writes owner-only entries after a run, and a damaged entry is replaced, not trusted', () => {
    const cacheHome = join(dir, 'cache');
    mkdirSync(cacheHome);
    const first = run(cacheHome);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ items: [], total: 0 });

    const written = entries(cacheHome);
    expect([...written.keys()].some((f) => /cli\.js@[0-9a-f]+\.v8$/.test(f))).toBe(true);
    for (const file of written.keys()) {
      expect(file.endsWith('.v8')).toBe(true);
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    }

    // Damage every entry: the command still answers the same, and writes sound entries again.
    for (const [file, content] of written) {
      const damaged = Buffer.from(content);
      for (let i = 4; i < damaged.length; i += 97) damaged[i] = damaged[i]! ^ 0xff;
      writeFileSync(file, damaged);
    }
    const again = run(cacheHome);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    const rewritten = entries(cacheHome);
    expect(rewritten.size).toBeGreaterThan(0);
    for (const content of rewritten.values())
      expect(content.readUInt32LE(0)).toBe(crc32(content.subarray(4)));
  });

  test('runs without a cache when the cache folder does not exist', () => {
    const result = run(join(dir, 'no-such-folder'));
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ items: [], total: 0 });
  });
});
