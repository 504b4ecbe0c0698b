import { describe, it, expect } from 'vitest';
import { heatMap, heatOf, scoreBandOf, SCORE_BANDS } from '../../electron/domain/heat-map';
import { quarterEnds, tierTrend, tierTrendChart } from '../../electron/domain/tier-trend';
import { todayQueue, TODAY_PER_KIND, type TodayVendor } from '../../electron/domain/portfolio-today';
import { CLAUSE_QUESTIONNAIRE_ID } from '../../electron/domain/clauses';
import { DEVICE_QUESTIONNAIRE_ID } from '../../electron/domain/device-checks';
import { dashboardQuery, parseDashboardFigure } from '../../electron/domain/vendor-list';
import type { PortfolioSummary } from '../../electron/domain/portfolio';

describe('heat map', () => {
  it.each([
    [null, false, 'none'],
    [0, false, '0-40'],
    [39.99, false, '0-40'],
    [40, false, '40-60'],
    [59.9, false, '40-60'],
    [60, false, '60-80'],
    [80, false, '80-100'],
    [100, false, '80-100'],
    [95, true, 'none'],
  ] as const)('score %s (provisional %s) is in band %s', (score, provisional, band) => {
    expect(scoreBandOf(score, provisional)).toBe(band);
  });

  it('counts vendors per criticality and band, critical first, provisional ones as no score yet', () => {
    const map = heatMap([
      { criticality: 'critical', score: 20 },
      { criticality: 'critical', score: 35 },
      { criticality: 'critical', score: null },
      { criticality: 'high', score: 90, provisional: true },
      { criticality: 'low', score: 85 },
    ]);
    expect(map.total).toBe(5);
    expect(map.rows.map((r) => r.criticality)).toEqual(['critical', 'high', 'medium', 'low']);
    const cell = (c: string, b: string) =>
      map.rows.find((r) => r.criticality === c)!.cells.find((x) => x.band === b)!.count;
    expect(cell('critical', '0-40')).toBe(2);
    expect(cell('critical', 'none')).toBe(1);
    expect(cell('high', 'none')).toBe(1);
    expect(cell('high', '80-100')).toBe(0);
    expect(cell('low', '80-100')).toBe(1);
    expect(map.rows.map((r) => r.total)).toEqual([3, 1, 0, 1]);
    expect(map.rows[0]!.cells.map((c) => c.band)).toEqual([...SCORE_BANDS]);
  });

  it.each([
    ['critical', '0-40', 3],
    ['critical', '80-100', 1],
    ['high', '40-60', 2],
    ['low', '0-40', 2],
    ['low', '80-100', 0],
    ['medium', '60-80', 1],
    ['critical', 'none', 2],
    ['low', 'none', 0],
  ] as const)('a %s vendor scoring %s is heat %i', (c, b, heat) => {
    expect(heatOf(c, b)).toBe(heat);
  });

  it('a heat cell is a vendor list figure that filters by criticality and band', () => {
    expect(parseDashboardFigure('heat:critical:0-40')).toBe('heat:critical:0-40');
    expect(parseDashboardFigure('heat:critical:0-41')).toBeUndefined();
    expect(parseDashboardFigure('heat:urgent:none')).toBeUndefined();
    expect(parseDashboardFigure('knockouts')).toBe('knockouts');
    expect(parseDashboardFigure('nonsense')).toBeUndefined();
    expect(dashboardQuery('heat:high:none')).toMatchObject({
      criticalities: ['high'],
      scoreBand: 'none',
      statuses: ['prospect', 'active'],
    });
  });
});

