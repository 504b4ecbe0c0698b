/**
 * Charts as plain shapes, drawn the same way on screen (renderer/components/SvgChart)
 * and on paper (the PDF reports embed chartSvg's markup): one geometry, two outputs, so
 * the screen and the printed report agree. Colours are tones, not values: each output
 * maps them to its own palette (the screen follows the light or dark theme).
 */

export const CHART_TONES = [
  'ink',
  'muted',
  'grid',
  'track',
  'critical',
  'high',
  'medium',
  'low',
  'unassessed',
  'accent',
] as const;
export type ChartTone = (typeof CHART_TONES)[number];

export type ChartElement =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; tone: ChartTone }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; tone: ChartTone; dashed?: boolean }
  | { kind: 'polyline'; points: readonly (readonly [number, number])[]; tone: ChartTone }
  | { kind: 'circle'; cx: number; cy: number; r: number; tone: ChartTone }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      tone: ChartTone;
      bold?: boolean;
      /** The whole text of a label cut to fit (the window shows it on hover). */
      full?: string;
    };

export interface ChartModel {
  width: number;
  height: number;
  /** What the chart shows, in words (the accessible name on screen). */
  summary: string;
  elements: ChartElement[];
}

/** The printed palette (white paper). */
export const PRINT_PALETTE: Record<ChartTone, string> = {
  ink: '#1f2933',
  muted: '#52606d',
  grid: '#d9dee5',
  track: '#eef1f4',
  critical: '#b42318',
  high: '#c4540a',
  medium: '#a17c00',
  low: '#2e7d32',
  unassessed: '#7b8794',
  accent: '#2458a6',
};

/** The tone of a 0–100 score: the same bands the screen uses for score badges. */
export function scoreTone(score: number | null): ChartTone {
  if (score === null) return 'unassessed';
  if (score >= 75) return 'low';
  if (score >= 50) return 'medium';
  if (score >= 25) return 'high';
  return 'critical';
}

const ROW = 22;
const BAR = 13;
const FONT = 10;
/** Average glyph width as a share of the font size, for fitting labels without a text engine. */
const GLYPH = 0.56;

/** Shortens a label to fit a width in points, with an ellipsis. */
export function fitLabel(text: string, width: number, size = FONT): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  const max = Math.max(1, Math.floor(width / (size * GLYPH)));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** The smaller size a label may take before it is cut. */
const SMALL_FONT = 8.5;

/** A label at the chart's size when it fits, else smaller, cut with an ellipsis only if still too long. */
function labelFitted(label: string, width: number): { text: string; size: number; full?: string } {
  const whole = fitLabel(label, width);
  if (!whole.endsWith('…')) return { text: whole, size: FONT };
  const small = fitLabel(label, width, SMALL_FONT);
  return small.endsWith('…')
    ? { text: small, size: SMALL_FONT, full: label }
    : { text: small, size: SMALL_FONT };
}

export interface BarSpec {
  label: string;
  /** null: no value (drawn as "—"). */
  value: number | null;
  tone: ChartTone;
  /** The number written at the end of the bar; the value itself when left out. */
  valueLabel?: string;
}

/** Horizontal bars with their labels and numbers written out (colour is never the only signal). */
export function barChart(spec: {
  bars: readonly BarSpec[];
  /** The value of a full bar (100 for scores; the largest count for counts). */
  max: number;
  width?: number;
  labelWidth?: number;
  summary: string;
}): ChartModel {
  const width = spec.width ?? 480;
  const labelWidth = spec.labelWidth ?? Math.round(width * 0.36);
  const valueText = (bar: BarSpec) =>
    bar.valueLabel ?? (bar.value === null ? '—' : String(Math.round(bar.value)));
  // Room for the longest number or label written after the bars.
  const valueWidth = 10 + Math.max(3, ...spec.bars.map((b) => valueText(b).length)) * FONT * GLYPH;
  const trackX = labelWidth + 8;
  const trackWidth = Math.max(20, width - trackX - valueWidth);
  const max = spec.max > 0 ? spec.max : 1;
  const elements: ChartElement[] = [];
  spec.bars.forEach((bar, i) => {
    const y = i * ROW;
    const mid = y + ROW / 2 + FONT * 0.35;
    elements.push(
      {
        kind: 'text',
        x: 0,
        y: mid,
        // A label too long for its room is written smaller before it is cut.
        ...labelFitted(bar.label, labelWidth),
        anchor: 'start',
        tone: 'ink',
      },
      { kind: 'rect', x: trackX, y: y + (ROW - BAR) / 2, width: trackWidth, height: BAR, tone: 'track' },
    );
    if (bar.value !== null && bar.value > 0) {
      const w = Math.max(2, (Math.min(bar.value, max) / max) * trackWidth);
      elements.push({
        kind: 'rect',
        x: trackX,
        y: y + (ROW - BAR) / 2,
        width: w,
        height: BAR,
        tone: bar.tone,
      });
    }
    elements.push({
      kind: 'text',
      x: width,
      y: mid,
      text: valueText(bar),
      size: FONT,
      anchor: 'end',
      tone: 'ink',
      bold: true,
    });
  });
  return { width, height: Math.max(ROW, spec.bars.length * ROW), summary: spec.summary, elements };
}

export interface LineSeries {
  label: string;
  tone: ChartTone;
  /** One value per x label; null leaves a gap. */
  values: readonly (number | null)[];
}

