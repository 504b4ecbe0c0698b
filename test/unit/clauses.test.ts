import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  ClauseLibraryFileSchema,
  contradictionsOf,
  deviationOf,
  evaluateClauses,
  parseClauseValue,
  type Clause,
  type ClauseRule,
  type ClauseValue,
  type CrossCheck,
} from '../../electron/domain/clauses';
import { neutraliseCell, toCsv } from '../../electron/domain/csv';
import type { AnswerValue } from '../../electron/domain/answer';
import { NO_JOB } from '../../electron/services/context';
import { openApp, runCli, vendorInput } from './helpers';
import { VendorListQuerySchema } from '../../electron/domain/vendor-list';

const position = (...rules: ClauseRule[]) => ({ position: { text: 'Our position', rules } });

describe('deviation rule of each clause value type', () => {
  it.each<[string, ClauseRule[], ClauseValue, string | null]>([
    ['hours within the limit', [{ kind: 'at-most', value: 72 }], { type: 'hours', value: 72 }, null],
    [
      'hours over the limit',
      [{ kind: 'at-most', value: 72 }],
      { type: 'hours', value: 96 },
      '96 h is more than our position of 72 h',
    ],
    [
      'days of deletion over the limit',
      [{ kind: 'at-most', value: 30 }],
      { type: 'days', value: 90 },
      '90 days is more than our position of 30 days',
    ],
    [
      'days of notice under the minimum',
      [{ kind: 'at-least', value: 30 }],
      { type: 'days', value: 14 },
      '14 days is less than our position of 30 days',
    ],
    ['months of fees enough', [{ kind: 'at-least', value: 12 }], { type: 'months', value: 12 }, null],
    [
      'months of fees too few',
      [{ kind: 'at-least', value: 12 }],
      { type: 'months', value: 3 },
      '3 months of fees is less than our position of 12 months of fees',
    ],
    [
      'money below the amount',
      [{ kind: 'at-least-money', amount: 5_000_000, currency: 'EUR' }],
      { type: 'money', amount: 1_000_000, currency: 'EUR' },
      'EUR 1,000,000 is less than our position of EUR 5,000,000',
    ],
    [
      'money at the amount',
      [{ kind: 'at-least-money', amount: 5_000_000, currency: 'EUR' }],
      { type: 'money', amount: 5_000_000, currency: 'EUR' },
      null,
    ],
    [
      'uptime under the minimum',
      [{ kind: 'at-least', value: 99.9 }],
      { type: 'percentage', value: 99.5 },
      '99.5% is less than our position of 99.9%',
    ],
    [
      'a region outside the allowed ones',
      [{ kind: 'regions-within', regions: ['eu', 'uk'] }],
      { type: 'regions', value: ['eu', 'us'] },
      'United States is outside the allowed regions (EU / EEA, United Kingdom)',
    ],
    [
      'regions all allowed',
      [{ kind: 'regions-within', regions: ['eu', 'uk'] }],
      { type: 'regions', value: ['uk'] },
      null,
    ],
    [
      'a required term agreed as "no"',
      [{ kind: 'required' }],
      { type: 'yes-no', value: false },
      'The contract does not include it; our position requires it',
    ],
    ['a required term agreed as "yes"', [{ kind: 'required' }], { type: 'yes-no', value: true }, null],
    ['text has no rule', [], { type: 'text', value: 'anything' }, null],
    // A cap given as money is not judged by a months rule, and the reverse.
    [
      'a months rule does not judge money',
      [{ kind: 'at-least', value: 24 }],
      { type: 'money', amount: 1, currency: 'EUR' },
      null,
    ],
  ])('%s', (_name, rules, value, reason) => {
    const d = deviationOf(position(...rules), value);
    expect(d.reasons).toEqual(reason ? [reason] : []);
  });

  it('cannot judge money in another currency, and says so instead of guessing', () => {
    const d = deviationOf(position({ kind: 'at-least-money', amount: 2_000_000, currency: 'EUR' }), {
      type: 'money',
      amount: 100,
      currency: 'USD',
    });
    expect(d.reasons).toEqual([]);
    expect(d.unjudged).toEqual([
      'USD 100 cannot be compared with our position of EUR 2,000,000: another currency',
    ]);
  });
});

