/**
 * The board pack's figures: what changed since the last board report (from the snapshot
 * each report keeps), the decisions the board is asked for, and the headline of page one.
 * Pure and deterministic: the same figures always give the same words.
 *
 * Decisions the board is asked for:
 * - risk acceptance: a vendor in the critical or high tier (or of critical or high
 *   criticality) whose latest decision approves it (with or without conditions) while it
 *   has open knockouts now — whether they were open when it was approved or opened since,
 *   the approval standing accepts that risk, and the board confirms it or orders remediation;
 * - condition past due: a condition of an approval whose due date has passed — extend it
 *   or withdraw the approval;
 * - vendor to exit: the latest decision rejects the vendor but it is still active — fund
 *   the exit or reverse the decision.
 */
import type { PortfolioTier } from './portfolio';
import type { Criticality, VendorStatus } from './vendor';
import type { DecisionKind } from './decision';
import { KEY_FIGURES, type KeyFigureId } from './board-targets';

/** One vendor as a board report remembers it, to tell the next report what changed. */
export interface BoardVendorSnapshot {
  id: string;
  name: string;
  tier: PortfolioTier;
  /** The messages of its open knockouts. */
  knockouts: string[];
}

/** A board report's remembered figures (older points have only `date` and `tiers`). */
export interface BoardPoint {
  date: string;
  tiers: Record<PortfolioTier, number>;
  vendors?: BoardVendorSnapshot[];
  figures?: Partial<Record<KeyFigureId, number | null>>;
}

const TIER_ORDER: Record<PortfolioTier, number> = { unassessed: -1, low: 0, medium: 1, high: 2, critical: 3 };

export interface TierMove {
  name: string;
  from: PortfolioTier;
  to: PortfolioTier;
  /** Moved to a more severe tier (from "not assessed" counts as neither). */
  worse: boolean;
}

export interface BoardChanges {
  tierMoves: TierMove[];
  knockoutsOpened: { name: string; message: string }[];
  knockoutsClosed: { name: string; message: string }[];
  added: string[];
  left: string[];
}

/** A move to a less severe tier (from or to "not assessed" counts as neither). */
export const betterMove = (m: TierMove): boolean =>
  !m.worse && m.from !== 'unassessed' && m.to !== 'unassessed';

/** What changed between the last report's snapshot and today's; null when the last kept none. */
export function boardChanges(
  previous: readonly BoardVendorSnapshot[] | undefined,
  now: readonly BoardVendorSnapshot[],
): BoardChanges | null {
  if (!previous) return null;
  const before = new Map(previous.map((v) => [v.id, v]));
  const after = new Map(now.map((v) => [v.id, v]));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const out: BoardChanges = { tierMoves: [], knockoutsOpened: [], knockoutsClosed: [], added: [], left: [] };
  for (const v of now) {
    const was = before.get(v.id);
    if (!was) {
      out.added.push(v.name);
      continue;
    }
    if (was.tier !== v.tier)
      out.tierMoves.push({
        name: v.name,
        from: was.tier,
        to: v.tier,
        worse:
          was.tier !== 'unassessed' && v.tier !== 'unassessed' && TIER_ORDER[v.tier] > TIER_ORDER[was.tier],
      });
    for (const m of new Set(v.knockouts))
      if (!was.knockouts.includes(m)) out.knockoutsOpened.push({ name: v.name, message: m });
    for (const m of new Set(was.knockouts))
      if (!v.knockouts.includes(m)) out.knockoutsClosed.push({ name: v.name, message: m });
  }
  for (const v of previous) if (!after.has(v.id)) out.left.push(v.name);
  out.tierMoves.sort(
    (a, b) => Number(b.worse) - Number(a.worse) || TIER_ORDER[b.to] - TIER_ORDER[a.to] || byName(a, b),
  );
  out.knockoutsOpened.sort(byName);
  out.knockoutsClosed.sort(byName);
  out.added.sort((a, b) => a.localeCompare(b));
  out.left.sort((a, b) => a.localeCompare(b));
  return out;
}

/** What the decisions need of one vendor. */
export interface DecisionVendor {
  id: string;
  name: string;
  status: VendorStatus;
  criticality: Criticality;
  tier: PortfolioTier;
  knockouts: string[];
  /** The latest decision and its date, if any. */
  decision: { kind: DecisionKind; at: string } | null;
}

export const BOARD_DECISION_KINDS = ['accept', 'condition', 'exit'] as const;
export type BoardDecisionKind = (typeof BOARD_DECISION_KINDS)[number];

/** Headings of the decision kinds and what the board is asked. */
export const BOARD_DECISION_LABELS: Record<BoardDecisionKind, { label: string; ask: string }> = {
  accept: {
    label: 'Risk acceptance',
    ask: 'a critical or high vendor whose approval stands while knockouts are open; accept the risk, or order remediation',
  },
  condition: { label: 'Condition past due', ask: 'extend the due date, or withdraw the approval' },
  exit: {
    label: 'Vendor to exit',
    ask: 'rejected yet still active; fund and date the exit, or reverse the rejection',
  },
};

export interface BoardDecision {
  kind: BoardDecisionKind;
  vendorName: string;
  /** The facts, in words. */
  detail: string;
}