describe('tier trend', () => {
  it.each([
    ['2027-03-15', '2025 Q2', '2025-06-30', '2027 Q1', '2027-03-15'],
    ['2027-01-01', '2025 Q2', '2025-06-30', '2027 Q1', '2027-01-01'],
    ['2026-12-31', '2025 Q1', '2025-03-31', '2026 Q4', '2026-12-31'],
    ['2024-05-20', '2022 Q3', '2022-09-30', '2024 Q2', '2024-05-20'],
  ])(
    'on %s the eight quarters run from %s (%s) to %s (to date %s)',
    (today, first, firstEnd, last, lastEnd) => {
      const q = quarterEnds(today);
      expect(q).toHaveLength(8);
      expect(q[0]).toEqual({ label: first, end: firstEnd, toDate: false });
      expect(q[7]).toEqual({ label: last, end: lastEnd, toDate: true });
      expect(q.filter((x) => x.toDate)).toHaveLength(1);
    },
  );

  it('counts each vendor in the tier of its latest assessment submitted by each quarter end', () => {
    const vendors = [
      { id: 'a', createdAt: '2025-01-10T09:00:00Z' },
      { id: 'b', createdAt: '2026-02-01T09:00:00Z' },
      { id: 'c', createdAt: '2026-11-01T09:00:00Z' },
    ];
    const trend = tierTrend(
      vendors,
      [
        { vendorId: 'a', date: '2025-08-01', tier: 'high' },
        { vendorId: 'a', date: '2026-05-01', tier: 'medium' },
        { vendorId: 'b', date: '2026-03-31', tier: 'critical' },
        // A provisional score (without a knockout) sets no tier.
        { vendorId: 'c', date: '2026-12-01', tier: null },
      ],
      '2027-02-10',
    );
    const at = (label: string) => trend.quarters.find((q) => q.label === label)!;
    expect(trend.quarters.map((q) => q.label)).toEqual([
      '2025 Q2',
      '2025 Q3',
      '2025 Q4',
      '2026 Q1',
      '2026 Q2',
      '2026 Q3',
      '2026 Q4',
      '2027 Q1',
    ]);
    expect(at('2025 Q2')).toMatchObject({ critical: 0, high: 0, medium: 0, low: 0, unassessed: 1 });
    expect(at('2025 Q3')).toMatchObject({ high: 1, unassessed: 0 });
    // b is added and assessed on the quarter's last day: it counts.
    expect(at('2026 Q1')).toMatchObject({ critical: 1, high: 1, unassessed: 0 });
    expect(at('2026 Q2')).toMatchObject({ critical: 1, high: 0, medium: 1 });
    expect(at('2026 Q4')).toMatchObject({ critical: 1, medium: 1, low: 0, unassessed: 1 });
    expect(at('2027 Q1')).toMatchObject({
      toDate: true,
      end: '2027-02-10',
      critical: 1,
      medium: 1,
      unassessed: 1,
    });
  });

  it('takes the current quarter from the standings today when given', () => {
    const trend = tierTrend(
      [{ id: 'a', createdAt: '2026-01-01' }],
      [{ vendorId: 'a', date: '2026-02-01', tier: 'high' }],
      '2026-08-01',
      new Map([['a', 'critical' as const]]),
    );
    expect(trend.quarters.at(-2)).toMatchObject({ high: 1, critical: 0 });
    expect(trend.quarters.at(-1)).toMatchObject({ high: 0, critical: 1 });
  });

  it('draws stacked columns with the totals and the latest counts written out', () => {
    const trend = tierTrend(
      [
        { id: 'a', createdAt: '2026-01-01' },
        { id: 'b', createdAt: '2026-01-01' },
      ],
      [{ vendorId: 'a', date: '2026-02-01', tier: 'high' }],
      '2026-08-01',
    );
    const chart = tierTrendChart(trend);
    const texts = chart.elements.filter((e) => e.kind === 'text').map((e) => (e as { text: string }).text);
    expect(texts).toContain('2');
    expect(texts).toContain('High 1');
    expect(texts).toContain('No tier yet 1');
    expect(texts).toContain('26 Q3 now');
    expect(chart.summary).toContain('high 1');
  });
});

