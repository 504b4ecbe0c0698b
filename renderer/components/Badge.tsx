import type { ReactNode } from 'react';
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
import './Badge.css';

/** A badge's colour: a level of risk, or muted (what does not count). */
export type BadgeTone = 'critical' | 'high' | 'medium' | 'low' | 'muted';

/** A word in a pill; a tone colours it (colour is never the only signal: the word is there). */
export function Badge({
  tone,
  className,
  testId,
  children,
}: {
  tone?: BadgeTone;
  /** Classes beside badge and its tone. */
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const classes = ['badge', tone && `badge-${tone}`, className].filter(Boolean).join(' ');
  return (
    <span className={classes} data-testid={testId}>
      {children}
    </span>
  );
}

/** Criticality as a coloured badge. */
export function CriticalityBadge({ value }: { value: Criticality }) {
  return <Badge tone={value}>{CRITICALITY_LABELS[value]}</Badge>;
}

/** A risk tier as a badge; a vendor without an assessment to go on has none. */
export function TierBadge({ value }: { value: PortfolioTier }) {
  if (value === 'unassessed') return <Badge tone="muted">Not assessed</Badge>;
  return <Badge tone={value}>{TIER_LABELS[value]}</Badge>;
}

/** Relationship status as a badge (an offboarded vendor's muted). */
export function StatusBadge({ value }: { value: VendorStatus }) {
  return <Badge tone={value === 'offboarded' ? 'muted' : undefined}>{STATUS_LABELS[value]}</Badge>;
}

/** The category's label. */
export function categoryLabel(value: VendorCategory): string {
  return CATEGORY_LABELS[value];
}
