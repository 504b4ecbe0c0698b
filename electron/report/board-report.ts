/**
 * The board report: the portfolio on one page (tiers, change since the last report, top
 * risks), tier distribution and trend charts, open knockouts, overdue reassessments,
 * expiring evidence, clause gaps, device posture, then one page per critical or high
 * vendor. Long lists are cut at BOARD_LIST_LIMIT rows with a note saying how many more.
 */
import { barChart, domainScoreChart, lineChart, type ChartTone } from '../domain/charts';
import { PORTFOLIO_TIERS, type PortfolioTier } from '../domain/portfolio';
import { TIER_LABELS } from '../domain/risk';
import { EVIDENCE_KIND_LABELS } from '../domain/questionnaire';
import { BOARD_LIST_LIMIT, BOARD_VENDOR_PAGES, type BoardReportData, type BoardVendorPage } from './model';
import {
  chart,
  cover,
  dataTable,
  figures,
  heading,
  keyValues,
  pageFrame,
  tierText,
  TIER_COLOURS,
  type Content,
  type DocDefinition,
} from './layout';

const TIER_NAME: Record<PortfolioTier, string> = { ...TIER_LABELS, unassessed: 'Not assessed' };
/** Red flags listed on a vendor's page, so that the page stays one page. */
const FLAGS_PER_PAGE = 12;

/** The board report's pdfmake document. */
export function boardReport(d: BoardReportData): DocDefinition {
  const s = d.summary;
  return pageFrame({
    title: 'Vendor risk — board report',
    generated: d.generated,
    trailHead: d.trailHead,
    content: [
      ...cover({
        kind: 'Board report',
        title: 'Vendor risk portfolio',
        lines: [
          ...(d.company ? [['Company', d.company] as [string, string]] : []),
          ['Date', d.generated],
          ['Prepared by', d.author],
          [
            'Vendors',
            `${s.totals.vendors} (${s.totals.assessed} with a tier, ${s.totals.unassessed} not yet` +
              `${s.totals.provisional ? `, of them ${s.totals.provisional} with a provisional score` : ''}` +
              `; ${s.totals.offboarded} offboarded left out)`,
          ],
          ['Average control score', s.totals.averageScore === null ? '—' : `${s.totals.averageScore} of 100`],
        ],
      }),
      figures(
        (['critical', 'high', 'medium', 'low', 'unassessed'] as const).map((t) => ({
          value: String(s.tiers[t]),
          label: `${TIER_NAME[t]}${changeText(d, t)}`,
          colour: TIER_COLOURS[t],
        })),
      ),
      {
        text: d.history.length
          ? `Change since the last board report (${d.history[d.history.length - 1]!.date}) is shown under each figure.`
          : 'This is the first board report: later reports show the change since this one.',
        style: 'note',
      },
      { text: 'Top risks', style: 'h3' },
      dataTable(
        ['Vendor', 'Tier', 'Residual risk', 'Score', 'Knockouts'],
        s.topRisks.map((v) => [
          v.name,
          tierText(v.tier, TIER_LABELS[v.tier]),
          String(v.residual),
          v.score === null ? '—' : `${v.score.toFixed(0)}${v.provisional ? ' (provisional)' : ''}`,
          String(v.knockouts),
        ]),
        ['*', 60, 70, 45, 55],
      ),
      heading('Tier distribution and trend', true),
      chart(
        barChart({
          bars: PORTFOLIO_TIERS.map((t) => ({
            label: TIER_NAME[t],
            value: s.tiers[t],
            tone: t as ChartTone,
          })),
          max: Math.max(1, ...PORTFOLIO_TIERS.map((t) => s.tiers[t])),
          width: 499,
          summary: 'Vendors by tier',
        }),
      ),
      ...trendPart(d),
      heading('Open knockouts'),
      limited(
        dataTable(
          ['Vendor', 'Severity', 'Knockout flag'],
          s.knockouts
            .slice(0, BOARD_LIST_LIMIT)
            .map((k) => [k.vendorName, { text: k.severity, color: TIER_COLOURS[k.severity] }, k.message]),
          [130, 55, '*'],
        ),
        s.knockouts.length,
        'knockouts',
      ),
      heading('Overdue reassessments'),
      limited(
        dataTable(
          ['Vendor', 'Tier', 'Last assessed', 'Due', 'Days overdue'],
          s.reassessments.overdue
            .slice(0, BOARD_LIST_LIMIT)
            .map((r) => [
              r.vendorName,
              tierText(r.tier, TIER_LABELS[r.tier]),
              r.lastAssessed,
              r.due,
              String(r.days),
            ]),
          ['*', 60, 70, 70, 60],
        ),
        s.reassessments.overdue.length,
        'overdue reassessments',
      ),
      heading('Expiring evidence'),
      ...evidencePart(d),
      heading('Contract clause gaps'),
      limited(
        dataTable(
          ['Vendor', 'Missing clauses', 'Deviating clauses', 'Legal review'],
          d.clauseGaps
            .slice(0, BOARD_LIST_LIMIT)
            .map((g) => [
              g.vendorName,
              String(g.missing),
              String(g.deviating),
              g.needsReview ? 'Needed' : '—',
            ]),
          ['*', 75, 80, 65],
        ),
        d.clauseGaps.length,
        'vendors with clause gaps',
      ),
      heading('Device posture'),
      ...devicePart(d),
      ...d.vendorPages.flatMap(vendorPage),
      ...(d.vendorPagesLeftOut
        ? [
            {
              text: `${d.vendorPagesLeftOut} more critical or high vendors are not given a page here (the report gives one to the ${BOARD_VENDOR_PAGES} with the highest residual risk); the app lists them all.`,
              style: 'note',
            },
          ]
        : []),
    ],
  });
}

