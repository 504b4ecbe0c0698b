import { describe, it, expect } from 'vitest';
import {
  boardChanges,
  boardDecisions,
  boardHeadline,
  keyFigures,
  type BoardVendorSnapshot,
  type DecisionVendor,
  type HeadlineInput,
} from '../../electron/domain/board-pack';
import {
  clauseGapsByClause,
  coverage,
  knockoutThemes,
  mergeSameGaps,
  namesLine,
  riskAction,
} from '../../electron/domain/board-groups';
import { boardTargetsOf, DEFAULT_BOARD_TARGETS, meetsTarget } from '../../electron/domain/board-targets';

const tiers = { critical: 1, high: 2, medium: 3, low: 4, unassessed: 5 };
const snap = (
  id: string,
  tier: BoardVendorSnapshot['tier'],
  knockouts: string[] = [],
): BoardVendorSnapshot => ({
  id,
  name: `Vendor ${id}`,
  tier,
  knockouts,
});

describe('board changes', () => {
  it('is unknown when the last report kept no snapshot', () => {
    expect(boardChanges(undefined, [snap('a', 'low')])).toBeNull();
  });

  it('lists tier moves (worse first), knockouts opened and closed, vendors added and left', () => {
    const before = [
      snap('a', 'medium', ['No MFA']),
      snap('b', 'high'),
      snap('c', 'low'),
      snap('d', 'unassessed'),
    ];
    const now = [
      snap('a', 'critical', ['No logs']),
      snap('b', 'medium'),
      snap('d', 'high'),
      snap('e', 'low'),
    ];
    expect(boardChanges(before, now)).toEqual({
      tierMoves: [
        { name: 'Vendor a', from: 'medium', to: 'critical', worse: true },
        { name: 'Vendor d', from: 'unassessed', to: 'high', worse: false },
        { name: 'Vendor b', from: 'high', to: 'medium', worse: false },
      ],
      knockoutsOpened: [{ name: 'Vendor a', message: 'No logs' }],
      knockoutsClosed: [{ name: 'Vendor a', message: 'No MFA' }],
      added: ['Vendor e'],
      left: ['Vendor c'],
    });
  });
});

describe('board decisions', () => {
  const vendor = (o: Partial<DecisionVendor>): DecisionVendor => ({
    id: 'x',
    name: 'X',
    status: 'active',
    criticality: 'medium',
    tier: 'medium',
    knockouts: [],
    decision: null,
    ...o,
  });
  const approved = { kind: 'approve' as const, at: '2026-05-01T10:00:00Z' };

  it.each([
    [
      'critical tier approved with a knockout',
      { tier: 'critical', knockouts: ['No logs'], decision: approved },
      'accept',
    ],
    [
      'high criticality approved with conditions and a knockout',
      {
        criticality: 'high',
        knockouts: ['No logs'],
        decision: { ...approved, kind: 'approve-with-conditions' },
      },
      'accept',
    ],
    ['critical tier approved without knockouts', { tier: 'critical', decision: approved }, null],
    ['medium vendor approved with a knockout', { knockouts: ['No logs'], decision: approved }, null],
    ['critical tier with a knockout, not decided', { tier: 'critical', knockouts: ['No logs'] }, null],
    [
      'offboarded critical with a knockout',
      { tier: 'critical', knockouts: ['x'], decision: approved, status: 'offboarded' },
      null,
    ],
    ['rejected but active', { decision: { kind: 'reject', at: '2026-01-02' } }, 'exit'],
    ['rejected prospect', { status: 'prospect', decision: { kind: 'reject', at: '2026-01-02' } }, null],
  ] as const)('%s', (_name, o, kind) => {
    const out = boardDecisions([vendor(o as Partial<DecisionVendor>)], []);
    expect(out.map((d) => d.kind)).toEqual(kind ? [kind] : []);
  });

  it('puts risk acceptances first, then conditions past due (latest first), then exits; facts in words', () => {
    const out = boardDecisions(
      [
        vendor({ name: 'Zed', decision: { kind: 'reject', at: '2026-01-02' } }),
        vendor({ name: 'Acme', tier: 'high', knockouts: ['No logs.', 'No MFA.'], decision: approved }),
      ],
      [
        { vendorName: 'B', text: 'Enable MFA', owner: 'Ann', due: '2026-10-01', days: 3 },
        { vendorName: 'C', text: 'Pen test', owner: '', due: '2026-09-01', days: 33 },
      ],
    );
    expect(out.map((d) => `${d.kind} ${d.vendorName}`)).toEqual([
      'accept Acme',
      'condition C',
      'condition B',
      'exit Zed',
    ]);
    expect(out[0]!.detail).toBe('High tier; approved 2026-05-01, 2 knockouts open now: No logs and 1 more');
    expect(out[1]!.detail).toBe('“Pen test” (owner unassigned) was due 2026-09-01, 33 days ago');
  });
});

