import { describe, it, expect } from 'vitest';
import { formatPortfolio, PORTFOLIO_LIST_ROWS } from '../../electron/cli/portfolio-commands';
import { DashboardSchema } from '../../electron/domain/portfolio-today';
import {
  PortfolioSummarySchema,
  summarisePortfolio,
  type PortfolioEntry,
  type PortfolioEvidenceInput,
} from '../../electron/domain/portfolio';
import { addMonths } from '../../electron/domain/scoring';
import type { Tier } from '../../electron/domain/risk';
import { itOnSolo, openApp, runCli, tamper, vendorInput } from './helpers';
import { CONTROLS } from './controls-fixture';
import {
  DASHBOARD_FIGURES,
  dashboardQuery,
  VendorListQuerySchema,
  type DashboardFigure,
} from '../../electron/domain/vendor-list';

const TODAY = '2027-03-15';

/** An ISO date some days from TODAY. */
function day(offset: number): string {
  const d = new Date(`${TODAY}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

type Result = PortfolioEntry['result'];
const KO = {
  questionnaireId: 'q',
  questionId: 'x',
  severity: 'high',
  message: 'No audit logs',
  knockout: true,
  reason: 'rule',
} as const;

/** A vendor with a submitted assessment (score 70, tier low, due in a year) unless overridden. */
function entry(
  name: string,
  result: Partial<Result> = {},
  status: 'active' | 'prospect' | 'offboarded' = 'active',
): PortfolioEntry {
  return {
    vendor: { id: `id-${name}`, name, status },
    result: {
      assessment: { id: `a-${name}` },
      score: 70,
      completeness: 1,
      residual: 15,
      tier: 'low',
      knockouts: 0,
      flags: [],
      lastAssessed: day(-10),
      nextReassessment: day(400),
      ...result,
    },
  };
}

function evidence(
  vendor: string,
  fileName: string,
  e: Partial<PortfolioEvidenceInput>,
): PortfolioEvidenceInput {
  return {
    id: `e-${fileName}`,
    vendorId: `id-${vendor}`,
    fileName,
    kind: 'iso27001',
    periodEnd: null,
    expiresAt: null,
    ...e,
  };
}

describe('summarisePortfolio: tiers and totals', () => {
  it.each<[string, Partial<Result>, 'unassessed' | Tier]>([
    ['no assessment', { assessment: null, score: null, residual: 70, tier: 'critical' }, 'unassessed'],
    ['an assessment with nothing scored', { score: null, residual: 70, tier: 'critical' }, 'unassessed'],
    ['a low score', { score: 90, residual: 5, tier: 'low' }, 'low'],
    ['a medium tier', { tier: 'medium', residual: 25 }, 'medium'],
    ['nothing scored but a knockout', { score: null, tier: 'high', flags: [KO], knockouts: 1 }, 'high'],
    [
      'a provisional score (no tier)',
      { score: 100, completeness: 0.25, residual: 10, tier: null, provisional: true },
      'unassessed',
    ],
    [
      'a provisional score with a knockout',
      { score: 0, completeness: 1 / 37, tier: 'high', provisional: true, flags: [KO], knockouts: 1 },
      'high',
    ],
  ])('%s counts as %s', (_name, result, tier) => {
    const s = summarisePortfolio([entry('A', result)], [], TODAY);
    expect(s.tiers[tier]).toBe(1);
    expect(Object.values(s.tiers).reduce((a, b) => a + b, 0)).toBe(1);
    expect(s.totals.assessed).toBe(tier === 'unassessed' ? 0 : 1);
  });

  it('a provisional score counts apart, sets no tier and stays out of the average score', () => {
    const s = summarisePortfolio(
      [
        entry('Final', { score: 60 }),
        entry('Barely', { score: 0, completeness: 1 / 37, residual: 75, tier: null, provisional: true }),
        entry('KO so far', {
          score: 100,
          completeness: 0.25,
          residual: 10,
          tier: 'high',
          provisional: true,
          flags: [KO],
          knockouts: 1,
        }),
        entry('Never', { assessment: null, score: null, tier: null }),
      ],
      [],
      TODAY,
    );
    expect(s.totals).toMatchObject({
      vendors: 4,
      assessed: 2,
      unassessed: 2,
      provisional: 1,
      averageScore: 60,
    });
    expect(s.tiers).toEqual({ critical: 0, high: 1, medium: 0, low: 1, unassessed: 2 });
    // The knockout's vendor is listed, its score marked provisional; the one without a tier is not.
    expect(s.topRisks.map((r) => [r.name, r.tier, r.provisional])).toEqual([
      ['Final', 'low', false],
      ['KO so far', 'high', true],
    ]);
    expect(s.knockouts.map((k) => k.vendorName)).toEqual(['KO so far']);
  });

  it('leaves offboarded vendors out of every figure but counts them apart', () => {
    const gone = entry(
      'Gone',
      { tier: 'critical', residual: 90, flags: [KO], knockouts: 1, nextReassessment: day(-5) },
      'offboarded',
    );
    const s = summarisePortfolio(
      [gone, entry('Kept', { score: 60 })],
      [
        evidence('Gone', 'old.pdf', { expiresAt: day(-1) }),
        evidence('Kept', 'iso.pdf', { expiresAt: day(10) }),
      ],
      TODAY,
    );
    expect(s.totals).toEqual({
      vendors: 1,
      assessed: 1,
      unassessed: 0,
      provisional: 0,
      averageScore: 60,
      offboarded: 1,
    });
    expect(s.tiers).toEqual({ critical: 0, high: 0, medium: 0, low: 1, unassessed: 0 });
    expect(s.topRisks.map((v) => v.name)).toEqual(['Kept']);
    expect(s.knockouts).toEqual([]);
    expect(s.reassessments.overdue).toEqual([]);
    expect(s.evidence.expired).toEqual([]);
    expect(s.evidence.days0to30.map((e) => e.fileName)).toEqual(['iso.pdf']);
  });

  it('averages the scores of assessed vendors only, to one decimal', () => {
    const s = summarisePortfolio(
      [
        entry('A', { score: 50 }),
        entry('B', { score: 65.5 }),
        entry('C', { score: 80 }),
        entry('D', { assessment: null, score: null }),
      ],
      [],
      TODAY,
    );
    expect(s.totals.averageScore).toBe(65.2);
    expect(
      summarisePortfolio([entry('D', { assessment: null, score: null })], [], TODAY).totals.averageScore,
    ).toBeNull();
  });

  it('lists the ten assessed vendors with the highest residual risk, knockouts then name breaking ties', () => {
    const entries = Array.from({ length: 12 }, (_, i) =>
      entry(`V${String(i).padStart(2, '0')}`, { residual: i * 5 }),
    );
    entries.push(entry('Tie-B', { residual: 55 }), entry('Tie-A', { residual: 55 }));
    entries.push(entry('Tie-KO', { residual: 55, knockouts: 1, flags: [KO], tier: 'high' }));
    entries.push(entry('Unknown', { assessment: null, score: null, residual: 99, tier: 'critical' }));
    const s = summarisePortfolio(entries, [], TODAY);
    expect(s.topRisks.map((v) => v.name)).toEqual([
      'Tie-KO',
      'Tie-A',
      'Tie-B',
      'V11',
      'V10',
      'V09',
      'V08',
      'V07',
      'V06',
      'V05',
    ]);
    expect(s.topRisks[0]).toEqual({
      id: 'id-Tie-KO',
      name: 'Tie-KO',
      tier: 'high',
      residual: 55,
      score: 70,
      provisional: false,
      knockouts: 1,
    });
  });
});

describe('summarisePortfolio: knockouts', () => {
  it('lists every knockout flag, most severe first, and no other flag', () => {
    const s = summarisePortfolio(
      [
        entry('B', {
          flags: [
            { ...KO, severity: 'high', message: 'No breach notification' },
            { ...KO, knockout: false, severity: 'critical', message: 'Not a knockout' },
          ],
        }),
        entry('A', {
          flags: [{ ...KO, severity: 'critical', message: 'No firmware signing', reason: 'refused' }],
        }),
        entry('C', { flags: [{ ...KO, severity: 'high', message: 'No audit logs' }] }),
      ],
      [],
      TODAY,
    );
    expect(s.knockouts.map((k) => [k.severity, k.vendorName, k.message, k.reason])).toEqual([
      ['critical', 'A', 'No firmware signing', 'refused'],
      ['high', 'B', 'No breach notification', 'rule'],
      ['high', 'C', 'No audit logs', 'rule'],
    ]);
  });
});

describe('summarisePortfolio: reassessments', () => {
  it.each<[string, string | null, 'overdue' | 'upcoming' | null, number | null]>([
    ['due long ago', day(-400), 'overdue', 400],
    ['due yesterday', day(-1), 'overdue', 1],
    ['due today', day(0), 'upcoming', 0],
    ['due tomorrow', day(1), 'upcoming', 1],
    ['due in 90 days', day(90), 'upcoming', 90],
    ['due in 91 days', day(91), null, null],
    ['never assessed', null, null, null],
  ])('%s', (_name, due, list, days) => {
    const result: Partial<Result> = due
      ? { nextReassessment: due }
      : { lastAssessed: null, nextReassessment: null };
    const s = summarisePortfolio([entry('A', { tier: 'medium', ...result })], [], TODAY);
    const { overdue, upcoming } = s.reassessments;
    expect(overdue.length + upcoming.length).toBe(list ? 1 : 0);
    if (!list) return;
    const row = (list === 'overdue' ? overdue : upcoming)[0]!;
    expect(row).toEqual({
      vendorId: 'id-A',
      vendorName: 'A',
      tier: 'medium',
      lastAssessed: day(-10),
      due,
      days,
    });
  });

  it('orders overdue by how late and upcoming by how soon', () => {
    const s = summarisePortfolio(
      [
        entry('A', { nextReassessment: day(-3) }),
        entry('B', { nextReassessment: day(-30) }),
        entry('C', { nextReassessment: day(60) }),
        entry('D', { nextReassessment: day(2) }),
      ],
      [],
      TODAY,
    );
    expect(s.reassessments.overdue.map((r) => r.vendorName)).toEqual(['B', 'A']);
    expect(s.reassessments.upcoming.map((r) => r.vendorName)).toEqual(['D', 'C']);
  });
});

describe('summarisePortfolio: evidence', () => {
  it.each<[string, Partial<PortfolioEvidenceInput>, string | null, string | null]>([
    ['expired yesterday', { expiresAt: day(-1) }, 'expired', day(-1)],
    ['expires today', { expiresAt: day(0) }, 'days0to30', day(0)],
    ['expires in 30 days', { expiresAt: day(30) }, 'days0to30', day(30)],
    ['expires in 31 days', { expiresAt: day(31) }, 'days31to60', day(31)],
    ['expires in 60 days', { expiresAt: day(60) }, 'days31to60', day(60)],
    ['expires in 61 days', { expiresAt: day(61) }, 'days61to90', day(61)],
    ['expires in 90 days', { expiresAt: day(90) }, 'days61to90', day(90)],
    ['expires in 91 days', { expiresAt: day(91) }, null, null],
    ['never expires', {}, null, null],
    // A SOC 2 report counts for 12 months after its period end, whatever its expiry says.
    [
      'SOC 2 period ended 20 days short of a year ago',
      { kind: 'soc2-type2', periodEnd: addMonths(day(20), -12) },
      'days0to30',
      day(20),
    ],
    [
      'SOC 2 period ended 13 months ago',
      { kind: 'soc2-type2', periodEnd: addMonths(TODAY, -13), expiresAt: day(300) },
      'expired',
      addMonths(TODAY, -1),
    ],
    [
      'SOC 2 expiring before its period limit',
      { kind: 'soc2-type1', periodEnd: day(-30), expiresAt: day(45) },
      'days31to60',
      day(45),
    ],
  ])('%s', (_name, e, bucket, until) => {
    const s = summarisePortfolio([entry('A')], [evidence('A', 'file.pdf', e)], TODAY);
    const all = Object.entries(s.evidence).flatMap(([k, list]) => list.map((item) => ({ k, item })));
    expect(all.length).toBe(bucket ? 1 : 0);
    if (!bucket) return;
    expect(all[0]!.k).toBe(bucket);
    expect(all[0]!.item).toMatchObject({
      vendorId: 'id-A',
      vendorName: 'A',
      evidenceId: 'e-file.pdf',
      fileName: 'file.pdf',
      expiresAt: until,
    });
    if (bucket === 'expired') expect(all[0]!.item.reason).toMatch(/expired|SOC 2/);
    else expect(all[0]!.item.reason).toBeUndefined();
  });

  it('ignores evidence of vendors it does not count', () => {
    const s = summarisePortfolio(
      [entry('A')],
      [
        evidence('Nobody', 'x.pdf', { expiresAt: day(1) }),
        { ...evidence('A', 'y.pdf', { expiresAt: day(1) }), vendorId: null },
      ],
      TODAY,
    );
    expect(Object.values(s.evidence).flat()).toEqual([]);
  });
});

/** Five yes/no controls of weight 1; "no" to c1 is a knockout. */

/**
 * A stored portfolio, on 2027-03-15: an overdue and an upcoming reassessment, a knockout with
 * evidence expiring in 17 days, a good vendor, a draft, a vendor never assessed and an
 * offboarded one.
 */
async function storedPortfolio() {
  let clock = new Date('2023-06-01T12:00:00Z');
  const app = openApp({ now: () => clock });
  const { dispatcher, services } = app;
  expect((await dispatcher.call('questionnaires.import', { content: CONTROLS })).ok).toBe(true);

  const vendor = (name: string, status: 'active' | 'offboarded' = 'active') =>
    services.vendors.create(vendorInput({ name, status }));
  const assess = async (
    vendorId: string,
    answers: string[],
    opts: { submit?: boolean; expiresAt?: string } = {},
  ) => {
    const started = await dispatcher.call('assessments.start', {
      vendorId,
      questionnaireIds: ['portfolio-controls'],
    });
    if (!started.ok) throw new Error(started.error.message);
    const id = started.value.id;
    const r = await dispatcher.call('assessments.answerMany', {
      id,
      answers: answers.map((value, i) => ({
        questionnaireId: 'portfolio-controls',
        questionId: `c${i + 1}`,
        answer: { status: 'answered', value },
      })),
    });
    if (!r.ok && answers.length) throw new Error(r.error.message);
    if (opts.expiresAt) {
      const ev = await dispatcher.call('evidence.attach', {
        assessmentId: id,
        questionnaireId: 'portfolio-controls',
        questionId: 'c2',
        fileName: 'iso-cert.pdf',
        contentBase64: Buffer.from('certificate').toString('base64'),
        kind: 'iso27001',
        expiresAt: opts.expiresAt,
      });
      if (!ev.ok) throw new Error(ev.error.message);
    }
    if (opts.submit !== false)
      expect((await dispatcher.call('assessments.setStatus', { id, status: 'submitted' })).ok).toBe(true);
    return id;
  };

  // All "yes": residual 17.25, tier low, reassessed every 36 months. Assessed 2023-06-01, so
  // overdue on 2027-03-15; assessed 2024-05-01, so due on 2027-05-01, in 47 days.
  const old = vendor('Old Audit Logistics');
  await assess(old.id, ['yes', 'yes', 'yes', 'yes', 'yes']);
  clock = new Date('2024-05-01T12:00:00Z');
  const soon = vendor('Soon Due Logistics');
  await assess(soon.id, ['yes', 'yes', 'yes', 'yes', 'yes']);
  clock = new Date('2027-03-01T12:00:00Z');
  const ko = vendor('Knockout Robotics');
  await assess(ko.id, ['no', 'yes', 'yes', 'yes', 'yes'], { expiresAt: '2027-04-01' });
  const good = vendor('Good Cloud WMS');
  const goodAssessment = await assess(good.id, ['yes', 'yes', 'yes', 'partial', 'yes']);
  const decided = await dispatcher.call('decisions.record', {
    assessmentId: goodAssessment,
    decision: 'approve-with-conditions',
    conditions: [{ text: 'Deliver the pen test report', owner: 'Ana', due: '2027-03-10' }],
  });
  expect(decided.ok).toBe(true);
  const draft = vendor('Draft Payments');
  await assess(draft.id, [], { submit: false });
  const none = vendor('Never Assessed 3PL');
  const gone = vendor('Gone Systems', 'offboarded');
  await assess(gone.id, ['no', 'no', 'no', 'no', 'no']);
  clock = new Date('2027-03-15T12:00:00Z');
  const setDay = (iso: string) => void (clock = new Date(`${iso}T12:00:00Z`));
  return { app, dispatcher, services, old, soon, ko, good, draft, none, gone, setDay };
}

/** The summary as scoring every vendor again gives it: each vendor's score, latest decision and evidence. */
function rescoredSummary(services: ReturnType<typeof openApp>['services'], today: string) {
  const vendors = services.storage.vendors.list(VendorListQuerySchema.parse({})).items;
  const entries: PortfolioEntry[] = vendors.map((vendor) => {
    const [latest] = services.decisions.list(vendor.id);
    return {
      vendor,
      result: services.scores.vendor(vendor.id),
      decision: latest?.decision ?? null,
      conditions: latest?.conditions ?? [],
    };
  });
  const evidence = vendors
    .filter((v) => v.status !== 'offboarded')
    .flatMap((v) => services.assessments.evidenceForVendor(v.id));
  return summarisePortfolio(entries, evidence, today);
}

describe('portfolio.summary through the dispatcher', () => {
  it('counts a stored provisional score apart: no tier, out of the average; its knockout still counts', async () => {
    const { dispatcher, services } = openApp();
    expect((await dispatcher.call('questionnaires.import', { content: CONTROLS })).ok).toBe(true);
    const assess = async (name: string, answers: string[]) => {
      const v = services.vendors.create(vendorInput({ name }));
      const a = await dispatcher.call('assessments.start', {
        vendorId: v.id,
        questionnaireIds: ['portfolio-controls'],
      });
      if (!a.ok) throw new Error(a.error.message);
      await dispatcher.call('assessments.answerMany', {
        id: a.value.id,
        answers: answers.map((value, i) => ({
          questionnaireId: 'portfolio-controls',
          questionId: `c${i + 1}`,
          answer: { status: 'answered' as const, value },
        })),
      });
      await dispatcher.call('assessments.setStatus', { id: a.value.id, status: 'submitted' });
    };
    await assess('Complete Co', ['yes', 'yes', 'yes', 'no', 'no']); // 60 %: stands
    await assess('One Answer Co', ['yes']); // 20 %: provisional, no tier
    await assess('One Knockout Co', ['no']); // 20 % with a knockout: the knockout tier
    const r = await dispatcher.call('portfolio.summary', {});
    if (!r.ok) throw new Error(r.error.message);
    const s = r.value;
    expect(s.totals).toMatchObject({
      vendors: 3,
      assessed: 2,
      unassessed: 1,
      provisional: 1,
      averageScore: 60,
    });
    expect(s.tiers.unassessed).toBe(1);
    expect(s.tiers.critical + s.tiers.high + s.tiers.medium + s.tiers.low).toBe(2);
    expect(s.topRisks.map((t) => [t.name, t.tier, t.provisional])).toContainEqual([
      'One Knockout Co',
      'high',
      true,
    ]);
    expect(s.topRisks.map((t) => t.name)).not.toContain('One Answer Co');
    expect(s.knockouts.map((k) => k.vendorName)).toEqual(['One Knockout Co']);
  });

  it('aggregates the stored portfolio exactly as the vendor page scores each vendor', async () => {
    const { app, dispatcher, services, old, soon, ko, good, draft, none, gone } = await storedPortfolio();

    const r = await dispatcher.call('portfolio.summary', {});
    if (!r.ok) throw new Error(r.error.message);
    const s = r.value;
    expect(DashboardSchema.parse(s)).toEqual(s);
    expect(s.today).toBe('2027-03-15');
    expect(s.totals).toMatchObject({ vendors: 6, assessed: 4, unassessed: 2, offboarded: 1 });
    expect(s.tiers.unassessed).toBe(2);

    // Every figure agrees with scores.vendor, the vendor page's own numbers.
    const scored = [old, soon, ko, good].map((v) => ({ v, score: services.scores.vendor(v.id) }));
    for (const { v, score } of scored) {
      const row = s.topRisks.find((t) => t.id === v.id)!;
      expect(row).toEqual({
        id: v.id,
        name: v.name,
        tier: score.tier,
        residual: score.residual,
        score: score.score,
        provisional: score.provisional,
        knockouts: score.knockouts,
      });
    }
    expect(s.topRisks.map((t) => t.id)).not.toContain(none.id);
    expect(s.topRisks.map((t) => t.id)).not.toContain(draft.id);
    expect(s.topRisks.map((t) => t.id)).not.toContain(gone.id);
    const tiers = scored.map(({ score }) => score.tier);
    for (const tier of ['critical', 'high', 'medium', 'low'] as const)
      expect(s.tiers[tier]).toBe(tiers.filter((t) => t === tier).length);
    expect(s.totals.averageScore).toBe(
      Math.round((scored.reduce((n, { score }) => n + score.score!, 0) / 4) * 10) / 10,
    );

    expect(s.knockouts).toEqual([
      {
        vendorId: ko.id,
        vendorName: 'Knockout Robotics',
        severity: 'critical',
        message: 'No detailed audit logs',
        questionnaireId: 'portfolio-controls',
        questionId: 'c1',
        reason: 'rule',
      },
    ]);
    expect(scored[0]!.score).toMatchObject({ tier: 'low', overdue: true, nextReassessment: '2026-06-01' });
    expect(s.reassessments.overdue).toEqual([
      {
        vendorId: old.id,
        vendorName: old.name,
        tier: 'low',
        lastAssessed: '2023-06-01',
        due: '2026-06-01',
        days: 287,
      },
    ]);
    expect(s.reassessments.upcoming).toEqual([
      {
        vendorId: soon.id,
        vendorName: soon.name,
        tier: 'low',
        lastAssessed: '2024-05-01',
        due: '2027-05-01',
        days: 47,
      },
    ]);
    expect(s.evidence.days0to30).toEqual([
      expect.objectContaining({
        vendorId: ko.id,
        fileName: 'iso-cert.pdf',
        kind: 'iso27001',
        expiresAt: '2027-04-01',
        days: 17,
      }),
    ]);
    expect(app.internalErrors).toEqual([]);

    // The CLI prints the summary with --json and the figures as text. It runs on the real
    // clock, so only what does not depend on the day is compared with the run above.
    const run = async (args: string[]) => {
      const { code, stdout } = await runCli(app.dataDir, args, { VENDOR_RISK_USER: 'Test Runner' });
      return { code, stdout };
    };
    const json = await run(['portfolio', '--json']);
    expect(json.code).toBe(0);
    const cliSummary = PortfolioSummarySchema.parse(JSON.parse(json.stdout));
    for (const key of ['totals', 'tiers', 'topRisks', 'knockouts'] as const)
      expect(cliSummary[key]).toEqual(s[key]);
    const text = await run(['portfolio']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('6 (4 assessed, 2 not assessed); 1 offboarded, not counted');
    expect(text.stdout).toContain('Open knockouts: 1');
    expect(text.stdout).toMatch(/critical\s+Knockout Robotics\s+No detailed audit logs/);
    expect(text.stdout).toMatch(/Highest residual risk:\nVENDOR\s+TIER\s+RESIDUAL\s+SCORE\s+KNOCKOUTS\n/);
    const formatted = formatPortfolio(s);
    expect(formatted).toContain('Overdue reassessments: 1');
    expect(formatted).toMatch(/Old Audit Logistics\s+low\s+2023-06-01\s+2026-06-01\s+287/);
    expect(formatted).toContain('Reassessments due in the next 90 days: 1');
    expect(formatted).toMatch(/Soon Due Logistics\s+low\s+2024-05-01\s+2027-05-01\s+47/);
    expect(formatted).toContain('Evidence: 0 expired, 1 within 30 days, 0 in 31–60 days, 0 in 61–90 days');
    expect(formatted).toMatch(
      /≤ 30 days\s+Knockout Robotics\s+iso-cert\.pdf\s+ISO 27001 certificate\s+2027-04-01/,
    );
  });
});

describe('portfolio.summary from the kept standings', () => {
  itOnSolo('edits the data folder’s SQLite file behind the app’s back')(
    'equals scoring every vendor again: at first, after changes, on a later day, and when a write drops a standing meanwhile',
    async () => {
      const { app, dispatcher, services, ko, good, draft, gone, setDay } = await storedPortfolio();
      const summary = async () => {
        const r = await dispatcher.call('portfolio.summary', {});
        if (!r.ok) throw new Error(r.error.message);
        // The figures part (Today, the heat map and attention are built from it; tested on their own).
        return PortfolioSummarySchema.parse(r.value);
      };
      expect(services.portfolio.standingsStale()).toBe(true);
      const first = await summary();
      expect(first).toEqual(rescoredSummary(services, '2027-03-15'));
      expect(services.portfolio.standingsStale()).toBe(false);
      expect(await summary()).toEqual(first);

      // Changes drop the standings they touch: an answer, a decision with conditions, a status.
      const [draftAssessment] = services.assessments.list(draft.id);
      const answered = await dispatcher.call('assessments.answerMany', {
        id: draftAssessment!.id,
        answers: ['no', 'no', 'yes'].map((value, i) => ({
          questionnaireId: 'portfolio-controls',
          questionId: `c${i + 1}`,
          answer: { status: 'answered', value },
        })),
      });
      expect(answered.ok).toBe(true);
      const [koAssessment] = services.assessments.list(ko.id);
      const decided = await dispatcher.call('decisions.record', {
        assessmentId: koAssessment!.id,
        decision: 'approve-with-conditions',
        conditions: [{ text: 'Turn on audit logs', owner: 'Bo', due: '2027-03-01' }],
      });
      expect(decided.ok).toBe(true);
      services.vendors.update(gone.id, { status: 'active' });
      services.vendors.update(good.id, { status: 'offboarded' });
      const changed = await summary();
      expect(changed).toEqual(rescoredSummary(services, '2027-03-15'));
      expect(changed).not.toEqual(first);
      expect(changed.conditionsPastDue.map((c) => c.text)).toEqual(['Turn on audit logs']);

      // On a later day every standing is computed again (reassessments and evidence move).
      setDay('2027-04-20');
      const later = await summary();
      expect(later.today).toBe('2027-04-20');
      expect(later).toEqual(rescoredSummary(services, '2027-04-20'));

      // Another process's write drops a standing between the refresh and the read: that vendor is scored on the spot.
      const { standings } = services.storage;
      const figures = standings.figures.bind(standings);
      standings.figures = (today) => {
        tamper(app.dataDir, `DELETE FROM vendor_standings WHERE vendor_id = '${ko.id}'`);
        return figures(today);
      };
      expect(await summary()).toEqual(later);
      standings.figures = figures;
      expect(services.portfolio.standingsStale()).toBe(true);
      expect(app.internalErrors).toEqual([]);
    },
  );
});

describe('vendor list behind each dashboard figure', () => {
  it('lists exactly the vendors each dashboard number counts', async () => {
    const { dispatcher, services, old, soon, ko, good, draft, none } = await storedPortfolio();
    const r = await dispatcher.call('portfolio.summary', {});
    if (!r.ok) throw new Error(r.error.message);
    const s = r.value;
    const ids = (rows: readonly { vendorId: string }[]) => [...new Set(rows.map((x) => x.vendorId))].sort();
    const tierIds = (tier: string) =>
      [old, soon, ko, good, draft, none]
        .filter((v) => s.topRisks.find((t) => t.id === v.id)?.tier === tier)
        .map((v) => v.id)
        .sort();
    const criticalityOf = new Map(
      [old, soon, ko, good, draft, none].map((v) => [v.id, services.storage.vendors.get(v.id)!.criticality]),
    );
    const important = (ids: string[]) =>
      ids.filter((id) => ['critical', 'high'].includes(criticalityOf.get(id)!));
    const expected: Record<(typeof DASHBOARD_FIGURES)[number], string[]> = {
      vendors: [old, soon, ko, good, draft, none].map((v) => v.id).sort(),
      assessed: [old, soon, ko, good].map((v) => v.id).sort(),
      unassessed: [draft.id, none.id].sort(),
      critical: tierIds('critical'),
      high: tierIds('high'),
      medium: tierIds('medium'),
      low: tierIds('low'),
      knockouts: ids(s.knockouts),
      overdue: ids(s.reassessments.overdue),
      upcoming: ids(s.reassessments.upcoming),
      conditionsPastDue: ids(s.conditionsPastDue),
      evidenceExpired: ids(s.evidence.expired),
      evidence30: ids(s.evidence.days0to30),
      evidence60: ids(s.evidence.days31to60),
      evidence90: ids(s.evidence.days61to90),
      overdueImportant: important(ids(s.reassessments.overdue)),
      unassessedImportant: important([draft.id, none.id].sort()),
    };
    // The figures the scenario is built to have, so the comparison below is not vacuous.
    expect(expected.knockouts).toEqual([ko.id]);
    expect(expected.overdue).toEqual([old.id]);
    expect(expected.upcoming).toEqual([soon.id]);
    expect(expected.conditionsPastDue).toEqual([good.id]);
    expect(expected.evidence30).toEqual([ko.id]);
    expect(s.tiers.unassessed).toBe(2);
    for (const figure of DASHBOARD_FIGURES) {
      const list = await dispatcher.call('vendors.list', dashboardQuery(figure));
      if (!list.ok) throw new Error(list.error.message);
      expect([figure, list.value.items.map((v) => v.id).sort()]).toEqual([figure, expected[figure]]);
    }
    // Each heat map cell lists as many vendors as it counts, of its criticality.
    let listed = 0;
    for (const row of s.heatMap.rows)
      for (const cell of row.cells) {
        const figure: DashboardFigure = `heat:${row.criticality}:${cell.band}`;
        const list = await dispatcher.call('vendors.list', dashboardQuery(figure));
        if (!list.ok) throw new Error(list.error.message);
        expect([figure, list.value.items.length]).toEqual([figure, cell.count]);
        expect(list.value.items.every((v) => v.criticality === row.criticality)).toBe(true);
        listed += cell.count;
      }
    expect(listed).toBe(6);
  });
});

describe('portfolio text', () => {
  it('shows at most PORTFOLIO_LIST_ROWS rows of a list and says how many more --json has', () => {
    const entries = Array.from({ length: PORTFOLIO_LIST_ROWS + 5 }, (_, i) =>
      entry(`V${String(i).padStart(2, '0')}`, { flags: [KO], knockouts: 1, tier: 'high' }),
    );
    const text = formatPortfolio(summarisePortfolio(entries, [], TODAY));
    expect(text).toContain(`Open knockouts: ${PORTFOLIO_LIST_ROWS + 5}`);
    expect(text).toContain('… and 5 more (all are in --json)');
    expect(text).toContain('Evidence: 0 expired');
    expect(text).toMatch(
      /Tiers:\nTIER\s+VENDORS\ncritical\s+0\nhigh\s+25\nmedium\s+0\nlow\s+0\nunassessed\s+0/,
    );
  });
});

describe('conditions past due', () => {
  it('lists the latest decision’s conditions whose due date has passed, oldest first', async () => {
    const { summarisePortfolio } = await import('../../electron/domain/portfolio');
    const entry = (id: string, conditions: { text: string; owner: string; due: string }[]) => ({
      vendor: { id, name: `Vendor ${id}`, status: 'active' as const },
      result: {
        assessment: null,
        score: null,
        completeness: 0,
        residual: 10,
        tier: 'low' as const,
        knockouts: 0,
        flags: [],
        lastAssessed: null,
        nextReassessment: null,
      },
      conditions,
    });
    const summary = summarisePortfolio(
      [
        entry('a', [
          { text: 'Deliver SOC 2', owner: 'Ana', due: '2026-10-01' },
          { text: 'Rotate keys', owner: 'Bo', due: '2027-01-01' },
        ]),
        entry('b', [{ text: 'Pen test', owner: 'Cy', due: '2026-11-20' }]),
      ],
      [],
      '2026-11-24',
    );
    expect(summary.conditionsPastDue.map((c) => [c.vendorId, c.text, c.days])).toEqual([
      ['a', 'Deliver SOC 2', 54],
      ['b', 'Pen test', 4],
    ]);
  });
});
