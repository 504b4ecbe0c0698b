/**
 * The sample warehouse: a plan that is the same for the same day and relative to it, and
 * a service that writes it through the services of real work (the trail verifies), says
 * whether it is there, and removes exactly what it added.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, openApp } from './helpers';
import { NO_JOB } from '../../electron/services/context';
import { sampleWarehousePlan, SAMPLE_QUESTIONNAIRES } from '../../electron/domain/sample/plan';
import type { Questionnaire } from '../../electron/domain/questionnaire';
import { answersFor } from '../fixtures/generated-answers';
import { loadBuiltinQuestionnaires } from '../../electron/services/builtin-questionnaires';
import { DEFAULT_VENDOR_QUERY } from '../../electron/domain/vendor-list';
import { boardReport } from '../../electron/report/board-report';
import type { BoardReportData } from '../../electron/report/model';

beforeAll(() => loadBuiltinQuestionnaires());

const TODAY = '2026-12-06';

function questionnaires(app: ReturnType<typeof openApp>) {
  return Object.fromEntries(
    SAMPLE_QUESTIONNAIRES.map((id) => [id, app.services.questionnaires.latest(id).q]),
  ) as Record<(typeof SAMPLE_QUESTIONNAIRES)[number], Questionnaire>;
}

describe('the sample warehouse plan', () => {
  it('is the same plan for the same day, and moves with the day it is loaded', () => {
    const app = openApp();
    const qs = questionnaires(app);
    const a = sampleWarehousePlan(TODAY, qs);
    expect(sampleWarehousePlan(TODAY, qs)).toEqual(a);
    const later = sampleWarehousePlan('2027-03-06', qs);
    expect(later.steps.length).toBe(a.steps.length);
    // The same story, 90 days on: every step moved by the same days.
    const shift = (s: { at: string }, t: { at: string }) =>
      (Date.parse(t.at) - Date.parse(s.at)) / 86_400_000;
    expect(new Set(a.steps.map((s, i) => shift(s, later.steps[i]!)))).toEqual(new Set([90]));
  });

  it('spreads two years of steps before today, in order', () => {
    const plan = sampleWarehousePlan(TODAY, questionnaires(openApp()));
    const days = plan.steps.map((s) => (Date.parse(`${TODAY}T00:00:00Z`) - Date.parse(s.at)) / 86_400_000);
    expect(Math.max(...days)).toBeGreaterThan(700);
    expect(Math.min(...days)).toBeGreaterThan(0);
    expect(plan.steps.map((s) => s.at)).toEqual(plan.steps.map((s) => s.at).sort());
    const kinds = new Set(plan.steps.map((s) => s.kind));
    for (const k of [
      'vendor',
      'start',
      'answers',
      'evidence',
      'status',
      'decision',
      'clause',
      'sign-off',
      'devices',
      'link',
      'board-point',
    ])
      expect(kinds).toContain(k);
  });

  it('dates what must be due against today: evidence expiring within 30 days and expired, conditions past due and ahead', () => {
    const plan = sampleWarehousePlan(TODAY, questionnaires(openApp()));
    const expiries = plan.steps.flatMap((s) => (s.kind === 'evidence' ? [s.expiresAt] : []));
    expect(expiries.some((d) => d < TODAY)).toBe(true);
    expect(expiries.some((d) => d >= TODAY && d <= '2027-01-05')).toBe(true);
    expect(expiries.some((d) => d > '2027-03-01')).toBe(true);
    const dues = plan.steps.flatMap((s) => (s.kind === 'decision' ? s.conditions.map((c) => c.due) : []));
    expect(dues.some((d) => d < TODAY)).toBe(true);
    expect(dues.some((d) => d > TODAY)).toBe(true);
  });
});

describe('the sample warehouse service', () => {
  it('loads through the services: every tier, trends, decisions, clauses, devices, a self-assessment; the trail verifies', async () => {
    const app = openApp();
    const result = await call(app, 'demo.load', {});
    expect(result.alreadyLoaded).toBe(false);
    expect(result.counts).toMatchObject({ vendors: 30, signOffs: 3, boardPoints: 2 });
    expect(result.counts.assessments).toBeGreaterThanOrEqual(35);
    expect(result.counts.devices).toBeGreaterThan(300);
    const list = app.services.vendors.list({ ...DEFAULT_VENDOR_QUERY });
    const tiers = new Set(list.items.map((v) => v.standing?.tier).filter(Boolean));
    expect([...tiers].filter((t) => t !== 'unassessed').sort()).toEqual([
      'critical',
      'high',
      'low',
      'medium',
    ]);
    // A vendor assessed three times has a trend that moves.
    const stackwise = list.items.find((v) => v.name === 'Stackwise Cloud WMS')!;
    const trend = app.services.scores.trend(stackwise.id);
    expect(trend.length).toBe(3);
    expect(new Set(trend.map((t) => t.score)).size).toBe(3);
    // The trail tells the story over two years, by the sample's clock.
    const entries = app.services.storage.audit.listFor('vendor', stackwise.id, 10);
    expect(entries.at(-1)!.at < '2025-01-01').toBe(true);
    expect(app.services.devices.findings(null).byVendor.length).toBeGreaterThan(3);
    expect(app.services.assessments.list(null)[0]).toMatchObject({ status: 'submitted' });
    expect(app.services.demo.status()).toMatchObject({ present: true, counts: result.counts });
    const verdict = await app.services.audit.verify(NO_JOB);
    expect(verdict.reconciled?.mismatches).toEqual([]);
    expect(verdict.ok).toBe(true);
  });

  it('loading twice adds nothing the second time (also two at once)', async () => {
    const app = openApp();
    const [a, b] = await Promise.all([call(app, 'demo.load', {}), call(app, 'demo.load', {})]);
    expect([a.alreadyLoaded, b.alreadyLoaded].sort()).toEqual([false, true]);
    expect(app.services.storage.vendors.count()).toBe(30);
    expect(await call(app, 'demo.load', {})).toMatchObject({ alreadyLoaded: true, added: 0 });
  });

  it('a load on another connection while one runs is refused, not a second sample; a claim left by a dead load expires', async () => {
    const app = openApp();
    const colleague = openApp({ colleagueOf: app.dataDir });
    let during: Promise<unknown> | undefined;
    const first = app.services.demo.load({
      signal: new AbortController().signal,
      progress: () => {
        // The first load is under way (its first step reported): the colleague asks for one.
        during ??= call(colleague, 'demo.load', {}).then(
          () => 'loaded',
          (error: Error) => error.message,
        );
      },
    });
    expect((await first).alreadyLoaded).toBe(false);
    expect(await during).toMatch(/The sample warehouse is being loaded already/);
    expect(app.services.storage.vendors.count()).toBe(30);
    expect(await call(colleague, 'demo.load', {})).toMatchObject({ alreadyLoaded: true, added: 0 });
    expect(app.services.storage.settings.get('sample.loading')).toBeUndefined();

    // A claim whose load died (a killed process) is taken over once it is old; a fresh one is not.
    const other = openApp();
    const claim = (minutesAgo: number) =>
      other.services.storage.settings.set(
        'sample.loading',
        { at: new Date(Date.now() - minutesAgo * 60_000).toISOString() },
        new Date().toISOString(),
      );
    claim(1);
    await expect(call(other, 'demo.load', {})).rejects.toThrow(/being loaded already/);
    expect(other.services.storage.vendors.count()).toBe(0);
    claim(45);
    expect(await call(other, 'demo.load', {})).toMatchObject({ alreadyLoaded: false, added: 30 });
    expect(other.services.storage.settings.get('sample.loading')).toBeUndefined();
  });

  it('removes exactly what it added: a vendor and assessment of the user stay; the removal is in the trail', async () => {
    const app = openApp();
    const before = app.services.storage.audit.head();
    await call(app, 'demo.load', {});
    // Someone's own work meanwhile: a vendor of theirs, assessed, and an assessment on a sample vendor.
    const mine = app.services.vendors.create({
      name: 'My Own Carrier',
      category: '3pl',
      services: '',
      dataTouched: [],
      criticality: 'high',
      owner: '',
      status: 'active',
      tags: [],
      notes: '',
    });
    const a = app.services.assessments.start(mine.id, ['quick-triage']);
    app.services.assessments.answerMany(
      a.id,
      answersFor(app.services.questionnaires.latest('quick-triage').q, 1),
      'user',
    );
    const sampleVendor = app.services.storage.vendors.findByName('Brightfloor Cleaning Co.')!;
    app.services.assessments.start(sampleVendor.id, ['quick-triage']);

    const removed = await call(app, 'demo.remove', {});
    expect(removed.removed).toBe(true);
    expect(removed.kept).toEqual(['Brightfloor Cleaning Co.']);
    expect(removed.counts.vendors).toBe(29);
    const left = app.services.storage.vendors.list({
      ...DEFAULT_VENDOR_QUERY,
    });
    expect(left.items.map((v) => v.name).sort()).toEqual(['Brightfloor Cleaning Co.', 'My Own Carrier']);
    expect(app.services.assessments.list(mine.id)).toHaveLength(1);
    expect(app.services.assessments.get(a.id).answers.length).toBeGreaterThan(10);
    expect(app.services.assessments.list(null)).toHaveLength(0);
    expect(app.services.devices.list({ search: '', limit: 10, offset: 0 } as never).total).toBe(0);
    expect(app.services.demo.status()).toEqual({ present: false, loadedAt: null, counts: null });
    expect(app.services.storage.audit.head()).not.toEqual(before);
    const verdict = await app.services.audit.verify(NO_JOB);
    expect(verdict.reconciled?.mismatches).toEqual([]);
    expect(verdict.ok).toBe(true);
    // Nothing left to remove.
    expect(await call(app, 'demo.remove', {})).toMatchObject({ removed: false });
  });
});

describe('the company name', () => {
  it('is kept with the data, audited, and carried on the board report’s cover', async () => {
    const app = openApp();
    expect(await call(app, 'settings.getCompany', {})).toEqual({ company: '' });
    await call(app, 'settings.setCompany', { company: '  Nordhafen Logistics GmbH ' });
    expect(await call(app, 'settings.getCompany', {})).toEqual({ company: 'Nordhafen Logistics GmbH' });
    expect(app.services.storage.audit.listFor('settings', 'organisation.company', 5)).toHaveLength(1);
    const data = await app.services.reports.gather({ kind: 'board' }, NO_JOB);
    expect(data).toMatchObject({ company: 'Nordhafen Logistics GmbH' });
    expect(JSON.stringify(boardReport(data as BoardReportData))).toContain('Nordhafen Logistics GmbH');
    const verdict = await app.services.audit.verify(NO_JOB);
    expect(verdict.ok).toBe(true);
  });
});