describe('board headline', () => {
  const base: HeadlineInput = {
    since: null,
    changes: null,
    tiers,
    previousTiers: null,
    worst: { name: 'Acme', tier: 'critical', residual: 61.5, knockouts: 1 },
    decisions: [],
  };
  it.each([
    [
      'first pack',
      base,
      'This is the first board pack: 1 vendor stands in the critical tier and 2 in the high tier. The largest risk is Acme: critical tier, residual risk 61.5 of 100, 1 open knockout. No decision is asked of the board this time.',
    ],
    [
      'with changes and decisions',
      {
        ...base,
        since: '2026-09-07',
        changes: {
          tierMoves: [
            { name: 'a', from: 'medium', to: 'high', worse: true },
            { name: 'b', from: 'high', to: 'low', worse: false },
          ],
          knockoutsOpened: [{ name: 'a', message: 'x' }],
          knockoutsClosed: [],
          added: ['c'],
          left: [],
        },
        decisions: [
          { kind: 'accept', vendorName: 'a', detail: '' },
          { kind: 'accept', vendorName: 'b', detail: '' },
          { kind: 'exit', vendorName: 'c', detail: '' },
        ],
      },
      'Since the last report on 2026-09-07, 1 vendor moved to a worse tier and 1 to a better one, 1 knockout opened and 0 closed and 1 vendor added and 0 left. The largest risk is Acme: critical tier, residual risk 61.5 of 100, 1 open knockout. The board is asked to decide on 2 risk acceptances and 1 vendor to exit.',
    ],
    [
      'old history point without a snapshot, nothing assessed',
      { ...base, since: '2026-06-01', previousTiers: { ...tiers, critical: 0, high: 4 }, worst: null },
      'Since the last report on 2026-06-01, critical vendors went from 0 to 1 and high from 4 to 2. No vendor has been assessed yet, so no risk can be ranked. No decision is asked of the board this time.',
    ],
  ] as const)('%s', (_name, input, expected) => {
    expect(boardHeadline(input as HeadlineInput)).toBe(expected);
  });
});

describe('key figures and targets', () => {
  it('takes the previous value from the last point, falling back to its tier counts', () => {
    const now = {
      critical: 2,
      high: 3,
      knockouts: 4,
      averageScore: 60,
      averageResidual: 30,
      criticalOnTime: 50,
      overdue: 1,
      conditionsPastDue: 0,
    };
    const old = keyFigures(now, { date: '2026-01-01', tiers }, DEFAULT_BOARD_TARGETS);
    expect(old.find((f) => f.id === 'critical')).toEqual({
      id: 'critical',
      value: 2,
      previous: 1,
      target: 0,
    });
    expect(old.find((f) => f.id === 'averageScore')!.previous).toBeNull();
    const kept = keyFigures(
      now,
      { date: '2026-01-01', tiers, figures: { averageScore: 55 } },
      DEFAULT_BOARD_TARGETS,
    );
    expect(kept.find((f) => f.id === 'averageScore')).toEqual({
      id: 'averageScore',
      value: 60,
      previous: 55,
      target: 70,
    });
  });

  it('reads stored targets leniently and knows which way is better', () => {
    expect(boardTargetsOf({ averageScore: 80, high: 'x', critical: null })).toEqual({
      ...DEFAULT_BOARD_TARGETS,
      averageScore: 80,
      critical: null,
    });
    expect(boardTargetsOf('nonsense')).toEqual(DEFAULT_BOARD_TARGETS);
    expect(meetsTarget('averageScore', 71, 70)).toBe(true);
    expect(meetsTarget('averageResidual', 41, 40)).toBe(false);
    expect(meetsTarget('critical', 0, 0)).toBe(true);
    expect(meetsTarget('critical', 1, null)).toBeNull();
  });
});