const EMPTY: Pick<PortfolioSummary, 'knockouts' | 'conditionsPastDue' | 'evidence' | 'reassessments'> = {
  knockouts: [],
  conditionsPastDue: [],
  evidence: { expired: [], days0to30: [], days31to60: [], days61to90: [] },
  reassessments: { overdue: [], upcoming: [] },
};
const vendor = (id: string, criticality: TodayVendor['criticality'], assessed = true): TodayVendor => ({
  id,
  name: `Vendor ${id}`,
  criticality,
  assessed,
  assessmentId: assessed ? `as-${id}` : null,
});
const ko = (vendorId: string, over: Partial<PortfolioSummary['knockouts'][number]> = {}) => ({
  vendorId,
  vendorName: `Vendor ${vendorId}`,
  severity: 'critical' as const,
  message: 'Firmware is not signed',
  questionnaireId: 'fw',
  questionId: 'fw_signed',
  reason: 'rule' as const,
  ...over,
});
const ev = (vendorId: string, days: number) => ({
  vendorId,
  vendorName: `Vendor ${vendorId}`,
  evidenceId: `e-${vendorId}-${days}`,
  fileName: `cert-${days}.pdf`,
  kind: 'iso27001' as const,
  expiresAt: '2027-01-01',
  days,
});

