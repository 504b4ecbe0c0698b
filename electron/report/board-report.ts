/**
 * The board pack: page one says what matters (headline, decisions asked, key figures against
 * the last report and the targets); page two shows where the risk sits and how it moves
 * (heat map, tier trend, changes); pages three and four list the top risks, knockouts by
 * theme, contract gaps by clause, coverage and device posture (board-lists.ts); an optional
 * appendix gives each critical or high vendor a page (board-appendix.ts).
 */
import { tierTrendChart } from '../domain/tier-trend';
import { CRITICALITY_LABELS } from '../domain/vendor';
import { heatOf, SCORE_BAND_LABELS } from '../domain/heat-map';
import { KEY_FIGURE_INFO, meetsTarget } from '../domain/board-targets';
import {
  BOARD_DECISION_KINDS,
  BOARD_DECISION_LABELS,
  betterMove,
  decisionCounts,
  type KeyFigure,
} from '../domain/board-pack';
import { namesLine } from '../domain/board-groups';
import type { PortfolioTier } from '../domain/portfolio';
import type { BoardReportData } from './model';
import {
  chart,
  heading,
  keyValues,
  rule,
  pageFrame,
  TIER_COLOURS,
  type Content,
  type DocDefinition,
} from './layout';
import { boardLists, headOf, smallTable } from './board-lists';
import { boardAppendix } from './board-appendix';

/** Decision rows on page one; the rest follow the lists, under a heading of their own. */
const DECISIONS_SHOWN = 5;
/** Lines per kind of change on page two. */
const CHANGES_SHOWN = 6;
const GOOD = '#2e7d32';
const BAD = '#b42318';
/** Heat map cell fills, calm to act (light, with dark text: legible printed in grey too). */
const HEAT_FILLS = ['#e3f1e4', '#fbf0c9', '#fbd9bf', '#f5c2bd'] as const;

const TIER_NAME: Record<PortfolioTier, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  unassessed: 'Not assessed',
};

/** The board pack's pdfmake document. */
export function boardReport(d: BoardReportData): DocDefinition {
  return pageFrame({
    title: `Board pack${d.company ? ` — ${d.company}` : ''}`,
    generated: d.generated,
    trailHead: d.trailHead,
    content: [
      ...pageOne(d),
      ...pageTwo(d),
      ...boardLists(d),
      ...moreDecisions(d),
      ...(d.appendix ? boardAppendix(d) : []),
    ],
  });
}

function pageOne(d: BoardReportData): Content[] {
  const t = d.totals;
  return [
    { text: 'BOARD PACK', fontSize: 9, bold: true, color: '#52606d', characterSpacing: 1 },
    { text: 'Vendor risk', style: 'h1', margin: [0, 2, 0, 6] },
    ...coverLines([
      ['Company', d.company || 'Not set'],
      [
        'Period',
        d.period.from
          ? `${d.period.from} to ${d.period.to} (since the previous board report)`
          : `Up to ${d.period.to} (the first board pack: no earlier report to compare with)`,
      ],
      ['Prepared by', d.author],
      [
        'Vendors',
        `${t.vendors} counted: ${t.assessed} with a risk tier, ${t.unassessed} not yet assessed` +
          (t.offboarded ? `; ${t.offboarded} offboarded left out` : ''),
      ],
    ]),
    { text: 'Headline', style: 'h3', margin: [0, 0, 0, 4] },
    { text: d.headline, fontSize: 10.5, lineHeight: 1.25, margin: [0, 0, 0, 4] },
    { text: 'Decisions the board is asked for', style: 'h3' },
    ...decisionsPart(d),
    { text: 'Key figures', style: 'h3' },
    smallTable(['Figure', 'Now', 'Last report', 'Target', 'How to read it'], d.keyFigures.map(figureRow), [
      '*',
      45,
      55,
      45,
      130,
    ]),
    { text: 'Now is green when it meets the target and red when it misses it.', style: 'note' },
  ];
}