describe('cross-checks against the vendor’s answers', () => {
  const answers =
    (map: Record<string, AnswerValue>) =>
    (q: string, id: string): AnswerValue | null =>
      map[`${q}/${id}`] ?? null;
  const check = (c: CrossCheck) => ({ crossChecks: [c] });

  it('contract 24 h breach notice, answer 72 h: the answers disagree', () => {
    const found = contradictionsOf(
      check({ kind: 'answer-above', questionnaireId: 'incident-response', questionId: 'ir_notify_hours' }),
      { type: 'hours', value: 24 },
      answers({ 'incident-response/ir_notify_hours': { status: 'answered', value: 72 } }),
    );
    expect(found).toEqual([
      {
        questionnaireId: 'incident-response',
        questionId: 'ir_notify_hours',
        message: 'The contract says 24 h, but the vendor answered 72 h',
      },
    ]);
    // Answering 12 h (faster than the contract) is no contradiction; nor is no answer.
    expect(
      contradictionsOf(
        check({ kind: 'answer-above', questionnaireId: 'incident-response', questionId: 'ir_notify_hours' }),
        { type: 'hours', value: 24 },
        answers({ 'incident-response/ir_notify_hours': { status: 'answered', value: 12 } }),
      ),
    ).toEqual([]);
    expect(
      contradictionsOf(
        check({ kind: 'answer-above', questionnaireId: 'incident-response', questionId: 'ir_notify_hours' }),
        { type: 'hours', value: 24 },
        answers({}),
      ),
    ).toEqual([]);
  });

  it('contract requires EU residency, answer lists a US region', () => {
    const found = contradictionsOf(
      check({ kind: 'regions-outside', questionnaireId: 'data-residency', questionId: 'res_regions' }),
      { type: 'regions', value: ['eu'] },
      answers({ 'data-residency/res_regions': { status: 'answered', value: ['eu', 'us'] } }),
    );
    expect(found.map((f) => f.message)).toEqual([
      "The contract allows EU / EEA, but the vendor's answer lists United States",
    ]);
  });

  it('notice days below the agreed ones, and a yes-no commitment the answers deny', () => {
    expect(
      contradictionsOf(
        check({
          kind: 'answer-below',
          questionnaireId: 'data-residency',
          questionId: 'res_subprocessor_notice_days',
        }),
        { type: 'days', value: 30 },
        answers({ 'data-residency/res_subprocessor_notice_days': { status: 'answered', value: 14 } }),
      ).map((f) => f.message),
    ).toEqual(['The contract says 30 days, but the vendor answered 14 days']);
    const training = check({
      kind: 'contradicted-by',
      questionnaireId: 'quick-triage',
      questionId: 'tri_training_use',
      values: ['yes', 'opt_out'],
    });
    const said = answers({ 'quick-triage/tri_training_use': { status: 'answered', value: 'opt_out' } });
    expect(contradictionsOf(training, { type: 'yes-no', value: true }, said)).toHaveLength(1);
    // The contract does not commit to it: nothing to contradict.
    expect(contradictionsOf(training, { type: 'yes-no', value: false }, said)).toEqual([]);
    // Refusing to answer is not an answer to compare.
    expect(
      contradictionsOf(
        training,
        { type: 'yes-no', value: true },
        answers({ 'quick-triage/tri_training_use': { status: 'refused' } }),
      ),
    ).toEqual([]);
  });
});

