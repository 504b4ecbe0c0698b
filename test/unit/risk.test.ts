/**
 * Inherent and residual risk, tiers, the knockout cap and reassessment dates
 * (docs/scoring.md), and the whole model through the dispatcher (`scores.vendor`).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_RISK_SETTINGS,
  inherentRisk,
  nextReassessment,
  residualRisk,
  RiskSettingsSchema,
  isProvisional,
  tierOf,
  vendorTier,
  type RiskSettings,
  type Tier,
} from '../../electron/domain/risk';
import type { Criticality, DataKind, VendorCategory } from '../../electron/domain/vendor';
import { openApp, vendorInput } from './helpers';

const settings = (patch: Partial<RiskSettings>): RiskSettings => ({ ...DEFAULT_RISK_SETTINGS, ...patch });

describe('inherent risk: 0.4 data + 0.35 criticality + 0.25 access', () => {
  const cases: [
    VendorCategory,
    DataKind[],
    Criticality,
    { value: number; data: number; criticality: number; access: number },
  ][] = [
    ['wms-saas', ['pii'], 'high', { value: 86.3, data: 100, criticality: 75, access: 80 }],
    [
      'robotics-iot',
      ['operational-telemetry'],
      'critical',
      { value: 75, data: 50, criticality: 100, access: 80 },
    ],
    ['3pl', ['supplier-pricing'], 'medium', { value: 60.5, data: 70, criticality: 50, access: 60 }],
    [
      'payments',
      ['pii', 'customer-contracts'],
      'critical',
      { value: 92.5, data: 100, criticality: 100, access: 70 },
    ],
    [
      'cloud-ml',
      ['customer-contracts', 'operational-telemetry'],
      'medium',
      { value: 71, data: 90, criticality: 50, access: 70 },
    ],
    ['other', ['none'], 'low', { value: 16.3, data: 0, criticality: 25, access: 30 }],
    ['other', [], 'low', { value: 16.3, data: 0, criticality: 25, access: 30 }],
  ];
  it.each(cases)('%s touching %j, %s criticality', (category, dataTouched, criticality, expected) => {
    expect(inherentRisk({ category, dataTouched, criticality })).toEqual(expected);
  });
});

describe('residual risk: inherent × (1 − effect × score/100)', () => {
  const cases: [number, number | null, number, number][] = [
    [86.3, null, 0.8, 86.3],
    [86.3, 71.4, 0.8, 37],
    [60.5, 85.7, 0.8, 19],
    [75, 73.3, 0.8, 31],
    [80, 100, 0.8, 16],
    [80, 0, 0.8, 80],
    [50, 50, 0.8, 30],
    [80, 100, 0.5, 40],
    [80, 100, 0, 80],
  ];
  it.each(cases)('inherent %d, score %s, effect %d → %d', (inherent, score, controlEffect, expected) => {
    expect(residualRisk(inherent, score, settings({ controlEffect }))).toBe(expected);
  });
});

describe('tiers', () => {
  const byDefault: [number, Tier][] = [
    [100, 'critical'],
    [60, 'critical'],
    [59.9, 'high'],
    [40, 'high'],
    [39.9, 'medium'],
    [20, 'medium'],
    [19.9, 'low'],
    [0, 'low'],
  ];
  it.each(byDefault)('residual %d is %s by default', (residual, tier) => {
    expect(tierOf(residual, 0, DEFAULT_RISK_SETTINGS)).toEqual({ tier, cappedByKnockout: false });
  });

  const moved = settings({ thresholds: { critical: 80, high: 50, medium: 30 } });
  const changed: [number, Tier, Tier][] = [
    [60, 'critical', 'high'],
    [45, 'high', 'medium'],
    [25, 'medium', 'low'],
    [85, 'critical', 'critical'],
  ];
  it.each(changed)('changed thresholds: residual %d goes from %s to %s', (residual, before, after) => {
    expect(tierOf(residual, 0, DEFAULT_RISK_SETTINGS).tier).toBe(before);
    expect(tierOf(residual, 0, moved).tier).toBe(after);
  });

  const knockouts: [string, number, number, RiskSettings, { tier: Tier; cappedByKnockout: boolean }][] = [
    ['low raised to high', 19, 1, DEFAULT_RISK_SETTINGS, { tier: 'high', cappedByKnockout: true }],
    ['medium raised to high', 37, 2, DEFAULT_RISK_SETTINGS, { tier: 'high', cappedByKnockout: true }],
    [
      'high stays high, not capped',
      46.9,
      1,
      DEFAULT_RISK_SETTINGS,
      { tier: 'high', cappedByKnockout: false },
    ],
    ['critical stays critical', 75, 1, DEFAULT_RISK_SETTINGS, { tier: 'critical', cappedByKnockout: false }],
    ['no knockout, no cap', 5, 0, DEFAULT_RISK_SETTINGS, { tier: 'low', cappedByKnockout: false }],
    [
      'knockout tier critical',
      45,
      1,
      settings({ knockoutTier: 'critical' }),
      { tier: 'critical', cappedByKnockout: true },
    ],
    [
      'knockout tier medium',
      5,
      1,
      settings({ knockoutTier: 'medium' }),
      { tier: 'medium', cappedByKnockout: true },
    ],
    [
      'knockout tier low: never capped',
      5,
      1,
      settings({ knockoutTier: 'low' }),
      { tier: 'low', cappedByKnockout: false },
    ],
  ];
  it.each(knockouts)('knockout: %s', (_name, residual, count, s, expected) => {
    expect(tierOf(residual, count, s)).toEqual(expected);
  });

  it('thresholds must fall: critical > high > medium', () => {
    expect(RiskSettingsSchema.safeParse(DEFAULT_RISK_SETTINGS).success).toBe(true);
    const bad = { ...DEFAULT_RISK_SETTINGS, thresholds: { critical: 40, high: 40, medium: 20 } };
    expect(RiskSettingsSchema.safeParse(bad).success).toBe(false);
  });
});

describe('provisional scores: under provisionalBelow of the questions a score sets no tier; knockouts still do', () => {
  const cases: [
    string,
    { residual: number; knockouts: number; completeness: number; settings: RiskSettings },
    { tier: Tier | null; cappedByKnockout: boolean },
  ][] = [
    // 1 of 37 answered, a score of 0: residual 75 would be "critical"; provisional, it is no tier.
    [
      '1 of 37 answered sets no tier',
      { residual: 75, knockouts: 0, completeness: 1 / 37, settings: DEFAULT_RISK_SETTINGS },
      { tier: null, cappedByKnockout: false },
    ],
    [
      '25 % with a perfect score sets no tier (not "low")',
      { residual: 10, knockouts: 0, completeness: 0.25, settings: DEFAULT_RISK_SETTINGS },
      { tier: null, cappedByKnockout: false },
    ],
    [
      'a knockout found so far still sets the knockout tier',
      { residual: 10, knockouts: 1, completeness: 0.25, settings: DEFAULT_RISK_SETTINGS },
      { tier: 'high', cappedByKnockout: true },
    ],
    [
      'provisional with a knockout: the knockout tier stands, not the score’s higher one',
      { residual: 75, knockouts: 1, completeness: 0.1, settings: DEFAULT_RISK_SETTINGS },
      { tier: 'high', cappedByKnockout: true },
    ],
    [
      'exactly at the threshold the score stands',
      { residual: 75, knockouts: 0, completeness: 0.6, settings: DEFAULT_RISK_SETTINGS },
      { tier: 'critical', cappedByKnockout: false },
    ],
    [
      'just under the threshold it does not',
      { residual: 75, knockouts: 0, completeness: 0.599, settings: DEFAULT_RISK_SETTINGS },
      { tier: null, cappedByKnockout: false },
    ],
    [
      'complete: the score sets the tier, a knockout raises it',
      { residual: 10, knockouts: 1, completeness: 1, settings: DEFAULT_RISK_SETTINGS },
      { tier: 'high', cappedByKnockout: true },
    ],
    [
      'a lower setting (25 %) lets a 25 % score stand',
      { residual: 10, knockouts: 0, completeness: 0.25, settings: settings({ provisionalBelow: 0.25 }) },
      { tier: 'low', cappedByKnockout: false },
    ],
    [
      'a higher setting (90 %) makes an 80 % score provisional',
      { residual: 45, knockouts: 0, completeness: 0.8, settings: settings({ provisionalBelow: 0.9 }) },
      { tier: null, cappedByKnockout: false },
    ],
    [
      'setting 0: never provisional',
      { residual: 45, knockouts: 0, completeness: 0, settings: settings({ provisionalBelow: 0 }) },
      { tier: 'high', cappedByKnockout: false },
    ],
  ];
  it.each(cases)('%s', (_name, { residual, knockouts, completeness, settings: s }, expected) => {
    expect(vendorTier(residual, knockouts, completeness, s)).toEqual(expected);
    expect(isProvisional(completeness, s)).toBe(
      expected.tier === null || (expected.cappedByKnockout && completeness < s.provisionalBelow),
    );
  });

  it('is 60 % by default, 0–1, and settings saved before it existed read as the default', () => {
    expect(DEFAULT_RISK_SETTINGS.provisionalBelow).toBe(0.6);
    const { provisionalBelow: _p, ...older } = DEFAULT_RISK_SETTINGS;
    expect(RiskSettingsSchema.parse(older).provisionalBelow).toBe(0.6);
    expect(RiskSettingsSchema.safeParse({ ...DEFAULT_RISK_SETTINGS, provisionalBelow: 1.5 }).success).toBe(
      false,
    );
    expect(RiskSettingsSchema.safeParse({ ...DEFAULT_RISK_SETTINGS, provisionalBelow: -0.1 }).success).toBe(
      false,
    );
  });
});

describe('next reassessment: the last assessment plus the tier’s interval, clamped to the month end', () => {
  const cases: [string, Tier, RiskSettings, string][] = [
    ['2026-08-31', 'critical', DEFAULT_RISK_SETTINGS, '2027-02-28'],
    ['2027-08-31', 'critical', DEFAULT_RISK_SETTINGS, '2028-02-29'],
    ['2026-08-31', 'high', DEFAULT_RISK_SETTINGS, '2027-08-31'],
    ['2026-08-31', 'medium', DEFAULT_RISK_SETTINGS, '2028-08-31'],
    ['2026-08-31', 'low', DEFAULT_RISK_SETTINGS, '2029-08-31'],
    ['2024-02-29', 'high', DEFAULT_RISK_SETTINGS, '2025-02-28'],
    ['2026-06-15', 'medium', DEFAULT_RISK_SETTINGS, '2028-06-15'],
    [
      '2026-11-30',
      'critical',
      settings({ reassessMonths: { critical: 3, high: 9, medium: 18, low: 48 } }),
      '2027-02-28',
    ],
    [
      '2026-11-30',
      'low',
      settings({ reassessMonths: { critical: 3, high: 9, medium: 18, low: 48 } }),
      '2030-11-30',
    ],
  ];
  it.each(cases)('%s, %s → %s', (last, tier, s, expected) => {
    expect(nextReassessment(last, tier, s)).toBe(expected);
  });

  it('defaults: 6, 12, 24 and 36 months', () => {
    expect(DEFAULT_RISK_SETTINGS.reassessMonths).toEqual({ critical: 6, high: 12, medium: 24, low: 36 });
    expect(DEFAULT_RISK_SETTINGS.thresholds).toEqual({ critical: 60, high: 40, medium: 20 });
    expect(DEFAULT_RISK_SETTINGS).toMatchObject({ knockoutTier: 'high', controlEffect: 0.8 });
  });
});

describe('scores.vendor through the dispatcher', () => {
  const exampleText = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');
  const answer = (questionId: string, value: string | number | { status: 'not-applicable' }) => ({
    questionnaireId: 'example-firmware',
    questionId,
    answer: typeof value === 'object' ? value : { status: 'answered' as const, value },
  });

  it('scores the submitted assessment: score, tier, reassessment; settings change the tier', async () => {
    let clock = new Date('2026-06-15T12:00:00Z');
    const { dispatcher } = openApp({ now: () => clock });
    const ok = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
      const r = await p;
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const vendor = await ok(
      dispatcher.call(
        'vendors.create',
        vendorInput({
          category: 'robotics-iot',
          dataTouched: ['operational-telemetry'],
          criticality: 'critical',
        }),
      ),
    );
    const score = () => ok(dispatcher.call('scores.vendor', { id: vendor.id }));

    // Not assessed: no score, and the residual risk is the inherent risk.
    expect(await score()).toMatchObject({
      assessment: null,
      score: null,
      completeness: 0,
      inherent: { value: 75, data: 50, criticality: 100, access: 80 },
      residual: 75,
      // No tier without a score (it used to say "critical", the inherent risk's, as if assessed).
      tier: null,
      provisional: false,
      lastAssessed: null,
      nextReassessment: null,
      overdue: false,
    });

    await ok(dispatcher.call('questionnaires.import', { content: exampleText }));
    const first = await ok(
      dispatcher.call('assessments.start', { vendorId: vendor.id, questionnaireIds: ['example-firmware'] }),
    );
    await ok(
      dispatcher.call('assessments.answerMany', {
        id: first.id,
        answers: [answer('fw_signed', 'yes'), answer('fw_key_storage', 'kms'), answer('fw_patch_days', 21)],
      }),
    );
    // Attaching evidence answers fw_statement; this file expired two weeks ago.
    await ok(
      dispatcher.call('evidence.attach', {
        assessmentId: first.id,
        questionnaireId: 'example-firmware',
        questionId: 'fw_statement',
        fileName: 'signing-statement.pdf',
        contentBase64: Buffer.from('%PDF-1.4 statement').toString('base64'),
        kind: 'firmware-signing',
        periodEnd: '2025-05-31',
        expiresAt: '2026-05-31',
      }),
    );
    // In progress: scored, but not yet an assessment that sets the reassessment date.
    expect(await score()).toMatchObject({ score: 73.3, lastAssessed: null, nextReassessment: null });

    await ok(dispatcher.call('assessments.setStatus', { id: first.id, status: 'submitted' }));
    const submitted = await score();
    // Worked example 4 of docs/scoring.md, through the stored data.
    expect(submitted).toMatchObject({
      assessment: { id: first.id, status: 'submitted' },
      score: 73.3,
      completeness: 1,
      answered: 4,
      applicable: 4,
      domains: [{ sectionId: 'signing', score: 73.3, answered: 4, applicable: 4 }],
      residual: 31,
      tier: 'medium',
      cappedByKnockout: false,
      knockouts: 0,
      flags: [],
      lastAssessed: '2026-06-15',
      nextReassessment: '2028-06-15',
      overdue: false,
    });
    expect(submitted.contributions.map((c) => [c.questionId, c.contribution, c.lost])).toEqual([
      ['fw_statement', 0, 16.7],
      ['fw_patch_days', 10, 6.7],
      ['fw_key_storage', 13.3, 3.3],
      ['fw_signed', 50, 0],
    ]);
    expect(submitted.contributions[0]!.reason).toBe('evidence counts as missing: expired on 2026-05-31');

    // Lower thresholds: the same residual risk is now critical, reassessed in 6 months.
    const lower = { ...DEFAULT_RISK_SETTINGS, thresholds: { critical: 30, high: 20, medium: 10 } };
    expect(await ok(dispatcher.call('settings.setRisk', lower))).toEqual(lower);
    expect(await ok(dispatcher.call('settings.getRisk', {}))).toEqual(lower);
    expect(await score()).toMatchObject({ tier: 'critical', nextReassessment: '2026-12-15', overdue: false });
    clock = new Date('2026-12-16T09:00:00Z');
    expect(await score()).toMatchObject({ tier: 'critical', nextReassessment: '2026-12-15', overdue: true });

    const refused = await dispatcher.call('settings.setRisk', {
      ...DEFAULT_RISK_SETTINGS,
      thresholds: { critical: 20, high: 30, medium: 10 },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    // A newer assessment in progress does not replace the submitted one…
    const second = await ok(
      dispatcher.call('assessments.start', { vendorId: vendor.id, questionnaireIds: ['example-firmware'] }),
    );
    await ok(
      dispatcher.call('assessments.answerMany', {
        id: second.id,
        answers: [
          answer('fw_signed', 'no'),
          answer('fw_patch_days', 10),
          answer('fw_statement', { status: 'not-applicable' }),
        ],
      }),
    );
    expect((await score()).assessment?.id).toBe(first.id);

    // …until it is submitted. Its knockout raises a low residual risk to the knockout tier.
    await ok(dispatcher.call('assessments.setStatus', { id: second.id, status: 'submitted' }));
    const high = { ...DEFAULT_RISK_SETTINGS, thresholds: { critical: 95, high: 90, medium: 80 } };
    await ok(dispatcher.call('settings.setRisk', high));
    const knocked = await score();
    expect(knocked).toMatchObject({
      assessment: { id: second.id },
      score: 25,
      completeness: 1,
      residual: 60,
      tier: 'high',
      cappedByKnockout: true,
      knockouts: 1,
      lastAssessed: '2026-12-16',
      nextReassessment: '2027-12-16',
      flags: [{ ruleId: 'fw_unsigned', severity: 'critical', knockout: true, reason: 'rule' }],
    });
    await ok(dispatcher.call('settings.setRisk', { ...high, knockoutTier: 'critical' }));
    expect(await score()).toMatchObject({
      tier: 'critical',
      cappedByKnockout: true,
      nextReassessment: '2027-06-16',
    });
  });

  it('editing a note on a submitted assessment does not restart the reassessment clock', async () => {
    let clock = new Date('2026-06-15T12:00:00Z');
    const { dispatcher, services } = openApp({ now: () => clock });
    const vendor = services.vendors.create(vendorInput({ category: 'robotics-iot' }));
    expect((await dispatcher.call('questionnaires.import', { content: exampleText })).ok).toBe(true);
    const started = await dispatcher.call('assessments.start', {
      vendorId: vendor.id,
      questionnaireIds: ['example-firmware'],
    });
    if (!started.ok) throw new Error(started.error.message);
    const id = started.value.id;
    await dispatcher.call('assessments.answerMany', { id, answers: [answer('fw_signed', 'yes')] });
    await dispatcher.call('assessments.setStatus', { id, status: 'submitted' });
    const before = await dispatcher.call('scores.vendor', { id: vendor.id });
    expect(before).toMatchObject({ ok: true, value: { lastAssessed: '2026-06-15' } });

    // Nine months later someone fixes a typo in a note: nothing was reassessed.
    clock = new Date('2027-03-01T12:00:00Z');
    await dispatcher.call('assessments.answer', {
      id,
      answer: { questionnaireId: 'example-firmware', questionId: 'fw_signed', note: 'typo fixed' },
    });
    const after = await dispatcher.call('scores.vendor', { id: vendor.id });
    // Today lastAssessed becomes 2027-03-01 and nextReassessment moves nine months later.
    expect(after.ok && after.value.lastAssessed).toBe('2026-06-15');
    expect(after.ok && after.value.nextReassessment).toBe(before.ok && before.value.nextReassessment);
  });

  it('a score on too few answers is provisional: no tier, the setting moves the line, a knockout still counts', async () => {
    const { dispatcher, services } = openApp({ now: () => new Date('2026-06-15T12:00:00Z') });
    const vendor = services.vendors.create(
      vendorInput({
        category: 'robotics-iot',
        dataTouched: ['operational-telemetry'],
        criticality: 'critical',
      }),
    );
    expect((await dispatcher.call('questionnaires.import', { content: exampleText })).ok).toBe(true);
    const started = await dispatcher.call('assessments.start', {
      vendorId: vendor.id,
      questionnaireIds: ['example-firmware'],
    });
    if (!started.ok) throw new Error(started.error.message);
    const id = started.value.id;
    const score = async () => {
      const r = await dispatcher.call('scores.vendor', { id: vendor.id });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    // fw_signed "yes": 1 of 4 applicable (25 %), a score of 100 — it used to say "Low".
    await dispatcher.call('assessments.answerMany', { id, answers: [answer('fw_signed', 'yes')] });
    await dispatcher.call('assessments.setStatus', { id, status: 'submitted' });
    expect(await score()).toMatchObject({
      score: 100,
      completeness: 0.25,
      provisional: true,
      provisionalBelow: 0.6,
      tier: null,
      cappedByKnockout: false,
      lastAssessed: '2026-06-15',
      // No tier: reassessed on the inherent risk's tier (75, critical: 6 months), not the score's.
      nextReassessment: '2026-12-15',
    });
    const trend = await dispatcher.call('scores.trend', { id: vendor.id });
    expect(trend).toMatchObject({ ok: true, value: [{ score: 100, provisional: true, tier: null }] });

    // A lower threshold lets the same answers stand.
    await dispatcher.call('settings.setRisk', { ...DEFAULT_RISK_SETTINGS, provisionalBelow: 0.25 });
    expect(await score()).toMatchObject({ provisional: false, provisionalBelow: 0.25, tier: 'low' });

    // Back to 60 %: a knockout found in a new assessment of 1 answer sets the knockout tier.
    await dispatcher.call('settings.setRisk', DEFAULT_RISK_SETTINGS);
    const next = await dispatcher.call('assessments.start', {
      vendorId: vendor.id,
      questionnaireIds: ['example-firmware'],
    });
    if (!next.ok) throw new Error(next.error.message);
    await dispatcher.call('assessments.answerMany', {
      id: next.value.id,
      answers: [answer('fw_signed', 'no')],
    });
    await dispatcher.call('assessments.setStatus', { id: next.value.id, status: 'submitted' });
    expect(await score()).toMatchObject({
      score: 0,
      provisional: true,
      tier: 'high',
      cappedByKnockout: true,
      knockouts: 1,
    });
  });

  it('refuses an unknown vendor', async () => {
    const { dispatcher } = openApp();
    expect(
      await dispatcher.call('scores.vendor', { id: '00000000-0000-4000-8000-000000000000' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
