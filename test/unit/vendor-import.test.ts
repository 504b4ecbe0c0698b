import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { matchColumns } from '../../electron/domain/column-match';
import { readVendorRows, resolveVendorMapping } from '../../electron/domain/vendor-import';
import { VendorInputSchema } from '../../electron/domain/vendor';
import {
  placeByWords,
  VENDOR_HEADER_SYNONYMS,
  VENDOR_IMPORT_FIELDS,
} from '../../electron/domain/vendor-import-words';
import type { RequestOf } from '../../electron/ipc/contract';
import { openApp } from './helpers';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A vendor list as another tool exports it: a title row, its own spellings, extra columns. */
const SPREADSHEET = [
  'Supplier register — exported 2026-11-30',
  '',
  'Vendor Name,Services Provided,Risk Level,Business Owner,Status,Data Classification,Internal ID,Category',
  'Acme Yard Systems,Yard management,High,Dana W.,Active,PII; Payment data,A-1,WMS',
  'Northwind Freight,Line haul,Tier 1,Sam K.,Current,Order volumes,A-2,Carrier',
  ',Forgotten row,Low,,,,A-3,',
  '',
  'Blue Robotics,AMR fleet,3,Lee,Pilot,Telemetry,A-4,Robotics',
  'Odd Values Ltd,Things,Extreme,Lee,Maybe,Confidential,A-5,Spaceships',
  'acme yard systems,Duplicate,Low,Other,Active,,A-6,WMS',
].join('\r\n');

describe('vendor list: columns and values', () => {
  it.each([
    [
      ['Vendor Name', 'Business Owner', 'Risk Level'],
      { name: 'Vendor Name', owner: 'Business Owner', criticality: 'Risk Level' },
    ],
    [
      ['Supplier', 'Tier', 'Data Classification'],
      { name: 'Supplier', criticality: 'Tier', dataTouched: 'Data Classification' },
    ],
    [
      ['Company', 'Criticality', 'Services Provided', 'Status'],
      { name: 'Company', criticality: 'Criticality', services: 'Services Provided', status: 'Status' },
    ],
    [
      ['Third Party Name', 'Vendor Type', 'Relationship Owner', 'Comments', 'Tags'],
      {
        name: 'Third Party Name',
        category: 'Vendor Type',
        owner: 'Relationship Owner',
        notes: 'Comments',
        tags: 'Tags',
      },
    ],
  ])('reads %j by other systems’ spellings', (headers, expected) => {
    const columns = matchColumns(headers, VENDOR_IMPORT_FIELDS, VENDOR_HEADER_SYNONYMS);
    for (const [field, header] of Object.entries(expected)) expect(columns[header]).toBe(field);
  });

  it('gives a field its most specific column, and leaves extra columns unread', () => {
    const columns = matchColumns(
      ['Vendor', 'Vendor Name', 'Risk', 'Risk Level', 'Internal ID'],
      VENDOR_IMPORT_FIELDS,
      VENDOR_HEADER_SYNONYMS,
    );
    expect(columns).toEqual({
      Vendor: null,
      'Vendor Name': 'name',
      Risk: null,
      'Risk Level': 'criticality',
      'Internal ID': null,
    });
  });

  it.each([
    ['High', 'high'],
    ['H', 'high'],
    ['3', 'high'],
    ['Tier 1', 'critical'],
    ['tier 3', 'medium'],
    ['3 - High', 'high'],
    ['Very high', 'critical'],
    ['low risk', 'low'],
    ['Extreme', null],
  ])('places the criticality %s as %s', (value, expected) => {
    expect(placeByWords('criticality', value)).toBe(expected);
  });

  it('places statuses, categories and kinds of data by their words', () => {
    expect(placeByWords('status', 'yes')).toBe('active');
    expect(placeByWords('status', 'Inactive')).toBe('offboarded');
    expect(placeByWords('status', 'Under review')).toBe('prospect');
    expect(placeByWords('category', 'Carrier')).toBe('3pl');
    expect(placeByWords('category', 'Cloud / ML platform')).toBe('cloud-ml');
    expect(placeByWords('dataTouched', 'Payment data')).toBe('pii');
    expect(placeByWords('dataTouched', 'Confidential')).toBeNull();
  });

  it('reads rows: a missing name is an error, odd values warn and default, duplicates are named', () => {
    const headers = ['Name', 'Criticality', 'Data', 'Tags'];
    const mapping = resolveVendorMapping(headers, null);
    const rows = readVendorRows(headers, mapping, [
      { row: 2, values: ['Acme', 'H', 'PII; Payment data, contracts', 'yard; #wms; bad!tag'] },
      { row: 3, values: ['', 'High', '', ''] },
      { row: 4, values: ['Beta', 'Extreme', 'Confidential', ''] },
      { row: 5, values: ['ACME', 'Low', '', ''] },
    ]);
    expect(rows.vendors.map((v) => v.input.name)).toEqual(['Acme', 'Beta']);
    expect(rows.vendors[0]!.input).toMatchObject({
      criticality: 'high',
      dataTouched: ['pii', 'customer-contracts'],
      tags: ['yard', 'wms'],
      status: 'active',
      category: 'other',
    });
    expect(rows.errors).toEqual([{ row: 3, column: 'Name', value: '', reason: 'No vendor name' }]);
    expect(rows.vendors[1]!.input.criticality).toBe('medium');
    expect(rows.warnings.map((w) => [w.row, w.column, w.value])).toEqual([
      [2, 'Tags', 'bad!tag'],
      [4, 'Data', 'Confidential'],
      [4, 'Criticality', 'Extreme'],
    ]);
    expect(rows.duplicates).toEqual([{ name: 'ACME', rows: [2, 5] }]);
    expect(rows.values.find((v) => v.field === 'criticality' && v.value === 'Extreme')).toMatchObject({
      placed: null,
      count: 1,
    });
  });

  it('reads hostile and long values into valid vendors (every row holds to the vendor schema)', () => {
    const headers = ['Name', 'Criticality', 'Status', 'Tags', 'Services', 'Data'];
    const long = 'x'.repeat(300);
    const rows = readVendorRows(headers, resolveVendorMapping(headers, null), [
      {
        row: 2,
        values: [
          long,
          'constructor',
          '__proto__',
          Array.from({ length: 30 }, (_, i) => `t${i}`).join(';'),
          's'.repeat(3000),
          'none; PII',
        ],
      },
      { row: 3, values: ['  Spaced   name  ', 'toString', 'hasOwnProperty', '=cmd!x; ok', '', 'None'] },
    ]);
    expect(rows.vendors).toHaveLength(2);
    for (const v of rows.vendors) expect(VendorInputSchema.parse(v.input)).toEqual(v.input);
    expect(rows.vendors[0]!.input).toMatchObject({
      criticality: 'medium',
      status: 'active',
      dataTouched: ['pii'],
    });
    expect(rows.vendors[0]!.input.name).toHaveLength(200);
    expect(rows.vendors[0]!.input.tags).toHaveLength(20);
    expect(rows.vendors[1]!.input).toMatchObject({
      name: 'Spaced name',
      tags: ['ok'],
      dataTouched: ['none'],
    });
    expect(rows.warnings.map((w) => `${w.row} ${w.column}`)).toEqual(
      expect.arrayContaining(['2 Name', '2 Services', '2 Criticality', '2 Status', '2 Tags', '3 Tags']),
    );
  });

  it('takes the user’s columns and value placements over the automatic ones', () => {
    const headers = ['Supplier', 'Company'];
    expect(resolveVendorMapping(headers, null).columns).toEqual({ Supplier: 'name', Company: null });
    const chosen = resolveVendorMapping(headers, {
      columns: { Company: 'name' },
      values: { category: {}, criticality: { Extreme: 'critical' }, status: {}, dataTouched: {} },
    });
    expect(chosen.columns).toEqual({ Supplier: null, Company: 'name' });
    expect(() => resolveVendorMapping(headers, { columns: { Nope: 'name' }, values: chosen.values })).toThrow(
      /does not have: "Nope"/,
    );
  });
});

