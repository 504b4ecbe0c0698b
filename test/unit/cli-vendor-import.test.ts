import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers';

const FIXTURE = join(__dirname, '../fixtures/vendor-list.csv');

describe('vendor-risk vendors import', () => {
  it('imports a vendor list, saying what was added and which rows were refused (exit 0)', async () => {
    const dir = tempDir();
    const r = await runCli(dir, ['vendors', 'import', FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/header on row 3/);
    expect(r.stdout).toMatch(/Added: 4, updated: 0, unchanged: 0, errors: 1, duplicates: 1/);
    expect(r.stdout).toMatch(/No vendor name: row 6/);
    expect(r.stdout).toMatch(/Duplicate acme yard systems: rows 4 and 9/);
    expect(r.stdout).toMatch(/criticality Extreme \(1\)/);
    const list = await runCli(dir, ['vendors', 'list', '--json']);
    const names = (JSON.parse(list.stdout) as { items: { name: string }[] }).items.map((v) => v.name);
    expect(names.sort()).toEqual([
      'Acme Yard Systems',
      'Blue Robotics',
      'Northwind Freight',
      'Odd Values Ltd',
    ]);
    // The same file again changes nothing.
    const again = await runCli(dir, ['vendors', 'import', FIXTURE, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).applied).toEqual({ added: 0, updated: 0, unchanged: 4, errors: 1 });
    // The trail holds every vendor the import wrote, and the import itself.
    const verify = await runCli(dir, ['audit', 'verify']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('--dry-run writes nothing; --json has the preview with its row errors', async () => {
    const dir = tempDir();
    const r = await runCli(dir, ['vendors', 'import', FIXTURE, '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      preview: { counts: Record<string, number>; errors: { row: number; reason: string }[]; rows: unknown[] };
      applied?: unknown;
    };
    expect(out.applied).toBeUndefined();
    expect(out.preview.counts).toMatchObject({ read: 6, added: 4, errors: 1, duplicates: 1, warned: 1 });
    expect(out.preview.errors).toEqual([
      { row: 6, column: 'Vendor Name', value: '', reason: 'No vendor name' },
    ]);
    expect(out.preview.rows).toHaveLength(4);
    const list = await runCli(dir, ['vendors', 'list', '--json']);
    expect((JSON.parse(list.stdout) as { items: unknown[] }).items).toHaveLength(0);
  });

  it('--mapping places columns and values the automatic mapping does not', async () => {
    const dir = tempDir();
    const file = join(dir, 'export.csv');
    writeFileSync(file, 'Ref,Label,Severity\n1,Gamma Ltd,Extreme\n2,Delta Inc,Low\n');
    const mapping = join(dir, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        columns: { Label: 'name', Severity: 'criticality' },
        values: { criticality: { Extreme: 'critical' } },
      }),
    );
    const r = await runCli(dir, ['vendors', 'import', file, '--mapping', mapping, '--json']);
    expect(r.code).toBe(0);
    const rows = (
      JSON.parse(r.stdout) as { preview: { rows: { vendor: { name: string; criticality: string } }[] } }
    ).preview.rows;
    expect(rows.map((x) => [x.vendor.name, x.vendor.criticality])).toEqual([
      ['Gamma Ltd', 'critical'],
      ['Delta Inc', 'low'],
    ]);
  });

  it('exits 2 with one line when nothing can be imported or the input is invalid, 1 on usage', async () => {
    const dir = tempDir();
    const noNames = join(dir, 'no-names.csv');
    writeFileSync(noNames, 'Ref,Severity\n1,High\n');
    const r = await runCli(dir, ['vendors', 'import', noNames]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/No column holds the vendor names/);

    const badMapping = join(dir, 'bad.json');
    writeFileSync(badMapping, JSON.stringify({ columns: { Ref: 'spaceship' } }));
    const bad = await runCli(dir, ['vendors', 'import', noNames, '--mapping', badMapping]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid mapping at columns\.Ref/);

    const missing = await runCli(dir, ['vendors', 'import', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);

    const usage = await runCli(dir, ['vendors', 'import']);
    expect(usage.code).toBe(1);
  });
});
