/**
 * The look every report shares: page frame (header with title and confidentiality
 * marking, footer with "page X of Y" and the generated date), styles, and the few
 * building blocks the reports are made of. Builders return plain pdfmake nodes.
 */
import { chartSvg, type ChartModel } from '../domain/charts';
import { FONT } from './text';

/** A pdfmake content node (pdfmake has no types of its own here). */
export type Content = string | { [key: string]: unknown } | Content[];

/** A pdfmake document definition. */
export interface DocDefinition {
  content: Content[];
  [key: string]: unknown;
}

export const CONFIDENTIAL = 'CONFIDENTIAL — for internal use and the addressees only';

const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#c9d1da';
export const TIER_COLOURS: Record<string, string> = {
  critical: '#b42318',
  high: '#c4540a',
  medium: '#a17c00',
  low: '#2e7d32',
  unassessed: '#7b8794',
};

/** About as many characters as the header has room for on one line beside the marking. */
const HEADER_TITLE_MAX = 48;

/**
 * The running header's title on one line: a long vendor or company name is cut at a word,
 * with an ellipsis (three wrapped lines ran into the page's text). The cover keeps it whole.
 */
export function headerTitle(title: string): string {
  const chars = [...title];
  if (chars.length <= HEADER_TITLE_MAX) return title;
  const cut = chars.slice(0, HEADER_TITLE_MAX - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > HEADER_TITLE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:—-]+$/, '')}…`;
}

/** A4 with room for the header and footer. */
export function pageFrame(o: {
  title: string;
  generated: string;
  /** Printed under the last page's footer: the audit trail's head, to check the trail against later. */
  trailHead?: { id: number; hash: string };
  content: Content[];
}): DocDefinition {
  return {
    pageSize: 'A4',
    pageMargins: [48, 64, 48, 56],
    info: { title: o.title, creator: 'Vendor Risk Desk', producer: 'Vendor Risk Desk' },
    defaultStyle: { font: FONT.sans, fontSize: 9.5, color: INK, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 6] },
      h2: { fontSize: 13.5, bold: true, margin: [0, 14, 0, 6], color: INK },
      h3: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      muted: { color: MUTED },
      small: { fontSize: 8.5, color: MUTED },
      th: { bold: true, fontSize: 8.5, color: MUTED },
      mono: { font: FONT.mono, fontSize: 8, wordBreak: 'break-all' },
      note: { fontSize: 8.5, italics: true, color: MUTED, margin: [0, 4, 0, 0] },
    },
    header: () => ({
      margin: [48, 28, 48, 0],
      columns: [
        { text: headerTitle(o.title), bold: true, fontSize: 8.5, width: '*' },
        {
          text: CONFIDENTIAL,
          alignment: 'right',
          fontSize: 7.5,
          color: TIER_COLOURS.critical,
          width: 'auto',
        },
      ],
    }),
    footer: (page: number, pages: number) => ({
      margin: [48, page === pages && o.trailHead ? 10 : 18, 48, 0],
      stack: [
        {
          columns: [
            { text: `Generated ${o.generated} by Vendor Risk Desk`, fontSize: 7.5, color: MUTED },
            { text: `Page ${page} of ${pages}`, alignment: 'right', fontSize: 7.5, color: MUTED },
          ],
        },
        ...(page === pages && o.trailHead
          ? [
              {
                text: `Audit trail head #${o.trailHead.id}:${o.trailHead.hash} (vendor-risk audit verify --head proves the trail up to it unchanged)`,
                fontSize: 6,
                color: MUTED,
                margin: [0, 2, 0, 0],
              },
            ]
          : []),
      ],
    }),
    content: o.content,
  };
}

/** The first page's title block: what, about whom, the marking. */
export function cover(o: { kind: string; title: string; lines: [string, string][] }): Content[] {
  return [
    {
      text: o.kind.toUpperCase(),
      fontSize: 9,
      bold: true,
      color: MUTED,
      characterSpacing: 1,
      margin: [0, 8, 0, 0],
    },
    { text: o.title, style: 'h1', fontSize: 24, margin: [0, 4, 0, 12] },
    keyValues(o.lines),
    rule(),
  ];
}

/** A horizontal rule across the page. */
export function rule(): Content {
  return {
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: 499, y2: 0, lineWidth: 0.6, lineColor: RULE }],
    margin: [0, 8, 0, 8],
  };
}

/** Label / value pairs as a borderless two-column table. */
export function keyValues(pairs: readonly (readonly [string, string])[]): Content {
  return {
    table: {
      widths: [130, '*'],
      body: pairs.map(([k, v]) => [{ text: k, style: 'muted' }, { text: v || '—' }]),
    },
    layout: 'noBorders',
    margin: [0, 0, 0, 4],
  };
}

