/** Plain-text layout for the terminal: aligned tables and key: value blocks. */

/**
 * Columns a string takes in a terminal: combining marks take none, East Asian wide
 * and fullwidth characters and emoji take two, everything else one.
 */
export function displayWidth(text: string): number {
  // Most cells are plain ASCII: one column a character, without the walk below (a 5,000-row
  // table has 50,000 cells).
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const char of text.normalize('NFC')) width += charWidth(char);
  return width;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function charWidth(char: string): number {
  const cp = char.codePointAt(0) ?? 0;
  if (cp >= 0x20 && cp < 0x7f) return 1;
  if (/\p{M}|\p{Cc}|\u200b|\u200d/u.test(char)) return 0;
  return isWide(cp) ? 2 : 1;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/**
 * Pads to a display width (not a string length), so accented and wide names line up;
 * `measured` is the text's own width when it is known already.
 */
export function padToWidth(text: string, width: number, measured = displayWidth(text)): string {
  return text + ' '.repeat(Math.max(0, width - measured));
}

/** Cuts text to a display width, ending with … when cut. */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text.normalize('NFC')) {
    used += charWidth(char);
    if (used > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

/** Control characters in user data would move the cursor or change colours: show them as spaces. */
export function printable(text: string): string {
  return PRINTABLE_ASCII.test(text) ? text : text.replace(/[\p{Cc}\u2028\u2029]/gu, ' ');
}

/** An aligned table with a header row; cells are made printable and cut to `maxWidth`. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  maxWidth = 48,
): string {
  // Cells repeat (a status, a tier, "—"): each text is measured once.
  const measured = new Map<string, number>();
  const widthOf = (text: string) => {
    let width = measured.get(text);
    if (width === undefined) measured.set(text, (width = displayWidth(text)));
    return width;
  };
  const cells = rows.map((row) => row.map((cell) => truncateToWidth(printable(cell), maxWidth)));
  // A loop, not Math.max(...column): spreading a column of 150,000 rows overflows the stack.
  const widths = headers.map(widthOf);
  for (const row of cells)
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, widthOf(row[i] ?? ''));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : padToWidth(cell, widths[i] ?? 0, widthOf(cell))))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}

/** A `Key: value` block with the values aligned; multi-line values are indented under themselves. */
export function formatFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(...fields.map(([key]) => displayWidth(key))) + 2;
  return fields
    .map(([key, value]) => {
      const lines = value.split(/\r?\n/).map(printable);
      const indent = ' '.repeat(width);
      return padToWidth(`${key}:`, width) + lines.join(`\n${indent}`);
    })
    .join('\n');
}
