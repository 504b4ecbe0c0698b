/**
 * Makes any text safe to lay out in a PDF: CJK runs get the CJK font (the main font has
 * no such glyphs), right-to-left runs are kept in one piece so the font engine orders
 * them, and long unbreakable strings (serials, hashes, URLs) get break opportunities so
 * they wrap instead of running out of their table cell.
 */

/** Fonts the reports use, by pdfmake family name. */
export const FONT = { sans: 'Sans', mono: 'Mono', cjk: 'CJK' } as const;

const CJK =
  /[\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u303f\u3040-\u30ff\u3100-\u31ef\u3200-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3134f}]/u;
const CJK_RUN =
  /((?:[\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u303f\u3040-\u30ff\u3100-\u31ef\u3200-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3134f}])+)/u;
const RTL_WORDS =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+(?:[ \u00a0]+[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+)*/gu;
const ZWSP = '\u200b';
/** Longer unbroken stretches than this get a break opportunity every BREAK_EVERY characters. */
const LONGEST_UNBROKEN = 28;
const BREAK_EVERY = 16;

export interface TextRun {
  text: string;
  font?: string;
}

/** Inserts break opportunities into stretches of non-space text longer than a table cell can hold. */
export function breakLongWords(text: string): string {
  return text.replace(new RegExp(`[^\\s${ZWSP}]{${LONGEST_UNBROKEN + 1},}`, 'gu'), (word) => {
    const chars = [...word];
    let out = '';
    for (let i = 0; i < chars.length; i += BREAK_EVERY) {
      out += (i ? ZWSP : '') + chars.slice(i, i + BREAK_EVERY).join('');
    }
    return out;
  });
}

/**
 * Right-to-left words with the spaces between them made non-breaking, so each run is laid
 * out as one piece and the font engine puts its words in right-to-left order.
 */
export function joinRtlRuns(text: string): string {
  return text.replace(RTL_WORDS, (run) => run.replace(/ /g, '\u00a0'));
}

/** Removes control characters other than line breaks and tabs (they have no glyph). */
export function dropControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** The text as runs: CJK stretches in the CJK font, everything else in the default. */
export function textRuns(raw: string, breakWords = true): string | TextRun[] {
  const joined = joinRtlRuns(dropControls(raw));
  const text = breakWords ? breakLongWords(joined) : joined;
  if (!CJK.test(text)) return text;
  return text
    .split(CJK_RUN)
    .filter((part) => part !== '')
    .map((part) => (CJK.test(part) ? { text: part, font: FONT.cjk } : { text: part }));
}

type Node = unknown;

/** Keys of a pdfmake node whose values hold more content. */
const CONTAINERS = ['stack', 'columns', 'ul', 'ol', 'content'] as const;

/**
 * Walks a pdfmake document definition and prepares every string for layout (textRuns),
 * whatever node it sits in: plain strings, `text`, stacks, columns, lists, table cells.
 * SVG nodes are left alone (their text is escaped when the chart is drawn).
 */
export function prepareText(node: Node): Node {
  if (typeof node === 'string') return { text: textRuns(node) };
  if (Array.isArray(node)) return node.map(prepareText);
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if ('svg' in obj) return obj;
  const out: Record<string, unknown> = { ...obj };
  // The mono font has no zero-width space: its text breaks anywhere instead (style "mono").
  if (typeof obj.text === 'string') out.text = textRuns(obj.text, obj.style !== 'mono');
  else if (Array.isArray(obj.text))
    out.text = obj.text.flatMap((part) =>
      typeof part === 'string' ? runsAsParts(textRuns(part)) : [prepareInline(part)],
    );
  for (const key of CONTAINERS) if (key in obj) out[key] = prepareText(obj[key]);
  if (obj.table && typeof obj.table === 'object') {
    const table = obj.table as { body: Node[][] };
    out.table = { ...table, body: table.body.map((row) => row.map(prepareText)) };
  }
  return out;
}

function runsAsParts(runs: string | TextRun[]): (string | TextRun)[] {
  return typeof runs === 'string' ? [runs] : runs;
}

/** An inline part of a `text` array: {text: '...', bold: true} keeps its style on every run. */
function prepareInline(part: unknown): unknown {
  if (!part || typeof part !== 'object') return part;
  const obj = part as Record<string, unknown>;
  if (typeof obj.text !== 'string') return part;
  const runs = textRuns(obj.text);
  if (typeof runs === 'string') return { ...obj, text: runs };
  return { ...obj, text: runs.map((r) => ({ ...r })) };
}