function changeText(d: BoardReportData, tier: PortfolioTier): string {
  const last = d.history[d.history.length - 1];
  if (!last) return '';
  const delta = d.summary.tiers[tier] - last.tiers[tier];
  return delta === 0 ? ' (no change)' : ` (${delta > 0 ? '+' : '−'}${Math.abs(delta)})`;
}

function trendPart(d: BoardReportData): Content[] {
  const points = [...d.history, { date: `${d.generated.slice(0, 10)} (now)`, tiers: d.summary.tiers }];
  if (points.length < 2)
    return [{ text: 'The trend starts with the next board report (one point so far).', style: 'note' }];
  return [
    { text: 'Vendors by tier at each board report', style: 'h3' },
    chart(
      lineChart({
        xLabels: points.map((p) => p.date.slice(0, 10)),
        series: (['critical', 'high', 'medium', 'low'] as const).map((t) => ({
          label: TIER_NAME[t],
          tone: t,
          values: points.map((p) => p.tiers[t]),
        })),
        width: 499,
        height: 210,
        summary: 'Vendors by tier over time',
      }),
    ),
  ];
}

function evidencePart(d: BoardReportData): Content[] {
  const e = d.summary.evidence;
  const bands: [string, typeof e.expired][] = [
    ['Expired', e.expired],
    ['Within 30 days', e.days0to30],
    ['In 31–60 days', e.days31to60],
    ['In 61–90 days', e.days61to90],
  ];
  const all = bands.flatMap(([band, items]) => items.map((i) => ({ band, ...i })));
  return [
    keyValues(bands.map(([band, items]) => [band, `${items.length} file${items.length === 1 ? '' : 's'}`])),
    limited(
      dataTable(
        ['Vendor', 'File', 'Type', 'Stops counting', 'When'],
        all
          .slice(0, BOARD_LIST_LIMIT)
          .map((i) => [i.vendorName, i.fileName, EVIDENCE_KIND_LABELS[i.kind], i.expiresAt, i.band]),
        [100, '*', 90, 65, 70],
      ),
      all.length,
      'evidence files',
    ),
  ];
}

function devicePart(d: BoardReportData): Content[] {
  if (!d.devices.devices) return [{ text: 'No device inventory imported.', style: 'muted' }];
  const open = d.devices.byCheck.filter((c) => c.open > 0);
  return [
    { text: `${d.devices.devices} devices in the inventory.`, margin: [0, 0, 0, 4] },
    open.length
      ? chart(
          barChart({
            bars: open.map((c) => ({ label: c.label, value: c.open, tone: 'high' })),
            max: Math.max(...open.map((c) => c.open)),
            width: 499,
            summary: 'Open device findings by check',
          }),
        )
      : { text: 'No open device finding.', style: 'muted' },
    dataTable(
      ['Vendor', 'Open device findings'],
      d.devices.byVendor.slice(0, 15).map((v) => [v.vendorName, String(v.open)]),
      ['*', 110],
    ),
  ];
}

function vendorPage(v: BoardVendorPage): Content[] {
  return [
    heading(v.name, true),
    figures([
      { value: TIER_LABELS[v.tier], label: 'Risk tier', colour: TIER_COLOURS[v.tier] },
      {
        value: v.score === null ? '—' : v.score.toFixed(0),
        label: v.provisional ? 'Control score (provisional)' : 'Control score (higher is better)',
      },
      { value: String(v.residual), label: 'Residual risk (higher is worse)' },
      { value: `${Math.round(v.completeness * 100)}%`, label: 'Answered' },
    ]),
    keyValues([
      ['Decision', v.decision ?? 'None recorded'],
      ['Next reassessment', v.nextReassessment ?? '—'],
      ['Contract clause gaps', String(v.clauseGaps)],
      ['Open device findings', String(v.deviceFindings)],
    ]),
    ...(v.domains.some((d) => d.applicable > 0) ? [chart(domainScoreChart(v.domains, 499))] : []),
    { text: 'Red flags, knockouts and the most severe first', style: 'h3' },
    dataTable(
      ['Severity', 'Red flag'],
      v.flags
        .slice(0, FLAGS_PER_PAGE)
        .map((f) => [
          { text: `${f.severity}${f.knockout ? ' · knockout' : ''}`, color: TIER_COLOURS[f.severity] },
          f.message,
        ]),
      [100, '*'],
    ),
    ...(v.flags.length > FLAGS_PER_PAGE
      ? [
          {
            text: `${v.flags.length - FLAGS_PER_PAGE} more red flags in the vendor report and the app.`,
            style: 'note',
          },
        ]
      : []),
  ];
}

/** A table cut at BOARD_LIST_LIMIT rows, with a note of how many were left out. */
function limited(table: Content, total: number, what: string): Content {
  if (total <= BOARD_LIST_LIMIT) return table;
  return {
    stack: [
      table,
      { text: `Showing ${BOARD_LIST_LIMIT} of ${total} ${what}; the app lists them all.`, style: 'note' },
    ],
  };
}
