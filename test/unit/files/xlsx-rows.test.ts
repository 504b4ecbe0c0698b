import { beforeAll, describe, it, expect } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { storedZip } from '../../../electron/files/safe-zip';
import {
  listSheets,
  xlsxRows,
  XlsxCancelled,
  XlsxUnreadable,
  type XlsxRow,
} from '../../../electron/files/xlsx-rows';

async function readAll(bytes: Uint8Array, sheet: string | null = null, cancelled = () => false) {
  const batches: XlsxRow[][] = [];
  for await (const batch of xlsxRows(bytes, sheet, cancelled)) batches.push(batch);
  return batches;
}
const rowsOf = async (bytes: Uint8Array, sheet: string | null = null) => (await readAll(bytes, sheet)).flat();
const failure = async (bytes: Uint8Array, sheet: string | null = null) =>
  readAll(bytes, sheet).then(
    () => null,
    (e: unknown) => e as Error,
  );

/** A workbook from parts given as text, stored (how it is zipped does not matter here). */
async function handMade(parts: Record<string, string>): Promise<Buffer> {
  return buffer(
    storedZip(
      Object.entries(parts).map(([name, text]) => {
        const data = Buffer.from(text, 'utf8');
        return { name, size: data.length, crc32: zlib.crc32(data), data: () => Readable.from([data]) };
      }),
    ),
  );
}
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** A one-sheet workbook whose sheet part is `xl/worksheets/data.xml` (a name ExcelJS would not see), with this sheetData. */
const oneSheet = (sheetData: string, after = '', extra: Record<string, string> = {}) =>
  handMade({
    'xl/worksheets/data.xml': `<worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData>${after}</worksheet>`,
    'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr date1904="1"/><sheets><sheet name="Inventory &amp; spares" sheetId="7" r:id="rId9"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="${REL}/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<styleSheet xmlns="${MAIN}"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ...extra,
  });

/** The workbook's bytes with the CRC-32 its directory declares for `name` changed. */
function wrongCrc(bytes: Buffer, name: string): Buffer {
  const out = Buffer.from(bytes);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = out.readUInt32LE(end + 16);
  for (let n = out.readUInt16LE(end + 10); n > 0; n--) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === name)
      out.writeUInt32LE((out.readUInt32LE(at + 16) + 1) >>> 0, at + 16);
    at += 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

