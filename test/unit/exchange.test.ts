import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { openApp, vendorInput } from './helpers';
import { NO_JOB } from '../../electron/services/context';
import { olderPackageNote } from '../../electron/domain/exchange';
import { answersFor } from '../fixtures/generated-answers';
import type { Questionnaire } from '../../electron/domain/questionnaire';

async function setup() {
  const app = openApp();
  const vendor = app.services.vendors.create(vendorInput({ name: 'Exchange Robotics' }));
  const made = await app.services.exchange.export(vendor.id, ['quick-triage'], 'xlsx');
  const detail = app.services.assessments.get(made.assessmentId);
  return { app, vendor, made, q: detail.questionnaires[0]! };
}

/** Fills a workbook the way a vendor would: every answer cell of every question sheet. */
async function fill(bytes: Uint8Array, edit: (ws: ExcelJS.Worksheet, row: ExcelJS.Row, id: string) => void) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible' || ws.name === 'Instructions') continue;
    ws.eachRow((row, n) => {
      if (n > 1) edit(ws, row, String(row.getCell(1).value));
    });
  }
  return { wb, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

describe('questionnaire exchange', () => {
  it('round trip: the workbook, filled in, imports as exactly what was filled', async () => {
    const { app, vendor, made, q } = await setup();
    // The workbook as sent: hidden ids, protected sheets with only the answer cells open, drop-downs.
    const sent = new ExcelJS.Workbook();
    await sent.xlsx.load(Buffer.from(made.bytes) as unknown as ArrayBuffer);
    expect(sent.getWorksheet('Package')!.state).toBe('veryHidden');
    const first = sent.worksheets.find((w) => w.name.startsWith('1.'))!;
    expect(first.getColumn(1).hidden).toBe(true);
    expect((first as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    expect(first.getRow(2).getCell(4).protection).toMatchObject({ locked: false });
    expect(first.getRow(2).getCell(2).protection?.locked).not.toBe(false);
    expect(first.getRow(2).getCell(4).dataValidation).toMatchObject({ type: 'list' });
    const expected = new Map(
      answersFor(q as Questionnaire, 3).map((a) => [`${a.questionnaireId}/${a.questionId}`, a]),
    );
    const wbQuestions = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x]));
    const { answerToCell } = await import('../../electron/domain/exchange');
    const filled = await fill(made.bytes, (_ws, row, id) => {
      const a = expected.get(id);
      if (!a) return;
      row.getCell(4).value = answerToCell(wbQuestions.get(id.split('/')[1]!)!, a.answer ?? null);
      row.getCell(5).value = `note for ${id}`;
    });
    const preview = await app.services.exchange.preview(vendor.id, 'back.xlsx', filled.bytes, NO_JOB);
    expect(preview.counts.invalid).toBe(0);
    expect(preview.problems).toEqual([]);
    expect(preview.counts.new).toBe(expected.size);
    const applied = app.services.exchange.apply(preview.token, 'all');
    expect(applied.accepted).toBe(expected.size);
    const answers = app.services.assessments.get(made.assessmentId).answers;
    for (const [key, a] of expected) {
      const stored = answers.find((x) => `${x.questionnaireId}/${x.questionId}` === key)!;
      expect(stored.answer, key).toEqual(a.answer);
      expect(stored.note).toBe(`note for ${key}`);
      expect(stored.source).toBe(`vendor-response:${preview.sha256.slice(0, 16)}`);
    }
    // The response's hash is in the audit trail.
    const audit = app.services.audit.list({
      entities: ['exchange'],
      actions: ['import'],
      limit: 5,
      offset: 0,
    });
    expect(JSON.stringify(audit.items[0]!.after)).toContain(preview.sha256);
  });

  it('round trip: a response file (as the HTML form saves it), reviewed and accepted per answer', async () => {
    const { app, vendor, q } = await setup();
    const made = await app.services.exchange.export(vendor.id, ['quick-triage'], 'html');
    const html = made.bytes.toString('utf8');
    const manifest = JSON.parse(
      html.match(/<script type="application\/json" id="vr-data">(.*?)<\/script>/s)![1]!,
    ).manifest;
    const answers = answersFor(q as Questionnaire, 1)
      .slice(0, 4)
      .map((a) => ({ ...a, answer: a.answer ?? null, note: 'n', evidence: '' }));
    const file = {
      format: 'vendor-risk-response/1',
      packageId: manifest.packageId,
      vendorId: vendor.id,
      checksum: manifest.checksum,
      answers,
    };
    const preview = await app.services.exchange.preview(
      vendor.id,
      'r.json',
      Buffer.from(JSON.stringify(file)),
      NO_JOB,
    );
    expect(preview.rows.map((r) => r.state)).toEqual(['new', 'new', 'new', 'new']);
    const chosen = [preview.rows[0]!.key, preview.rows[2]!.key];
    expect(app.services.exchange.apply(preview.token, chosen).accepted).toBe(2);
    const stored = app.services.assessments
      .get(made.assessmentId)
      .answers.map((a) => `${a.questionnaireId}/${a.questionId}`);
    expect(stored.sort()).toEqual([...chosen].sort());
  });

  it('refuses a response of another vendor, of another package, and to changed questions; nothing changes', async () => {
    const { app, vendor, made } = await setup();
    const other = app.services.vendors.create(vendorInput({ name: 'Someone Else' }));
    await expect(app.services.exchange.preview(other.id, 'back.xlsx', made.bytes, NO_JOB)).rejects.toThrow(
      /response of Exchange Robotics, not of this vendor/,
    );
    const forged = {
      format: 'vendor-risk-response/1',
      packageId: crypto.randomUUID(),
      vendorId: vendor.id,
      checksum: 'a'.repeat(64),
      answers: [],
    };
    await expect(
      app.services.exchange.preview(vendor.id, 'f.json', Buffer.from(JSON.stringify(forged)), NO_JOB),
    ).rejects.toThrow(/never sent/);
    const { wb } = await fill(made.bytes, () => undefined);
    const meta = wb.getWorksheet('Package')!;
    const manifest = JSON.parse(String(meta.getCell('A1').value));
    meta.getCell('A1').value = JSON.stringify({ ...manifest, checksum: 'b'.repeat(64) });
    await expect(
      app.services.exchange.preview(
        vendor.id,
        'changed.xlsx',
        Buffer.from(await wb.xlsx.writeBuffer()),
        NO_JOB,
      ),
    ).rejects.toThrow(/questions that have changed/);
    expect(app.services.assessments.get(made.assessmentId).answers).toEqual([]);
  });

  it('a response to a package sent before a newer one for the same assessment is said to be older', async () => {
    let clock = Date.parse('2026-11-02T09:00:00.000Z');
    const app = openApp({ now: () => new Date((clock += 60_000)) });
    const vendor = app.services.vendors.create(vendorInput({ name: 'Two Rounds Ltd' }));
    const first = await app.services.exchange.export(vendor.id, ['quick-triage'], 'xlsx');
    const second = await app.services.exchange.export(vendor.id, ['quick-triage'], 'xlsx');
    expect(second.assessmentId).toBe(first.assessmentId);
    const old = await app.services.exchange.preview(vendor.id, 'old.xlsx', first.bytes, NO_JOB);
    expect(old.newerPackage).toMatchObject({
      createdAt: expect.stringMatching(/^2026-11-02T09:/),
      format: 'xlsx',
    });
    expect(olderPackageNote(old.newerPackage)).toMatch(
      /^This answers an older package: another was sent for the same assessment on 2026-11-02\./,
    );
    const latest = await app.services.exchange.preview(vendor.id, 'new.xlsx', second.bytes, NO_JOB);
    expect(latest.newerPackage).toBeNull();
  });

  it('hostile workbooks: formulas, extra and renamed sheets, edited ids, huge cells give clear errors', async () => {
    const { app, vendor, made, q } = await setup();
    const formula = await fill(made.bytes, (_ws, row, id) => {
      if (id.endsWith('tri_mfa'))
        row.getCell(4).value = { formula: 'HYPERLINK("http://evil","Yes")' } as ExcelJS.CellFormulaValue;
    });
    const p1 = await app.services.exchange.preview(vendor.id, 'f.xlsx', formula.bytes, NO_JOB);
    expect(p1.problems.join('\n')).toMatch(/row \d+, Answer: a formula is not an answer/);

    const { wb } = await fill(made.bytes, () => undefined);
    wb.addWorksheet('Extra');
    await expect(
      app.services.exchange.preview(vendor.id, 'x.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), NO_JOB),
    ).rejects.toThrow(/"Extra" added or renamed/);

    const renamed = await fill(made.bytes, () => undefined);
    renamed.wb.worksheets.find((w) => w.name.startsWith('1.'))!.name = 'Renamed';
    await expect(
      app.services.exchange.preview(
        vendor.id,
        'r.xlsx',
        Buffer.from(await renamed.wb.xlsx.writeBuffer()),
        NO_JOB,
      ),
    ).rejects.toThrow(/"Renamed" added or renamed/);

    const ids = await fill(made.bytes, (_ws, row, id) => {
      if (id.endsWith('tri_mfa')) {
        row.getCell(1).value = 'quick-triage/no_such_question';
        row.getCell(4).value = 'Yes';
      }
    });
    const p2 = await app.services.exchange.preview(vendor.id, 'i.xlsx', ids.bytes, NO_JOB);
    expect(p2.problems.join('\n')).toMatch(/unknown question id "quick-triage\/no_such_question"/);

    const huge = await fill(made.bytes, (_ws, row, id) => {
      if (id.endsWith('tri_data_location')) row.getCell(5).value = 'x'.repeat(20_000);
    });
    const p3 = await app.services.exchange.preview(vendor.id, 'h.xlsx', huge.bytes, NO_JOB);
    expect(p3.problems.join('\n')).toMatch(/Notes: longer than 10000 characters/);

    const invalid = await fill(made.bytes, (_ws, row, id) => {
      if (id.endsWith('tri_mfa')) row.getCell(4).value = 'Maybe';
    });
    const p4 = await app.services.exchange.preview(vendor.id, 'v.xlsx', invalid.bytes, NO_JOB);
    expect(p4.rows.find((r) => r.questionId === 'tri_mfa')).toMatchObject({
      state: 'invalid',
      problem: expect.stringMatching(/Choose one of: Yes; Partly; No; Not applicable; Cannot answer/),
    });
    expect(() => app.services.exchange.apply(p4.token, ['quick-triage/tri_mfa'])).toThrow(
      /cannot be accepted/,
    );

    // Two hidden ids swapped (the sheet unprotected: its password is empty): the locked
    // question text beside each says which question it asks, so neither answer goes astray.
    const swapped = await fill(made.bytes, (_ws, row, id) => {
      if (id.endsWith('tri_mfa')) {
        row.getCell(1).value = 'quick-triage/tri_breach_hours';
        row.getCell(4).value = 'No';
      } else if (id.endsWith('tri_breach_hours')) {
        row.getCell(1).value = 'quick-triage/tri_mfa';
        row.getCell(4).value = 12;
      }
    });
    const p6 = await app.services.exchange.preview(vendor.id, 's.xlsx', swapped.bytes, NO_JOB);
    expect(p6.problems.filter((p) => p.includes('the hidden question id was changed'))).toHaveLength(2);
    expect(p6.rows.filter((r) => r.questionId === 'tri_mfa' || r.questionId === 'tri_breach_hours')).toEqual(
      [],
    );
    // Two answered of the questionnaire's: the rest are counted as unanswered.
    const two = await fill(made.bytes, (_ws, row, id) => {
      if (id.endsWith('tri_mfa')) row.getCell(4).value = 'Yes';
      if (id.endsWith('tri_breach_hours')) row.getCell(4).value = 12;
    });
    const p7 = await app.services.exchange.preview(vendor.id, 't.xlsx', two.bytes, NO_JOB);
    const answerable = q.sections.flatMap((s) => s.questions).filter((x) => x.type !== 'evidence').length;
    expect(p7.counts).toMatchObject({ new: 2, unanswered: answerable - 2 });

    // A number outside the question's bounds: the cell refuses it in Excel, and if it comes
    // back anyway (another spreadsheet program) it is invalid, the bounds named.
    const sheet = (await fill(made.bytes, () => undefined)).wb.worksheets.find((w) =>
      w.getColumn(1).values.some((v) => String(v).endsWith('tri_breach_hours')),
    )!;
    let breachRow = 0;
    sheet.eachRow((row, n) => {
      if (String(row.getCell(1).value).endsWith('tri_breach_hours')) breachRow = n;
    });
    expect(sheet.getRow(breachRow).getCell(4).dataValidation).toMatchObject({
      type: 'decimal',
      formulae: [0, 1e15],
      error: 'Enter at least 0 hours.',
    });
    const negative = await fill(made.bytes, (_ws, row, id) => {
      if (id.endsWith('tri_breach_hours')) row.getCell(4).value = -5;
    });
    const p5 = await app.services.exchange.preview(vendor.id, 'n.xlsx', negative.bytes, NO_JOB);
    expect(p5.rows.find((r) => r.questionId === 'tri_breach_hours')).toMatchObject({
      state: 'invalid',
      problem: 'Enter at least 0 hours',
    });

    await expect(
      app.services.exchange.preview(vendor.id, 'g.xlsx', Buffer.from('PK garbage'), NO_JOB),
    ).rejects.toThrow(/not a readable .xlsx/);
    await expect(
      app.services.exchange.preview(vendor.id, 'j.json', Buffer.from('{"format":"x"'), NO_JOB),
    ).rejects.toThrow(/neither a workbook/);
    await expect(
      app.services.exchange.preview(
        vendor.id,
        'p.json',
        Buffer.from('{"__proto__":{"polluted":1},"format":"vendor-risk-response/1"}'),
        NO_JOB,
      ),
    ).rejects.toThrow(/not a response file/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(app.services.assessments.get(made.assessmentId).answers).toEqual([]);
  });
});

describe('questionnaire exchange after review', () => {
  it('keeps internal notes out of the files, escapes names in the form, and never answers evidence from a file', async () => {
    const app = openApp();
    const vendor = app.services.vendors.create(vendorInput({ name: '<img src=x onerror=alert(1)> Ltd' }));
    const first = await app.services.exchange.export(vendor.id, ['quick-triage'], 'xlsx');
    app.services.assessments.answer(first.assessmentId, {
      questionnaireId: 'quick-triage',
      questionId: 'tri_mfa',
      answer: { status: 'answered', value: 'yes' },
      note: 'INTERNAL-ONLY remark about the vendor',
    });
    const html = (await app.services.exchange.export(vendor.id, ['quick-triage'], 'html')).bytes.toString(
      'utf8',
    );
    expect(html).not.toContain('INTERNAL-ONLY');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; Ltd');
    const xlsx = await app.services.exchange.export(vendor.id, ['quick-triage'], 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => void cells.push(String(c.value)))));
    expect(cells.join('\n')).not.toContain('INTERNAL-ONLY');
    expect(cells).toContain('Yes'); // the answer itself is filled in for the vendor to update

    const manifest = JSON.parse(
      html.match(/<script type="application\/json" id="vr-data">(.*?)<\/script>/s)![1]!,
    ).manifest;
    const response = (answers: unknown[]) =>
      Buffer.from(
        JSON.stringify({
          format: 'vendor-risk-response/1',
          packageId: manifest.packageId,
          vendorId: vendor.id,
          checksum: manifest.checksum,
          answers,
        }),
      );
    const p = await app.services.exchange.preview(
      vendor.id,
      'r.json',
      response([
        {
          questionnaireId: 'quick-triage',
          questionId: 'tri_assurance_evidence',
          answer: { status: 'not-applicable' },
          note: '',
        },
        // No answer and no note: nothing; no answer with a note: the answer stays, the note comes in.
        { questionnaireId: 'quick-triage', questionId: 'tri_mfa', answer: null, note: '' },
        // A pen-test date while saying there was no pen test: kept, but hidden by the other answer.
        {
          questionnaireId: 'quick-triage',
          questionId: 'tri_pentest',
          answer: { status: 'answered', value: 'no' },
          note: '',
        },
        {
          questionnaireId: 'quick-triage',
          questionId: 'tri_pentest_date',
          answer: { status: 'answered', value: '2026-01-01' },
          note: '',
        },
      ]),
      NO_JOB,
    );
    expect(p.rows.find((r) => r.questionId === 'tri_assurance_evidence')).toMatchObject({ state: 'invalid' });
    expect(p.rows.find((r) => r.questionId === 'tri_mfa')).toBeUndefined();
    expect(p.rows.find((r) => r.questionId === 'tri_pentest_date')).toMatchObject({
      state: 'new',
      hidden: true,
    });
    expect(p.rows.find((r) => r.questionId === 'tri_pentest')!.hidden).toBeUndefined();
    app.services.exchange.apply(p.token, 'all');
    const mfa = app.services.assessments
      .get(first.assessmentId)
      .answers.find((a) => a.questionId === 'tri_mfa')!;
    expect(mfa).toMatchObject({
      answer: { status: 'answered', value: 'yes' },
      note: 'INTERNAL-ONLY remark about the vendor',
    });
  });

  it('reads Excel dates and strict numbers, refuses ambiguous ones, points out a file imported twice, and refuses zip bombs', async () => {
    const { cellToAnswer } = await import('../../electron/domain/exchange');
    const date = { id: 'd', text: 'When?', type: 'date' } as never;
    const num = { id: 'n', text: 'How many?', type: 'number' } as never;
    expect(cellToAnswer(date, 45293)).toEqual({ answer: { status: 'answered', value: '2024-01-02' } });
    expect(cellToAnswer(date, '2024-02-30')).toMatchObject({ problem: expect.stringMatching(/YYYY-MM-DD/) });
    // A year typed in the cell is not an Excel serial (it would be 1905-07-16).
    expect(cellToAnswer(date, 2024)).toEqual({
      problem: '2024 is a number, not a date: enter a date as YYYY-MM-DD',
    });
    expect(cellToAnswer(date, -3)).toMatchObject({ problem: expect.stringMatching(/not a date/) });
    expect(cellToAnswer(num, '1.5')).toEqual({ answer: { status: 'answered', value: 1.5 } });
    for (const bad of ['1,5', '1.234,5', '0x10', '1e5'])
      expect(cellToAnswer(num, bad)).toHaveProperty('problem');

    const { app, vendor, made } = await setup();
    const filled = await fill(made.bytes, (_ws, row, id) => {
      if (id.endsWith('tri_mfa')) row.getCell(4).value = 'No';
    });
    const once = await app.services.exchange.preview(vendor.id, 'a.xlsx', filled.bytes, NO_JOB);
    expect(once.alreadyImported).toBe(false);
    expect(once.assessment).toMatchObject({ id: made.assessmentId, status: 'in-progress' });
    app.services.exchange.apply(once.token, 'all');
    const twice = await app.services.exchange.preview(vendor.id, 'a.xlsx', filled.bytes, NO_JOB);
    expect(twice.alreadyImported).toBe(true);
    expect(twice.rows.find((r) => r.questionId === 'tri_mfa')).toMatchObject({ state: 'same' });

    // A tiny zip that declares a gigabyte unpacked is refused before anything is unpacked.
    const { openZip } = await import('../../electron/files/safe-zip');
    const bomb = Buffer.from(made.bytes);
    const end = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cd = bomb.readUInt32LE(end + 16);
    bomb.writeUInt32LE(1024 * 1024 * 1024, cd + 24);
    expect(openZip(bomb, { maxEntries: 300, maxTotalBytes: 50 * 1024 * 1024 })).toMatchObject({
      ok: false,
      problem: 'too-large',
    });
    await expect(app.services.exchange.preview(vendor.id, 'bomb.xlsx', bomb, NO_JOB)).rejects.toThrow(
      /far more than a questionnaire/,
    );
    // One whose directory understates a part is refused when that part is unpacked past what it
    // declares (safe-zip.test.ts has the 2 GB one, with its time and memory).
    const liar = Buffer.from(made.bytes);
    let at = cd;
    while (
      liar.toString('utf8', at + 46, at + 46 + liar.readUInt16LE(at + 28)) !== 'xl/worksheets/sheet2.xml'
    )
      at += 46 + liar.readUInt16LE(at + 28) + liar.readUInt16LE(at + 30) + liar.readUInt16LE(at + 32);
    liar.writeUInt32LE(100, at + 24);
    await expect(app.services.exchange.preview(vendor.id, 'liar.xlsx', liar, NO_JOB)).rejects.toThrow(
      /^liar\.xlsx: The workbook's zip directory does not match its contents \(part xl\/worksheets\/sheet2\.xml unpacks to more than the 100 bytes it declares\); nothing was changed$/,
    );
  });
});
