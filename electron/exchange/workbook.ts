/**
 * The questionnaire as an .xlsx workbook for a vendor (ExcelJS): an instructions sheet,
 * one sheet per section with the question, its guidance, an answer cell (a drop-down for
 * choice questions), notes and evidence; hidden stable question ids; every sheet
 * protected so only the answer, notes and evidence cells can be filled; the package's
 * manifest on a hidden sheet. And reading such a workbook back, refusing anything that
 * was not filled in the cells meant for it.
 */
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type ExcelJS from 'exceljs';
import { openZip, readEntry, storedZip, ZipRefused } from '../files/safe-zip';
import { allQuestions, type Question, type Questionnaire } from '../domain/questionnaire';
import { longDate } from './form-header';
import { answerToCell, cellChoices, MAX_CELL, ManifestSchema, type Manifest } from '../domain/exchange';
import { numberBounds, type AnswerValue } from '../domain/answer';

const MANIFEST_SHEET = 'Package';
const LISTS_SHEET = 'Lists';
const INSTRUCTIONS_SHEET = 'Instructions';
/** ExcelJS, loaded on first use: a large module the CLI's other commands never need. */
async function excel(): Promise<typeof ExcelJS> {
  const loaded = (await import('exceljs')) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS;
  return loaded.default ?? loaded;
}

const COLUMNS = { id: 1, question: 2, guidance: 3, answer: 4, note: 5, evidence: 6 } as const;
/** Limits of a returned workbook: a questionnaire's is tens of kilobytes. */
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 300;
const MAX_SHEET_ROWS = 2000;

/** A section's sheet name: numbered, at most 31 characters, none of Excel's forbidden ones. */
function sheetName(n: number, title: string): string {
  return `${n}. ${title.replace(/[[\]:*?/\\]/g, ' ')}`.slice(0, 31).trim();
}

export interface WorkbookSheetPlan {
  name: string;
  questionnaireId: string;
  questions: Question[];
}

/** The section sheets a package's workbook has, in order. */
export function sheetPlan(questionnaires: readonly Questionnaire[]): WorkbookSheetPlan[] {
  const plan: WorkbookSheetPlan[] = [];
  for (const q of questionnaires)
    for (const s of q.sections) {
      const questions = s.questions.filter((x) => x.type !== 'evidence');
      if (questions.length)
        plan.push({ name: sheetName(plan.length + 1, s.title), questionnaireId: q.id, questions });
    }
  return plan;
}

