import type { ReactNode } from 'react';
import {
  CATEGORY_LABELS,
  CRITICALITIES,
  CRITICALITY_LABELS,
  STATUS_LABELS,
  type Criticality,
  type VendorCategory,
  type VendorStatus,
} from '../../electron/domain/vendor';
import type { PortfolioTier } from '../../electron/domain/portfolio';
import { TIER_LABELS, type Tier } from '../../electron/domain/risk';
import './Badge.css';

/** A badge's colour: a level of risk, or muted (what does not count). */
export type BadgeTone = 'critical' | 'high' | 'medium' | 'low' | 'muted';

/** A word in a pill; a tone colours it (colour is never the only signal: the word is there). */
export function Badge({
  tone,
  className,
  testId,
  title,
  children,
}: {
  tone?: BadgeTone;
  /** Classes beside badge and its tone. */
  className?: string;
  testId?: string;
  /** A tooltip: what the word means. */
  title?: string;
  children: ReactNode;
}) {
  const classes = ['badge', tone && `badge-${tone}`, className].filter(Boolean).join(' ');
  return (
    <span className={classes} data-testid={testId} title={title}>
      {children}
    </span>
  );
}

/**
 * Criticality — how important the vendor is to us, not how risky — as a neutral outlined
 * tag with a four-step meter: never the tier's filled, coloured pill. `bare` leaves out the
 * "Criticality:" prefix where a column header already says it.
 */
export function CriticalityTag({ value, bare = false }: { value: Criticality; bare?: boolean }) {
  const level = CRITICALITIES.indexOf(value) + 1;
  return (
    <span className="crit-tag" data-testid="criticality-tag" title="Criticality: how important the vendor is">
      <span className="crit-tag-meter" aria-hidden="true">
        {CRITICALITIES.map((c, i) => (
          <span key={c} className={i < level ? 'on' : undefined} />
        ))}
      </span>
      {bare ? CRITICALITY_LABELS[value] : `Criticality: ${CRITICALITY_LABELS[value]}`}
    </span>
  );
}

/** Criticality in a table cell or beside a name: the {@link CriticalityTag}, bare (kept for its callers). */
export function CriticalityBadge({ value }: { value: Criticality }) {
  return <CriticalityTag value={value} bare />;
}

/**
 * A risk tier — how risky — as a filled pill coloured by risk: "High risk". No tier (not
 * assessed, or a provisional score that no knockout raised) is a muted outline that says
 * which; `provisional` beside a tier (one a knockout set) adds "· score provisional".
 */
export function TierBadge({
  value,
  provisional = false,
  short = false,
  testId,
}: {
  value: PortfolioTier | Tier | null;
  provisional?: boolean;
  /** For narrow table cells: "Provisional", and no note beside a knockout's tier (the tooltip has them). */
  short?: boolean;
  testId?: string;
}) {
  if (value === null || value === 'unassessed')
    return provisional ? (
      <Badge tone="muted" className="tier-none tier-provisional" testId={testId} title={PROVISIONAL_TIP}>
        {short ? 'Provisional' : 'Provisional · no tier'}
      </Badge>
    ) : (
      <Badge tone="muted" className="tier-none" testId={testId} title="No score to go on yet: no tier">
        Not assessed
      </Badge>
    );
  return (
    <span className="tier-badge-group">
      <Badge
        tone={value}
        className="tier-pill"
        testId={testId}
        title={provisional ? 'Set by a knockout; the score itself is provisional' : 'Risk tier: how risky'}
      >
        {TIER_LABELS[value]} risk
      </Badge>
      {provisional && !short && <span className="tier-note">knockout, score provisional</span>}
    </span>
  );
}

const PROVISIONAL_TIP =
  'Provisional score: too few of the applicable questions answered to set a tier (Settings › Risk tiers)';

/** Relationship status as a badge (an offboarded vendor's muted). */
export function StatusBadge({ value }: { value: VendorStatus }) {
  return <Badge tone={value === 'offboarded' ? 'muted' : undefined}>{STATUS_LABELS[value]}</Badge>;
}

/** The category's label. */
export function categoryLabel(value: VendorCategory): string {
  return CATEGORY_LABELS[value];
}
