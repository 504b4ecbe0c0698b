import { describe, it, expect } from 'vitest';
import { isAbsolute, resolve } from 'node:path';
import { DATA_DIR_ENV, resolveDataDir } from '../../electron/storage/data-dir';

const FLAG = resolve('/data/from-flag');
const ENV = resolve('/data/from-env');
const FALLBACK = resolve('/data/default');

describe('resolveDataDir', () => {
  it('reads the VENDOR_RISK_DATA_DIR environment variable', () => {
    expect(DATA_DIR_ENV).toBe('VENDOR_RISK_DATA_DIR');
  });

  it.each([
    ['flag beats env and fallback', FLAG, { VENDOR_RISK_DATA_DIR: ENV }, FLAG],
    ['flag alone', FLAG, {}, FLAG],
    ['env beats fallback', undefined, { VENDOR_RISK_DATA_DIR: ENV }, ENV],
    ['fallback when nothing is given', undefined, {}, FALLBACK],
    ['empty flag is ignored', '', { VENDOR_RISK_DATA_DIR: ENV }, ENV],
    ['blank flag is ignored', '   ', { VENDOR_RISK_DATA_DIR: ENV }, ENV],
    ['tab/newline flag is ignored', '\t\n', { VENDOR_RISK_DATA_DIR: ENV }, ENV],
    ['empty env is ignored', undefined, { VENDOR_RISK_DATA_DIR: '' }, FALLBACK],
    ['blank env is ignored', undefined, { VENDOR_RISK_DATA_DIR: '  ' }, FALLBACK],
    ['blank flag and blank env fall back', ' ', { VENDOR_RISK_DATA_DIR: ' ' }, FALLBACK],
    ['surrounding spaces are trimmed from the flag', `  ${FLAG}  `, {}, FLAG],
    ['surrounding spaces are trimmed from the env', undefined, { VENDOR_RISK_DATA_DIR: ` ${ENV}\n` }, ENV],
    ['other variables are not read', undefined, { DATA_DIR: ENV, VENDOR_RISK_DATA: ENV }, FALLBACK],
  ])('%s', (_name, flag, env, expected) => {
    expect(resolveDataDir({ flag, env, fallback: FALLBACK })).toBe(expected);
  });

  it.each([
    ['a relative flag', { flag: 'my-data', env: {}, fallback: FALLBACK }, 'my-data'],
    ['a dotted relative flag', { flag: './a/../b', env: {}, fallback: FALLBACK }, 'b'],
    ['a relative env value', { env: { VENDOR_RISK_DATA_DIR: 'env-data' }, fallback: FALLBACK }, 'env-data'],
    ['a relative fallback', { env: {}, fallback: 'fallback-data' }, 'fallback-data'],
  ])('makes %s absolute against the working directory', (_name, options, relativePart) => {
    const result = resolveDataDir(options);
    expect(isAbsolute(result)).toBe(true);
    expect(result).toBe(resolve(process.cwd(), relativePart));
  });

  it('normalises an absolute path (no trailing slash or dot segments)', () => {
    expect(resolveDataDir({ flag: `${FLAG}/sub/../`, env: {}, fallback: FALLBACK })).toBe(FLAG);
  });

  it('keeps spaces inside the path', () => {
    const withSpaces = resolve('/Users/Ann Lee/Vendor Risk');
    expect(resolveDataDir({ flag: withSpaces, env: {}, fallback: FALLBACK })).toBe(withSpaces);
  });
});
