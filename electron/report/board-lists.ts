/**
 * The board pack's lists (pages three and four): the top risks with service, owner, the next
 * action and its due date; knockouts grouped by theme; contract gaps grouped by clause;
 * coverage against the reassessment policy; device posture by maker. Each list is one line
 * per group, cut to fit its page with a count of the rest.
 */
import { CRITICALITY_LABELS } from '../domain/vendor';
import { TIER_LABELS } from '../domain/risk';
import { mergeSameGaps, messageHead, namesLine, onTimeShare } from '../domain/board-groups';
import type { BoardReportData } from './model';
import { dataTable, heading, TIER_COLOURS, tierText, type Content } from './layout';

/** Knockout themes and clauses listed; the rest are counted. */
const THEMES_SHOWN = 12;
const CLAUSES_SHOWN = 12;

/** A compact data table: the report's data table (header row, hairlines, zebra rows) at 8.5 pt, closer set. */
export function smallTable(
  headers: readonly string[],
  rows: readonly (readonly Content[])[],
  widths: readonly (number | string)[],
): Content {
  const table = dataTable(headers, rows, widths) as { layout?: object };
  if (rows.length === 0 || !table.layout) return table;
  return {
    ...table,
    fontSize: 8.5,
    layout: { ...table.layout, paddingTop: () => 2.5, paddingBottom: () => 2.5 },
    margin: [0, 0, 0, 6],
  };
}

/** The text cut at a word to at most `max` characters, with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : cut.length).replace(/[,.;:]$/, '')}…`;
}

/** "3 vendors: A, B, C" (names cut to `max`). */
function vendorsLine(names: readonly string[], max: number): string {
  return `${names.length} vendor${names.length === 1 ? '' : 's'}: ${namesLine(names, max)}`;
}

/** Keeps a section's heading with its start (never a heading alone at a page's foot). */
function section(parts: Content[]): Content {
  return { stack: parts, unbreakable: true };
}

const more = (shown: number, total: number, what: string): Content[] =>
  total > shown
    ? [{ text: `And ${total - shown} more ${what}, each touching fewer vendors.`, style: 'note' }]
    : [];

