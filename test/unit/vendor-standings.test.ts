import { describe, it, expect, vi } from 'vitest';
import { itOnSolo, openApp, runCli, tempDir, vendorInput } from './helpers';
import { openDatabase } from '../../electron/storage/database';
import { MIGRATIONS } from '../../electron/storage/migrations';
import { openStorage } from '../../electron/storage/storage';
import { CONTROLS } from './controls-fixture';
import { isAssessed } from '../../electron/domain/portfolio';
import { VendorListQuerySchema, type VendorListQueryInput } from '../../electron/domain/vendor-list';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';

/** A data folder with the five-control questionnaire, a movable clock, and helpers. */
async function setup() {
  let clock = new Date('2027-03-01T12:00:00Z');
  const app = openApp({ now: () => clock });
  const { dispatcher, services } = app;
  expect((await dispatcher.call('questionnaires.import', { content: CONTROLS })).ok).toBe(true);
  const list = async (query: VendorListQueryInput = {}) => {
    const r = await dispatcher.call('vendors.list', query);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.items;
  };
  const standing = async (id: string) => (await list()).find((v) => v.id === id)!.standing!;
  const start = async (vendorId: string) => {
    const r = await dispatcher.call('assessments.start', {
      vendorId,
      questionnaireIds: ['portfolio-controls'],
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  };
  const answer = async (id: string, answers: string[]) => {
    const r = await dispatcher.call('assessments.answerMany', {
      id,
      answers: answers.map((value, i) => ({
        questionnaireId: 'portfolio-controls',
        questionId: `c${i + 1}`,
        answer: { status: 'answered', value },
      })),
    });
    if (!r.ok) throw new Error(r.error.message);
  };
  const submit = async (id: string) =>
    expect((await dispatcher.call('assessments.setStatus', { id, status: 'submitted' })).ok).toBe(true);
  return {
    app,
    dispatcher,
    services,
    list,
    standing,
    start,
    answer,
    submit,
    setDay: (iso: string) => void (clock = new Date(`${iso}T12:00:00Z`)),
  };
}

describe('vendor list standing columns', () => {
  it('follows every change the score depends on, without being asked to', async () => {
    const t = await setup();
    const v = t.services.vendors.create(vendorInput({ name: 'Follow Me Robotics', criticality: 'low' }));
    expect(await t.standing(v.id)).toMatchObject({
      tier: 'unassessed',
      score: null,
      completeness: 0,
      openFlags: 0,
      decision: null,
    });

    const a = await t.start(v.id);
    await t.answer(a, ['yes', 'yes']);
    // 2 of 5 answered (40 %, under the 60 % default): provisional, no tier (it used to say "low").
    expect(await t.standing(v.id)).toMatchObject({
      score: 100,
      completeness: 0.4,
      tier: 'unassessed',
      provisional: true,
    });
    await t.answer(a, ['yes', 'yes', 'yes']);
    expect(await t.standing(v.id)).toMatchObject({
      score: 100,
      completeness: 0.6,
      tier: 'low',
      provisional: false,
    });

    await t.answer(a, ['no', 'yes', 'yes', 'yes', 'yes']);
    const knockedOut = await t.standing(v.id);
    expect(knockedOut).toMatchObject({ completeness: 1, openFlags: 1, knockouts: 1 });
    expect(knockedOut.tier).not.toBe('low'); // the knockout caps the tier
    expect(knockedOut.tier).toBe(t.services.scores.vendor(v.id).tier);

    // The vendor's profile moves inherent and so residual risk.
    const before = knockedOut.residual;
    t.services.vendors.update(v.id, { criticality: 'critical', dataTouched: ['pii', 'customer-contracts'] });
    expect((await t.standing(v.id)).residual).toBeGreaterThan(before);
    expect((await t.standing(v.id)).residual).toBe(t.services.scores.vendor(v.id).residual);

    // The decision column.
    await t.submit(a);
    const decided = await t.dispatcher.call('decisions.record', { assessmentId: a, decision: 'reject' });
    expect(decided.ok).toBe(true);
    expect((await t.standing(v.id)).decision).toBe('reject');

    // Risk settings apply to everyone: with thresholds no vendor reaches, the knockout cap alone sets the tier.
    const settings = t.services.scores.riskSettings();
    expect((await t.standing(v.id)).tier).not.toBe('medium');
    const r = await t.dispatcher.call('settings.setRisk', {
      ...settings,
      thresholds: { critical: 99.9, high: 99.8, medium: 99.7 },
      knockoutTier: 'medium',
    });
    expect(r.ok).toBe(true);
    expect((await t.standing(v.id)).tier).toBe('medium');
    expect(t.services.scores.vendor(v.id).tier).toBe('medium');
    expect(t.app.internalErrors).toEqual([]);
  });

  it('is computed again on a new day: evidence moves from expiring to expired', async () => {
    const t = await setup();
    const v = t.services.vendors.create(vendorInput({ name: 'Expiring Cert Logistics' }));
    const a = await t.start(v.id);
    await t.answer(a, ['yes', 'yes', 'yes', 'yes', 'yes']);
    const ev = await t.dispatcher.call('evidence.attach', {
      assessmentId: a,
      questionnaireId: 'portfolio-controls',
      questionId: 'c2',
      fileName: 'iso.pdf',
      contentBase64: Buffer.from('cert').toString('base64'),
      kind: 'iso27001',
      expiresAt: '2027-03-20',
    });
    expect(ev.ok).toBe(true);
    expect((await t.list({ evidence: '30' })).map((x) => x.id)).toEqual([v.id]);

    t.setDay('2027-03-21');
    expect(await t.list({ evidence: '30' })).toEqual([]);
    expect((await t.list({ evidence: 'expired' })).map((x) => x.id)).toEqual([v.id]);
  });
});

describe('vendor list standing filters and sorts', () => {
  /** Four vendors: complete and good, complete with a knockout, half answered, never assessed. */
  async function portfolio() {
    const t = await setup();
    const mk = (name: string) => t.services.vendors.create(vendorInput({ name }));
    const good = mk('Good Cloud WMS');
    const ko = mk('Knockout Robotics');
    const half = mk('Half Done Payments');
    const none = mk('Not Started 3PL');
    const ga = await t.start(good.id);
    await t.answer(ga, ['yes', 'yes', 'yes', 'yes', 'partial']);
    await t.submit(ga);
    const decided = await t.dispatcher.call('decisions.record', { assessmentId: ga, decision: 'approve' });
    expect(decided.ok).toBe(true);
    const ka = await t.start(ko.id);
    await t.answer(ka, ['no', 'no', 'yes', 'yes', 'yes']);
    await t.submit(ka);
    await t.answer(await t.start(half.id), ['yes', 'no']);
    const names = async (q: VendorListQueryInput) => (await t.list(q)).map((v) => v.name);
    return { t, good, ko, half, none, names };
  }

  it('filters by completeness, flags, decision and score, and combines filters with AND', async () => {
    const { names } = await portfolio();
    expect(await names({ completeness: 'complete' })).toEqual(['Good Cloud WMS', 'Knockout Robotics']);
    expect(await names({ completeness: 'partial' })).toEqual(['Half Done Payments']);
    expect(await names({ completeness: 'none' })).toEqual(['Not Started 3PL']);
    expect(await names({ flags: 'knockout' })).toEqual(['Knockout Robotics']);
    expect(await names({ flags: 'none' })).toEqual([
      'Good Cloud WMS',
      'Half Done Payments',
      'Not Started 3PL',
    ]);
    expect(await names({ decisions: ['approve'] })).toEqual(['Good Cloud WMS']);
    expect(await names({ decisions: ['none'] })).toEqual([
      'Half Done Payments',
      'Knockout Robotics',
      'Not Started 3PL',
    ]);
    expect(await names({ decisions: ['approve', 'none'], flags: 'knockout' })).toEqual(['Knockout Robotics']);
    // Good scores 90, Knockout 60, Half Done 50; a vendor without a score matches no score filter.
    expect(await names({ minScore: 60 })).toEqual(['Good Cloud WMS', 'Knockout Robotics']);
    expect(await names({ maxScore: 60 })).toEqual(['Half Done Payments', 'Knockout Robotics']);
    expect(await names({ minScore: 55, maxScore: 65 })).toEqual(['Knockout Robotics']);
    // Half Done's 2 of 5 answers (40 %) are a provisional score: no tier, as for one never assessed.
    expect(await names({ tiers: ['unassessed'] })).toEqual(['Half Done Payments', 'Not Started 3PL']);
  });

  it('sorts by score and completeness with unscored vendors last both ways, and by tier riskiest first', async () => {
    const { names, t, ko } = await portfolio();
    expect(await names({ sort: 'score' })).toEqual([
      'Half Done Payments',
      'Knockout Robotics',
      'Good Cloud WMS',
      'Not Started 3PL',
    ]);
    expect(await names({ sort: 'score', direction: 'desc' })).toEqual([
      'Good Cloud WMS',
      'Knockout Robotics',
      'Half Done Payments',
      'Not Started 3PL',
    ]);
    expect((await names({ sort: 'completeness', direction: 'desc' })).at(-1)).toBe('Not Started 3PL');
    const byTier = await t.list({ sort: 'tier' });
    expect(byTier.at(-1)!.standing!.tier).toBe('unassessed');
    // Within a tier, the higher residual risk first.
    for (let i = 1; i < byTier.length; i++) {
      const [a, b] = [byTier[i - 1]!.standing!, byTier[i]!.standing!];
      if (a.tier === b.tier) expect(a.residual).toBeGreaterThanOrEqual(b.residual);
    }
    expect(byTier.map((v) => v.id)).toContain(ko.id);
    const ranks = byTier.map((v) =>
      ['critical', 'high', 'medium', 'low', 'unassessed'].indexOf(v.standing!.tier),
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('refuses a score range whose top is below its bottom', async () => {
    const { t } = await portfolio();
    const r = await t.dispatcher.call('vendors.list', { minScore: 70, maxScore: 40 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toMatch(/highest score must not be below the lowest/);
    }
  });
});

describe('saved filters', () => {
  it('saves, replaces by name ignoring case, lists in order, and deletes — with audit entries', async () => {
    const t = await setup();
    const ok = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
      const r = await p;
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    expect(await ok(t.dispatcher.call('filters.list', {}))).toEqual([]);
    await ok(
      t.dispatcher.call('filters.save', { name: 'Critical, undecided', query: { tiers: ['critical'] } }),
    );
    await ok(t.dispatcher.call('filters.save', { name: 'Knockouts', query: { flags: 'knockout' } }));
    const replaced = await ok(
      t.dispatcher.call('filters.save', {
        name: 'critical, UNDECIDED',
        query: { tiers: ['critical'], decisions: ['none'], sort: 'score' },
      }),
    );
    expect(replaced.map((f) => f.name)).toEqual(['critical, UNDECIDED', 'Knockouts']);
    expect(replaced[0]!.query).toMatchObject({ tiers: ['critical'], decisions: ['none'], sort: 'score' });

    expect((await ok(t.dispatcher.call('filters.remove', { name: 'KNOCKOUTS' }))).map((f) => f.name)).toEqual(
      ['critical, UNDECIDED'],
    );
    const missing = await t.dispatcher.call('filters.remove', { name: 'Knockouts' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(t.services.storage.audit.listFor('settings', 'savedFilters', 10)).toHaveLength(4);

    for (let i = 0; i < 49; i++) await ok(t.dispatcher.call('filters.save', { name: `F${i}`, query: {} }));
    const full = await t.dispatcher.call('filters.save', { name: 'One too many', query: {} });
    expect(full.ok).toBe(false);
    if (!full.ok) expect(full.error.message).toMatch(/already 50 saved filters/);
  });

  it('drives the CLI: vendors list --saved NAME with more flags, and vendors filters', async () => {
    const t = await setup();
    const mk = (name: string, criticality: 'low' | 'critical') =>
      t.services.vendors.create(vendorInput({ name, criticality }));
    mk('Alpha Critical', 'critical');
    mk('Beta Low', 'low');
    const a = await t.start(mk('Gamma Critical Started', 'critical').id);
    await t.answer(a, ['yes']);
    t.services.savedFilters.save({
      name: 'Critical ones',
      query: VendorListQuerySchema.parse({ criticalities: ['critical'] }),
    });
    const run = (args: string[]) => runCli(t.app.dataDir, args, {});
    const saved = await run(['vendors', 'list', '--saved', 'critical ONES', '--json']);
    expect(saved.code).toBe(0);
    const names = (out: string) =>
      (JSON.parse(out) as { items: { name: string }[] }).items.map((v) => v.name);
    expect(names(saved.stdout)).toEqual(['Alpha Critical', 'Gamma Critical Started']);
    const narrowed = await run([
      'vendors',
      'list',
      '--saved',
      'Critical ones',
      '--completeness',
      'partial',
      '--json',
    ]);
    expect(names(narrowed.stdout)).toEqual(['Gamma Critical Started']);

    const text = await run(['vendors', 'list', '--completeness', 'partial']);
    expect(text.stdout).toMatch(
      /Gamma Critical Started .* unassessed +100\.0 \(provisional\)\s+20%\s+0\s+—\n/,
    );

    const unknown = await run(['vendors', 'list', '--saved', 'Nope']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^vendor-risk: No saved filter named "Nope"\n$/);
    const badTier = await run(['vendors', 'list', '--tier', 'severe']);
    expect(badTier.code).toBe(2);
    expect(badTier.stderr).toMatch(/tier/);
    const badScore = await run(['vendors', 'list', '--min-score', 'lots']);
    expect(badScore.code).toBe(2);
    expect(badScore.stderr).toMatch(/min-score/);

    const listed = await run(['vendors', 'filters']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^NAME\s+FILTERS\nCritical ones\s+criticality critical; sorted by name\n$/);
  });
});

describe('computing stale standings a few at a time', () => {
  it('gives the same standings as computing them all at once, and leaves none stale', async () => {
    const { app, list } = await setup();
    const { services, dispatcher } = app;
    for (let i = 0; i < 45; i++)
      services.vendors.create(vendorInput({ name: `Batch ${i}`, criticality: i % 2 ? 'high' : 'low' }));
    expect(services.portfolio.standingsStale()).toBe(true);
    const stepped = (await list()).map((v) => [v.name, v.standing]);
    expect(services.portfolio.standingsStale()).toBe(false);
    // The same settings saved again drop every standing; computed at once this time.
    const risk = await dispatcher.call('settings.getRisk', {});
    if (!risk.ok) throw new Error(risk.error.message);
    await dispatcher.call('settings.setRisk', risk.value);
    expect(services.portfolio.standingsStale()).toBe(true);
    expect(services.portfolio.refreshStandings()).toBe(45);
    expect(
      services.vendors.list(VendorListQuerySchema.parse({})).items.map((v) => [v.name, v.standing]),
    ).toEqual(stepped);
  });
});

describe('computing many standings with their records read together', () => {
  it('gives each vendor the standing it has when scored alone: its answers, decision and clauses', async () => {
    const { app, list, start, answer, submit } = await setup();
    const { services, dispatcher } = app;
    // More vendors than one step reads together, each with records of its own.
    const ids: string[] = [];
    for (let i = 0; i < 27; i++) {
      const id = services.vendors.create(
        vendorInput({ name: `Together ${i}`, criticality: i % 3 ? 'high' : 'low' }),
      ).id;
      ids.push(id);
      if (i % 2 === 0) {
        const a = await start(id);
        await answer(a, ['yes', i % 4 ? 'yes' : 'no', 'yes', i % 3 ? 'no' : 'yes', 'yes']);
        await submit(a);
        if (i % 4 === 0)
          expect(
            (await dispatcher.call('decisions.record', { assessmentId: a, decision: 'approve' })).ok,
          ).toBe(true);
      }
      if (i % 5 === 0)
        expect(
          (
            await dispatcher.call('clauses.set', {
              vendorId: id,
              clauseId: 'breach-notification',
              status: 'agreed',
              value: { type: 'hours', value: i % 10 ? 24 : 96 },
            })
          ).ok,
        ).toBe(true);
    }
    expect(services.portfolio.standingsStale()).toBe(true);
    const listed = new Map((await list()).map((v) => [v.id, v.standing]));
    for (const id of ids) {
      const alone = services.scores.vendor(id);
      const [decision] = services.decisions.list(id);
      expect(listed.get(id), id).toMatchObject({
        tier: isAssessed(alone) && alone.tier !== null ? alone.tier : 'unassessed',
        score: alone.score,
        completeness: alone.completeness,
        knockouts: alone.knockouts,
        decision: decision?.decision ?? null,
      });
    }
    // Some of each: scored and not, decided and not, a clause that deviates.
    const standings = [...listed.values()];
    expect(standings.filter((s) => s?.score !== null).length).toBeGreaterThan(5);
    expect(standings.filter((s) => s?.decision === 'approve').length).toBeGreaterThan(2);
  });
});

describe('the vendor list operation and stale standings', () => {
  it('scans the standings once when none is stale, and lists what it checked', async () => {
    const { app, list } = await setup();
    const { services } = app;
    services.vendors.create(vendorInput({ name: 'Checked Once' }));
    await list(); // computes the new vendor's standing
    const check = vi.spyOn(services.storage.standings, 'anyStale');
    const scan = vi.spyOn(services.storage.standings, 'staleVendorIds');
    const [item] = await list();
    expect(item!.standing).toMatchObject({ tier: 'unassessed' });
    expect(check).toHaveBeenCalledTimes(1);
    expect(check).toHaveReturnedWith(false);
    expect(scan).not.toHaveBeenCalled();
  });

  itOnSolo('edits the data folder’s SQLite file behind the app’s back')(
    'computes standings made stale while it was computing others, before listing',
    async () => {
      const { app, list } = await setup();
      const { services, dataDir } = app;
      for (let i = 0; i < 3; i++) services.vendors.create(vendorInput({ name: `Moving ${i}` }));
      // Another process drops every standing just after the first round of computing them.
      const refresh = services.portfolio.refreshStandingsInSteps;
      let rounds = 0;
      services.portfolio.refreshStandingsInSteps = async (signal) => {
        await refresh(signal);
        if (rounds++ > 0) return;
        const raw = new DatabaseSync(join(dataDir, 'vendor-risk.db'));
        raw.exec('DELETE FROM vendor_standings');
        raw.close();
      };
      const items = await list();
      expect(rounds).toBe(2);
      expect(items.map((v) => v.standing?.tier)).toEqual(['unassessed', 'unassessed', 'unassessed']);
      expect(services.portfolio.standingsStale()).toBe(false);
    },
  );

  it('gives no list while a standing is stale when asked for the current one only', () => {
    const { services } = openApp();
    services.vendors.create(vendorInput({ name: 'Not Yet' }));
    expect(services.vendors.listIfCurrent(VendorListQuerySchema.parse({}))).toBeUndefined();
    services.portfolio.refreshStandings();
    expect(services.vendors.listIfCurrent(VendorListQuerySchema.parse({}))?.items).toHaveLength(1);
  });
});

describe('standings stored before provisional scores', () => {
  itOnSolo('edits the data folder’s SQLite file behind the app’s back')(
    'are computed again: figures without "provisional" count as stale',
    async () => {
      const { app } = await setup();
      const { services, dataDir } = app;
      services.vendors.create(vendorInput({ name: 'Stored Long Ago' }));
      services.portfolio.refreshStandings();
      expect(services.portfolio.standingsStale()).toBe(false);
      // As an earlier version wrote it: the same figures, without the provisional key (and so
      // without the column migration 18 fills from that key).
      const raw = new DatabaseSync(join(dataDir, 'vendor-risk.db'));
      raw.exec(
        `UPDATE vendor_standings SET figures = json_remove(figures, '$.provisional'), provisional = NULL`,
      );
      raw.close();
      expect(services.portfolio.standingsStale()).toBe(true);
      expect(services.portfolio.refreshStandings()).toBe(1);
      expect(services.portfolio.standingsStale()).toBe(false);
    },
  );
});

describe('a data folder from before the provisional column (migration 18)', () => {
  it('keeps its provisional scores, and figures without the key still count as stale', () => {
    const dir = tempDir();
    const old = openDatabase(dir, { migrations: MIGRATIONS.filter((m) => m.version < 18) });
    const at = '2027-03-01T12:00:00Z';
    const figures = (provisional?: boolean) =>
      JSON.stringify({ assessed: true, tier: null, provisional, score: 41, residual: 60, knockouts: 1 });
    const insert = old.sqlite.prepare(
      `INSERT INTO vendors (id, name, name_key, category, criticality, status, created_at, updated_at)
       VALUES (?, ?, ?, 'payments', 'high', 'active', ?, ?)`,
    );
    const stand = old.sqlite.prepare(
      `INSERT INTO vendor_standings (vendor_id, computed_on, tier, tier_rank, score, completeness, residual,
         open_flags, knockouts, conditions_past_due, evidence_expired, evidence_30, evidence_60, evidence_90, figures)
       VALUES (?, '2027-03-01', 'unassessed', 4, 41, 0.2, 60, 1, 1, 0, 0, 0, 0, 0, ?)`,
    );
    for (const [id, name, provisional] of [
      ['b0000000-0000-4000-8000-000000000001', 'Early Provisional', true],
      ['b0000000-0000-4000-8000-000000000002', 'Early Final', false],
      ['b0000000-0000-4000-8000-000000000003', 'Before The Key', undefined],
    ] as const) {
      insert.run(id, name, name.toLowerCase(), at, at);
      stand.run(id, figures(provisional));
    }
    old.close();
    const storage = openStorage(dir);
    try {
      const items = storage.vendors.list(VendorListQuerySchema.parse({})).items;
      expect(items.map((v) => [v.name, v.standing?.provisional])).toEqual([
        ['Before The Key', false],
        ['Early Final', false],
        ['Early Provisional', true],
      ]);
      expect(storage.standings.staleVendorIds('2027-03-01')).toEqual([
        'b0000000-0000-4000-8000-000000000003',
      ]);
      expect(storage.standings.anyStale('2027-03-01')).toBe(true);
      // Another day: every standing is stale.
      expect(storage.standings.anyStale('2027-03-02')).toBe(true);
    } finally {
      storage.close();
    }
  });
});