describe('vendor list import (service)', () => {
  const preview = async (app: ReturnType<typeof openApp>, request: RequestOf<'vendorImport.preview'>) =>
    ok(await app.dispatcher.call('vendorImport.preview', request));

  it('previews a spreadsheet with a title row, then writes it in one transaction with audit entries', async () => {
    const app = openApp();
    const p = await preview(app, { fileName: 'suppliers.csv', contentBase64: b64(SPREADSHEET) });
    expect(p.headerRow).toBe(3);
    expect(p.notes.join(' ')).toMatch(/above the header/);
    expect(p.counts).toMatchObject({ added: 4, updated: 0, unchanged: 0, errors: 1, duplicates: 1 });
    expect(p.errors).toEqual([{ row: 6, column: 'Vendor Name', value: '', reason: 'No vendor name' }]);
    expect(p.duplicates).toEqual([{ name: 'acme yard systems', rows: [4, 10] }]);
    expect(p.warnings.map((w) => `${w.row} ${w.column}`).sort()).toEqual([
      '9 Category',
      '9 Data Classification',
      '9 Risk Level',
      '9 Status',
    ]);
    const byName = Object.fromEntries(p.rows.map((r) => [r.vendor.name, r.vendor]));
    expect(byName['Northwind Freight']).toMatchObject({ criticality: 'critical', category: '3pl' });
    expect(byName['Blue Robotics']).toMatchObject({
      criticality: 'high',
      status: 'prospect',
      category: 'robotics-iot',
    });
    expect(byName['Acme Yard Systems']!.dataTouched).toEqual(['pii']);
    // Nothing is written by a preview.
    expect(app.services.storage.vendors.count()).toBe(0);

    const applied = ok(await app.dispatcher.call('vendorImport.apply', { token: p.token }));
    expect(applied).toEqual({ added: 4, updated: 0, unchanged: 0, errors: 1 });
    expect(app.services.storage.vendors.count()).toBe(4);
    const entries = ok(await app.dispatcher.call('audit.list', { entities: ['vendor'], limit: 500 })).items;
    expect(entries.filter((e) => e.entity === 'vendor' && e.action === 'create')).toHaveLength(4);
    expect(entries.find((e) => e.action === 'import')?.after).toMatchObject({
      fileName: 'suppliers.csv',
      added: 4,
      errors: 1,
    });
    // The preview is used up.
    expect((await app.dispatcher.call('vendorImport.apply', { token: p.token })).ok).toBe(false);
  });

  it('re-imports: changed fields update, the rest is unchanged, empty cells change nothing', async () => {
    const app = openApp();
    const first = await preview(app, {
      fileName: 'v.csv',
      contentBase64: b64('Name,Criticality,Owner\nAcme,High,Dana\nBeta,Low,Lee\n'),
    });
    ok(await app.dispatcher.call('vendorImport.apply', { token: first.token }));
    const again = await preview(app, {
      fileName: 'v.csv',
      contentBase64: b64('Name,Criticality,Owner\nACME,Critical,\nBeta,Low,Lee\nGamma,Medium,Kim\n'),
    });
    expect(again.counts).toMatchObject({ added: 1, updated: 1, unchanged: 1 });
    expect(again.rows.find((r) => r.action === 'update')).toMatchObject({
      changes: ['criticality'],
      vendor: { name: 'Acme', owner: 'Dana', criticality: 'critical' },
    });
    ok(await app.dispatcher.call('vendorImport.apply', { token: again.token }));
    const acme = app.services.storage.vendors.findByName('acme')!;
    expect(acme).toMatchObject({ name: 'Acme', criticality: 'critical', owner: 'Dana' });
    const updates = app.services.storage.audit.listFor('vendor', acme.id, 10);
    expect(updates.map((e) => e.action)).toEqual(['update', 'create']);
  });

  it('writes nothing when a row fails at apply (one transaction)', async () => {
    const app = openApp();
    const p = await preview(app, { fileName: 'v.csv', contentBase64: b64('Name\nAcme\nBeta\n') });
    // Someone adds Beta between the preview and the confirmation.
    ok(
      await app.dispatcher.call('vendors.create', {
        name: 'Beta',
        category: 'other',
      }),
    );
    const r = await app.dispatcher.call('vendorImport.apply', { token: p.token });
    expect(r.ok).toBe(false);
    // Said as what happened: the vendors changed since the preview, and what to do.
    expect(!r.ok && r.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        /^The vendors changed since this preview \(row 3, "Beta": A vendor named "Beta" already exists.*\); nothing was imported — preview the file again$/,
      ),
    });
    expect(app.services.storage.vendors.findByName('Acme')).toBeUndefined();
  });

  it('reads an .xlsx workbook with a title row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Vendors');
    ws.addRow(['Vendor register']);
    ws.addRow(['Supplier', 'Tier', 'Business Owner', 'Tags']);
    ws.addRow(['Zeta Pay', 'Tier 2', 'Finance', 'payments; eu']);
    ws.addRow([null, 'Tier 1', 'Nobody', null]);
    ws.addRow(['Yotta Cloud', 4, 'IT', null]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const app = openApp();
    const p = await preview(app, { fileName: 'vendors.xlsx', contentBase64: bytes.toString('base64') });
    expect(p.format).toBe('xlsx');
    expect(p.sheet).toBe('Vendors');
    expect(p.headerRow).toBe(2);
    expect(p.rows.map((r) => [r.vendor.name, r.vendor.criticality, r.vendor.tags])).toEqual([
      ['Zeta Pay', 'high', ['payments', 'eu']],
      ['Yotta Cloud', 'critical', []],
    ]);
    expect(p.errors.map((e) => e.row)).toEqual([4]);
  });

  it('refuses files it cannot read, with the reason', async () => {
    const app = openApp();
    const refused = async (request: RequestOf<'vendorImport.preview'>) => {
      const r = await app.dispatcher.call('vendorImport.preview', request);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error.message;
    };
    expect(await refused({ fileName: 'v.csv', contentBase64: b64('Vendor Name,Tier\n') })).toMatch(
      /no vendors/,
    );
    expect(
      await refused({
        fileName: 'v.xls',
        contentBase64: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0]).toString('base64'),
      }),
    ).toMatch(/\.xls/);
    const wide = `${Array.from({ length: 2000 }, (_, i) => `c${i}`).join(',')}\n`;
    expect(await refused({ fileName: 'v.csv', contentBase64: b64(wide) })).toMatch(/columns/);
    const many = `Name\n${Array.from({ length: 50_001 }, (_, i) => `V${i}`).join('\n')}\n`;
    expect(await refused({ fileName: 'v.csv', contentBase64: b64(many) })).toMatch(/more than 50,000 rows/);
  });
});
