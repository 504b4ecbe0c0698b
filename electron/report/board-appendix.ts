/**
 * The board pack's appendix: one page per critical or high vendor (highest residual risk
 * first) with its owner, a legend of the figures, and each red flag's reason in words —
 * the question asked and the answer given.
 */
import { domainScoreChart } from '../domain/charts';
import { TIER_LABELS } from '../domain/risk';
import { CRITICALITY_LABELS } from '../domain/vendor';
import { SEVERITIES } from '../domain/questionnaire';
import { BOARD_VENDOR_PAGES, type BoardReportData, type BoardVendorPage } from './model';
import { chart, figures, heading, TIER_COLOURS, type Content } from './layout';
import { headOf, smallTable } from './board-lists';

/** Red flags listed on a vendor's page, so that the page stays one page. */
const FLAGS_PER_PAGE = 5;

const LEGEND =
  'How to read this page: control score 0–100, higher is better; residual risk 0–100, higher is worse; ' +
  'tiers from worst: critical, high, medium, low. A knockout raises the tier to at least high whatever the score.';

/** The appendix pages. */
export function boardAppendix(d: BoardReportData): Content[] {
  const pages = d.appendix ?? [];
  if (!pages.length)
    return [
      heading('Appendix: critical and high vendors', true),
      { text: 'No vendor is in the critical or high tier.', style: 'muted' },
    ];
  return [
    ...pages.flatMap((v, i) =>
      vendorPage(
        v,
        `Appendix: critical and high vendors, highest residual risk first · ${i + 1} of ${pages.length}`,
      ),
    ),
    ...(d.vendorPagesLeftOut
      ? [
          {
            text: `${d.vendorPagesLeftOut} more critical or high vendors with lower residual risk are not given a page (the appendix holds the ${BOARD_VENDOR_PAGES} highest).`,
            style: 'note',
          },
        ]
      : []),
  ];
}

function vendorPage(v: BoardVendorPage, place: string): Content[] {
  const knockouts = v.flags.filter((f) => f.knockout).length;
  const accepted =
    v.decision?.startsWith('Approved') && v.flags.some((f) => f.knockout)
      ? [
          {
            text: `Accepted risk: the approval stands with ${knockouts === 1 ? 'a knockout' : `${knockouts} knockouts`} open now.`,
            bold: true,
            color: TIER_COLOURS.critical,
            margin: [0, 0, 0, 4],
          },
        ]
      : [];
  const shown = v.flags.slice(0, FLAGS_PER_PAGE);
  const rest = v.flags.slice(FLAGS_PER_PAGE);
  return [
    {
      text: place.toUpperCase(),
      fontSize: 7.5,
      bold: true,
      color: '#52606d',
      characterSpacing: 0.5,
      pageBreak: 'before',
    },
    { text: v.name, style: 'h2', margin: [0, 2, 0, 4] },
    { text: LEGEND, style: 'note', margin: [0, 0, 0, 4] },
    figures([
      { value: TIER_LABELS[v.tier], label: 'Risk tier', colour: TIER_COLOURS[v.tier] },
      {
        value: v.score === null ? '—' : v.score.toFixed(0),
        label: v.provisional ? 'Control score (provisional)' : 'Control score (higher is better)',
      },
      { value: String(v.residual), label: 'Residual risk (higher is worse)' },
      { value: `${Math.round(v.completeness * 100)}%`, label: 'Questions answered' },
    ]),
    ...accepted,
    {
      columns: [
        pairs([
          ['Owner', v.owner || 'Unassigned'],
          ['Criticality', CRITICALITY_LABELS[v.criticality]],
          ['Decision', v.decision ?? 'None recorded'],
        ]),
        pairs([
          ['Next reassessment', v.nextReassessment ?? 'Not scheduled'],
          ['Contract clause gaps', v.clauseGaps === null ? 'No contract recorded' : String(v.clauseGaps)],
          ['Open device findings', String(v.deviceFindings)],
        ]),
      ],
      columnGap: 12,
    },
    ...(v.services ? [{ text: v.services, style: 'small', margin: [0, 0, 0, 4] }] : []),
    ...(v.domains.some((d) => d.applicable > 0)
      ? [
          { text: 'Control score by domain (0–100, higher is better)', style: 'h3', margin: [0, 4, 0, 2] },
          { ...(chart(domainScoreChart(v.domains, 499)) as object), width: 400 },
        ]
      : []),
    { text: 'Why: red flags, knockouts and the most severe first', style: 'h3' },
    smallTable(
      ['Severity', 'Red flag', 'Question asked', 'Answer given'],
      shown.map((f) => [
        { text: `${f.severity}${f.knockout ? ' · knockout' : ''}`, color: TIER_COLOURS[f.severity] },
        headOf(f.message),
        { text: f.question ?? 'From the contract or device checks', fontSize: 8 },
        { text: f.answer ?? '—', fontSize: 8 },
      ]),
      [62, 130, '*', 90],
    ),
    ...(rest.length
      ? [
          {
            text: `And ${rest.length} more red flag${rest.length === 1 ? '' : 's'} of the same or lower severity: ${SEVERITIES.filter(
              (sev) => rest.some((f) => f.severity === sev),
            )
              .map((sev) => `${rest.filter((f) => f.severity === sev).length} ${sev}`)
              .join(', ')}.`,
            style: 'note',
          },
        ]
      : []),
  ];
}

/** Label / value pairs in a half-width column. */
function pairs(rows: readonly (readonly [string, string])[]): Content {
  return {
    table: {
      widths: [88, '*'],
      body: rows.map(([k, v]) => [{ text: k, style: 'muted' }, { text: v || '—' }]),
    },
    layout: 'noBorders',
  };
}
