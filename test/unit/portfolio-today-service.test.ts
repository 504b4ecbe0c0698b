import { describe, it, expect } from 'vitest';
import { openApp, vendorInput } from './helpers';
import { CONTROLS } from './controls-fixture';
import { DashboardSchema } from '../../electron/domain/portfolio-today';
import { dashboardQuery } from '../../electron/domain/vendor-list';

/**
 * Today, the heat map and the tier trend through the dispatcher, over a portfolio whose
 * history is written at different dates (the clock is moved between writes).
 */
describe('portfolio.summary (Today, heat map, attention) and portfolio.trend', () => {
  it('lists what needs someone, counts the heat map and the trend from the stored history', async () => {
    let clock = new Date('2026-02-10T12:00:00Z');
    const app = openApp({ now: () => clock });
    const { dispatcher, services } = app;
    expect((await dispatcher.call('questionnaires.import', { content: CONTROLS })).ok).toBe(true);
    const assess = async (vendorId: string, answers: string[]) => {
      const started = await dispatcher.call('assessments.start', {
        vendorId,
        questionnaireIds: ['portfolio-controls'],
      });
      if (!started.ok) throw new Error(started.error.message);
      const r = await dispatcher.call('assessments.answerMany', {
        id: started.value.id,
        answers: answers.map((value, i) => ({
          questionnaireId: 'portfolio-controls',
          questionId: `c${i + 1}`,
          answer: { status: 'answered', value },
        })),
      });
      if (!r.ok) throw new Error(r.error.message);
      expect(
        (await dispatcher.call('assessments.setStatus', { id: started.value.id, status: 'submitted' })).ok,
      ).toBe(true);
      return started.value.id;
    };

    // Added and assessed in 2026 Q1 with all "yes" (low), again in 2026 Q3 with a knockout.
    const ko = services.vendors.create(vendorInput({ name: 'Knockout Robotics', criticality: 'critical' }));
    await assess(ko.id, ['yes', 'yes', 'yes', 'yes', 'yes']);
    clock = new Date('2026-08-01T12:00:00Z');
    const koAssessment = await assess(ko.id, ['no', 'yes', 'yes', 'yes', 'yes']);
    services.vendors.create(vendorInput({ name: 'Never Assessed 3PL', criticality: 'high' }));
    const calm = services.vendors.create(vendorInput({ name: 'Calm Pallets', criticality: 'low' }));
    await assess(calm.id, ['yes', 'yes', 'yes', 'yes', 'yes']);
    clock = new Date('2027-03-15T12:00:00Z');

    const r = await dispatcher.call('portfolio.summary', {});
    if (!r.ok) throw new Error(r.error.message);
    const s = DashboardSchema.parse(r.value);
    const kinds = Object.fromEntries(s.queue.groups.map((g) => [g.kind, g]));
    expect(kinds.knockout!.items[0]).toMatchObject({
      vendorName: 'Knockout Robotics',
      criticality: 'critical',
      action: {
        open: 'question',
        assessmentId: koAssessment,
        questionnaireId: 'portfolio-controls',
        questionId: 'c1',
      },
    });
    expect(kinds.neverAssessed!.items.map((i) => i.vendorName)).toEqual(['Never Assessed 3PL']);
    expect(s.attention).toMatchObject({ vendors: 1, legal: 0, devices: 0 });
    expect(s.attention.assessments).toBeGreaterThanOrEqual(1);

    // The heat map counts every vendor once; the never assessed one has no score yet.
    expect(s.heatMap.total).toBe(3);
    const high = s.heatMap.rows.find((row) => row.criticality === 'high')!;
    expect(high.cells.find((c) => c.band === 'none')!.count).toBe(1);
    const list = await dispatcher.call('vendors.list', dashboardQuery('heat:high:none'));
    expect(list.ok && list.value.items.map((v) => v.name)).toEqual(['Never Assessed 3PL']);
    const important = await dispatcher.call('vendors.list', dashboardQuery('unassessedImportant'));
    expect(important.ok && important.value.items.map((v) => v.name)).toEqual(['Never Assessed 3PL']);

    const t = await dispatcher.call('portfolio.trend', {});
    if (!t.ok) throw new Error(t.error.message);
    const at = (label: string) => t.value.quarters.find((q) => q.label === label)!;
    expect(t.value.quarters).toHaveLength(8);
    expect(t.value.quarters[0]!.label).toBe('2025 Q2');
    // Nothing before the first vendor was added.
    expect(at('2025 Q4')).toMatchObject({ critical: 0, high: 0, medium: 0, low: 0, unassessed: 0 });
    // One vendor, assessed as low in Q1 …
    expect(at('2026 Q1')).toMatchObject({ critical: 0, low: 1, unassessed: 0 });
    // … a knockout raises it in Q3, when two more were added (one assessed, one not).
    const q3 = at('2026 Q3');
    expect(q3.low + q3.medium + q3.high + q3.critical + q3.unassessed).toBe(3);
    expect(q3.unassessed).toBe(1);
    expect(q3.low).toBe(1);
    expect(q3.critical + q3.high).toBe(1);
    // The current quarter agrees with the dashboard's tier counts.
    const now = t.value.quarters.at(-1)!;
    expect(now).toMatchObject({ toDate: true, end: '2027-03-15', ...s.tiers });
  });

  it('lists a reopened legal review with its contract page', async () => {
    const app = openApp();
    const { dispatcher, services } = app;
    const v = services.vendors.create(vendorInput({ name: 'Legal Freight' }));
    const clauses = await dispatcher.call('clauses.forVendor', { vendorId: v.id });
    if (!clauses.ok) throw new Error(clauses.error.message);
    for (const c of clauses.value.clauses)
      expect(
        (await dispatcher.call('clauses.set', { vendorId: v.id, clauseId: c.clause.id, status: 'missing' }))
          .ok,
      ).toBe(true);
    const signed = await dispatcher.call('clauses.signOff', { vendorId: v.id });
    if (!signed.ok) throw new Error(signed.error.message);
    const first = clauses.value.clauses[0]!.clause;
    // A change to a clause after the sign-off reopens it.
    const changed = await dispatcher.call('clauses.set', {
      vendorId: v.id,
      clauseId: first.id,
      status: 'waived',
      waiver: { reason: 'Small volume', acceptedBy: 'CFO' },
    });
    expect(changed.ok && changed.value.signOffState).toBe('reopened');

    const r = await dispatcher.call('portfolio.summary', {});
    if (!r.ok) throw new Error(r.error.message);
    const legal = r.value.queue.groups.find((g) => g.kind === 'legalReopened')!;
    expect(legal.items).toEqual([
      expect.objectContaining({
        vendorName: 'Legal Freight',
        text: `Sign-off reopened by a change to ${first.title}`,
        action: { open: 'contract', vendorId: v.id },
      }),
    ]);
    expect(r.value.attention.legal).toBe(1);
  });
});
