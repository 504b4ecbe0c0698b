/**
 * Questionnaire exchange with vendors, by file: what a package carries (its ID, the
 * vendor, the questionnaire versions and a checksum of their questions), how an answer
 * is written in a workbook cell and read back, and the vendor's response file. Pure,
 * and free of Node modules (the page and the IPC contract import it; the checksum is in exchange/checksum.ts).
 */
import { z } from 'zod';
import { AnswerValueSchema, answerProblem, type AnswerValue } from './answer';
import { IsoDateSchema } from './primitives';
import { isCalendarDate } from './days';
import type { Question } from './questionnaire';
import { MAX_SBOM_REQUESTS, ResponseSbomSchema, SbomRequestSchema } from './exchange-sbom';

export const EXCHANGE_FORMATS = ['xlsx', 'html'] as const;
export type ExchangeFormat = (typeof EXCHANGE_FORMATS)[number];

/** What every exported file carries, to match a response to exactly these questions. */
export const ManifestSchema = z
  .object({
    format: z.literal('vendor-risk-exchange/1'),
    packageId: z.string().uuid(),
    vendorId: z.string().uuid(),
    vendorName: z.string().max(200),
    questionnaires: z
      .array(
        z
          .object({ id: z.string().max(120), version: z.string().max(40), title: z.string().max(500) })
          .strict(),
      )
      .min(1)
      .max(20),
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.string().max(40),
    /** When the answers are wanted back (YYYY-MM-DD); packages made before it existed have none. */
    dueDate: IsoDateSchema.optional(),
    /** The model + firmware pairs whose SBOMs the form asks for; none in packages made before. */
    sboms: z.array(SbomRequestSchema).max(MAX_SBOM_REQUESTS).optional(),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestSchema>;

/** The response the HTML form saves (and what a script may write by hand). */
export const ResponseFileSchema = z
  .object({
    format: z.literal('vendor-risk-response/1'),
    packageId: z.string().uuid(),
    vendorId: z.string().uuid(),
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
    savedAt: z.string().max(40).optional(),
    answers: z
      .array(
        z
          .object({
            questionnaireId: z.string().max(120),
            questionId: z.string().max(120),
            answer: AnswerValueSchema.nullable(),
            note: z.string().max(10_000).default(''),
            evidence: z.string().max(2000).default(''),
          })
          .strict(),
      )
      .max(5000),
    /** The form's replies to the SBOM requests (exchange-sbom.ts); none from older forms. */
    sboms: z.array(ResponseSbomSchema).max(MAX_SBOM_REQUESTS).default([]),
  })
  .strict();
export type ResponseFile = z.infer<typeof ResponseFileSchema>;

/** Words for "not applicable" and "refused" in a workbook's answer cell. */
export const NOT_APPLICABLE = 'Not applicable';
export const REFUSED = 'Cannot answer';
const YES_NO: Record<string, string> = { yes: 'Yes', no: 'No', partial: 'Partly' };
/** The longest answer or note a cell may hold. */
export const MAX_CELL = 10_000;

/** The words a workbook cell offers for a question (the drop-down), or null for free entry. */
export function cellChoices(q: Question): string[] | null {
  if (q.type === 'yes-no')
    return [...(q.allowPartial ? ['Yes', 'Partly', 'No'] : ['Yes', 'No']), NOT_APPLICABLE, REFUSED];
  if (q.type === 'single-choice') return [...q.choices!.map((c) => c.label), NOT_APPLICABLE, REFUSED];
  return null;
}

/** How an answer is written in a workbook cell. */
export function answerToCell(q: Question, a: AnswerValue | null): string {
  if (!a) return '';
  if (a.status === 'not-applicable') return NOT_APPLICABLE;
  if (a.status === 'refused') return REFUSED;
  const v = a.value;
  const label = (id: string) => q.choices?.find((c) => c.id === id)?.label ?? id;
  if (Array.isArray(v)) return v.map(label).join('; ');
  if (q.type === 'yes-no') return YES_NO[String(v)] ?? String(v);
  if (q.type === 'single-choice') return label(String(v));
  return String(v);
}

/** A workbook cell read as an answer: the value, nothing (empty), or why it is not one. */
export function cellToAnswer(
  q: Question,
  raw: string | number | Date | null,
): { answer: AnswerValue | null } | { problem: string } {
  if (raw === null || raw === '') return { answer: null };
  if (typeof raw === 'string' && raw.length > MAX_CELL)
    return { problem: `The answer is longer than ${MAX_CELL} characters` };
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim();
  if (text === '') return { answer: null };
  const fold = (s: string) => s.trim().toLocaleLowerCase('en');
  if (fold(text) === fold(NOT_APPLICABLE)) return { answer: { status: 'not-applicable' } };
  if (fold(text) === fold(REFUSED)) return { answer: { status: 'refused' } };
  let answer: AnswerValue;
  switch (q.type) {
    case 'yes-no': {
      const id = Object.entries(YES_NO).find(([, w]) => fold(w) === fold(text))?.[0] ?? fold(text);
      if (!(q.allowPartial ? ['yes', 'partial', 'no'] : ['yes', 'no']).includes(id))
        return { problem: `Choose one of: ${cellChoices(q)!.join('; ')}` };
      answer = { status: 'answered', value: id };
      break;
    }
    case 'single-choice': {
      const c = q.choices!.find((x) => fold(x.label) === fold(text) || x.id === text);
      if (!c) return { problem: `Choose one of: ${q.choices!.map((x) => x.label).join('; ')}` };
      answer = { status: 'answered', value: c.id };
      break;
    }
    case 'multiple-choice': {
      const parts = text.split(/\s*;\s*/).filter(Boolean);
      const ids: string[] = [];
      for (const p of parts) {
        const c = q.choices!.find((x) => fold(x.label) === fold(p) || x.id === p);
        if (!c) return { problem: `Unknown choice "${p.slice(0, 80)}"; separate choices with ";"` };
        ids.push(c.id);
      }
      answer = { status: 'answered', value: ids };
      break;
    }
    case 'number': {
      // Digits with an optional point: "1,5" or "1.234,5" are ambiguous and refused, not guessed.
      const n = typeof raw === 'number' ? raw : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n))
        return { problem: 'Enter a number with digits and a point for decimals (e.g. 1.5)' };
      answer = { status: 'answered', value: n };
      break;
    }
    case 'date': {
      // A date cell Excel stored as its serial number (days since 1899-12-30). A smaller number
      // than 10,000 (before 1927) is not taken for one: "2024" typed in the cell is a year, not
      // 16 July 1905.
      if (typeof raw === 'number' && raw < 10_000)
        return { problem: `${raw} is a number, not a date: enter a date as YYYY-MM-DD` };
      const iso =
        typeof raw === 'number' && raw < 100000
          ? new Date(Date.UTC(1899, 11, 30) + Math.round(raw) * 86_400_000).toISOString().slice(0, 10)
          : text;
      if (!isCalendarDate(iso)) return { problem: 'Enter a date as YYYY-MM-DD' };
      answer = { status: 'answered', value: iso };
      break;
    }
    case 'evidence':
      return { problem: 'Evidence is attached in the app: name the file in the evidence column instead' };
    default:
      answer = { status: 'answered', value: text };
  }
  const problem = answerProblem(q, answer);
  return problem ? { problem } : { answer };
}

/** One incoming answer beside the current one, for the review screen. */
export const IncomingRowSchema = z.object({
  key: z.string(),
  questionnaireId: z.string(),
  questionId: z.string(),
  question: z.string(),
  /** Where it came from: "Sheet Access control, row 7" or the question's id. */
  where: z.string(),
  incoming: z.string(),
  current: z.string(),
  incomingNote: z.string(),
  state: z.enum(['new', 'changed', 'same', 'invalid']),
  problem: z.string().nullable(),
  /** Answers a question that the other answers hide: kept, but it does not count. */
  hidden: z.boolean().optional(),
});
export type IncomingRow = z.infer<typeof IncomingRowSchema>;

/** What the review says of a response to a package sent before a newer one for the same assessment. */
export function olderPackageNote(newer: { createdAt: string } | null): string | null {
  return newer
    ? `This answers an older package: another was sent for the same assessment on ${newer.createdAt.slice(0, 10)}. Its answers may be older than the ones you have; look at what it changes before accepting.`
    : null;
}
