import type { PortfolioTier } from '../../electron/domain/portfolio';
import './TierChart.css';

const TIER_ORDER = ['critical', 'high', 'medium', 'low', 'unassessed'] as const;
const LABELS = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  unassessed: 'Not assessed',
} as const;

/**
 * Tier distribution as a bar chart with the numbers written out (colour is never the only
 * signal). Each bar is a button that lists that tier's vendors.
 */
export function TierChart({
  counts,
  onSelect,
}: {
  counts: Record<PortfolioTier, number>;
  onSelect(tier: PortfolioTier): void;
}) {
  const max = Math.max(1, ...TIER_ORDER.map((t) => counts[t]));
  return (
    <ul className="tier-chart" aria-label="Vendors by tier">
      {TIER_ORDER.map((t) => (
        <li key={t}>
          <button
            type="button"
            className="tier-chart-row"
            onClick={() => onSelect(t)}
            aria-label={`${LABELS[t]}: ${counts[t]} vendor${counts[t] === 1 ? '' : 's'}. Show them in the vendor list`}
          >
            <span className="chart-label">{LABELS[t]}</span>
            <span className="chart-track">
              <span
                className={`bar bar-${t}`}
                style={{ width: counts[t] ? `max(3px, ${(100 * counts[t]) / max}%)` : 0 }}
              />
            </span>
            <span className="chart-value">{counts[t]}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
