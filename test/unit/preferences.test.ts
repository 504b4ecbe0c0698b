import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { PreferencesPatchSchema, preferencesFrom } from '../../electron/domain/preferences';
import { createPreferencesService } from '../../electron/services/preferences';

const DEFAULTS = { theme: 'system', assessorName: '', recentFolders: [] };
const VALID = { theme: 'dark', assessorName: 'Ann Lee', recentFolders: ['/srv/vendors', 'C:\\Reviews'] };

describe('preferencesFrom', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'dark'],
    ['a number', 7],
    ['a boolean', true],
    ['an array', ['dark']],
    ['an empty object', {}],
  ])('gives the defaults for %s', (_name, raw) => {
    expect(preferencesFrom(raw)).toEqual(DEFAULTS);
  });

  it('keeps every valid field', () => {
    expect(preferencesFrom(VALID)).toEqual(VALID);
  });

  it.each(['system', 'light', 'dark'] as const)('keeps the %s theme', (theme) => {
    expect(preferencesFrom({ theme }).theme).toBe(theme);
  });

  it.each([
    ['only theme', { theme: 'light' }, { ...DEFAULTS, theme: 'light' }],
    ['only assessorName', { assessorName: 'Bo' }, { ...DEFAULTS, assessorName: 'Bo' }],
    ['only recentFolders', { recentFolders: ['/a'] }, { ...DEFAULTS, recentFolders: ['/a'] }],
  ])('fills in defaults around %s', (_name, raw, expected) => {
    expect(preferencesFrom(raw)).toEqual(expected);
  });

  it.each([
    ['an unknown theme', { theme: 'purple' }, 'theme'],
    ['a theme of the wrong case', { theme: 'Dark' }, 'theme'],
    ['a numeric theme', { theme: 1 }, 'theme'],
    ['a null theme', { theme: null }, 'theme'],
    ['a numeric assessorName', { assessorName: 42 }, 'assessorName'],
    ['an object assessorName', { assessorName: { first: 'Ann' } }, 'assessorName'],
    ['an assessorName over 120 characters', { assessorName: 'x'.repeat(121) }, 'assessorName'],
    ['recentFolders as a string', { recentFolders: '/srv/vendors' }, 'recentFolders'],
    ['recentFolders with a number', { recentFolders: ['/a', 3] }, 'recentFolders'],
    [
      'more than 10 recentFolders',
      { recentFolders: Array.from({ length: 11 }, (_, i) => `/f${i}`) },
      'recentFolders',
    ],
    ['a recent folder longer than 4096', { recentFolders: ['/'.repeat(4097)] }, 'recentFolders'],
  ] as const)('resets only the damaged field for %s', (_name, damage, field) => {
    const result = preferencesFrom({ ...VALID, ...damage });
    expect(result).toEqual({ ...VALID, [field]: DEFAULTS[field] });
  });

  it('resets every damaged field at once, field by field', () => {
    expect(preferencesFrom({ theme: 'neon', assessorName: 5, recentFolders: {} })).toEqual(DEFAULTS);
  });

  it('trims the assessor name', () => {
    expect(preferencesFrom({ assessorName: '  Ann Lee \n' }).assessorName).toBe('Ann Lee');
  });

  it('accepts a name of exactly 120 characters and 10 recent folders', () => {
    const folders = Array.from({ length: 10 }, (_, i) => `/f${i}`);
    const result = preferencesFrom({ assessorName: 'y'.repeat(120), recentFolders: folders });
    expect(result.assessorName).toHaveLength(120);
    expect(result.recentFolders).toEqual(folders);
  });

  it('leaves out keys that are not preferences (such as window bounds)', () => {
    const result = preferencesFrom({ ...VALID, window: { width: 900, height: 700 } });
    expect(Object.keys(result).sort()).toEqual(['assessorName', 'recentFolders', 'theme']);
  });

  it('returns a fresh recentFolders array each time (defaults are not shared)', () => {
    const a = preferencesFrom({});
    a.recentFolders.push('/mutated');
    expect(preferencesFrom({}).recentFolders).toEqual([]);
  });
});

