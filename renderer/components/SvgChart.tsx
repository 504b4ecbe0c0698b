import type { ChartModel, ChartTone } from '../../electron/domain/charts';
import './SvgChart.css';

const colour = (tone: ChartTone) => `var(--chart-${tone})`;

/**
 * A chart of electron/domain/charts drawn as SVG: the same shapes the PDF reports print,
 * coloured from the theme. Its summary is the accessible name; the numbers are written
 * in the chart itself, so colour is never the only signal.
 */
export function SvgChart({ model, className }: { model: ChartModel; className?: string }) {
  return (
    <svg
      className={className ? `svg-chart ${className}` : 'svg-chart'}
      viewBox={`0 0 ${model.width} ${model.height}`}
      role="img"
      aria-label={model.summary}
      style={{ maxWidth: model.width }}
    >
      {model.elements.map((e, i) => {
        switch (e.kind) {
          case 'rect':
            return (
              <rect key={i} x={e.x} y={e.y} width={e.width} height={e.height} fill={colour(e.tone)} rx={2} />
            );
          case 'line':
            return (
              <line
                key={i}
                x1={e.x1}
                y1={e.y1}
                x2={e.x2}
                y2={e.y2}
                stroke={colour(e.tone)}
                strokeWidth={0.8}
                strokeDasharray={e.dashed ? '3 3' : undefined}
              />
            );
          case 'polyline':
            return (
              <polyline
                key={i}
                points={e.points.map(([x, y]) => `${x},${y}`).join(' ')}
                fill="none"
                stroke={colour(e.tone)}
                strokeWidth={1.8}
              />
            );
          case 'circle':
            return <circle key={i} cx={e.cx} cy={e.cy} r={e.r} fill={colour(e.tone)} />;
          case 'text':
            return (
              <text
                key={i}
                x={e.x}
                y={e.y}
                fontSize={e.size}
                textAnchor={e.anchor}
                fill={colour(e.tone)}
                fontWeight={e.bold ? 600 : undefined}
              >
                {e.full && <title>{e.full}</title>}
                {e.text}
              </text>
            );
        }
      })}
    </svg>
  );
}