function decisionsTable(decisions: BoardReportData['decisions']): Content {
  return smallTable(
    ['Decision', 'Vendor', 'Facts'],
    decisions.map((x) => [
      { text: BOARD_DECISION_LABELS[x.kind].label, bold: true, color: x.kind === 'accept' ? BAD : undefined },
      x.vendorName,
      { text: x.detail, fontSize: 8 },
    ]),
    [95, 110, '*'],
  );
}

const MORE_DECISIONS = 'More decisions the board is asked for';
/** Decisions set out in full after the lists; any beyond are counted and their vendors named (the pack stays within six pages). */
const MORE_DECISIONS_SHOWN = 12;

/** The decisions page one has no room for: the next in full, any beyond counted by kind with their vendors. */
function moreDecisions(d: BoardReportData): Content[] {
  const rest = d.decisions.slice(DECISIONS_SHOWN);
  if (!rest.length) return [];
  const beyond = rest.slice(MORE_DECISIONS_SHOWN);
  return [
    {
      stack: [
        { text: MORE_DECISIONS, style: 'h3' },
        decisionsTable(rest.slice(0, MORE_DECISIONS_SHOWN)),
        ...(beyond.length
          ? [
              {
                text: `And ${beyond.length} more (${decisionCounts(beyond)}), for ${namesLine(
                  beyond.map((x) => x.vendorName),
                  10,
                )}.`,
                style: 'note',
              },
            ]
          : []),
      ],
      unbreakable: true,
    },
  ];
}

function coverLines(lines: [string, string][]): Content[] {
  return [keyValues(lines), rule()];
}

function decisionsPart(d: BoardReportData): Content[] {
  if (!d.decisions.length)
    return [
      {
        text: 'None this time: no critical or high vendor is approved with an open knockout, no approval condition is past due, and no rejected vendor is still active.',
        style: 'muted',
      },
    ];
  const rest = d.decisions.slice(DECISIONS_SHOWN);
  const kinds = BOARD_DECISION_KINDS.filter((k) => d.decisions.some((x) => x.kind === k));
  return [
    decisionsTable(d.decisions.slice(0, DECISIONS_SHOWN)),
    ...(rest.length
      ? [
          {
            text: `${rest.length} more (${decisionCounts(rest)}) are set out under “${MORE_DECISIONS}”, after the lists.`,
            style: 'note',
          },
        ]
      : []),
    {
      text: kinds.flatMap((k) => [
        { text: `${BOARD_DECISION_LABELS[k].label}: `, bold: true },
        `${BOARD_DECISION_LABELS[k].ask}. `,
      ]),
      fontSize: 8.5,
      margin: [0, 4, 0, 0],
    },
  ];
}

function figureRow(f: KeyFigure): Content[] {
  const info = KEY_FIGURE_INFO[f.id];
  const show = (v: number | null) => (v === null ? '—' : `${v}${info.unit ?? ''}`);
  const met = meetsTarget(f.id, f.value, f.target);
  return [
    info.label,
    { text: show(f.value), bold: true, color: met === null ? undefined : met ? GOOD : BAD },
    { text: show(f.previous), style: 'muted' },
    show(f.target),
    { text: info.meaning, style: 'small' },
  ];
}

function pageTwo(d: BoardReportData): Content[] {
  return [
    heading('Where the risk sits and how it moves', true),
    { text: 'Heat map: vendors by criticality and control score', style: 'h3', margin: [0, 0, 0, 4] },
    heatMapTable(d),
    {
      text:
        'Rows: how much we depend on the vendor (its criticality). Columns: its control score, higher is better. ' +
        'The redder the cell, the more urgent: important vendors with weak controls. “No score yet” counts vendors ' +
        'not assessed or with too few answers for a score.',
      style: 'note',
    },
    { text: 'Tier trend by quarter', style: 'h3' },
    chart(tierTrendChart(d.trend, 499)),
    { text: 'Changes since the last report', style: 'h3' },
    ...changesPart(d),
  ];
}

