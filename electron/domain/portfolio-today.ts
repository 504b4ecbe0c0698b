/**
 * "Today": the short queue of what needs someone now, at the top of the dashboard — open
 * knockouts, approval conditions past due, evidence expired or expiring within 30 days,
 * critical or high vendors overdue for reassessment or never assessed, legal sign-offs
 * reopened — grouped by kind in order of urgency, each item with the place that fixes it.
 * Also the per-area counts of what needs attention (the sidebar's badges). Pure: built from
 * the dashboard figures (domain/portfolio) and a few facts the service reads beside them.
 */
import { z } from 'zod';
import { SEVERITIES } from './questionnaire';
import { CLAUSE_QUESTIONNAIRE_ID } from './clauses';
import { DEVICE_QUESTIONNAIRE_ID } from './device-checks';
import { CRITICALITIES, type Criticality } from './vendor';
import { PortfolioSummarySchema, type PortfolioSummary } from './portfolio';
import { DASHBOARD_FIGURES } from './vendor-list';
import { HeatMapSchema } from './heat-map';

/** The kinds of item, most urgent first (the order the groups are shown in). */
export const TODAY_KINDS = [
  'knockout',
  'exploitedFirmware',
  'condition',
  'evidenceExpired',
  'overdue',
  'neverAssessed',
  'evidenceExpiring',
  'legalReopened',
] as const;
export type TodayKind = (typeof TODAY_KINDS)[number];

/** Headings of the groups. */
export const TODAY_KIND_LABELS: Record<TodayKind, string> = {
  knockout: 'Open knockouts',
  exploitedFirmware: 'Devices on exploited firmware',
  condition: 'Conditions past due',
  evidenceExpired: 'Evidence expired',
  overdue: 'Reassessment overdue (critical or high)',
  neverAssessed: 'Never assessed (critical or high)',
  evidenceExpiring: 'Evidence expiring within 30 days',
  legalReopened: 'Legal reviews reopened',
};

/** How many items each group shows; the rest are "and N more". */
export const TODAY_PER_KIND = 3;
/** How far ahead expiring evidence belongs in Today (the rest waits on the list's 60/90-day filters). */
export const TODAY_EVIDENCE_DAYS = 30;

/** Where an item's button goes. */
export const TodayActionSchema = z.discriminatedUnion('open', [
  z.object({ open: z.literal('vendor'), vendorId: z.string() }),
  z.object({ open: z.literal('contract'), vendorId: z.string() }),
  /** A vendor's Devices tab, where its devices' known vulnerabilities are. */
  z.object({ open: z.literal('vendorDevices'), vendorId: z.string() }),
  /** The advisories (a maker linked to none of our vendors). */
  z.object({ open: z.literal('advisories') }),
  /** An evidence file: shown on its vendor's page, with its validity. */
  z.object({ open: z.literal('evidence'), vendorId: z.string(), evidenceId: z.string() }),
  z.object({
    open: z.literal('question'),
    assessmentId: z.string(),
    questionnaireId: z.string(),
    questionId: z.string(),
  }),
]);
export type TodayAction = z.infer<typeof TodayActionSchema>;

export const TodayItemSchema = z.object({
  kind: z.enum(TODAY_KINDS),
  /** The vendor it concerns; for a maker linked to none of our vendors, the maker's own name as id. */
  vendorId: z.string(),
  vendorName: z.string(),
  criticality: z.enum(CRITICALITIES).nullable(),
  /** What needs doing, in words (the flag, the condition, the file). */
  text: z.string(),
  /** When, in words ("12 days late", "expires in 10 days", "never assessed"). */
  when: z.string(),
  /** The button's label ("Open question", "Open contract"…). */
  actionLabel: z.string(),
  action: TodayActionSchema,
});
export type TodayItem = z.infer<typeof TodayItemSchema>;

export const TodayGroupSchema = z.object({
  kind: z.enum(TODAY_KINDS),
  label: z.string(),
  /** Items in the group (all of them, not only those shown). */
  count: z.number().int(),
  /** Distinct vendors among them. */
  vendors: z.number().int(),
  /** The most urgent {@link TODAY_PER_KIND}. */
  items: z.array(TodayItemSchema),
  /** The vendor list figure behind "and N more" (null: the page of `more`). */
  figure: z.enum(DASHBOARD_FIGURES).nullable(),
  /** Where "and N more" goes when no vendor list figure holds the group. */
  more: z.enum(['legal', 'advisories']).nullable(),
});
export type TodayGroup = z.infer<typeof TodayGroupSchema>;

/** Per-area counts of what needs attention (the sidebar's badges). */
export const AttentionSchema = z.object({
  /** Vendors with an open knockout, a condition past due, or evidence expired or expiring within 30 days. */
  vendors: z.number().int(),
  /** Vendors whose legal sign-off was reopened by a clause change. */
  legal: z.number().int(),
  /** Open findings on devices in the inventory. */
  devices: z.number().int(),
  /** Critical or high vendors to assess: never assessed or overdue for reassessment. */
  assessments: z.number().int(),
});
export type Attention = z.infer<typeof AttentionSchema>;