/** A data table: header row, zebra rows, repeated header on each page. */
export function dataTable(
  headers: readonly string[],
  rows: readonly (readonly Content[])[],
  widths: readonly (number | string)[],
): Content {
  if (rows.length === 0) return { text: 'None.', style: 'muted', margin: [0, 0, 0, 6] };
  return {
    table: {
      headerRows: 1,
      widths,
      dontBreakRows: true,
      body: [headers.map((h) => ({ text: h, style: 'th' })), ...rows.map((r) => [...r])],
    },
    layout: {
      hLineWidth: (i: number) => (i === 1 ? 0.8 : 0.3),
      vLineWidth: () => 0,
      hLineColor: () => RULE,
      fillColor: (row: number) => (row > 0 && row % 2 === 0 ? '#f4f6f8' : null),
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    margin: [0, 0, 0, 8],
  };
}

/** A chart of domain/charts, drawn from the same shapes the screen shows. */
export function chart(model: ChartModel): Content {
  return {
    svg: chartSvg(model, undefined, FONT.sans),
    width: model.width,
    margin: [0, 2, 0, 8],
    // Our charts have no images; should one ever slip in, it is not loaded (no file, no URL).
    options: { imageCallback: () => '' },
  };
}

/** A coloured tier label. */
export function tierText(tier: string, label: string): Content {
  return { text: label, bold: true, color: TIER_COLOURS[tier] ?? INK };
}

/** A heading for a section of the report. */
export function heading(text: string, pageBreak = false): Content {
  return pageBreak ? { text, style: 'h2', pageBreak: 'before' } : { text, style: 'h2' };
}

/** Figures side by side: a big number over its label. */
export function figures(items: readonly { value: string; label: string; colour?: string }[]): Content {
  return {
    columns: items.map((i) => ({
      stack: [
        { text: i.value, fontSize: 18, bold: true, color: i.colour ?? INK },
        { text: i.label, style: 'small' },
      ],
    })),
    columnGap: 10,
    margin: [0, 4, 0, 8],
  };
}

/** The few sentences that open a report's summary, set off in a tinted box. */
export function headline(text: string): Content {
  return {
    table: { widths: ['*'], body: [[{ text, fontSize: 10.5, lineHeight: 1.3 }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? 3 : 0),
      vLineColor: () => '#2458a6',
      fillColor: () => '#eef3fa',
      paddingLeft: () => 10,
      paddingRight: () => 8,
      paddingTop: () => 7,
      paddingBottom: () => 7,
    },
    margin: [0, 0, 0, 8],
  };
}

/** What a chart's bars, colours or a table's columns mean, in a small line under or above it. */
export function legend(text: string): Content {
  return { text, style: 'small', margin: [0, 0, 0, 6] };
}

/**
 * A section that is a table: its title and an optional short introduction (a legend, a
 * sentence), repeated with the column titles at the top of each page the table runs onto.
 * The title is never left alone at the foot of a page: it moves with the column titles
 * and the first row (one layout pass, unlike a page-break callback).
 */
export function titledTable(o: {
  title: string;
  /** 'h2' for a section, 'h3' for a part of one. */
  level?: 'h2' | 'h3';
  intro?: Content[];
  headers: readonly string[];
  rows: readonly (readonly Content[])[];
  widths: readonly (number | string)[];
  /** Shown instead of the table when there are no rows. */
  empty?: string;
}): Content {
  const title: Content = { text: o.title, style: o.level ?? 'h2' };
  const intro = o.intro ?? [];
  if (o.rows.length === 0)
    return {
      stack: [title, ...intro, { text: o.empty ?? 'None.', style: 'muted', margin: [0, 0, 0, 6] }],
      unbreakable: true,
    };
  const n = o.headers.length;
  return {
    table: {
      headerRows: 2,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: o.widths,
      body: [
        [
          { stack: [title, ...intro], colSpan: n, margin: [-4, 0, -4, 0] },
          ...Array.from({ length: n - 1 }, () => ({})),
        ],
        o.headers.map((h) => ({ text: h, style: 'th' })),
        ...o.rows.map((r) => [...r]),
      ],
    },
    layout: {
      hLineWidth: (i: number) => (i < 2 ? 0 : i === 2 ? 0.8 : 0.3),
      vLineWidth: () => 0,
      hLineColor: () => RULE,
      fillColor: (row: number) => (row > 2 && row % 2 === 1 ? '#f4f6f8' : null),
      paddingTop: (i: number) => (i === 0 ? 0 : 3),
      paddingBottom: () => 3,
    },
    margin: [0, 0, 0, 8],
  };
}

/** Nodes kept on one page together (a heading with its chart), moved to the next page whole if need be. */
export function together(...nodes: Content[]): Content {
  return { stack: nodes, unbreakable: true };
}