function heatMapTable(d: BoardReportData): Content {
  const bands = d.heatMap.rows[0]?.cells.map((c) => c.band) ?? [];
  return {
    table: {
      headerRows: 1,
      widths: [90, ...bands.map(() => '*'), 45],
      body: [
        [
          { text: 'Criticality', style: 'th' },
          ...bands.map((b) => ({ text: SCORE_BAND_LABELS[b], style: 'th', alignment: 'center' })),
          { text: 'Total', style: 'th', alignment: 'center' },
        ],
        ...d.heatMap.rows.map((r) => [
          { text: CRITICALITY_LABELS[r.criticality], bold: true },
          ...r.cells.map((c) => ({
            text: String(c.count),
            alignment: 'center',
            bold: c.count > 0,
            color: c.count ? '#1f2933' : '#9aa5b1',
            fillColor: c.count ? HEAT_FILLS[heatOf(r.criticality, c.band)] : null,
          })),
          { text: String(r.total), alignment: 'center', style: 'muted' },
        ]),
      ],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#ffffff',
      vLineColor: () => '#ffffff',
      paddingTop: () => 6,
      paddingBottom: () => 6,
    },
    margin: [0, 0, 0, 4],
  };
}

function changesPart(d: BoardReportData): Content[] {
  const c = d.changes;
  if (!c)
    return [
      {
        text: d.period.from
          ? `The last report (${d.period.from}) kept only tier counts: critical ${d.keyFigures.find((f) => f.id === 'critical')?.previous ?? '—'}, high ${d.keyFigures.find((f) => f.id === 'high')?.previous ?? '—'}. Vendor by vendor changes start with the next report.`
          : 'This is the first board pack: the next one lists the changes since this one.',
        style: 'muted',
      },
    ];
  const lines = <T>(items: readonly T[], text: (x: T) => string): string =>
    items.length === 0
      ? 'None.'
      : items.slice(0, CHANGES_SHOWN).map(text).join('\n') +
        (items.length > CHANGES_SHOWN ? `\n… and ${items.length - CHANGES_SHOWN} more` : '');
  const cell = (title: string, count: number, body: string, colour?: string) => ({
    stack: [
      { text: `${title} (${count})`, bold: true, color: colour, margin: [0, 0, 0, 2] },
      { text: body, fontSize: 8.5 },
    ],
  });
  return [
    {
      table: {
        widths: ['*', '*'],
        body: [
          [
            cell(
              'Tier moves',
              c.tierMoves.length,
              lines(
                c.tierMoves,
                (m) =>
                  `${m.name}: ${TIER_NAME[m.from]} → ${TIER_NAME[m.to]}${m.worse ? ' (worse)' : betterMove(m) ? ' (better)' : ''}`,
              ),
              c.tierMoves.some((m) => m.worse) ? TIER_COLOURS.critical : undefined,
            ),
            cell(
              'Vendors added and left',
              c.added.length + c.left.length,
              `Added: ${c.added.length ? namesLine(c.added, 8) : 'none'}\nLeft: ${c.left.length ? namesLine(c.left, 8) : 'none'}`,
            ),
          ],
          [
            cell(
              'Knockouts opened',
              c.knockoutsOpened.length,
              lines(c.knockoutsOpened, (k) => `${k.name}: ${headOf(k.message)}`),
              c.knockoutsOpened.length ? TIER_COLOURS.critical : undefined,
            ),
            cell(
              'Knockouts closed',
              c.knockoutsClosed.length,
              lines(c.knockoutsClosed, (k) => `${k.name}: ${headOf(k.message)}`),
              c.knockoutsClosed.length ? GOOD : undefined,
            ),
          ],
        ],
      },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        hLineColor: () => '#c9d1da',
        vLineColor: () => '#c9d1da',
        paddingTop: () => 5,
        paddingBottom: () => 5,
        paddingLeft: () => 6,
        paddingRight: () => 6,
      },
    },
  ];
}