export const TodayQueueSchema = z.object({
  /** Groups with at least one item, most urgent kind first. */
  groups: z.array(TodayGroupSchema),
  /** Items in all groups. */
  total: z.number().int(),
});
export type TodayQueue = z.infer<typeof TodayQueueSchema>;

/** What `portfolio.summary` returns: the dashboard figures, Today, the heat map and the attention counts. */
export const DashboardSchema = PortfolioSummarySchema.extend({
  queue: TodayQueueSchema,
  heatMap: HeatMapSchema,
  attention: AttentionSchema,
});
export type Dashboard = z.infer<typeof DashboardSchema>;

/** A counted (not offboarded) vendor as Today needs it. */
export interface TodayVendor {
  id: string;
  name: string;
  criticality: Criticality | null;
  /** Counts as assessed (domain/portfolio isAssessed) with a tier of its own. */
  assessed: boolean;
  /** The scored assessment, where its knockouts' questions are. */
  assessmentId: string | null;
}

/** Devices running firmware with a known exploited flaw, by maker (domain/vulnerabilities/summaries). */
export interface ExploitedMaker {
  maker: string;
  devices: number;
  cves: readonly string[];
  /** The vendor the maker is linked to, or null. */
  vendor: { id: string; name: string } | null;
}

/** A vendor's latest legal sign-off, reopened since by a change to a clause. */
export interface ReopenedSignOff {
  vendorId: string;
  reopenedAt: string;
  reopenedClause: string | null;
}

const IMPORTANT: readonly (Criticality | null)[] = ['critical', 'high'];
const rank = (c: Criticality | null) => (c === null ? 0 : CRITICALITIES.indexOf(c) + 1);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Builds the Today queue and the attention counts from the dashboard figures of a day, the
 * counted vendors, the reopened sign-offs and the open device findings.
 */