/** Lines over labelled points in time, with a y grid and a legend under the chart. */
export function lineChart(spec: {
  xLabels: readonly string[];
  series: readonly LineSeries[];
  width?: number;
  height?: number;
  /** Top of the y axis; the largest value (at least 1) when left out. */
  yMax?: number;
  summary: string;
}): ChartModel {
  const width = spec.width ?? 480;
  const height = spec.height ?? 200;
  const left = 34;
  const right = 12;
  const top = 8;
  const legendRows = Math.ceil(spec.series.length / 4);
  const bottom = 22 + legendRows * 16;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const yMax = spec.yMax ?? niceMax(Math.max(1, ...values));
  const n = spec.xLabels.length;
  const xOf = (i: number) => left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const yOf = (v: number) => top + plotH - (Math.min(v, yMax) / yMax) * plotH;
  const elements: ChartElement[] = [];

  for (let g = 0; g <= 4; g += 1) {
    const v = (yMax * g) / 4;
    const y = yOf(v);
    elements.push(
      { kind: 'line', x1: left, y1: y, x2: width - right, y2: y, tone: 'grid', dashed: g > 0 },
      { kind: 'text', x: left - 4, y: y + 3, text: formatTick(v), size: 8, anchor: 'end', tone: 'muted' },
    );
  }
  const step = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 56))));
  spec.xLabels.forEach((label, i) => {
    if (i % step !== 0 && i !== n - 1) return;
    elements.push({
      kind: 'text',
      x: xOf(i),
      y: top + plotH + 13,
      text: fitLabel(label, 56, 8),
      size: 8,
      anchor: n <= 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle',
      tone: 'muted',
    });
  });
  for (const s of spec.series) {
    let run: [number, number][] = [];
    const flush = () => {
      if (run.length > 1) elements.push({ kind: 'polyline', points: run, tone: s.tone });
      run = [];
    };
    s.values.forEach((v, i) => {
      if (v === null) return flush();
      run.push([xOf(i), yOf(v)]);
      elements.push({ kind: 'circle', cx: xOf(i), cy: yOf(v), r: 2.5, tone: s.tone });
    });
    flush();
  }
  const legendY = top + plotH + 30;
  const colW = plotW / Math.min(4, Math.max(1, spec.series.length));
  spec.series.forEach((s, i) => {
    const x = left + (i % 4) * colW;
    const y = legendY + Math.floor(i / 4) * 16;
    elements.push(
      { kind: 'rect', x, y: y - 8, width: 10, height: 10, tone: s.tone },
      {
        kind: 'text',
        x: x + 14,
        y,
        text: fitLabel(s.label, colW - 18, 9),
        size: 9,
        anchor: 'start',
        tone: 'ink',
      },
    );
  });
  return { width, height, summary: spec.summary, elements };
}

function niceMax(v: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * magnitude >= v) return m * magnitude;
  return 10 * magnitude;
}

function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** Control characters are not allowed in XML at all. */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for SVG markup (it is never read as markup). */
export function escapeXml(text: string): string {
  return text.replace(XML_FORBIDDEN, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const r = (n: number) => Math.round(n * 100) / 100;

/** The chart as standalone SVG markup (for the PDF), every text escaped. */
export function chartSvg(
  model: ChartModel,
  palette: Record<ChartTone, string> = PRINT_PALETTE,
  fontFamily = 'Sans',
): string {
  const parts = model.elements.map((e) => {
    switch (e.kind) {
      case 'rect':
        return `<rect x="${r(e.x)}" y="${r(e.y)}" width="${r(e.width)}" height="${r(e.height)}" fill="${palette[e.tone]}"/>`;
      case 'line':
        return `<line x1="${r(e.x1)}" y1="${r(e.y1)}" x2="${r(e.x2)}" y2="${r(e.y2)}" stroke="${palette[e.tone]}" stroke-width="0.8"${e.dashed ? ' stroke-dasharray="3 3"' : ''}/>`;
      case 'polyline':
        return `<polyline points="${e.points.map(([x, y]) => `${r(x)},${r(y)}`).join(' ')}" fill="none" stroke="${palette[e.tone]}" stroke-width="1.8"/>`;
      case 'circle':
        return `<circle cx="${r(e.cx)}" cy="${r(e.cy)}" r="${r(e.r)}" fill="${palette[e.tone]}"/>`;
      case 'text':
        return `<text x="${r(e.x)}" y="${r(e.y)}" font-size="${e.size}" text-anchor="${e.anchor}" fill="${palette[e.tone]}"${e.bold ? ' font-weight="bold"' : ''}>${escapeXml(e.text)}</text>`;
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${model.width}" height="${model.height}" viewBox="0 0 ${model.width} ${model.height}" font-family="${escapeXml(fontFamily)}">${parts.join('')}</svg>`;
}

/** Scores by domain (the domains with something to answer), as the vendor pane and the reports draw them. */
export function domainScoreChart(
  domains: readonly { title: string; score: number | null; applicable: number }[],
  width: number,
): ChartModel {
  return barChart({
    bars: domains
      .filter((d) => d.applicable > 0)
      .map((d) => ({ label: d.title, value: d.score, tone: scoreTone(d.score) })),
    max: 100,
    width,
    summary: 'Score by domain, 0 to 100',
  });
}

/** Maturity by area with its level, as the self-assessment page and report draw it. */
export function maturityChart(
  maturity: readonly { area: string; score: number | null; level: string }[],
  width: number,
): ChartModel {
  return barChart({
    bars: maturity.map((m) => ({
      label: m.area,
      value: m.score,
      tone: scoreTone(m.score),
      valueLabel: m.score === null ? m.level : `${m.score.toFixed(0)} · ${m.level}`,
    })),
    max: 100,
    width,
    labelWidth: Math.round(width * 0.42),
    summary: 'Maturity by area, 0 to 100',
  });
}