describe('the clause library file', () => {
  const file = JSON.parse(
    readFileSync(join(__dirname, '../../questionnaires/clause-library.json'), 'utf8'),
  ) as unknown;

  it('validates and has every clause the legal team asked for', () => {
    const lib = ClauseLibraryFileSchema.parse(file);
    expect(lib.clauses.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'breach-notification',
        'liability-cap',
        'liability-cap-data-breach',
        'security-upgrades',
        'data-residency',
        'deletion-at-termination',
        'deletion-certificate',
        'audit-rights',
        'soc2-type2-annual',
        'vulnerability-disclosure',
        'subprocessor-notice',
        'no-training-on-our-data',
        'data-usage-boundaries',
        'uptime-sla',
        'support-sla',
        'incident-history-disclosure',
        'cyber-insurance',
        'termination-assistance',
      ]),
    );
    const breach = lib.clauses.find((c) => c.id === 'breach-notification')!;
    expect(breach.position.rules).toEqual([{ kind: 'at-most', value: 72 }]);
  });

  it('refuses a rule that cannot judge the clause’s values, and duplicate ids', () => {
    const bad = ClauseLibraryFileSchema.safeParse({
      format: 'vendor-risk-clauses/1',
      clauses: [
        {
          id: 'x',
          title: 'X',
          why: 'Why',
          position: { text: 'P', rules: [{ kind: 'required' }] },
          valueTypes: ['hours'],
        },
        { id: 'x', title: 'X', why: 'Why', position: { text: 'P' }, valueTypes: ['text'] },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toContain('A required rule cannot judge a value of type hours');
    expect(messages).toContain('Duplicate id x');
  });
});

describe('typed values from the command line', () => {
  it.each<[string[], string, ClauseValue | RegExp]>([
    [['hours'], '24', { type: 'hours', value: 24 }],
    [['hours'], '24h', { type: 'hours', value: 24 }],
    [['days'], '30 days', { type: 'days', value: 30 }],
    [['months', 'money'], '12 months', { type: 'months', value: 12 }],
    [['months', 'money'], 'EUR 2,000,000', { type: 'money', amount: 2_000_000, currency: 'EUR' }],
    [['money'], '5000000 usd', { type: 'money', amount: 5_000_000, currency: 'USD' }],
    [['percentage'], '99.9%', { type: 'percentage', value: 99.9 }],
    [['regions'], 'EU, uk', { type: 'regions', value: ['eu', 'uk'] }],
    [['yes-no'], 'yes', { type: 'yes-no', value: true }],
    [['yes-no'], 'no', { type: 'yes-no', value: false }],
    [['hours'], 'soon', /not a value of this clause \(hours\)/],
    [['regions'], 'eu, mars', /not a value of this clause \(regions\)/],
  ])('%j %s', (types, text, expected) => {
    const got = parseClauseValue(types as Clause['valueTypes'], text);
    if (expected instanceof RegExp) expect(got).toMatch(expected);
    else expect(got).toEqual(expected);
  });
});

describe('CSV export that spreadsheets cannot run', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r'=1`],
    ['\n=1', `'\n'=1`],
    ['\0=1', `'\0=1`],
    ['fine\n=cmd|calc', `fine\n'=cmd|calc`],
    ['fine\r\n@x', `fine\r\n'@x`],
    ['plain text', 'plain text'],
    ['a = b', 'a = b'],
  ])('%j', (cell, safe) => {
    expect(neutraliseCell(cell)).toBe(safe);
  });

  it('writes hostile values that a CSV parser reads back cell for cell, none starting a formula', () => {
    const hostile = ['=1+1', 'ok\n+cmd', '@x', '-1', 'quote "inside", comma', '\r\n=evil', 'Süd ÄÖÜ'];
    const csv = toCsv(
      ['a', 'b'],
      hostile.map((h, i) => [h, i]),
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.slice(1), { relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual(['a', 'b']);
    const cells = rows.slice(1).map((r) => r[0]!);
    expect(cells).toEqual(hostile.map(neutraliseCell));
    for (const cell of cells)
      for (const line of cell.split(/\r\n|\r|\n/)) expect(line).not.toMatch(/^[=+\-@\t\0]/);
    expect(cells[4]).toBe('quote "inside", comma');
    expect(cells[6]).toBe('Süd ÄÖÜ');
  });
});

