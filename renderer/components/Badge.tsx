import {
  CATEGORY_LABELS,
  CRITICALITY_LABELS,
  STATUS_LABELS,
  type Criticality,
  type VendorCategory,
  type VendorStatus,
} from '../../electron/domain/vendor';
import type { PortfolioTier } from '../../electron/domain/portfolio';
import { TIER_LABELS } from '../../electron/domain/risk';

/** Criticality as a coloured badge (colour is never the only signal: the word is there). */
export function CriticalityBadge({ value }: { value: Criticality }) {
  return <span className={`badge badge-crit-${value}`}>{CRITICALITY_LABELS[value]}</span>;
}

/** A risk tier as a badge; a vendor without an assessment to go on has none. */
export function TierBadge({ value }: { value: PortfolioTier }) {
  if (value === 'unassessed') return <span className="badge badge-status-offboarded">Not assessed</span>;
  return <span className={`badge badge-crit-${value}`}>{TIER_LABELS[value]}</span>;
}

/** Relationship status as a badge. */
export function StatusBadge({ value }: { value: VendorStatus }) {
  return <span className={`badge badge-status-${value}`}>{STATUS_LABELS[value]}</span>;
}

/** The category's label. */
export function categoryLabel(value: VendorCategory): string {
  return CATEGORY_LABELS[value];
}