describe('xlsx rows', () => {
  let inventory: Buffer;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Lists', { state: 'hidden' }).addRow(['active', 'spare']);
    const ws = wb.addWorksheet('Devices');
    ws.addRow(['Device inventory, warehouse 3']);
    ws.addRow([
      'ID',
      'Installed',
      'Count',
      'Active',
      'Model',
      'Double',
      'Manual',
      'Note',
      'Seen',
      'Next check',
    ]);
    ws.addRow([
      'D-1',
      new Date(Date.UTC(2024, 0, 2)),
      42,
      true,
      { richText: [{ text: 'Warehouse ' }, { font: { bold: true }, text: 'robot' }] },
      null, // the shared formula below
      { text: 'Manual', hyperlink: 'https://example.com/manual' },
      null, // empty in the middle
      'yes',
      { formula: 'B3+1', result: 45294 },
    ]);
    ws.addRow(['D-2', new Date(Date.UTC(2024, 0, 2, 13, 45, 30)), 3.5, false, 'plain', null]);
    ws.fillFormula('F3:F4', 'C3*2', [84, 7]);
    ws.getCell('J3').numFmt = 'yyyy-mm-dd';
    // Row 5 stays empty: it is left out, the rows after it keep their numbers.
    ws.getCell('A6').value = 'D-3';
    ws.getCell('C6').value = { error: '#N/A' };
    ws.getCell('E6').value = { formula: 'A6&"x"', result: 'D-3x' };
    ws.getCell('F6').value = { formula: 'NOW()' } as ExcelJS.CellFormulaValue;
    ws.getCell('I6').value = 0.1;
    // A firmware typed as 4.10 into a cell formatted "0.00", and a count formatted "0".
    ws.getCell('G6').value = 4.1;
    ws.getCell('G6').numFmt = '0.00';
    ws.getCell('H6').value = 12;
    ws.getCell('H6').numFmt = '0';
    const spares = wb.addWorksheet('Spare parts');
    spares.addRow(['Part', 'Qty']);
    spares.addRow(['Fan', 4]);
    inventory = Buffer.from(await wb.xlsx.writeBuffer());
  });

  it('reads a sheet row by row: numbered as Excel shows them, every kind of cell as text', async () => {
    expect(await readAll(inventory)).toEqual([
      [
        { row: 1, values: ['Device inventory, warehouse 3'] },
        {
          row: 2,
          values: [
            'ID',
            'Installed',
            'Count',
            'Active',
            'Model',
            'Double',
            'Manual',
            'Note',
            'Seen',
            'Next check',
          ],
        },
        {
          row: 3,
          values: [
            'D-1',
            '2024-01-02',
            '42',
            'true',
            'Warehouse robot',
            '84',
            'Manual',
            '',
            'yes',
            '2024-01-03',
          ],
        },
        { row: 4, values: ['D-2', '2024-01-02T13:45:30Z', '3.5', 'false', 'plain', '7'] },
        { row: 6, values: ['D-3', '', '', '', 'D-3x', '', '4.10', '12', '0.1'] },
      ],
    ]);
  });

  it('lists the worksheets in order, hidden ones named as such, and reads the one asked for', async () => {
    expect(await listSheets(inventory)).toEqual({
      ok: true,
      sheets: ['Lists', 'Devices', 'Spare parts'],
      hidden: ['Lists'],
    });
    const spares = [
      { row: 1, values: ['Part', 'Qty'] },
      { row: 2, values: ['Fan', '4'] },
    ];
    expect(await rowsOf(inventory, 'Spare parts')).toEqual(spares);
    expect(await rowsOf(inventory, 'spare PARTS')).toEqual(spares);
    expect(await rowsOf(inventory, 'Lists')).toEqual([{ row: 1, values: ['active', 'spare'] }]);
  });

  it.each([
    [
      'an unknown sheet',
      () => failure(inventory, 'Nope'),
      /^The workbook has no sheet "Nope" \(it has: Lists, Devices, Spare parts\)$/,
    ],
    [
      'not a zip',
      () => failure(Buffer.from('ID,Serial\n1,2\n')),
      /not a readable \.xlsx workbook \(not a zip archive\)/,
    ],
    [
      'a zip that is no workbook',
      async () => failure(await handMade({ 'a.txt': 'hello' })),
      /not an \.xlsx workbook \(it has no xl\/workbook\.xml\)/,
    ],
    [
      "a sheet's wrong checksum, found at its end",
      () => failure(wrongCrc(inventory, 'xl/worksheets/sheet2.xml'), 'Devices'),
      /zip directory does not match its contents \(part xl\/worksheets\/sheet2\.xml has another checksum/,
    ],
    [
      'a wrong checksum of the shared strings',
      () => failure(wrongCrc(inventory, 'xl/sharedStrings.xml'), 'Devices'),
      /part xl\/sharedStrings\.xml has another checksum/,
    ],
    [
      'a cell far longer than Excel allows',
      async () =>
        failure(
          await oneSheet(
            `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(5 * 1024 * 1024)}</t></is></c></row>`,
          ),
        ),
      /^Sheet "Inventory & spares" cannot be read: it holds a value far longer than Excel allows$/,
    ],
    [
      'a row of more cells than Excel has',
      async () => failure(await oneSheet(`<row r="1">${'<c r="A1"/>'.repeat(200_001)}</row>`)),
      /^Sheet "Inventory & spares" cannot be read: a row holds far more cells than Excel allows$/,
    ],
    [
      'a cell beyond column XFD',
      async () => failure(await oneSheet('<row r="1"><c r="XFE1"><v>1</v></c></row>')),
      /^Sheet "Inventory & spares" cannot be read \(Out of bounds\. Invalid column letter: XFE\)$/,
    ],
    [
      'XML that is not XML',
      async () => failure(await oneSheet('<row r="1"><c r="A1"><v>1</c></row>')),
      /^Sheet "Inventory & spares" cannot be read \(/,
    ],
  ])('refuses %s with a sentence', async (_label, run, message) => {
    const error = await run();
    expect(error).toBeInstanceOf(XlsxUnreadable);
    expect(error!.message).toMatch(message);
  });

  it('a comment that never closes in the workbook index is read in one pass, not in time squared', async () => {
    const bomb = await handMade({
      'xl/workbook.xml': `<workbook xmlns="${MAIN}"><sheets>${'<!--'.repeat(400_000)}</sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`,
    });
    const t = performance.now();
    const listed = await listSheets(bomb);
    const ms = performance.now() - t;
    console.log(`unclosed comments (1.6 MB): answered in ${ms.toFixed(0)} ms`);
    expect(listed).toMatchObject({ ok: true, sheets: [] });
    // Quadratic, this took 5.5 s; generous for a busy machine.
    expect(ms).toBeLessThan(2000);
  });

  it('refuses a row longer than 4 MB with its place, before ExcelJS holds it', async () => {
    const cell = (col: string) => `<c r="${col}1" t="inlineStr"><is><t>${'x'.repeat(30_000)}</t></is></c>`;
    const cols = Array.from({ length: 150 }, (_, i) => `A${String.fromCharCode(65 + (i % 26))}${i}`);
    const wide = await oneSheet(`<row r="1">${cols.map(cell).join('')}</row>`);
    const error = await failure(wide);
    expect(error?.message).toMatch(/its row 1 \(counting the rows that have values\) is longer than 4 MB/);
  });

  it('listSheets answers a refusal as a message', async () => {
    expect(await listSheets(Buffer.from('not a zip'))).toEqual({
      ok: false,
      message: 'This is not a readable .xlsx workbook (not a zip archive)',
    });
  });

  it('reads inline strings without a shared-strings part, a sheet part of another name, and 1904 dates', async () => {
    const made = await oneSheet(
      '<row r="2"><c r="A2" t="inlineStr"><is><t>Gate &amp; dock</t></is></c><c r="B2" s="1"><v>0</v></c><c r="C2" t="str"><v>plain</v></c><c r="D2" t="b"><v>1</v></c></row>',
      // Tags after the rows do not count as cells of the last one.
      `<hyperlinks>${'<hyperlink ref="A2" location="x"/>'.repeat(210_000)}</hyperlinks>`,
    );
    expect(await listSheets(made)).toEqual({ ok: true, sheets: ['Inventory & spares'], hidden: [] });
    expect(await rowsOf(made)).toEqual([{ row: 2, values: ['Gate & dock', '1904-01-01', 'plain', 'true'] }]);

    // ExcelJS's own streaming writer: no shared strings at all.
    const out = new PassThrough();
    const written = buffer(out);
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useSharedStrings: false,
      useStyles: true,
    });
    const ws = writer.addWorksheet('Inline');
    ws.addRow(['Serial', 'Installed']).commit();
    ws.addRow(['SN-1', new Date(Date.UTC(2023, 5, 30))]).commit();
    await writer.commit();
    const inline = await written;
    const names = (await import('../../../electron/files/safe-zip')).openZip(inline, {
      maxEntries: 100,
      maxTotalBytes: 1e8,
    });
    expect(names.ok && names.entries.map((e) => e.name)).not.toContain('xl/sharedStrings.xml');
    expect(await rowsOf(inline)).toEqual([
      { row: 1, values: ['Serial', 'Installed'] },
      { row: 2, values: ['SN-1', '2023-06-30'] },
    ]);
  });

  describe('a 5,000-row sheet of 12 columns', () => {
    let big: Buffer;
    beforeAll(async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Devices');
      ws.addRow(Array.from({ length: 12 }, (_, i) => `Column ${i + 1}`));
      for (let n = 1; n <= 5000; n++)
        ws.addRow([
          `D-${n}`,
          `SN${100000 + n}`,
          n % 7,
          n % 2 === 0,
          new Date(Date.UTC(2020, 0, 1 + (n % 365))),
          `Maker ${n % 13}`,
          `Model ${n % 17}`,
          `Aisle ${n % 40}`,
          n * 1.5,
          `10.0.${n % 256}.${n % 200}`,
          n % 3 === 0 ? 'active' : 'spare',
          `Note for device ${n}`,
        ]);
      big = Buffer.from(await wb.xlsx.writeBuffer());
    });

    it('comes in batches of at most 2,000 rows, in order', async () => {
      const started = performance.now();
      const batches = await readAll(big);
      const ms = performance.now() - started;
      console.log(
        `5,000 rows x 12 columns (${(big.length / 1024).toFixed(0)} KB .xlsx) read in ${ms.toFixed(0)} ms`,
      );
      expect(batches.map((b) => b.length)).toEqual([2000, 2000, 1001]);
      const rows = batches.flat();
      expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 5001 }, (_, i) => i + 1));
      expect(rows[5000]).toEqual({
        row: 5001,
        values: [
          'D-5000',
          'SN105000',
          String(5000 % 7),
          'true',
          new Date(Date.UTC(2020, 0, 1 + (5000 % 365))).toISOString().slice(0, 10),
          'Maker 8',
          'Model 2',
          'Aisle 0',
          '7500',
          '10.0.136.0',
          'spare',
          'Note for device 5000',
        ],
      });
    });

    it('stops between batches when cancelled', async () => {
      let batches = 0;
      const read = async () => {
        for await (const _ of xlsxRows(big, null, () => batches >= 1)) batches += 1;
      };
      await expect(read()).rejects.toBeInstanceOf(XlsxCancelled);
      expect(batches).toBe(1);
    });
  });
});