describe('a vendor’s contract through the dispatcher', () => {
  async function setup() {
    const app = openApp({ actor: 'Lena Legal' });
    const { dispatcher, services } = app;
    const vendor = services.vendors.create(vendorInput({ name: 'Contract Logistics GmbH' }));
    const ok = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
      const r = await p;
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const set = (clauseId: string, status: string, value?: unknown, extra: Record<string, unknown> = {}) =>
      dispatcher.call('clauses.set', { vendorId: vendor.id, clauseId, status, value, ...extra } as never);
    return { app, dispatcher, services, vendor, ok, set };
  }

  it('lists every library clause as missing until recorded, then judges agreed values', async () => {
    const { vendor, ok, set, dispatcher } = await setup();
    const before = await ok(dispatcher.call('clauses.forVendor', { vendorId: vendor.id }));
    expect(before.clauses.length).toBeGreaterThanOrEqual(17);
    expect(new Set(before.clauses.map((c) => c.status))).toEqual(new Set(['missing']));
    expect(before.signOffState).toBe('none');

    const after = await ok(
      set(
        'breach-notification',
        'agreed',
        { type: 'hours', value: 96 },
        {
          reference: { document: 'MSA 2026', section: '12.3', page: '14' },
        },
      ),
    );
    const breach = after.clauses.find((c) => c.clause.id === 'breach-notification')!;
    expect(breach).toMatchObject({
      status: 'agreed',
      state: 'deviates',
      reference: { document: 'MSA 2026', section: '12.3', page: '14' },
      updatedBy: 'Lena Legal',
    });
    expect(breach.deviation.reasons).toEqual(['96 h is more than our position of 72 h']);

    // A value of a type the clause does not take is refused, naming the types it takes.
    const wrong = await set('breach-notification', 'agreed', { type: 'days', value: 3 });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toMatch(/takes hours, not days/);
  });

  it('waiving needs a reason and who accepted it', async () => {
    const { set, ok } = await setup();
    const missing = await set('cyber-insurance', 'waived');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/reason and who accepted it/);
    const waived = await ok(
      set('cyber-insurance', 'waived', null, {
        waiver: { reason: 'Small vendor, low exposure', acceptedBy: 'CFO' },
      }),
    );
    expect(waived.clauses.find((c) => c.clause.id === 'cyber-insurance')).toMatchObject({
      state: 'waived',
      waiver: { reason: 'Small vendor, low exposure', acceptedBy: 'CFO' },
    });
  });

  it('contradicts the vendor’s answer: contract 24 h, answered 72 h', async () => {
    const { dispatcher, vendor, ok, set } = await setup();
    const a = await ok(
      dispatcher.call('assessments.start', { vendorId: vendor.id, questionnaireIds: ['quick-triage'] }),
    );
    await ok(
      dispatcher.call('assessments.answer', {
        id: a.id,
        answer: {
          questionnaireId: 'quick-triage',
          questionId: 'tri_breach_hours',
          answer: { status: 'answered', value: 72 },
        },
      }),
    );
    const c = await ok(set('breach-notification', 'agreed', { type: 'hours', value: 24 }));
    const breach = c.clauses.find((x) => x.clause.id === 'breach-notification')!;
    expect(breach.state).toBe('contradicts');
    expect(breach.contradictions.map((x) => x.message)).toEqual([
      'The contract says 24 h, but the vendor answered 72 h',
    ]);
  });

  it('sign-off records the statuses; a later change reopens it; open clauses block it', async () => {
    const { dispatcher, vendor, ok, set, services } = await setup();
    await ok(set('uptime-sla', 'negotiating', { type: 'percentage', value: 99.5 }));
    const blocked = await dispatcher.call('clauses.signOff', { vendorId: vendor.id });
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) expect(blocked.error.message).toMatch(/Uptime SLA/);

    await ok(set('uptime-sla', 'agreed', { type: 'percentage', value: 99.95 }));
    const signed = await ok(dispatcher.call('clauses.signOff', { vendorId: vendor.id }));
    expect(signed.signOffState).toBe('signed');
    expect(signed.signOff).toMatchObject({ reviewer: 'Lena Legal', reopenedAt: null });
    expect(signed.signOff!.statuses['uptime-sla']).toBe('agreed');
    expect(signed.signOff!.statuses['breach-notification']).toBe('missing');

    // Setting the same values again is no change; a comment is no change either.
    expect((await ok(set('uptime-sla', 'agreed', { type: 'percentage', value: 99.95 }))).signOffState).toBe(
      'signed',
    );
    const commented = await ok(
      dispatcher.call('clauses.comment', {
        vendorId: vendor.id,
        clauseId: 'uptime-sla',
        text: 'Credits are 10%',
      }),
    );
    expect(commented.signOffState).toBe('signed');
    expect(commented.clauses.find((c) => c.clause.id === 'uptime-sla')!.comments).toEqual([
      expect.objectContaining({ text: 'Credits are 10%', author: 'Lena Legal' }),
    ]);

    const reopened = await ok(set('uptime-sla', 'agreed', { type: 'percentage', value: 99.0 }));
    expect(reopened.signOffState).toBe('reopened');
    expect(reopened.signOff).toMatchObject({ reopenedClause: 'uptime-sla', reopenedBy: 'Lena Legal' });
    expect(reopened.needsReview).toBe(true);
    const audit = services.storage.audit.listFor('sign-off', signed.signOff!.id, 10).map((e) => e.action);
    expect(audit).toEqual(['reopen', 'sign-off']);
  });

  it('feeds the vendor’s flags and score through the same rules as answers, leaving completeness alone', async () => {
    const { dispatcher, vendor, ok, set } = await setup();
    const untouched = await ok(dispatcher.call('scores.vendor', { id: vendor.id }));
    expect(untouched.contract).toBeNull();
    expect(untouched.score).toBeNull();

    await ok(set('breach-notification', 'agreed', { type: 'hours', value: 96 }));
    const s = await ok(dispatcher.call('scores.vendor', { id: vendor.id }));
    expect(s.contract).toMatchObject({ agreed: 1, deviations: 1 });
    const messages = s.flags.map((f) => f.message);
    expect(messages).toContain('Breach notification time: agreed terms are worse than our position');
    // Clauses not agreed yet raise their own flags (those with a severity for it).
    expect(messages).toContain('Data-usage boundaries: not agreed in the contract');
    const knockout = s.flags.find((f) => f.ruleId === 'breach-notification-deviates')!;
    expect(knockout).toMatchObject({ severity: 'high', knockout: true });
    expect(s.cappedByKnockout || s.tier === 'critical').toBe(true);
    expect(s.domains.map((d) => d.title)).toContain('Contract terms');
    expect(s.completeness).toBe(0); // no assessment answered: clauses are not questions
    // The explanation still adds up to the score.
    const total = s.contributions.reduce((n, c) => n + c.contribution, 0);
    expect(Math.round(total * 10) / 10).toBe(s.score);

    // The vendor list's standing follows at once.
    const list = await ok(dispatcher.call('vendors.list', { flags: 'knockout' }));
    expect(list.items.map((v) => v.id)).toEqual([vendor.id]);
  });

  it('a vendor with contract records cannot be deleted', async () => {
    const { dispatcher, vendor, ok, set } = await setup();
    await ok(set('audit-rights', 'proposed'));
    const r = await dispatcher.call('vendors.remove', { id: vendor.id });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/contract clauses on record/);
  });

  it('edits a built-in position, adds and removes the user’s own clause, and judges by the edited position', async () => {
    const { dispatcher, vendor, ok, set } = await setup();
    const lib = await ok(dispatcher.call('clauses.library', {}));
    const breach = lib.find((c) => c.id === 'breach-notification')!;
    await ok(
      dispatcher.call('clauses.saveClause', {
        ...breach,
        position: { text: 'Within 24 hours', rules: [{ kind: 'at-most', value: 24 }] },
      }),
    );
    const judged = await ok(set('breach-notification', 'agreed', { type: 'hours', value: 48 }));
    expect(judged.clauses.find((c) => c.clause.id === 'breach-notification')!.deviation.reasons).toEqual([
      '48 h is more than our position of 24 h',
    ]);

    const added = await ok(
      dispatcher.call('clauses.saveClause', {
        id: 'escrow',
        title: 'Source code escrow',
        group: 'exit',
        why: 'If the vendor fails, we can keep running the WMS.',
        position: { text: 'Escrow with yearly verification', rules: [{ kind: 'required' }] },
        valueTypes: ['yes-no'],
      }),
    );
    expect(added.at(-1)).toMatchObject({ id: 'escrow', source: 'user' });
    expect(
      (await ok(dispatcher.call('clauses.removeClause', { id: 'escrow' }))).map((c) => c.id),
    ).not.toContain('escrow');
    const builtin = await dispatcher.call('clauses.removeClause', { id: 'breach-notification' });
    expect(builtin.ok).toBe(false);
    const inUse = await ok(
      dispatcher.call('clauses.saveClause', {
        id: 'escrow',
        title: 'Source code escrow',
        why: 'x',
        position: { text: 'x' },
        valueTypes: ['yes-no'],
      }),
    );
    expect(inUse.map((c) => c.id)).toContain('escrow');
    await ok(set('escrow', 'proposed'));
    const kept = await dispatcher.call('clauses.removeClause', { id: 'escrow' });
    expect(kept.ok).toBe(false);
    if (!kept.ok) expect(kept.error.message).toMatch(/recorded for 1 vendor/);
    void vendor;
  });

  it('the matrix and its CSV list vendors × clauses, filtered to those needing review', async () => {
    const { app, dispatcher, services, ok, set, vendor } = await setup();
    const other = services.vendors.create(vendorInput({ name: '=Evil Formula Vendor' }));
    await ok(set('breach-notification', 'agreed', { type: 'hours', value: 48 }));
    await ok(dispatcher.call('clauses.signOff', { vendorId: vendor.id }));

    const all = await ok(dispatcher.call('clauses.matrix', {}));
    expect(all.rows.map((r) => r.vendorName)).toEqual(['=Evil Formula Vendor', 'Contract Logistics GmbH']);
    expect(all.rows[1]!.cells['breach-notification']).toEqual({ status: 'agreed', state: 'ok' });
    const review = await ok(dispatcher.call('clauses.matrix', { needsReview: true }));
    expect(review.rows.map((r) => r.vendorId)).toEqual([other.id]);

    const { csv, rows } = await ok(dispatcher.call('clauses.exportCsv', {}));
    const parsed = parse(csv.slice(1)) as string[][];
    expect(parsed[0]!.slice(0, 4)).toEqual(['Vendor', 'Clause', 'Status', 'Agreed value']);
    expect(parsed.length - 1).toBe(rows);
    expect(parsed.some((r) => r[0] === "'=Evil Formula Vendor")).toBe(true);
    expect(
      parsed.find((r) => r[1] === 'Breach notification time' && r[0] === 'Contract Logistics GmbH'),
    ).toEqual(expect.arrayContaining(['Agreed', '48 h', 'signed']));
    expect(app.internalErrors).toEqual([]);
  });
});

