import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { version } from '../../package.json';
import { main } from '../../electron/cli';
import { defaultDataDir } from '../../electron/cli/data-dir';
import { splitList } from '../../electron/cli/args';
import { displayWidth, formatTable } from '../../electron/cli/format';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vendor-risk-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in-process on this test's data folder, capturing what it prints. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['--data-dir', dir, ...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env,
  });
  return { code, stdout, stderr };
}

async function json<T = unknown>(args: string[], env?: NodeJS.ProcessEnv): Promise<T> {
  const run = await cli([...args, '--json'], env);
  expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as T;
}

/** Asserts a failed run: the exit code, exactly one `vendor-risk:` line on stderr, nothing on stdout. */
function expectError(run: Run, code: number, message: string | RegExp): void {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr.startsWith('vendor-risk: ')).toBe(true);
  if (typeof message === 'string') expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

const SUD = 'Lagerwerk Süd GmbH';
const addSud = (...extra: string[]) =>
  cli([
    'vendors',
    'add',
    '--name',
    SUD,
    '--category',
    '3pl',
    '--criticality',
    'high',
    '--data',
    'pii,operational-telemetry',
    ...extra,
  ]);

type Listed = { items: { id: string; name: string; category: string; tags: string[] }[]; total: number };
type VendorJson = {
  id: string;
  name: string;
  status: string;
  tags: string[];
  dataTouched: string[];
  category: string;
};
type Entry = { actor: string; action: string };

