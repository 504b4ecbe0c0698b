import { describe, it, expect } from 'vitest';
import { barChart, chartSvg, escapeXml, fitLabel, lineChart, scoreTone } from '../../electron/domain/charts';

describe('bar chart', () => {
  it('draws a bar per value, scaled to the maximum, with every number written out', () => {
    const model = barChart({
      bars: [
        { label: 'Access', value: 80, tone: 'low' },
        { label: 'Data', value: 40, tone: 'high' },
        { label: 'Incidents', value: null, tone: 'unassessed' },
      ],
      max: 100,
      width: 400,
      summary: 'Score by domain',
    });
    const texts = model.elements.filter((e) => e.kind === 'text').map((e) => e.text);
    expect(texts).toEqual(['Access', '80', 'Data', '40', 'Incidents', '—']);
    const bars = model.elements.filter((e) => e.kind === 'rect' && e.tone !== 'track');
    expect(bars).toHaveLength(2);
    const [a, b] = bars as { width: number }[];
    expect(a!.width / b!.width).toBeCloseTo(2, 5);
    // Every shape stays inside the chart.
    for (const e of model.elements)
      if (e.kind === 'rect') expect(e.x + e.width).toBeLessThanOrEqual(model.width + 0.001);
    expect(model.height).toBe(3 * 22);
  });

  it('shortens labels that do not fit, with an ellipsis', () => {
    expect(fitLabel('Encryption, tokenisation and anonymisation', 100)).toMatch(/^Encryption, to.*…$/);
    expect(fitLabel('Short', 100)).toBe('Short');
  });

  it('writes a label smaller before it cuts it, and cuts only what still does not fit', () => {
    const labels = (bars: string[]) =>
      barChart({ bars: bars.map((label) => ({ label, value: 50, tone: 'low' })), max: 100, summary: 's' })
        .elements.filter((e) => e.kind === 'text' && e.anchor === 'start')
        .map((e) => (e.kind === 'text' ? [e.text, e.size] : null));
    expect(
      labels([
        'Our data',
        'Authorization and least privilege',
        'Data inventory and AI workflow mapping across every site and vendor',
      ]),
    ).toEqual([
      ['Our data', 10],
      ['Authorization and least privilege', 8.5],
      [expect.stringMatching(/^Data inventory and AI workflow.*…$/), 8.5],
    ]);
    // Only the cut label keeps its whole text, for the window to show on hover.
    const fulls = barChart({
      bars: ['Our data', 'Data inventory and AI workflow mapping across every site and vendor'].map(
        (label) => ({
          label,
          value: 50,
          tone: 'low' as const,
        }),
      ),
      max: 100,
      summary: 's',
    }).elements.flatMap((e) => (e.kind === 'text' && e.anchor === 'start' ? [e.full ?? null] : []));
    expect(fulls).toEqual([null, 'Data inventory and AI workflow mapping across every site and vendor']);
  });

  it('tones scores in the same bands as the screen', () => {
    expect([90, 60, 30, 10, null].map(scoreTone)).toEqual([
      'low',
      'medium',
      'high',
      'critical',
      'unassessed',
    ]);
  });
});

describe('line chart', () => {
  it('draws one line per series and leaves gaps where a value is missing', () => {
    const model = lineChart({
      xLabels: ['Jan', 'Feb', 'Mar', 'Apr'],
      series: [
        { label: 'Critical', tone: 'critical', values: [1, 2, null, 4] },
        { label: 'High', tone: 'high', values: [3, 3, 3, 3] },
      ],
      summary: 'Tiers over time',
    });
    const lines = model.elements.filter((e) => e.kind === 'polyline');
    expect(lines).toHaveLength(2); // critical: only Jan–Feb joins (Apr is alone after the gap); high: one line
    expect(model.elements.filter((e) => e.kind === 'circle')).toHaveLength(7);
    expect(model.elements.some((e) => e.kind === 'text' && e.text === 'Critical')).toBe(true);
  });
});

describe('SVG for the PDF', () => {
  it('escapes every text, so a label can never be read as markup', () => {
    const svg = chartSvg(
      barChart({
        bars: [{ label: '<img src=file:///etc/passwd> & "x"', value: 10, tone: 'low' }],
        max: 100,
        width: 600,
        summary: 's',
      }),
    );
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=file:///etc/passwd&gt; &amp; &quot;x&quot;');
    expect(escapeXml('a\u0000b\u001fc')).toBe('abc');
  });
});