describe('evaluateClauses', () => {
  it('orders nothing away: one evaluation per library clause, in library order', () => {
    const lib = ClauseLibraryFileSchema.parse(
      JSON.parse(readFileSync(join(__dirname, '../../questionnaires/clause-library.json'), 'utf8')),
    ).clauses;
    const e = evaluateClauses(lib, [], () => null);
    expect(e.map((x) => x.clause.id)).toEqual(lib.map((c) => c.id));
    expect(e.every((x) => x.state === 'missing')).toBe(true);
  });
});

describe('vendor-risk clauses', () => {
  it('sets, shows, signs off and exports from the command line, with exit codes', async () => {
    const app = openApp();
    app.services.vendors.create(vendorInput({ name: 'Cli Contract Co' }));
    const run = async (...args: string[]) => {
      return await runCli(app.dataDir, args, { VENDOR_RISK_USER: 'Lena Legal' });
    };
    const set = await run(
      'clauses',
      'set',
      'cli contract co',
      'breach-notification',
      '--status',
      'agreed',
      '--value',
      '96h',
      '--ref',
      'MSA, 12.3, 14',
    );
    expect(set).toMatchObject({ code: 0, stderr: '' });
    expect(set.stdout).toBe(
      'Breach notification time for Cli Contract Co: Agreed, 96 h — DEVIATES\n96 h is more than our position of 72 h\n',
    );
    const waive = await run(
      'clauses',
      'set',
      'Cli Contract Co',
      'uptime-sla',
      '--status',
      'waived',
      '--reason',
      'Batch job',
      '--accepted-by',
      'COO',
    );
    expect(waive.code).toBe(0);
    const signed = await run('clauses', 'signoff', 'Cli Contract Co');
    expect(signed.stdout).toMatch(
      /^Signed off the contract of Cli Contract Co as Lena Legal on \d{4}-\d{2}-\d{2}\n$/,
    );

    const shown = await run('clauses', 'show', 'Cli Contract Co', '--json');
    const contract = JSON.parse(shown.stdout) as {
      signOffState: string;
      clauses: { clause: { id: string }; state: string }[];
    };
    expect(contract.signOffState).toBe('signed');
    expect(contract.clauses.find((c) => c.clause.id === 'breach-notification')!.state).toBe('deviates');
    const text = await run('clauses', 'show', 'Cli Contract Co');
    expect(text.stdout).toMatch(/breach-notification\s+Agreed\s+96 h\s+DEVIATES\s+MSA, § 12\.3, p\. 14/);
    expect(text.stdout).toContain('Uptime SLA: waived — Batch job (accepted by COO)');
    expect(text.stdout).toMatch(/Legal sign-off: signed off by Lena Legal on .* — needs legal review\n$/);

    expect(
      await run('clauses', 'set', 'Cli Contract Co', 'uptime-sla', '--status', 'agreed', '--value', 'soon'),
    ).toMatchObject({
      code: 2,
      stderr: 'vendor-risk: invalid input: value: "soon" is not a value of this clause (percentage)\n',
    });
    expect((await run('clauses', 'set', 'Cli Contract Co', 'uptime-sla')).code).toBe(1);
    expect(
      (await run('clauses', 'set', 'Cli Contract Co', 'no-such-clause', '--status', 'agreed')).code,
    ).toBe(2);
    expect((await run('clauses', 'set', 'Nobody', 'uptime-sla', '--status', 'agreed')).code).toBe(2);
    expect((await run('clauses', 'export')).code).toBe(1);

    const file = join(app.dataDir, 'clauses.csv');
    const exported = await run('clauses', 'export', '--out', file, '--needs-review');
    expect(exported.code).toBe(0);
    const rows = parse(readFileSync(file, 'utf8').slice(1)) as string[][];
    expect(exported.stdout).toBe(`Wrote ${rows.length - 1} rows to ${file}\n`);
    expect(rows.find((r) => r[1] === 'Breach notification time')).toEqual(
      expect.arrayContaining(['Cli Contract Co', 'Agreed', '96 h', 'MSA', '12.3', '14']),
    );
  });
});

