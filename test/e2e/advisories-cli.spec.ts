/**
 * `vendor-risk advisories import/list` as a user runs them: the built binary on the field
 * advisories, the KEV catalog, a zip and refused files; real processes and exit codes.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipOf } from '../fixtures/handmade-zip';
import { bytesOf, csafDoc } from '../fixtures/advisories/minimal-csaf';

const BIN = resolve(__dirname, '../../bin/vendor-risk.cjs');
const FIELD = '/work/shared/field-data';

function run(dir: string, args: string[]) {
  return spawnSync(process.execPath, [BIN, '--data-dir', join(dir, 'data'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, VENDOR_RISK_USER: 'CLI Test' },
  });
}

test.describe('vendor-risk advisories', () => {
  let dir = '';
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vendor-risk-advisories-'));
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('imports a folder of advisories and the catalog, then lists them', () => {
    const first = run(dir, [
      'advisories',
      'import',
      join(FIELD, 'csaf'),
      join(FIELD, 'kev/known_exploited_vulnerabilities.csv'),
    ]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('21 advisories added');
    expect(first.stdout).toContain('KEV catalog 2025.08.25 of 2025-08-25: 1404 entries.');

    const list = run(dir, ['advisories', 'list', '--json']);
    expect(list.status).toBe(0);
    const items = JSON.parse(list.stdout) as { trackingId: string; cves: string[] }[];
    expect(items).toHaveLength(21);
    expect(items.find((a) => a.trackingId === 'ICSA-24-116-03')?.cves).toEqual(['CVE-2024-3400']);

    const kev = run(dir, ['advisories', 'list', '--kev', '--json']);
    expect((JSON.parse(kev.stdout) as { catalog: { entries: number } }).catalog.entries).toBe(1404);

    const again = run(dir, ['advisories', 'import', join(FIELD, 'csaf/icsa-24-116-03.json'), '--json']);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      advisories: [{ trackingId: 'ICSA-24-116-03', outcome: 'kept', previous: '1' }],
    });

    // An excerpt of the catalog (its first rows) after the whole one: skipped, and the one
    // error line says why; nothing on stdout, with --json too.
    const csv = readFileSync(join(FIELD, 'kev/known_exploited_vulnerabilities.csv'), 'utf8').split('\n');
    const excerpt = join(dir, 'kev-excerpt.csv');
    writeFileSync(excerpt, csv.slice(0, 11).join('\n'));
    const older = run(dir, ['advisories', 'import', excerpt, '--json']);
    expect(older.status).toBe(2);
    expect(older.stdout).toBe('');
    expect(older.stderr).toMatch(/^vendor-risk: .*kev-excerpt\.csv: .*\n$/);
    expect(older.stderr).not.toContain('no CSAF advisory or KEV catalog');
  });

  test('a zip with a malformed advisory imports the others and names the refused one', () => {
    const zip = join(dir, 'advisories.zip');
    const broken = bytesOf(csafDoc({ id: 'ACME-9' })).subarray(0, 300);
    writeFileSync(
      zip,
      zipOf([
        { name: 'acme-1.json', data: Buffer.from(bytesOf(csafDoc({ id: 'ACME-1' }))) },
        { name: 'acme-9.json', data: Buffer.from(broken) },
        { name: 'notes.json', data: Buffer.from('{"hello":"world"}') },
      ]),
    );
    const r = run(dir, ['advisories', 'import', zip]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 advisories added');
    expect(r.stdout).toContain(
      `1 file(s) refused (the others were imported):\n  ${zip}!/acme-9.json: the JSON is not valid or not complete`,
    );
    expect(r.stdout).toContain(`${zip}!/notes.json: not a CSAF advisory or a KEV catalog`);
  });

  test('a single malformed file exits 2 with its path and first problem, and writes nothing', () => {
    const doc = csafDoc();
    doc.product_tree = { branches: [{ category: 'vendor', name: 'Acme', branches: 'none' }] };
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, bytesOf(doc));
    const r = run(dir, ['advisories', 'import', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`vendor-risk: ${bad}: product_tree.branches[0].branches: not a list`);
    expect(JSON.parse(run(dir, ['advisories', 'list', '--json']).stdout)).toEqual([]);

    const folder = join(dir, 'only-foreign');
    mkdirSync(folder);
    copyFileSync(join(FIELD, 'sbom/cdx-vex-example.vex.json'), join(folder, 'cdx.json'));
    const none = run(dir, ['advisories', 'import', folder]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(
      /^vendor-risk: nothing imported: 1 file\(s\) skipped, first .*cdx\.json: not a CSAF advisory or a KEV catalog\n$/,
    );
    expect(run(dir, ['advisories', 'import']).status).toBe(1);
  });
});