describe('Today', () => {
  it('is empty, with nothing to count, for a calm portfolio', () => {
    const { queue, attention } = todayQueue(EMPTY, [vendor('a', 'critical')], []);
    expect(queue).toEqual({ groups: [], total: 0 });
    expect(attention).toEqual({ vendors: 0, legal: 0, devices: 0, assessments: 0 });
  });

  it('lists each kind in order of urgency, each item with the place that fixes it', () => {
    const vendors = [
      vendor('k', 'high'),
      vendor('c', 'medium'),
      vendor('x', 'low'),
      vendor('n', 'critical', false),
      vendor('m', 'medium', false),
      vendor('o', 'critical'),
      vendor('l', 'low'),
      vendor('w', 'high'),
    ];
    const { queue, attention } = todayQueue(
      {
        knockouts: [
          ko('k'),
          ko('w', {
            questionnaireId: CLAUSE_QUESTIONNAIRE_ID,
            questionId: 'breach',
            message: 'No breach clause',
          }),
          ko('x', { questionId: null, message: 'Device posture' }),
        ],
        conditionsPastDue: [
          {
            vendorId: 'c',
            vendorName: 'Vendor c',
            text: 'Pen test',
            owner: 'Ana',
            due: '2027-03-01',
            days: 14,
          },
        ],
        evidence: {
          expired: [ev('x', -3)],
          days0to30: [ev('k', 10), ev('k', 31)],
          days31to60: [],
          days61to90: [],
        },
        reassessments: {
          overdue: [
            {
              vendorId: 'o',
              vendorName: 'Vendor o',
              tier: 'low',
              lastAssessed: '2023-01-01',
              due: '2026-01-01',
              days: 400,
            },
            {
              vendorId: 'l',
              vendorName: 'Vendor l',
              tier: 'low',
              lastAssessed: '2023-01-01',
              due: '2026-01-01',
              days: 400,
            },
          ],
          upcoming: [],
        },
      },
      vendors,
      [{ vendorId: 'l', reopenedAt: '2027-03-01T10:00:00Z', reopenedClause: 'Breach notification' }],
      7,
    );
    expect(queue.groups.map((g) => [g.kind, g.count, g.figure])).toEqual([
      ['knockout', 3, 'knockouts'],
      ['condition', 1, 'conditionsPastDue'],
      ['evidenceExpired', 1, 'evidenceExpired'],
      ['overdue', 1, 'overdueImportant'],
      ['neverAssessed', 1, 'unassessedImportant'],
      ['evidenceExpiring', 1, 'evidence30'],
      ['legalReopened', 1, null],
    ]);
    const items = (kind: string) => queue.groups.find((g) => g.kind === kind)!.items;
    // The more important vendor first; each knockout opens its question, its contract or the vendor.
    expect(items('knockout').map((i) => [i.vendorId, i.action])).toEqual([
      ['k', { open: 'question', assessmentId: 'as-k', questionnaireId: 'fw', questionId: 'fw_signed' }],
      ['w', { open: 'contract', vendorId: 'w' }],
      ['x', { open: 'vendor', vendorId: 'x' }],
    ]);
    expect(items('condition')[0]).toMatchObject({
      when: '14 days late (due 2027-03-01)',
      action: { open: 'vendor' },
    });
    expect(items('evidenceExpired')[0]).toMatchObject({
      when: 'expired 2027-01-01',
      action: { open: 'evidence', vendorId: 'x', evidenceId: 'e-x--3' },
    });
    expect(items('evidenceExpiring')[0]).toMatchObject({
      text: 'cert-10.pdf',
      when: 'expires in 10 days',
      actionLabel: 'Open evidence',
      action: { open: 'evidence', vendorId: 'k', evidenceId: 'e-k-10' },
    });
    // Only critical or high vendors: the low one overdue and the medium one never assessed wait.
    expect(items('overdue').map((i) => i.vendorId)).toEqual(['o']);
    expect(items('neverAssessed').map((i) => i.vendorId)).toEqual(['n']);
    expect(items('legalReopened')[0]).toMatchObject({
      text: 'Sign-off reopened by a change to Breach notification',
      action: { open: 'contract', vendorId: 'l' },
    });
    expect(queue.total).toBe(9);
    expect(attention).toEqual({ vendors: 4, legal: 1, devices: 7, assessments: 2 });
  });

  it('shows the most urgent few of a kind and counts the rest', () => {
    const vendors = Array.from({ length: 15 }, (_, i) => vendor(`v${i}`, i === 9 ? 'critical' : 'low'));
    const { queue } = todayQueue(
      {
        ...EMPTY,
        conditionsPastDue: vendors.map((v, i) => ({
          vendorId: v.id,
          vendorName: v.name,
          text: 'Deliver the report',
          owner: 'Ana',
          due: '2027-01-01',
          days: i,
        })),
      },
      vendors,
      [],
    );
    const [group] = queue.groups;
    expect(group).toMatchObject({ kind: 'condition', count: 15, vendors: 15 });
    expect(group!.items).toHaveLength(TODAY_PER_KIND);
    // The critical vendor first, then the latest by days.
    expect(group!.items.map((i) => i.vendorId)).toEqual(['v9', 'v14', 'v13']);
  });

  it('opens the vendor’s devices for a device finding’s knockout: it has no question to open', () => {
    const { queue } = todayQueue(
      {
        ...EMPTY,
        knockouts: [
          ko('d', {
            questionnaireId: DEVICE_QUESTIONNAIRE_ID,
            questionId: 'kev-exploited',
            message: '3 devices run firmware with a known exploited vulnerability',
          }),
        ],
      },
      [vendor('d', 'high')],
      [],
    );
    expect(queue.groups[0]!.items[0]).toMatchObject({
      actionLabel: 'Open devices',
      action: { open: 'vendorDevices', vendorId: 'd' },
    });
  });

  it('puts devices on exploited firmware right after the knockouts, by maker, each opening where it is fixed', () => {
    const { queue } = todayQueue(EMPTY, [vendor('bp', 'critical')], [], 0, [
      { maker: 'Cisco', devices: 3, cves: ['CVE-2026-1'], vendor: null },
      {
        maker: 'Bridgeport Controls',
        devices: 12,
        cves: ['CVE-2026-2', 'CVE-2026-3', 'CVE-2026-4'],
        vendor: { id: 'bp', name: 'Bridgeport' },
      },
    ]);
    const [group] = queue.groups;
    expect(group).toMatchObject({ kind: 'exploitedFirmware', count: 2, figure: null, more: 'advisories' });
    expect(group!.items.map((i) => [i.vendorName, i.text, i.actionLabel, i.action])).toEqual([
      [
        'Bridgeport',
        '12 devices of Bridgeport Controls run firmware exploited in the wild (CVE-2026-2, CVE-2026-3 and 1 more)',
        'Open devices',
        { open: 'vendorDevices', vendorId: 'bp' },
      ],
      [
        'Cisco',
        '3 devices of Cisco run firmware exploited in the wild (CVE-2026-1)',
        'Open advisories',
        { open: 'advisories' },
      ],
    ]);
  });
});
