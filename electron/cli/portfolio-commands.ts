import { EVIDENCE_KIND_LABELS } from '../domain/questionnaire';
import { PORTFOLIO_TIERS, UPCOMING_DAYS, type PortfolioSummary } from '../domain/portfolio';
import { formatFields, formatTable } from './format';
import { done, failureFromError } from './outcome';
import { request } from './session';
import type { CommandSpec } from './spec';

/** Rows each list shows as text (--json has them all). */
export const PORTFOLIO_LIST_ROWS = 20;

/** `portfolio`: the dashboard's figures. */
export const portfolio: CommandSpec = {
  words: ['portfolio'],
  summary: 'Show the portfolio dashboard: tiers, top risks, knockouts, reassessments, expiring evidence',
  description:
    'Shows the figures of the portfolio dashboard over every vendor except offboarded ones (which are ' +
    'only counted): vendors per risk tier (a vendor without a scored assessment, or with a provisional ' +
    'score on too few answers and no knockout, is "unassessed", not low), the 10 assessed vendors with the highest residual risk, the open knockout flags, overdue ' +
    `reassessments and those due in the next ${UPCOMING_DAYS} days, and evidence that has expired or ` +
    `expires within 30, 60 or 90 days. Lists show at most ${PORTFOLIO_LIST_ROWS} rows; --json has all.`,
  args: [],
  options: {},
  examples: [
    'vendor-risk portfolio',
    "vendor-risk portfolio --json | jq '.reassessments.overdue[] | .vendorName'",
  ],
  async run({ dispatcher }) {
    const result = await request(dispatcher, 'portfolio.summary', {});
    if (!result.ok) return failureFromError(result.error);
    return done(() => formatPortfolio(result.value), result.value);
  },
};

const one = (n: number | null) => (n === null ? '—' : n.toFixed(1));

/** At most PORTFOLIO_LIST_ROWS rows as a table, with a line saying how many more there are. */
function table<T>(headers: readonly string[], items: readonly T[], row: (item: T) => string[]): string {
  if (items.length === 0) return 'None.';
  const shown = formatTable(headers, items.slice(0, PORTFOLIO_LIST_ROWS).map(row), 60);
  const more = items.length - PORTFOLIO_LIST_ROWS;
  return more > 0 ? `${shown}\n… and ${more} more (all are in --json)` : shown;
}

/** The dashboard figures as text. */
export function formatPortfolio(s: PortfolioSummary): string {
  const t = s.totals;
  const head = formatFields([
    ['Date', s.today],
    [
      'Vendors',
      `${t.vendors} (${t.assessed} assessed, ${t.unassessed} not assessed` +
        (t.provisional ? `, ${t.provisional} of them with a provisional score)` : ')') +
        (t.offboarded ? `; ${t.offboarded} offboarded, not counted` : ''),
    ],
    [
      'Average score',
      t.averageScore === null ? '— (no final score yet)' : `${one(t.averageScore)} / 100 (final scores only)`,
    ],
  ]);
  const tiers = formatTable(
    ['TIER', 'VENDORS'],
    PORTFOLIO_TIERS.map((tier) => [tier, String(s.tiers[tier])]),
  );
  const top = table(['VENDOR', 'TIER', 'RESIDUAL', 'SCORE', 'KNOCKOUTS'], s.topRisks, (v) => [
    v.name,
    v.tier,
    one(v.residual),
    `${one(v.score)}${v.provisional ? ' (provisional)' : ''}`,
    String(v.knockouts),
  ]);
  const knockouts = table(['SEVERITY', 'VENDOR', 'MESSAGE'], s.knockouts, (k) => [
    k.severity,
    k.vendorName,
    k.message,
  ]);
  const { overdue, upcoming } = s.reassessments;
  const overdueText = table(['VENDOR', 'TIER', 'LAST ASSESSED', 'DUE', 'DAYS OVERDUE'], overdue, (r) => [
    r.vendorName,
    r.tier,
    r.lastAssessed,
    r.due,
    String(r.days),
  ]);
  const upcomingText = table(['VENDOR', 'TIER', 'LAST ASSESSED', 'DUE', 'IN DAYS'], upcoming, (r) => [
    r.vendorName,
    r.tier,
    r.lastAssessed,
    r.due,
    String(r.days),
  ]);
  const e = s.evidence;
  const expiring = [
    ...e.expired.map((x) => ({ x, when: 'expired' })),
    ...e.days0to30.map((x) => ({ x, when: '≤ 30 days' })),
    ...e.days31to60.map((x) => ({ x, when: '31–60 days' })),
    ...e.days61to90.map((x) => ({ x, when: '61–90 days' })),
  ];
  const evidence = table(['WHEN', 'VENDOR', 'FILE', 'KIND', 'COUNTS UNTIL'], expiring, ({ x, when }) => [
    when,
    x.vendorName,
    x.fileName,
    EVIDENCE_KIND_LABELS[x.kind],
    x.expiresAt,
  ]);

  return [
    head,
    `Tiers:\n${tiers}`,
    `Highest residual risk:\n${top}`,
    `Open knockouts: ${s.knockouts.length}\n${knockouts}`,
    `Overdue reassessments: ${overdue.length}\n${overdueText}`,
    `Reassessments due in the next ${UPCOMING_DAYS} days: ${upcoming.length}\n${upcomingText}`,
    `Evidence: ${e.expired.length} expired, ${e.days0to30.length} within 30 days, ` +
      `${e.days31to60.length} in 31–60 days, ${e.days61to90.length} in 61–90 days\n${evidence}`,
  ].join('\n\n');
}
