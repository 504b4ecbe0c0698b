const TIER_ORDER = ['critical', 'high', 'medium', 'low', 'unassessed'] as const;
const LABELS = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  unassessed: 'Not assessed',
} as const;

/** Tier distribution as an SVG bar chart, with the numbers written out (colour is never the only signal). */
export function TierChart({ counts }: { counts: Record<(typeof TIER_ORDER)[number], number> }) {
  const max = Math.max(1, ...TIER_ORDER.map((t) => counts[t]));
  const barHeight = 22;
  const gap = 8;
  const labelWidth = 100;
  const width = 420;
  const height = TIER_ORDER.length * (barHeight + gap);
  return (
    <svg
      className="tier-chart"
      role="img"
      aria-label={`Vendors by tier: ${TIER_ORDER.map((t) => `${LABELS[t]} ${counts[t]}`).join(', ')}`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width }}
    >
      {TIER_ORDER.map((t, i) => {
        const y = i * (barHeight + gap);
        const w = ((width - labelWidth - 40) * counts[t]) / max;
        return (
          <g key={t}>
            <text x={0} y={y + barHeight * 0.7} className="chart-label">
              {LABELS[t]}
            </text>
            <rect
              x={labelWidth}
              y={y}
              width={Math.max(w, counts[t] ? 2 : 0)}
              height={barHeight}
              rx={3}
              className={`bar bar-${t}`}
            />
            <text x={labelWidth + w + 6} y={y + barHeight * 0.7} className="chart-value">
              {counts[t]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