/** The decisions the board is asked for (see the module comment), risk acceptances first. */
export function boardDecisions(
  vendors: readonly DecisionVendor[],
  conditionsPastDue: readonly {
    vendorName: string;
    text: string;
    owner: string;
    due: string;
    days: number;
  }[],
): BoardDecision[] {
  const serious = (v: DecisionVendor) =>
    v.tier === 'critical' || v.tier === 'high' || v.criticality === 'critical' || v.criticality === 'high';
  const accept = vendors
    .filter(
      (v) =>
        v.status !== 'offboarded' &&
        v.knockouts.length > 0 &&
        serious(v) &&
        (v.decision?.kind === 'approve' || v.decision?.kind === 'approve-with-conditions'),
    )
    .sort((a, b) => TIER_ORDER[b.tier] - TIER_ORDER[a.tier] || a.name.localeCompare(b.name))
    .map((v) => ({
      kind: 'accept' as const,
      vendorName: v.name,
      detail:
        // The approval's date and the knockouts open now: not "approved with", which would
        // say they were open when it was given (they may have opened since).
        `${v.tier === 'unassessed' ? 'No tier' : `${cap(v.tier)} tier`}; approved ${v.decision!.at.slice(0, 10)}, ` +
        `${v.knockouts.length === 1 ? 'a knockout open now' : `${v.knockouts.length} knockouts open now`}: ` +
        (v.knockouts.length > 1
          ? `${v.knockouts[0]!.replace(/\.$/, '')} and ${v.knockouts.length - 1} more`
          : v.knockouts[0]),
    }));
  const condition = [...conditionsPastDue]
    .sort((a, b) => b.days - a.days || a.vendorName.localeCompare(b.vendorName))
    .map((c) => ({
      kind: 'condition' as const,
      vendorName: c.vendorName,
      detail: `“${c.text}” (owner ${c.owner || 'unassigned'}) was due ${c.due}, ${c.days} day${c.days === 1 ? '' : 's'} ago`,
    }));
  const exit = vendors
    .filter((v) => v.status === 'active' && v.decision?.kind === 'reject')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((v) => ({
      kind: 'exit' as const,
      vendorName: v.name,
      detail: `Rejected ${v.decision!.at.slice(0, 10)} and still an active vendor`,
    }));
  return [...accept, ...condition, ...exit];
}

/** One key figure with the last report's value and the target beside it. */
export interface KeyFigure {
  id: KeyFigureId;
  value: number | null;
  previous: number | null;
  target: number | null;
}

/** The key figures in page-one order, each with its previous value (null when not known). */
export function keyFigures(
  now: Record<KeyFigureId, number | null>,
  previous: BoardPoint | undefined,
  targets: Record<KeyFigureId, number | null>,
): KeyFigure[] {
  return KEY_FIGURES.map((id) => {
    const kept = previous?.figures?.[id];
    const fromTiers = id === 'critical' || id === 'high' ? (previous?.tiers[id] ?? null) : null;
    return { id, value: now[id], previous: kept === undefined ? fromTiers : kept, target: targets[id] };
  });
}

/** What the headline needs. */
export interface HeadlineInput {
  /** The date of the last board report (null: this is the first). */
  since: string | null;
  changes: BoardChanges | null;
  tiers: Record<PortfolioTier, number>;
  previousTiers: Record<PortfolioTier, number> | null;
  worst: { name: string; tier: PortfolioTier; residual: number; knockouts: number } | null;
  decisions: readonly BoardDecision[];
}

/** "1 vendor", "2 vendors": a count with its noun. */
const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Page one's headline: two or three sentences — what changed, what is worst, what is asked. */
export function boardHeadline(h: HeadlineInput): string {
  const sentences: string[] = [];
  if (!h.since) {
    sentences.push(
      `This is the first board pack: ${n(h.tiers.critical, 'vendor stands', 'vendors stand')} in the critical tier and ${h.tiers.high} in the high tier.`,
    );
  } else if (h.changes) {
    const c = h.changes;
    const worse = c.tierMoves.filter((m) => m.worse).length;
    const better = c.tierMoves.filter(betterMove).length;
    const parts = [
      worse || better
        ? `${n(worse, 'vendor')} moved to a worse tier and ${better} to a better one`
        : 'no vendor changed tier',
      `${n(c.knockoutsOpened.length, 'knockout')} opened and ${c.knockoutsClosed.length} closed`,
    ];
    if (c.added.length || c.left.length)
      parts.push(`${n(c.added.length, 'vendor')} added and ${c.left.length} left`);
    sentences.push(`Since the last report on ${h.since}, ${joinWords(parts)}.`);
  } else {
    const p = h.previousTiers;
    sentences.push(
      p
        ? `Since the last report on ${h.since}, critical vendors went from ${p.critical} to ${h.tiers.critical} and high from ${p.high} to ${h.tiers.high}.`
        : `The last report was on ${h.since}.`,
    );
  }
  sentences.push(
    h.worst
      ? `The largest risk is ${h.worst.name}: ${h.worst.tier} tier, residual risk ${h.worst.residual} of 100${
          h.worst.knockouts ? `, ${n(h.worst.knockouts, 'open knockout')}` : ''
        }.`
      : 'No vendor has been assessed yet, so no risk can be ranked.',
  );
  sentences.push(
    h.decisions.length
      ? `The board is asked to decide on ${decisionCounts(h.decisions)}.`
      : 'No decision is asked of the board this time.',
  );
  return sentences.join(' ');
}

/** "2 risk acceptances and 1 vendor to exit": the decisions counted by kind. */
export function decisionCounts(decisions: readonly Pick<BoardDecision, 'kind'>[]): string {
  const count = (k: BoardDecision['kind']) => decisions.filter((d) => d.kind === k).length;
  const asked = [
    [count('accept'), 'risk acceptance'],
    [count('condition'), 'condition past due', 'conditions past due'],
    [count('exit'), 'vendor to exit', 'vendors to exit'],
  ] as const;
  return joinWords(asked.filter(([c]) => c > 0).map(([c, one, many]) => n(c, one, many)));
}

/** "a, b and c". */
export function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