describe('grouped lists', () => {
  it('groups knockouts by theme, most vendors first, one vendor once', () => {
    const themes = knockoutThemes([
      { vendorName: 'B', message: 'No logs', severity: 'high' },
      { vendorName: 'A', message: 'No logs', severity: 'critical' },
      { vendorName: 'A', message: 'No logs', severity: 'critical' },
      { vendorName: 'C', message: 'No MFA', severity: 'critical' },
    ]);
    expect(themes).toEqual([
      { theme: 'No logs', severity: 'critical', vendors: ['A', 'B'] },
      { theme: 'No MFA', severity: 'critical', vendors: ['C'] },
    ]);
  });

  it('makes the same device finding at several vendors one theme, without their counts and CVEs', () => {
    const themes = knockoutThemes([
      {
        vendorName: 'Bridgeport',
        message:
          'Devices: 24 active devices run firmware with a known exploited vulnerability — CVE-2026-99011 (in KEV since 2026-07-10): a fix exists',
        severity: 'critical',
      },
      {
        vendorName: 'ShelfPulse',
        message:
          'Devices: 1 active device run firmware with a known exploited vulnerability — CVE-2026-99013',
        severity: 'critical',
      },
    ]);
    expect(themes).toEqual([
      {
        theme: 'Devices: devices run firmware with a known exploited vulnerability',
        severity: 'critical',
        vendors: ['Bridgeport', 'ShelfPulse'],
      },
    ]);
  });

  it('groups contract gaps by clause over vendors with a contract recorded, and merges alike clauses', () => {
    const cell = (status: string, state: string) => ({ status, state });
    const { gaps, unrecorded } = clauseGapsByClause({
      clauses: [
        { id: 'del', title: 'Deletion' },
        { id: 'brn', title: 'Breach notice' },
        { id: 'ins', title: 'Insurance' },
      ],
      rows: [
        {
          vendorName: 'A',
          vendorStatus: 'active',
          cells: {
            del: cell('missing', 'missing'),
            brn: cell('agreed', 'deviates'),
            ins: cell('missing', 'missing'),
          },
        },
        {
          vendorName: 'B',
          vendorStatus: 'active',
          cells: {
            del: cell('missing', 'missing'),
            brn: cell('agreed', 'ok'),
            ins: cell('missing', 'missing'),
          },
        },
        { vendorName: 'C', vendorStatus: 'active', cells: { del: cell('missing', 'missing') } },
        { vendorName: 'D', vendorStatus: 'offboarded', cells: { del: cell('agreed', 'missing') } },
      ],
    });
    expect(unrecorded).toBe(1);
    expect(gaps).toEqual([
      { clause: 'Deletion', missing: ['A', 'B'], deviating: [] },
      { clause: 'Insurance', missing: ['A', 'B'], deviating: [] },
      { clause: 'Breach notice', missing: [], deviating: ['A'] },
    ]);
    expect(mergeSameGaps(gaps)).toEqual([
      { clauses: ['Deletion', 'Insurance'], missing: ['A', 'B'], deviating: [] },
      { clauses: ['Breach notice'], missing: [], deviating: ['A'] },
    ]);
  });

  it('counts coverage of critical and high vendors: on time, overdue, never assessed', () => {
    expect(
      coverage(
        [
          { criticality: 'critical', assessed: true, nextReassessment: '2027-01-01' },
          { criticality: 'critical', assessed: true, nextReassessment: '2026-01-01' },
          { criticality: 'critical', assessed: false, nextReassessment: null },
          { criticality: 'high', assessed: true, nextReassessment: null },
          { criticality: 'low', assessed: false, nextReassessment: null },
        ],
        '2026-06-01',
      ),
    ).toEqual([
      { criticality: 'critical', vendors: 3, onTime: 1, overdue: 1, never: 1 },
      { criticality: 'high', vendors: 1, onTime: 1, overdue: 0, never: 0 },
    ]);
  });

  it.each([
    [
      'rejected and active',
      { decision: 'reject', status: 'active' },
      { action: 'Exit the vendor (rejected)', due: 'now' },
    ],
    [
      'open conditions: the earliest',
      {
        decision: 'approve-with-conditions',
        conditions: [
          { text: 'Late', due: '2026-09-01' },
          { text: 'Soon', due: '2026-07-01' },
        ],
      },
      { action: 'Condition: Soon', due: '2026-07-01' },
    ],
    [
      'an open condition past due, marked',
      { decision: 'approve-with-conditions', conditions: [{ text: 'MFA', due: '2026-05-20' }] },
      { action: 'Condition: MFA', due: '2026-05-20 (past due)' },
    ],
    [
      'a knockout: in 30 days, as the vendor report suggests',
      { decision: 'approve', knockouts: ['No logs'], nextReassessment: '2027-01-01' },
      { action: 'Fix knockout: No logs', due: '2026-07-01' },
    ],
    [
      'a knockout: by the next reassessment when that is sooner',
      { decision: 'approve', knockouts: ['No logs'], nextReassessment: '2026-06-10' },
      { action: 'Fix knockout: No logs', due: '2026-06-10' },
    ],
    [
      'overdue',
      { decision: 'approve', nextReassessment: '2026-01-01' },
      { action: 'Reassess (overdue)', due: '2026-01-01' },
    ],
    ['undecided', { nextReassessment: null }, { action: 'Decide on the vendor', due: 'not scheduled' }],
  ] as const)('the next action of a top risk: %s', (_n, o, expected) => {
    expect(
      riskAction(
        { decision: null, status: 'active', knockouts: [], conditions: [], nextReassessment: null, ...o },
        '2026-06-01',
      ),
    ).toEqual(expected);
  });

  it('cuts a names line with a count of the rest', () => {
    expect(namesLine(['c', 'a', 'b', 'a'], 2)).toBe('a, b and 1 more');
    expect(namesLine(['b', 'a'])).toBe('a, b');
  });
});