/** Builds the workbook; current answers (if any) are filled in, for the vendor to update. */
export async function buildWorkbook(
  manifest: Manifest,
  questionnaires: readonly Questionnaire[],
  current: ReadonlyMap<string, { answer: AnswerValue | null; note: string }>,
): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Vendor Risk Desk';
  wb.created = new Date(manifest.createdAt);

  const intro = wb.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: 'FF2458A6' } } });
  intro.getColumn(1).width = 110;
  const lines = [
    `Security questionnaire for ${manifest.vendorName}`,
    '',
    `Questionnaires: ${manifest.questionnaires.map((q) => `${q.title} (version ${q.version})`).join(', ')}`,
    `Package: ${manifest.packageId}`,
    ...(manifest.dueDate ? [`Answers due: ${longDate(manifest.dueDate)}`] : []),
    '',
    'How to answer:',
    '1. Each following sheet is one section. Answer in the "Answer" column; choose from the drop-down where there is one.',
    `2. If a question does not apply, choose "${'Not applicable'}"; if you cannot answer it, choose "Cannot answer".`,
    '3. Add anything we should know in "Notes", and name supporting documents in "Evidence" (send them along).',
    '4. Do not rename, add or remove sheets, and do not change the hidden columns: the answers are matched by them.',
    '5. Save the file and send it back as it is (.xlsx).',
    '',
    'Some questions only matter given an earlier answer; the notes beside them say so. Leave them empty if they do not apply.',
  ];
  lines.forEach((text, i) => {
    const cell = intro.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  await intro.protect('', { selectLockedCells: true, selectUnlockedCells: true });

  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
  let listColumn = 0;
  for (const plan of sheetPlan(questionnaires)) {
    const ws = wb.addWorksheet(plan.name);
    ws.columns = [
      { header: 'ID', key: 'id', width: 10, hidden: true },
      { header: 'Question', key: 'question', width: 60 },
      { header: 'Guidance', key: 'guidance', width: 45 },
      { header: 'Answer', key: 'answer', width: 28 },
      { header: 'Notes', key: 'note', width: 40 },
      { header: 'Evidence', key: 'evidence', width: 28 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const q of plan.questions) {
      const existing = current.get(`${plan.questionnaireId}/${q.id}`);
      const guidance = [
        q.guidance,
        q.showIf ? 'Only if it applies given your earlier answers.' : '',
        q.unit ? `In ${q.unit}.` : '',
      ]
        .filter(Boolean)
        .join(' ');
      const row = ws.addRow({
        id: `${plan.questionnaireId}/${q.id}`,
        question: q.text,
        guidance,
        answer: answerToCell(q, existing?.answer ?? null),
        note: existing?.note ?? '',
        evidence: '',
      });
      row.alignment = { wrapText: true, vertical: 'top' };
      for (const c of [COLUMNS.answer, COLUMNS.note, COLUMNS.evidence])
        row.getCell(c).protection = { locked: false };
      const choices = cellChoices(q);
      if (choices) {
        listColumn += 1;
        choices.forEach((label, i) => (lists.getCell(i + 1, listColumn).value = label));
        const col = lists.getColumn(listColumn).letter;
        row.getCell(COLUMNS.answer).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`'${LISTS_SHEET}'!$${col}$1:$${col}$${choices.length}`],
          showErrorMessage: true,
          errorTitle: 'Choose from the list',
          error: 'Choose one of the answers in the drop-down.',
        };
      } else if (q.type === 'number') {
        row.getCell(COLUMNS.answer).dataValidation = {
          type: 'decimal',
          operator: 'between',
          allowBlank: true,
          formulae: [q.min ?? -1e15, q.max ?? 1e15],
          showErrorMessage: true,
          error: `${numberBounds(q) ?? 'Enter a number'}.`,
        };
      }
    }
    await ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
  }

  const meta = wb.addWorksheet(MANIFEST_SHEET, { state: 'veryHidden' });
  meta.getCell('A1').value = JSON.stringify(manifest);
  meta.getCell('A2').value = JSON.stringify(sheetPlan(questionnaires).map((p) => p.name));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One filled row of a returned workbook. */
export interface WorkbookRow {
  sheet: string;
  row: number;
  id: string;
  /** The question's text as the row shows it (locked): checked against the hidden id's question. */
  asked: string;
  answer: string | number | Date | null;
  /** Why the answer cell could not be read (a formula …): the row is invalid. */
  answerProblem: string | null;
  note: string;
  evidence: string;
}

/** What a returned workbook holds, or why it cannot be read as one of ours. */
export type ReadWorkbook =
  | { ok: true; manifest: Manifest; rows: WorkbookRow[]; problems: { where: string; problem: string }[] }
  | { ok: false; message: string };

/** Reads a workbook a vendor returned. Formulas, extra or renamed sheets and huge cells are refused. */
export async function readWorkbook(bytes: Uint8Array): Promise<ReadWorkbook> {
  // Every part is unpacked here, against the limits and never past the size the zip's
  // directory declares for it, and ExcelJS reads the checked parts re-packed uncompressed:
  // a small file must not unpack into gigabytes inside ExcelJS.
  const zip = openZip(bytes, { maxEntries: MAX_ZIP_ENTRIES, maxTotalBytes: MAX_UNPACKED_BYTES });
  if (!zip.ok)
    return {
      ok: false,
      message: zip.problem === 'too-large' ? `${zip.message}: far more than a questionnaire` : zip.message,
    };
  let packed: Buffer;
  try {
    const parts = zip.entries.map((entry) => {
      const data = readEntry(zip, entry);
      return { name: entry.name, size: data.length, crc32: entry.crc32, data: () => Readable.from([data]) };
    });
    packed = await buffer(storedZip(parts));
  } catch (error) {
    if (error instanceof ZipRefused) return { ok: false, message: error.message };
    throw error;
  }
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(packed as unknown as ArrayBuffer);
  } catch (error) {
    return {
      ok: false,
      message: `This is not a readable .xlsx workbook (${(error as Error).message.slice(0, 120)})`,
    };
  }
  const meta = wb.getWorksheet(MANIFEST_SHEET);
  if (!meta)
    return { ok: false, message: 'This workbook was not made by Vendor Risk Desk (it has no package sheet)' };
  let manifest: Manifest;
  let expectedSheets: string[];
  try {
    manifest = ManifestSchema.parse(JSON.parse(String(meta.getCell('A1').value)));
    expectedSheets = JSON.parse(String(meta.getCell('A2').value)) as string[];
    if (!Array.isArray(expectedSheets)) throw new Error('no sheet list');
  } catch {
    return {
      ok: false,
      message: 'The workbook’s package sheet was changed; it cannot be matched to what was sent',
    };
  }
  const names = wb.worksheets
    .map((w) => w.name)
    .filter((n) => ![MANIFEST_SHEET, LISTS_SHEET, INSTRUCTIONS_SHEET].includes(n));
  const added = names.filter((n) => !expectedSheets.includes(n));
  const missing = expectedSheets.filter((n) => !names.includes(n));
  if (added.length || missing.length)
    return {
      ok: false,
      message: `The workbook's sheets were changed (${[...added.map((n) => `"${n}" added or renamed`), ...missing.map((n) => `"${n}" missing`)].join('; ')}); answer in the workbook as it was sent`,
    };

  const rows: WorkbookRow[] = [];
  const problems: { where: string; problem: string }[] = [];
  for (const name of expectedSheets) {
    const ws = wb.getWorksheet(name)!;
    if (ws.rowCount > MAX_SHEET_ROWS)
      return {
        ok: false,
        message: `Sheet "${name}" has ${ws.rowCount} rows: far more than the questions sent`,
      };
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const where = `Sheet "${name}", row ${n}`;
      const read = (c: number): string | number | Date | null | { problem: string } => {
        const v = row.getCell(c).value;
        if (v === null || v === undefined) return null;
        if (typeof v === 'object' && !(v instanceof Date)) {
          if ('formula' in v || 'sharedFormula' in v)
            return { problem: 'a formula is not an answer: type the answer itself' };
          const text =
            'richText' in v ? v.richText.map((t) => t.text).join('') : 'text' in v ? String(v.text) : null;
          if (text === null) return { problem: 'this cell holds something other than text or a number' };
          return text.length > MAX_CELL ? { problem: `longer than ${MAX_CELL} characters` } : text;
        }
        if (typeof v === 'string' && v.length > MAX_CELL)
          return { problem: `longer than ${MAX_CELL} characters` };
        return v as string | number | Date;
      };
      const id = read(COLUMNS.id);
      const asked = read(COLUMNS.question);
      const answer = read(COLUMNS.answer);
      const note = read(COLUMNS.note);
      const evidence = read(COLUMNS.evidence);
      for (const [label, v] of [
        ['ID', id],
        ['Answer', answer],
        ['Notes', note],
        ['Evidence', evidence],
      ] as const)
        if (v && typeof v === 'object' && 'problem' in v)
          problems.push({ where: `${where}, ${label}`, problem: v.problem });
      if (typeof id !== 'string') {
        if (id !== null) problems.push({ where, problem: 'the hidden question id was changed' });
        return;
      }
      const clean = (v: typeof note) => (v === null || typeof v === 'object' ? '' : String(v));
      rows.push({
        sheet: name,
        row: n,
        id,
        asked: typeof asked === 'string' ? asked : '',
        answerProblem: answer && typeof answer === 'object' && 'problem' in answer ? answer.problem : null,
        answer:
          answer && typeof answer === 'object' && 'problem' in answer
            ? null
            : (answer as string | number | Date | null),
        note: clean(note),
        evidence: clean(evidence),
      });
    });
  }
  return { ok: true, manifest, rows, problems };
}

/** Every question of the package, by "questionnaire/question" id. */
export function questionIndex(
  questionnaires: readonly Questionnaire[],
): Map<string, { questionnaireId: string; question: Question }> {
  const out = new Map<string, { questionnaireId: string; question: Question }>();
  for (const q of questionnaires)
    for (const { question } of allQuestions(q))
      out.set(`${q.id}/${question.id}`, { questionnaireId: q.id, question });
  return out;
}