describe('PreferencesPatchSchema', () => {
  it.each([
    ['an empty patch', {}],
    ['a theme', { theme: 'dark' }],
    ['a name', { assessorName: 'Ann' }],
    ['both', { theme: 'light', assessorName: '' }],
  ])('accepts %s', (_name, patch) => {
    expect(PreferencesPatchSchema.safeParse(patch).success).toBe(true);
  });

  it.each([
    ['an unknown key', { colour: 'red' }],
    ['window bounds (main process only)', { window: { width: 900, height: 700 } }],
    ['recentFolders (not changeable from the UI)', { recentFolders: ['/a'] }],
    ['a valid key next to an unknown one', { theme: 'dark', extra: true }],
    ['a bad theme', { theme: 'purple' }],
    ['an empty theme', { theme: '' }],
    ['a numeric theme', { theme: 2 }],
    ['a name over 120 characters', { assessorName: 'x'.repeat(121) }],
    ['a non-string name', { assessorName: 12 }],
    ['null', null],
    ['a string', 'dark'],
  ])('rejects %s', (_name, patch) => {
    expect(PreferencesPatchSchema.safeParse(patch).success).toBe(false);
  });

  // The dispatcher hands the handler the *parsed* patch, so whatever parsing adds gets saved.
  it.each([
    ['a theme-only patch', { theme: 'dark' }, { theme: 'dark' }],
    ['a name-only patch', { assessorName: '  Bo  ' }, { assessorName: 'Bo' }],
    ['an empty patch', {}, {}],
  ])('parses %s to only the keys that were sent (no defaults filled in)', (_name, patch, expected) => {
    expect(PreferencesPatchSchema.parse(patch)).toEqual(expected);
  });
});

describe('createPreferencesService with a conf store', () => {
  let dir: string;
  const open = () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'preferences' });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vrd-prefs-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the defaults for a new, empty store', () => {
    expect(createPreferencesService(open()).get()).toEqual(DEFAULTS);
  });

  it('persists a theme change to disk', () => {
    const service = createPreferencesService(open());
    expect(service.set({ theme: 'dark' }).theme).toBe('dark');

    expect(open().get('theme')).toBe('dark');
    expect(createPreferencesService(open()).get().theme).toBe('dark');
    const onDisk = JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8')) as Record<string, unknown>;
    expect(onDisk.theme).toBe('dark');
  });

  it('does not erase other keys in the file (window bounds)', () => {
    const store = open();
    const bounds = { x: 10, y: 20, width: 1000, height: 700 };
    store.set('window', bounds);
    createPreferencesService(store).set({ theme: 'light' });

    const reopened = open();
    expect(reopened.get('window')).toEqual(bounds);
    expect(reopened.get('theme')).toBe('light');
  });

  it('does not erase other preferences when one is changed', () => {
    const service = createPreferencesService(open());
    service.set({ theme: 'dark' });
    service.set({ assessorName: 'Ann Lee' });
    expect(createPreferencesService(open()).get()).toEqual({
      ...DEFAULTS,
      theme: 'dark',
      assessorName: 'Ann Lee',
    });
  });

  it('leaves a preference alone when the patch holds it as undefined', () => {
    const service = createPreferencesService(open());
    service.set({ theme: 'dark' });
    expect(service.set({ theme: undefined, assessorName: 'Bo' })).toEqual({
      ...DEFAULTS,
      theme: 'dark',
      assessorName: 'Bo',
    });
    expect(open().get('theme')).toBe('dark');
  });

  it('returns what was saved', () => {
    const service = createPreferencesService(open());
    expect(service.set({ theme: 'light', assessorName: 'Cy' })).toEqual(service.get());
  });

  // What the Settings page does: it sends one field, the dispatcher validates it with
  // PreferencesPatchSchema and the handler saves the parsed value.
  it('changing the theme from Settings keeps the assessor name', () => {
    const service = createPreferencesService(open());
    service.set({ assessorName: 'Ann Lee' });
    service.set(PreferencesPatchSchema.parse({ theme: 'dark' }));
    expect(createPreferencesService(open()).get()).toEqual({
      ...DEFAULTS,
      theme: 'dark',
      assessorName: 'Ann Lee',
    });
  });

  it('saving the assessor name from Settings keeps the theme', () => {
    const service = createPreferencesService(open());
    service.set({ theme: 'dark' });
    service.set(PreferencesPatchSchema.parse({ assessorName: 'Ann Lee' }));
    expect(createPreferencesService(open()).get()).toEqual({
      ...DEFAULTS,
      theme: 'dark',
      assessorName: 'Ann Lee',
    });
  });

  it('reads a damaged file field by field, keeping the valid fields', () => {
    writeFileSync(
      join(dir, 'preferences.json'),
      JSON.stringify({ theme: 'neon', assessorName: 'Ann', recentFolders: 'oops', window: { width: 1 } }),
    );
    expect(createPreferencesService(open()).get()).toEqual({ ...DEFAULTS, assessorName: 'Ann' });
  });

  it('can repair a damaged theme by setting a valid one', () => {
    writeFileSync(join(dir, 'preferences.json'), JSON.stringify({ theme: 'neon', assessorName: 'Ann' }));
    const service = createPreferencesService(open());
    expect(service.set({ theme: 'dark' })).toEqual({ ...DEFAULTS, theme: 'dark', assessorName: 'Ann' });
    expect(open().get('theme')).toBe('dark');
  });
});