export function todayQueue(
  summary: Pick<PortfolioSummary, 'knockouts' | 'conditionsPastDue' | 'evidence' | 'reassessments'>,
  vendors: readonly TodayVendor[],
  reopened: readonly ReopenedSignOff[],
  openDeviceFindings = 0,
  exploited: readonly ExploitedMaker[] = [],
  perKind = TODAY_PER_KIND,
): { queue: TodayQueue; attention: Attention } {
  const byId = new Map(vendors.map((v) => [v.id, v]));
  const crit = (id: string) => byId.get(id)?.criticality ?? null;
  const all: Record<TodayKind, (TodayItem & { urgency: number })[]> = {
    knockout: [],
    exploitedFirmware: [],
    condition: [],
    evidenceExpired: [],
    overdue: [],
    neverAssessed: [],
    evidenceExpiring: [],
    legalReopened: [],
  };
  const openVendor = (vendorId: string): TodayAction => ({ open: 'vendor', vendorId });

  for (const k of summary.knockouts) {
    const assessmentId = byId.get(k.vendorId)?.assessmentId ?? null;
    const action: TodayAction =
      k.questionnaireId === CLAUSE_QUESTIONNAIRE_ID
        ? { open: 'contract', vendorId: k.vendorId }
        : k.questionnaireId === DEVICE_QUESTIONNAIRE_ID
          ? { open: 'vendorDevices', vendorId: k.vendorId }
          : assessmentId && k.questionId
            ? { open: 'question', assessmentId, questionnaireId: k.questionnaireId, questionId: k.questionId }
            : openVendor(k.vendorId);
    all.knockout.push({
      kind: 'knockout',
      vendorId: k.vendorId,
      vendorName: k.vendorName,
      criticality: crit(k.vendorId),
      text: k.reason === 'refused' ? `${k.message} (refused to answer)` : k.message,
      when: `${k.severity} severity`,
      actionLabel:
        action.open === 'question'
          ? 'Open question'
          : action.open === 'contract'
            ? 'Open contract'
            : action.open === 'vendorDevices'
              ? 'Open devices'
              : 'Open vendor',
      action,
      urgency: SEVERITIES.length - SEVERITIES.indexOf(k.severity),
    });
  }
  for (const m of exploited) {
    const cves =
      m.cves.length > 2
        ? `${m.cves.slice(0, 2).join(', ')} and ${m.cves.length - 2} more`
        : m.cves.join(', ');
    all.exploitedFirmware.push({
      kind: 'exploitedFirmware',
      vendorId: m.vendor?.id ?? m.maker,
      vendorName: m.vendor?.name ?? m.maker,
      criticality: m.vendor ? crit(m.vendor.id) : null,
      text: `${plural(m.devices, 'device')} of ${m.maker} run firmware exploited in the wild (${cves})`,
      when: 'fix or mitigate now',
      actionLabel: m.vendor ? 'Open devices' : 'Open advisories',
      action: m.vendor ? { open: 'vendorDevices', vendorId: m.vendor.id } : { open: 'advisories' },
      urgency: m.devices,
    });
  }
  for (const c of summary.conditionsPastDue)
    all.condition.push({
      kind: 'condition',
      vendorId: c.vendorId,
      vendorName: c.vendorName,
      criticality: crit(c.vendorId),
      text: `${c.text} (${c.owner})`,
      when: `${plural(c.days, 'day')} late (due ${c.due})`,
      actionLabel: 'Open decision',
      action: openVendor(c.vendorId),
      urgency: c.days,
    });
  const evidenceItem = (
    kind: 'evidenceExpired' | 'evidenceExpiring',
    e: PortfolioSummary['evidence']['expired'][number],
  ) => {
    const action: TodayAction = { open: 'evidence', vendorId: e.vendorId, evidenceId: e.evidenceId };
    all[kind].push({
      kind,
      vendorId: e.vendorId,
      vendorName: e.vendorName,
      criticality: crit(e.vendorId),
      text: e.fileName,
      when:
        e.days < 0
          ? `expired ${e.expiresAt}`
          : e.days === 0
            ? 'expires today'
            : `expires in ${plural(e.days, 'day')}`,
      actionLabel: 'Open evidence',
      action,
      // Expired: the longest gone first; expiring: the soonest first.
      urgency: -e.days,
    });
  };
  for (const e of summary.evidence.expired) evidenceItem('evidenceExpired', e);
  for (const e of summary.evidence.days0to30)
    if (e.days <= TODAY_EVIDENCE_DAYS) evidenceItem('evidenceExpiring', e);
  for (const r of summary.reassessments.overdue) {
    if (!IMPORTANT.includes(crit(r.vendorId))) continue;
    all.overdue.push({
      kind: 'overdue',
      vendorId: r.vendorId,
      vendorName: r.vendorName,
      criticality: crit(r.vendorId),
      text: `Last assessed ${r.lastAssessed}`,
      when: `${plural(r.days, 'day')} overdue`,
      actionLabel: 'Open vendor',
      action: openVendor(r.vendorId),
      urgency: r.days,
    });
  }
  for (const v of vendors) {
    if (v.assessed || !IMPORTANT.includes(v.criticality)) continue;
    all.neverAssessed.push({
      kind: 'neverAssessed',
      vendorId: v.id,
      vendorName: v.name,
      criticality: v.criticality,
      text: v.assessmentId ? 'Assessment started, nothing scored yet' : 'No assessment yet',
      when: 'never assessed',
      actionLabel: 'Open vendor',
      action: openVendor(v.id),
      urgency: 0,
    });
  }
  for (const s of reopened) {
    const v = byId.get(s.vendorId);
    if (!v) continue;
    all.legalReopened.push({
      kind: 'legalReopened',
      vendorId: v.id,
      vendorName: v.name,
      criticality: v.criticality,
      text: s.reopenedClause ? `Sign-off reopened by a change to ${s.reopenedClause}` : 'Sign-off reopened',
      when: `since ${s.reopenedAt.slice(0, 10)}`,
      actionLabel: 'Open contract',
      action: { open: 'contract', vendorId: v.id },
      // The longest waiting first.
      urgency: -Date.parse(s.reopenedAt) / 86_400_000,
    });
  }

  const FIGURES: Record<TodayKind, TodayGroup['figure']> = {
    knockout: 'knockouts',
    exploitedFirmware: null,
    condition: 'conditionsPastDue',
    evidenceExpired: 'evidenceExpired',
    overdue: 'overdueImportant',
    neverAssessed: 'unassessedImportant',
    evidenceExpiring: 'evidence30',
    legalReopened: null,
  };
  const groups: TodayGroup[] = [];
  let total = 0;
  for (const kind of TODAY_KINDS) {
    const items = all[kind];
    if (items.length === 0) continue;
    // The most important vendor first, then the most urgent item, then by name.
    items.sort(
      (a, b) =>
        rank(b.criticality) - rank(a.criticality) ||
        b.urgency - a.urgency ||
        a.vendorName.localeCompare(b.vendorName) ||
        a.text.localeCompare(b.text),
    );
    total += items.length;
    groups.push({
      kind,
      label: TODAY_KIND_LABELS[kind],
      count: items.length,
      vendors: new Set(items.map((i) => i.vendorId)).size,
      items: items.slice(0, perKind).map(({ urgency: _urgency, ...item }) => item),
      figure: FIGURES[kind],
      more: FIGURES[kind] ? null : kind === 'legalReopened' ? 'legal' : 'advisories',
    });
  }

  const vendorIds = new Set(
    [...all.knockout, ...all.condition, ...all.evidenceExpired, ...all.evidenceExpiring].map(
      (i) => i.vendorId,
    ),
  );
  const toAssess = new Set([...all.overdue, ...all.neverAssessed].map((i) => i.vendorId));
  return {
    queue: { groups, total },
    attention: {
      vendors: vendorIds.size,
      legal: all.legalReopened.length,
      devices: openDeviceFindings,
      assessments: toAssess.size,
    },
  };
}