/** Pages three on: the lists, each section kept whole on a page where it fits. */
export function boardLists(d: BoardReportData): Content[] {
  const gapGroups = mergeSameGaps(d.clauseGaps.gaps);
  return [
    heading('Top risks, knockouts, contracts and coverage', true),
    { text: 'Top risks', style: 'h3', margin: [0, 0, 0, 2] },
    {
      text: 'The ten vendors with the highest residual risk (0–100, higher is worse). Control score: 0–100, higher is better.',
      style: 'note',
      margin: [0, 0, 0, 4],
    },
    smallTable(
      ['Vendor and service', 'Tier', 'Risk', 'Score', 'Owner', 'Next action', 'Due'],
      d.topRisks.map((r) => [
        {
          stack: [
            { text: r.name, bold: true },
            ...(r.services ? [{ text: shorten(r.services, 38), fontSize: 7.5, color: '#52606d' }] : []),
          ],
        },
        tierText(r.tier, TIER_LABELS[r.tier]),
        r.residual.toFixed(1),
        r.score === null ? '—' : `${r.score.toFixed(0)}${r.provisional ? '*' : ''}`,
        { text: r.owner || 'Unassigned', fontSize: 8 },
        { text: r.action, fontSize: 8 },
        r.due,
      ]),
      [108, 48, 26, 28, 68, '*', 60],
    ),
    ...(d.topRisks.some((r) => r.provisional)
      ? [
          {
            text: '* Provisional score: too few questions answered; the tier is set by a knockout.',
            style: 'note',
          },
        ]
      : []),
    section([
      { text: 'Open knockouts by theme', style: 'h3' },
      {
        text: 'A knockout is a red flag that raises the vendor’s tier to at least high whatever its score (for example refusing audit logs, or devices whose firmware is not signed).',
        style: 'note',
        margin: [0, 0, 0, 4],
      },
      smallTable(
        ['Theme', 'Severity', 'Vendors'],
        d.knockoutThemes
          .slice(0, THEMES_SHOWN)
          .map((t) => [
            t.theme,
            { text: t.severity, color: TIER_COLOURS[t.severity] },
            vendorsLine(t.vendors, 6),
          ]),
        ['*', 50, 200],
      ),
      ...more(THEMES_SHOWN, d.knockoutThemes.length, 'knockout themes'),
    ]),
    section([
      { text: 'Contract gaps by clause', style: 'h3' },
      {
        text: 'Clauses with the same vendors short are on one line. Missing: the contract lacks the clause. Short of our position: the agreed terms are worse than we require, or contradict the vendor’s answers.',
        style: 'note',
        margin: [0, 0, 0, 4],
      },
      smallTable(
        ['Clauses', 'Missing from the contract', 'Short of our position'],
        gapGroups
          .slice(0, CLAUSES_SHOWN)
          .map((g) => [
            g.clauses.join('; '),
            g.missing.length ? vendorsLine(g.missing, 4) : '—',
            g.deviating.length ? vendorsLine(g.deviating, 4) : '—',
          ]),
        [150, '*', '*'],
      ),
      ...more(CLAUSES_SHOWN, gapGroups.length, 'groups of clauses with gaps'),
      ...(d.clauseGaps.unrecorded
        ? [
            {
              text: `${d.clauseGaps.unrecorded === 1 ? '1 vendor has' : `${d.clauseGaps.unrecorded} vendors have`} no contract clause recorded yet and are not counted above.`,
              style: 'note',
            },
          ]
        : []),
    ]),
    section([
      { text: 'Coverage against policy: assessed on time', style: 'h3' },
      smallTable(
        ['Criticality', 'Vendors', 'On time', 'Overdue', 'Never assessed', 'On time (higher is better)'],
        d.coverage.map((c) => {
          const share = onTimeShare(c);
          return [
            CRITICALITY_LABELS[c.criticality],
            String(c.vendors),
            String(c.onTime),
            { text: String(c.overdue), color: c.overdue ? TIER_COLOURS.high : undefined },
            { text: String(c.never), color: c.never ? TIER_COLOURS.high : undefined },
            { text: share === null ? '—' : `${share}%`, bold: true },
          ];
        }),
        ['*', 50, 50, 50, 75, 110],
      ),
      {
        text: 'Policy: every critical and high criticality vendor is assessed, and reassessed before its due date.',
        style: 'note',
      },
    ]),
    section([
      { text: 'Device posture by maker', style: 'h3' },
      ...(d.devices.devices
        ? [
            {
              text: `${d.devices.devices} edge devices in the inventory. Open findings are failed device checks (unsupported firmware, default credentials and the like): fewer is better. On exploited firmware: devices running firmware with a vulnerability in the known exploited catalog (CISA KEV), to be fixed or mitigated now.`,
              style: 'note',
              margin: [0, 0, 0, 4],
            },
            smallTable(
              ['Maker', 'Devices', 'Open findings', 'On exploited firmware', 'Most common finding'],
              d.devices.makers.map((m) => [
                m.name ?? { text: 'Maker not linked to a vendor', italics: true },
                String(m.devices),
                String(m.open),
                m.exploited ? { text: String(m.exploited), bold: true, color: TIER_COLOURS.critical } : '0',
                m.worst ?? '—',
              ]),
              ['*', 45, 55, 65, 150],
            ),
          ]
        : [{ text: 'No device inventory imported.', style: 'muted' }]),
    ]),
  ];
}

/**
 * A flag's message as one line of a board table: what precedes its details (" — " and the
 * CVEs, dates and fixes after it), at most 160 characters.
 */
export function headOf(message: string, max = 160): string {
  const head = messageHead(message);
  return head.length <= max ? head : `${head.slice(0, max - 1).trimEnd()}…`;
}