describe('vendor-risk vendors', () => {
  it('lists an empty portfolio', async () => {
    expect(await cli(['vendors', 'list'])).toEqual({ code: 0, stdout: '0 of 0 vendors\n', stderr: '' });
    expect(await json(['vendors', 'list'])).toEqual({ items: [], total: 0 });
  });

  it('adds a vendor and lists it as text and JSON', async () => {
    const added = await addSud('--owner', 'Dana Whitfield', '--tags', 'cold chain, EU');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added vendor Lagerwerk Süd GmbH \([0-9a-f-]{36}\)\n$/);

    const text = await cli(['vendors', 'list']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^NAME\s+CATEGORY\s+CRITICALITY\s+STATUS\s+OWNER\s+TIER\s+SCORE\s+DONE\s+FLAGS\s+DECISION$/,
    );
    expect(lines[1]).toMatch(
      /^Lagerwerk Süd GmbH\s+3PL\s+High\s+Prospect\s+Dana Whitfield\s+unassessed\s+—\s+0%\s+0\s+—$/,
    );
    expect(lines[1]?.indexOf('3PL')).toBe(lines[0]?.indexOf('CATEGORY'));
    expect(lines.at(-1)).toBe('1 of 1 vendors');

    const listed = await json<Listed>(['vendors', 'list']);
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ name: SUD, category: '3pl', tags: ['cold chain', 'EU'] });
  });

  it('filters with repeated and comma-separated flags, and sorts', async () => {
    await addSud();
    await cli(['vendors', 'add', '--name', 'Palletline', '--category', 'wms-saas', '--criticality', 'low']);
    await cli([
      'vendors',
      'add',
      '--name',
      'Robo',
      '--category',
      'robotics-iot',
      '--criticality',
      'critical',
    ]);
    const both = await json<Listed>([
      'vendors',
      'list',
      '--category',
      '3pl,wms-saas',
      '--sort',
      'criticality',
      '--desc',
    ]);
    expect(both.items.map((v) => v.name)).toEqual([SUD, 'Palletline']);
    expect(both.total).toBe(3);
    const repeated = await json<Listed>([
      'vendors',
      'list',
      '--criticality',
      'low',
      '--criticality',
      'critical',
    ]);
    expect(repeated.items.map((v) => v.name)).toEqual(['Palletline', 'Robo']);
    expectError(
      await cli(['vendors', 'list', '--status', 'gone']),
      2,
      'invalid input: status: Status must be one of',
    );
  });

  it('shows a vendor by exact name (any case) and by id', async () => {
    await addSud();
    const byName = await json<VendorJson>(['vendors', 'show', 'LAGERWERK SÜD GMBH']);
    expect(byName).toMatchObject({ name: SUD, dataTouched: ['pii', 'operational-telemetry'] });
    expect(await json(['vendors', 'show', byName.id])).toEqual(byName);

    const text = await cli(['vendors', 'show', SUD]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Name:         ${SUD}\n`);
    expect(text.stdout).toContain('Category:     3PL\n');
    expect(text.stdout).toContain('Data touched: Personal data (PII), Operational telemetry\n');
    expectError(await cli(['vendors', 'show', 'Lagerwerk']), 2, 'no vendor with id or name "Lagerwerk"');
  });

  it('updates the given fields only; --tags "" clears tags', async () => {
    await addSud('--tags', 'a,b');
    const run = await cli(['vendors', 'update', SUD, '--status', 'active', '--tags', '']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Updated vendor Lagerwerk Süd GmbH \(.+\): status, tags\n$/);
    expect(await json(['vendors', 'show', SUD])).toMatchObject({
      status: 'active',
      tags: [],
      category: '3pl',
    });
    expectError(await cli(['vendors', 'update', SUD]), 1, 'nothing to change');
    expectError(
      await cli(['vendors', 'update', SUD, '--data', 'pii,none']),
      2,
      'invalid input: data: "None" cannot',
    );
  });

  it('refuses to remove without --yes, and removes with it', async () => {
    await addSud();
    expectError(await cli(['vendors', 'remove', SUD]), 1, 'refusing to delete without --yes');
    expect((await json<Listed>(['vendors', 'list'])).total).toBe(1);
    const removed = await cli(['vendors', 'remove', SUD, '--yes']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/^Removed vendor Lagerwerk Süd GmbH/);
    expect(await json(['vendors', 'list'])).toEqual({ items: [], total: 0 });
  });

  it('rejects an invalid category with exit 2, one stderr line, and no change', async () => {
    await addSud();
    const before = await cli(['vendors', 'list', '--json']);
    for (const extra of [[], ['--json']]) {
      const run = await cli(['vendors', 'add', '--name', 'Nope Ltd', '--category', 'spaceships', ...extra]);
      expectError(run, 2, /^vendor-risk: invalid input: category: Category must be one of: wms-saas, 3pl, /);
    }
    expect(await cli(['vendors', 'list', '--json'])).toEqual(before);
  });

  it('reports a duplicate name as a failure', async () => {
    await addSud();
    expectError(await addSud(), 2, `A vendor named "${SUD}" already exists`);
  });

  it('treats unknown commands, flags and missing values as usage errors (exit 1)', async () => {
    expectError(await cli(['vendors', 'frobnicate']), 1, "unknown command 'vendors frobnicate'");
    expectError(await cli(['launch']), 1, "unknown command 'launch'");
    expectError(await cli([]), 1, 'missing command');
    expectError(await cli(['vendors']), 1, "missing command after 'vendors'");
    // Each word named once, at any depth.
    expectError(await cli(['settings']), 1, /missing command after 'settings': one of show, set \(/);
    expectError(
      await cli(['settings', 'set']),
      1,
      "missing command after 'settings set': one of company, roadmap-owner, target",
    );
    expectError(
      await cli(['settings', 'set', 'bogus', 'x']),
      1,
      "unknown command 'settings set bogus': after 'settings set' comes one of company, roadmap-owner, target",
    );
    expectError(await cli(['vendors', 'list', '--colour']), 1, "unknown option '--colour'");
    expectError(await cli(['vendors', 'list', '--yes']), 1, "unknown option '--yes'");
    expectError(await cli(['vendors', 'show']), 1, 'missing VENDOR');
    expectError(await cli(['vendors', 'show', 'a', 'b']), 1, "unexpected argument 'b'");
    expectError(await cli(['vendors', 'add', '--category']), 1, "option '--category' needs a value");
    // A flag the command cannot do without is a usage error too, not invalid input.
    expectError(await cli(['vendors', 'add', '--category', '3pl']), 1, 'missing --name NAME');
    expectError(await cli(['vendors', 'add', '--name', 'X']), 1, 'missing --category CATEGORY');
    expectError(await cli(['vendors', 'add', '--name', 'A', '--name', 'B']), 1, 'given more than once');
    expectError(await cli(['vendors', 'list', '--json=yes']), 1, "option '--json' does not take a value");
  });

  it('reports a vendor that does not exist with exit 2', async () => {
    expectError(
      await cli(['vendors', 'show', 'Nobody']),
      2,
      'vendor-risk: no vendor with id or name "Nobody"\n',
    );
    const id = '0b7c52d4-5f0e-4c53-9a51-2f1f3c1d9e77';
    expectError(await cli(['vendors', 'remove', id, '--yes']), 2, `no vendor with id or name "${id}"`);
    expectError(await cli(['vendors', 'history', 'Nobody', '--json']), 2, 'no vendor with id or name');
  });

  it('validates --limit through the contract', async () => {
    await addSud();
    expectError(await cli(['vendors', 'history', SUD, '--limit', 'ten']), 2, 'invalid input: limit:');
    expectError(await cli(['vendors', 'history', SUD, '--limit=0']), 2, 'invalid input: limit:');
    expect(await json<Entry[]>(['vendors', 'history', SUD, '--limit', '1'])).toHaveLength(1);
  });
});

describe('vendor-risk audit trail', () => {
  it('records --user, then VENDOR_RISK_USER, on create and update', async () => {
    await addSud('--user', 'alice');
    await cli(['vendors', 'update', SUD, '--owner', 'Ops'], { VENDOR_RISK_USER: 'bob' });
    const entries = await json<Entry[]>(['vendors', 'history', SUD]);
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['update', 'bob'],
      ['create', 'alice'],
    ]);
    const text = await cli(['vendors', 'history', SUD]);
    expect(text.stdout).toMatch(/\bbob\s+update\s+owner\n/);
    expect(text.stdout).toMatch(/\balice\s+create\b/);
  });

  it('falls back to the assessor name in the preferences file the app shares', async () => {
    writeFileSync(join(dir, 'preferences.json'), JSON.stringify({ assessorName: 'Carol Mensah' }));
    await addSud();
    const [entry] = await json<Entry[]>(['vendors', 'history', SUD]);
    expect(entry?.actor).toBe('Carol Mensah');
  });

  it('keeps the history of a removed vendor, readable by id', async () => {
    const { id } = JSON.parse((await addSud('--json')).stdout) as VendorJson;
    await cli(['vendors', 'remove', id, '--yes', '--user', 'dora']);
    const entries = await json<Entry[]>(['vendors', 'history', id]);
    expect(entries.map((e) => e.action)).toEqual(['delete', 'create']);
  });
});

describe('vendor-risk demo, help, version, data folder', () => {
  it('loads the sample warehouse once, shows it in settings, and removes exactly it', async () => {
    const load = await cli(['demo', 'load']);
    expect(load.code).toBe(0);
    expect(load.stdout).toMatch(
      /^Loaded the sample warehouse: 30 vendors, \d+ assessments .* \d+ devices, 2 earlier board reports\n$/,
    );
    const listed = await json<Listed>(['vendors', 'list']);
    expect(listed.total).toBe(30);
    expect(await json(['demo', 'load'])).toMatchObject({ added: 0, alreadyLoaded: true });
    expect(await json(['settings', 'show'])).toMatchObject({
      company: '',
      roadmapOwner: '',
      sample: { present: true },
    });
    expect((await cli(['settings', 'show'])).stdout).toMatch(/Roadmap owner:\s+Unassigned/);
    expect((await cli(['settings', 'set', 'roadmap-owner', 'Dana Whitfield'])).code).toBe(0);
    expect((await cli(['settings', 'show'])).stdout).toMatch(/Roadmap owner:\s+Dana Whitfield/);
    expect(await cli(['settings', 'set', 'company', 'Nordhafen Logistics GmbH'])).toEqual({
      code: 0,
      stdout: 'Company name set to Nordhafen Logistics GmbH\n',
      stderr: '',
    });
    expect((await cli(['settings', 'show'])).stdout).toMatch(/Company:\s+Nordhafen Logistics GmbH/);
    expect((await cli(['settings', 'set', 'company'])).code).toBe(1);
    expect((await cli(['settings', 'set', 'company', 'x'.repeat(201)])).code).toBe(2);
    const removed = await json<{ removed: boolean; counts: { vendors: number } }>(['demo', 'remove']);
    expect(removed).toMatchObject({ removed: true, counts: { vendors: 30 } });
    expect((await json<Listed>(['vendors', 'list'])).total).toBe(0);
    expect(await cli(['demo', 'remove'])).toEqual({
      code: 0,
      stdout: 'There is no sample data to remove\n',
      stderr: '',
    });
    // The company name is the user's, not the sample's: it stays.
    expect(await json(['settings', 'show'])).toMatchObject({
      company: 'Nordhafen Logistics GmbH',
      sample: { present: false },
    });
    expect((await cli(['audit', 'verify'])).code).toBe(0);
  });

  it('prints the version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints help to stdout with exit 0', async () => {
    for (const args of [
      ['--help'],
      ['-h'],
      ['help'],
      ['help', 'vendors', 'add'],
      ['vendors', 'add', '--help'],
      ['vendors', '--help'],
    ]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Usage: vendor-risk /);
    }
    expect((await cli(['help', 'vendors', 'update'])).stdout).toContain('--tags TAGS');
    expectError(await cli(['help', 'nope']), 1, "unknown command 'nope'");
    // A mistyped single-dash word that holds an "h" is not a request for help.
    expectError(await cli(['vendors', 'list', '--json', '-search', 'x']), 1, "unknown option '-s'");
    expectError(await cli(['vendors', 'remove', '-Dash', '--yes']), 1, "unknown option '-D'");
  });

  it('uses VENDOR_RISK_DATA_DIR when --data-dir is not given', async () => {
    let stdout = '';
    const io = {
      stdout: (s: string) => void (stdout += s),
      stderr: () => {},
      env: { VENDOR_RISK_DATA_DIR: dir },
    };
    expect(await main(['info', '--json'], io)).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ dataDir: dir, vendorCount: 0, version });
  });

  it('never passes a file’s control characters to the terminal in an error line', async () => {
    const file = join(dir, 'esc.json');
    writeFileSync(file, 'x\x1b[2J\x1b]0;PWNED\x07');
    const run = await cli(['questionnaires', 'validate', file]);
    expectError(run, 2, 'Not JSON');
    // No character below a space (nor DEL) but the line's own end.
    expect([...run.stderr.slice(0, -1)].filter((c) => c < ' ' || c === '\u007f')).toEqual([]);
  });

  it('refuses an audit range that is no range: a day the calendar lacks, an end before the start', async () => {
    expectError(await cli(['audit', 'list', '--from', '2026-13-01']), 2, 'from: No such day');
    expectError(await cli(['audit', 'list', '--from', '2026-02-30']), 2, 'from: No such day');
    expectError(
      await cli([
        'audit',
        'export',
        '--from',
        '2027-01-01',
        '--to',
        '2026-01-01',
        '--out',
        join(dir, 'a.csv'),
      ]),
      2,
      'to: The end date is before the start date',
    );
    expect((await cli(['audit', 'list', '--from', '2026-01-01', '--to', '2026-01-01'])).code).toBe(0);
  });

  it('refuses an empty --data-dir and a data folder that is a file, instead of another folder or a raw error', async () => {
    const run = async (args: string[]): Promise<Run> => {
      let stdout = '';
      let stderr = '';
      const code = await main(args, {
        stdout: (s) => void (stdout += s),
        stderr: (s) => void (stderr += s),
        env: {},
      });
      return { code, stdout, stderr };
    };
    expectError(await run(['--data-dir', '', 'info']), 1, '--data-dir needs a folder');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    expectError(
      await run(['--data-dir', file, 'info']),
      2,
      `The data folder ${file} is a file, not a folder`,
    );
  });

  it('names a refused value by the flag or argument typed, not by the request’s field', async () => {
    expectError(
      await cli(['audit', 'list', '--entity', 'bogus']),
      2,
      /^vendor-risk: invalid input: entity: /,
    );
    expectError(
      await cli(['audit', 'verify', '--head', 'garbage']),
      2,
      /^vendor-risk: invalid input: head: A head is its entry number/,
    );
    expectError(await cli(['backup', 'create', '--out', '']), 2, /^vendor-risk: invalid input: file: /);
  });

  it('tells a file too large from its size, before reading it', async () => {
    const file = join(dir, 'huge.json');
    writeFileSync(file, '');
    truncateSync(file, 6 * 1024 * 1024); // sparse: nothing to read, only a size
    expectError(
      await cli(['questionnaires', 'validate', file]),
      2,
      `questionnaire file ${file} is larger than 5 MB`,
    );
  });

  it('refuses a data folder written by a newer version', async () => {
    const db = new DatabaseSync(join(dir, 'vendor-risk.db'));
    db.exec('PRAGMA user_version = 999');
    db.close();
    expectError(await cli(['vendors', 'list', '--json']), 2, 'written by a newer version');
  });

  it('finds the same folder as Electron’s userData on each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.config/Vendor Risk Desk');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg/Vendor Risk Desk');
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe(
      '/Users/u/Library/Application Support/Vendor Risk Desk',
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\Vendor Risk Desk',
    );
  });
});

describe('cli helpers', () => {
  it('splits repeated and comma-separated values', () => {
    expect(splitList(['a, b', 'c', ''])).toEqual(['a', 'b', 'c']);
    expect(splitList([''])).toEqual([]);
  });

  it('aligns columns by display width', () => {
    expect(displayWidth('Süd')).toBe(3);
    expect(displayWidth('Su\u0308d')).toBe(3);
    expect(displayWidth('倉庫')).toBe(4);
    const lines = formatTable(
      ['A', 'B'],
      [
        ['倉庫', 'x'],
        ['Süd', 'y'],
      ],
    ).split('\n');
    expect(lines).toEqual(['A     B', '倉庫  x', 'Süd   y']);
  });

  it('lays out a table of 200,000 rows (a column too long to spread into Math.max)', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`device-${i}`, i % 2 ? 'Süd' : 'North']);
    const lines = formatTable(['ID', 'SITE'], rows).split('\n');
    expect(lines).toHaveLength(200_001);
    expect(lines[0]).toBe(`${'ID'.padEnd('device-199999'.length)}  SITE`);
    expect(lines[200_000]).toBe('device-199999  Süd');
  });
});