describe('contract edge cases found in review', () => {
  it('quotes a cell with a lone line break, so a parser reads it back as one cell; full-width formula signs too', () => {
    const csv = toCsv(
      ['h', 'n'],
      [
        ['a\nb', 1],
        ['c\rd', 2],
        ['＝HYPERLINK("x")', 3],
      ],
    );
    const rows = parse(csv.slice(1)) as string[][];
    expect(rows).toEqual([
      ['h', 'n'],
      ['a\nb', '1'],
      ['c\rd', '2'],
      ['\'＝HYPERLINK("x")', '3'],
    ]);
  });

  it('refuses "agreed" without the agreed value; a value no rule can judge is listed for review', async () => {
    const app = openApp();
    const v = app.services.vendors.create(vendorInput({ name: 'Value Needed Co' }));
    const r = await app.dispatcher.call('clauses.set', {
      vendorId: v.id,
      clauseId: 'breach-notification',
      status: 'agreed',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details?.[0]?.message).toMatch(/agreed clause needs the agreed value/);
    const cap = deviationOf(position({ kind: 'at-least', value: 12 }), {
      type: 'money',
      amount: 1,
      currency: 'EUR',
    });
    expect(cap.unjudged).toEqual(['EUR 1: our position has no rule for a value of this kind']);
  });

  it('clauses set keeps the recorded value and reference when only the status or a comment is given', async () => {
    const app = openApp();
    app.services.vendors.create(vendorInput({ name: 'Keep Fields Co' }));
    const run = async (...args: string[]) => (await runCli(app.dataDir, args, {})).code;
    expect(
      await run(
        'clauses',
        'set',
        'Keep Fields Co',
        'breach-notification',
        '--status',
        'negotiating',
        '--value',
        '48h',
        '--ref',
        'MSA, 9, 3',
      ),
    ).toBe(0);
    expect(
      await run(
        'clauses',
        'set',
        'Keep Fields Co',
        'breach-notification',
        '--status',
        'agreed',
        '--comment',
        'Signed',
      ),
    ).toBe(0);
    const c = app.services.clauses.forVendor(
      app.services.vendors.list(VendorListQuerySchema.parse({})).items[0]!.id,
    );
    expect(c.clauses.find((x) => x.clause.id === 'breach-notification')).toMatchObject({
      status: 'agreed',
      value: { type: 'hours', value: 48 },
      reference: { document: 'MSA', section: '9', page: '3' },
    });
  });

  it('keeps saved filters it cannot read (a later version’s) when saving another', async () => {
    const app = openApp();
    const later = { name: 'From a later version', query: { sort: 'riskVelocity' } };
    // Saved by the later version, which records it in the trail as this one does.
    app.services.storage.settings.set('savedFilters', [later], new Date().toISOString());
    app.services.storage.audit.append({
      at: new Date().toISOString(),
      actor: 'Later Version',
      entity: 'settings',
      entityId: 'savedFilters',
      action: 'update',
      before: null,
      after: [later],
    });
    const r = await app.dispatcher.call('filters.save', { name: 'Mine', query: {} });
    expect(r.ok && r.value.map((f) => f.name)).toEqual(['Mine']);
    expect(app.services.storage.settings.get('savedFilters')).toEqual([
      expect.objectContaining({ name: 'Mine' }),
      later,
    ]);
    // What is stored is what the trail last recorded: the check finds nothing changed.
    expect((await app.services.audit.verify(NO_JOB)).reconciled).toMatchObject({ total: 0 });
  });
});

describe('two people, one clause', () => {
  const ok = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
    const r = await p;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const stale = (who: string) => ({
    ok: false,
    error: {
      code: 'CONFLICT',
      message: expect.stringMatching(
        new RegExp(`^changed by ${who} at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC — reload to see it$`),
      ),
    },
  });

  it('a vendor’s clause saved against the version read is refused once a colleague saved it, naming who; solo saves as before', async () => {
    const mine = openApp({ actor: 'Lena Legal' });
    const theirs = openApp({ actor: 'Dana Counsel', colleagueOf: mine.dataDir });
    const vendor = mine.services.vendors.create(vendorInput({ name: 'Contract Logistics GmbH' }));
    const clauseId = 'breach-notification';
    const read = await ok(mine.dispatcher.call('clauses.forVendor', { vendorId: vendor.id }));
    // Nothing recorded yet: no version, so the window states 0.
    expect(read.clauses.find((c) => c.clause.id === clauseId)!.version).toBeUndefined();
    const save = (app: typeof mine, hours: number, version?: number) =>
      app.dispatcher.call('clauses.set', {
        vendorId: vendor.id,
        clauseId,
        status: 'agreed',
        value: { type: 'hours', value: hours },
        ...(version === undefined ? {} : { version }),
      } as never);
    const recorded = async (app: typeof mine) =>
      (await ok(app.dispatcher.call('clauses.forVendor', { vendorId: vendor.id }))).clauses.find(
        (c) => c.clause.id === clauseId,
      )!;

    const first = await ok(save(theirs, 24, 0));
    const mineToo = await save(mine, 72, 0);
    if (!mine.team) {
      // The solo app keeps no versions: the later save wins, as it always has.
      expect(first.clauses.find((c) => c.clause.id === clauseId)!.version).toBeUndefined();
      expect(mineToo.ok).toBe(true);
      expect(await recorded(theirs)).toMatchObject({
        value: { type: 'hours', value: 72 },
        updatedBy: 'Lena Legal',
      });
      return;
    }
    expect(first.clauses.find((c) => c.clause.id === clauseId)!.version).toBe(1);
    expect(mineToo).toMatchObject(stale('Dana Counsel'));
    // Nothing overwritten, nothing recorded for the refused save.
    expect(await recorded(mine)).toMatchObject({
      value: { type: 'hours', value: 24 },
      updatedBy: 'Dana Counsel',
      version: 1,
    });
    const trail = () => mine.services.storage.audit.listFor('vendor-clause', `${vendor.id}/${clauseId}`, 10);
    expect(trail().map((e) => e.actor)).toEqual(['Dana Counsel']);

    // A colleague's change since this window read version 1 refuses it too.
    await ok(save(theirs, 48, 1));
    expect(await save(mine, 72, 1)).toMatchObject(stale('Dana Counsel'));
    // Saved against the version now read, it goes through; the trail keeps the fields, not the version.
    const saved = await ok(save(mine, 72, 2));
    expect(saved.clauses.find((c) => c.clause.id === clauseId)).toMatchObject({
      value: { type: 'hours', value: 72 },
      version: 3,
    });
    const [latest] = trail();
    expect(latest).toMatchObject({ actor: 'Lena Legal', action: 'update' });
    expect(latest!.before).toMatchObject({ value: { type: 'hours', value: 48 } });
    expect(latest!.before).not.toHaveProperty('version');
    expect(latest!.after).not.toHaveProperty('version');
    // A save that changes nothing writes nothing, whatever version it states.
    const unchanged = await ok(save(theirs, 72, 1));
    expect(unchanged.clauses.find((c) => c.clause.id === clauseId)!.version).toBe(3);
    expect(trail()).toHaveLength(3);
    // Without a version (the CLI) nothing is checked.
    expect((await ok(save(theirs, 12))).clauses.find((c) => c.clause.id === clauseId)!.version).toBe(4);
  });

  it('a library clause saved against the version read is refused once a colleague saved it, naming who; solo saves as before', async () => {
    const mine = openApp({ actor: 'Lena Legal' });
    const theirs = openApp({ actor: 'Dana Counsel', colleagueOf: mine.dataDir });
    const clauseOf = async (app: typeof mine) =>
      (await ok(app.dispatcher.call('clauses.library', {}))).find((c) => c.id === 'breach-notification')!;
    const read = await clauseOf(mine);
    const theirsRead = await clauseOf(theirs);
    const position = (text: string, hours: number) => ({
      position: { text, rules: [{ kind: 'at-most' as const, value: hours }] },
    });
    await ok(
      theirs.dispatcher.call('clauses.saveClause', { ...theirsRead, ...position('Within 24 hours', 24) }),
    );
    const mineToo = await mine.dispatcher.call('clauses.saveClause', {
      ...read,
      ...position('Within 48 hours', 48),
    });
    if (!mine.team) {
      // The solo app keeps no versions: the later save wins, as it always has.
      expect(read.version).toBeUndefined();
      expect(mineToo.ok).toBe(true);
      expect((await clauseOf(theirs)).position.text).toBe('Within 48 hours');
      return;
    }
    expect(read.version).toBe(1);
    expect(mineToo).toMatchObject(stale('Dana Counsel'));
    const now = await clauseOf(mine);
    expect(now).toMatchObject({ position: { text: 'Within 24 hours' }, version: 2 });
    const trail = () => mine.services.storage.audit.listFor('clause', 'breach-notification', 10);
    expect(trail().map((e) => e.actor)).toEqual(['Dana Counsel']);
    expect(trail()[0]!.before).not.toHaveProperty('version');
    expect(trail()[0]!.after).not.toHaveProperty('version');

    // Saved against the version now read, it goes through.
    const saved = await ok(
      mine.dispatcher.call('clauses.saveClause', { ...now, ...position('Within 48 hours', 48) }),
    );
    expect(saved.find((c) => c.id === 'breach-notification')).toMatchObject({
      position: { text: 'Within 48 hours' },
      version: 3,
    });
    // A new clause states 0: a colleague who added the same id first refuses it.
    const escrow = {
      id: 'escrow',
      title: 'Source code escrow',
      why: 'If the vendor fails, we can keep running the WMS.',
      position: { text: 'Escrow with yearly verification' },
      valueTypes: ['yes-no' as const],
    };
    await ok(theirs.dispatcher.call('clauses.saveClause', { ...escrow, version: 0 }));
    expect(
      await mine.dispatcher.call('clauses.saveClause', { ...escrow, title: 'Escrow', version: 0 }),
    ).toMatchObject(stale('Dana Counsel'));
    // The check of the trail against the data is not misled by the versions.
    const verified = await ok(mine.dispatcher.call('audit.verify', {}));
    expect(verified.reconciled).toMatchObject({ total: 0 });
  });
});
