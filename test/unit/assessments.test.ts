import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { itOnSolo, openApp, vendorInput } from './helpers';
import { QuestionnaireSchema } from '../../electron/domain/questionnaire';

const exampleText = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');
const withVersion = (v: string, extra: (q: Record<string, unknown>) => void = () => {}) => {
  const q = JSON.parse(exampleText) as Record<string, unknown>;
  q.version = v;
  extra(q);
  return JSON.stringify(q);
};

async function setup() {
  const app = openApp();
  const vendor = app.services.vendors.create(vendorInput({ category: 'robotics-iot' }));
  const imported = await app.dispatcher.call('questionnaires.import', { content: exampleText });
  expect(imported.ok).toBe(true);
  const started = await app.dispatcher.call('assessments.start', {
    vendorId: vendor.id,
    questionnaireIds: ['example-firmware'],
  });
  if (!started.ok) throw new Error(started.error.message);
  return { ...app, vendor, assessmentId: started.value.id };
}

const q = (questionId: string, answer: unknown) =>
  ({ questionnaireId: 'example-firmware', questionId, answer }) as never;

describe('questionnaire import', () => {
  it('upgrades to a newer version, keeps the same version unchanged, refuses older or altered ones', async () => {
    const { dispatcher } = openApp();
    expect(await dispatcher.call('questionnaires.import', { content: exampleText })).toMatchObject({
      ok: true,
      value: { upgradedFrom: null },
    });
    expect(await dispatcher.call('questionnaires.import', { content: exampleText })).toMatchObject({
      ok: true,
      value: { unchanged: true },
    });
    const altered = withVersion('1.0.0', (x) => (x.title = 'Changed'));
    expect(await dispatcher.call('questionnaires.import', { content: altered })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await dispatcher.call('questionnaires.import', { content: withVersion('1.1.0') })).toMatchObject({
      ok: true,
      value: { upgradedFrom: '1.0.0' },
    });
    expect(await dispatcher.call('questionnaires.import', { content: withVersion('0.9.0') })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const list = await dispatcher.call('questionnaires.list', {});
    expect(list.ok && list.value.find((x) => x.id === 'example-firmware')?.version).toBe('1.1.0');
  });
});

describe('assessments', () => {
  it('saves answers at once, shows conditional questions and raises flags live', async () => {
    const { dispatcher, assessmentId } = await setup();
    let r = await dispatcher.call('assessments.answer', {
      id: assessmentId,
      answer: q('fw_signed', { status: 'answered', value: 'yes' }),
    });
    expect(r.ok && r.value.state.visible).toContain('example-firmware/fw_key_storage');
    r = await dispatcher.call('assessments.answer', {
      id: assessmentId,
      answer: q('fw_signed', { status: 'answered', value: 'no' }),
    });
    expect(r.ok && r.value.state.visible).not.toContain('example-firmware/fw_key_storage');
    expect(r.ok && r.value.state.flags.map((f) => f.ruleId)).toEqual(['fw_unsigned']);
    const detail = await dispatcher.call('assessments.get', { id: assessmentId });
    expect(detail.ok && detail.value.answers).toHaveLength(1);
  });

  it('keeps a note and follow-up mark without touching the answer', async () => {
    const { dispatcher, assessmentId } = await setup();
    await dispatcher.call('assessments.answer', {
      id: assessmentId,
      answer: q('fw_signed', { status: 'answered', value: 'yes' }),
    });
    const r = await dispatcher.call('assessments.answer', {
      id: assessmentId,
      answer: {
        questionnaireId: 'example-firmware',
        questionId: 'fw_signed',
        note: 'Ask for the HSM audit',
        followUp: true,
      },
    });
    expect(r.ok && r.value.answer).toMatchObject({
      answer: { status: 'answered', value: 'yes' },
      note: 'Ask for the HSM audit',
      followUp: true,
    });
  });

  it('rejects a value of the wrong type and a whole bulk batch with one bad answer', async () => {
    const { dispatcher, assessmentId } = await setup();
    expect(
      await dispatcher.call('assessments.answer', {
        id: assessmentId,
        answer: q('fw_patch_days', { status: 'answered', value: 'soon' }),
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const bulk = await dispatcher.call('assessments.answerMany', {
      id: assessmentId,
      answers: [
        q('fw_signed', { status: 'answered', value: 'yes' }),
        q('fw_key_storage', { status: 'answered', value: 'usb' }),
      ],
    });
    expect(bulk).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const detail = await dispatcher.call('assessments.get', { id: assessmentId });
    expect(detail.ok && detail.value.answers).toEqual([]);
  });

  it('refuses a number outside its question’s bounds, naming them (−5 hours, 101 %)', async () => {
    const app = openApp();
    const vendor = app.services.vendors.create(vendorInput());
    const started = await app.dispatcher.call('assessments.start', {
      vendorId: vendor.id,
      questionnaireIds: ['vulnerability-disclosure', 'secure-sdlc'],
    });
    if (!started.ok) throw new Error(started.error.message);
    const answer = (questionnaireId: string, questionId: string, value: number) =>
      app.dispatcher.call('assessments.answer', {
        id: started.value.id,
        answer: { questionnaireId, questionId, answer: { status: 'answered', value } },
      });
    expect(await answer('vulnerability-disclosure', 'vdp_ack_hours', -5)).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('vdp_ack_hours: Enter at least 0 hours'),
      },
    });
    expect(await answer('secure-sdlc', 'sdlc_training_coverage', 101)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Enter a number from 0 to 100%') },
    });
    expect(await answer('secure-sdlc', 'sdlc_training_coverage', 100)).toMatchObject({ ok: true });
    expect(await answer('vulnerability-disclosure', 'vdp_ack_hours', 0)).toMatchObject({ ok: true });
    const detail = await app.dispatcher.call('assessments.get', { id: started.value.id });
    expect(detail.ok && detail.value.answers.map((a) => a.answer)).toEqual([
      { status: 'answered', value: 100 },
      { status: 'answered', value: 0 },
    ]);
  });

  it('reads bounds only on number questions, the minimum not above the maximum', () => {
    const base = JSON.parse(exampleText) as { sections: { questions: Record<string, unknown>[] }[] };
    const check = (edit: (qs: Record<string, unknown>[]) => void) => {
      const copy = structuredClone(base);
      edit(copy.sections[0]!.questions);
      const r = QuestionnaireSchema.safeParse(copy);
      return r.success
        ? 'ok'
        : r.error.issues.map((i) => `${String(i.path.at(-1))}: ${i.message}`).join('; ');
    };
    const days = (qs: Record<string, unknown>[]) => qs.find((x) => x.id === 'fw_patch_days')!;
    expect(check((qs) => Object.assign(days(qs), { min: 0, max: 365 }))).toBe('ok');
    expect(check((qs) => Object.assign(days(qs), { min: 10, max: 5 }))).toBe(
      'max: The maximum is below the minimum',
    );
    expect(
      check((qs) =>
        Object.assign(
          qs.find((x) => x.type === 'yes-no')!,
          { min: 0 },
        ),
      ),
    ).toBe('min: Only number questions have a minimum');
  });

  it('pins the questionnaire version it started with', async () => {
    const { dispatcher, assessmentId } = await setup();
    await dispatcher.call('questionnaires.import', {
      content: withVersion('2.0.0', (x) => (x.title = 'Firmware v2')),
    });
    const detail = await dispatcher.call('assessments.get', { id: assessmentId });
    expect(detail.ok && detail.value.assessment.questionnaires[0]).toMatchObject({
      version: '1.0.0',
      title: 'Firmware signing (example)',
    });
  });

  it('a closed assessment refuses changes', async () => {
    const { dispatcher, assessmentId } = await setup();
    await dispatcher.call('assessments.setStatus', { id: assessmentId, status: 'closed' });
    expect(
      await dispatcher.call('assessments.answer', {
        id: assessmentId,
        answer: q('fw_signed', { status: 'refused' }),
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('attaches evidence: file copied, SHA-256 kept, expiry from the period, answer linked', async () => {
    const { dispatcher, assessmentId, dataDir, vendor, services, team } = await setup();
    const bytes = Buffer.from('%PDF-1.4 firmware signing statement');
    const r = await dispatcher.call('evidence.attach', {
      assessmentId,
      questionnaireId: 'example-firmware',
      questionId: 'fw_statement',
      fileName: 'signing-statement.pdf',
      contentBase64: bytes.toString('base64'),
      kind: 'firmware-signing',
      periodEnd: '2026-06-30',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(r.value.expiresAt).toBe('2027-06-30');
    // Read back as anyone opening it would: from the folder, or from the team database, checked.
    expect(Buffer.from(services.storage.evidence.readFile(r.value)).equals(bytes)).toBe(true);
    // Evidence is often under NDA: the owner's only, in a folder that is too (a team database keeps it inside).
    if (!team) expect(readFileSync(join(dataDir, 'evidence', r.value.id)).equals(bytes)).toBe(true);
    if (!team && process.platform !== 'win32') {
      expect(statSync(join(dataDir, 'evidence', r.value.id)).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'evidence')).mode & 0o777).toBe(0o700);
    }
    const detail = await dispatcher.call('assessments.get', { id: assessmentId });
    expect(detail.ok && detail.value.answers[0]).toMatchObject({
      questionId: 'fw_statement',
      answer: { status: 'answered', value: [r.value.id] },
    });
    const list = await dispatcher.call('evidence.list', { vendorId: vendor.id });
    expect(list.ok && list.value.map((e) => e.fileName)).toEqual(['signing-statement.pdf']);
    expect(existsSync(join(dataDir, 'evidence', `${r.value.id}.part`))).toBe(false);
  });

  itOnSolo('a team database refuses content that does not match its record (a trigger, schema-evidence.ts)')(
    'refuses to hand out an evidence file changed on disk: its SHA-256 no longer matches',
    async () => {
      const { dispatcher, assessmentId, dataDir, services } = await setup();
      const r = await dispatcher.call('evidence.attach', {
        assessmentId,
        questionnaireId: 'example-firmware',
        questionId: 'fw_statement',
        fileName: 'statement.pdf',
        contentBase64: Buffer.from('%PDF-1.4 the real statement').toString('base64'),
        kind: 'firmware-signing',
      });
      if (!r.ok) throw new Error(r.error.message);
      writeFileSync(join(dataDir, 'evidence', r.value.id), '%PDF-1.4 a different statement');
      expect(() => services.storage.evidence.readFile(r.value)).toThrow(
        /statement\.pdf does not match its record/,
      );
    },
  );

  it('seals evidence files once encryption is on, wherever they are kept; a locked app may neither read nor attach them', async () => {
    const { dispatcher, assessmentId, services, dataDir } = await setup();
    const attach = (text: string) =>
      dispatcher.call('evidence.attach', {
        assessmentId,
        questionnaireId: 'example-firmware',
        questionId: 'fw_statement',
        fileName: 'statement.pdf',
        contentBase64: Buffer.from(text).toString('base64'),
        kind: 'firmware-signing',
      });
    const before = await attach('%PDF-1.4 attached before encryption');
    if (!before.ok) throw new Error(before.error.message);
    const on = services.encryption.enable('a passphrase for sealed files');
    expect(on.sealedFiles).toBe(1);
    const after = await attach('%PDF-1.4 attached while sealed');
    if (!after.ok) throw new Error(after.error.message);
    expect(Buffer.from(services.storage.evidence.readFile(before.value)).toString()).toBe(
      '%PDF-1.4 attached before encryption',
    );
    expect(Buffer.from(services.storage.evidence.readFile(after.value)).toString()).toBe(
      '%PDF-1.4 attached while sealed',
    );

    const locked = openApp({ dataDir });
    expect(() => locked.services.storage.evidence.readFile(after.value)).toThrow(/encrypted and locked/);
    expect(
      await locked.dispatcher.call('evidence.attach', {
        assessmentId,
        questionnaireId: 'example-firmware',
        questionId: 'fw_statement',
        fileName: 'plain.pdf',
        contentBase64: Buffer.from('%PDF-1.4 plain').toString('base64'),
        kind: 'firmware-signing',
      }),
    ).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('suggests the self-assessment only for self-assessments', async () => {
    const { dispatcher } = openApp();
    expect(
      await dispatcher.call('assessments.start', { vendorId: null, questionnaireIds: ['self-assessment'] }),
    ).toMatchObject({ ok: true });
    expect(
      await dispatcher.call('assessments.start', { vendorId: null, questionnaireIds: ['quick-triage'] }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('a vendor with assessments', () => {
  it('cannot be deleted, so its review history is kept', async () => {
    const { dispatcher, vendor, services } = await setup();
    const r = await dispatcher.call('vendors.remove', { id: vendor.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!r.ok) expect(r.error.message).toMatch(/Offboarded/);
    expect(services.storage.vendors.get(vendor.id)).toBeDefined();
  });
});

describe('bulk answers and submitting', () => {
  it('says which bulk answers fall on hidden questions', async () => {
    const { dispatcher, assessmentId } = await setup();
    const r = await dispatcher.call('assessments.answerMany', {
      id: assessmentId,
      answers: [
        q('fw_signed', { status: 'answered', value: 'no' }),
        q('fw_key_storage', { status: 'answered', value: 'hsm' }),
      ],
    });
    expect(r.ok && r.value.hidden).toEqual(['example-firmware/fw_key_storage']);
  });

  it('refuses to submit while a required question is unanswered', async () => {
    const { dispatcher, assessmentId } = await setup();
    const refused = await dispatcher.call('assessments.setStatus', { id: assessmentId, status: 'submitted' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!refused.ok)
      expect(refused.error.message).toMatch(
        /1 required question is still unanswered \(example-firmware\/fw_signed\)/,
      );
    await dispatcher.call('assessments.answer', {
      id: assessmentId,
      answer: q('fw_signed', { status: 'answered', value: 'yes' }),
    });
    expect(
      await dispatcher.call('assessments.setStatus', { id: assessmentId, status: 'submitted' }),
    ).toMatchObject({ ok: true, value: { status: 'submitted' } });
  });
});

describe('decisions', () => {
  it('records approve with conditions on a submitted assessment, with who and when, newest first', async () => {
    const { dispatcher, assessmentId, vendor } = await setup();
    const early = await dispatcher.call('decisions.record', { assessmentId, decision: 'approve' });
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await dispatcher.call('assessments.answer', {
      id: assessmentId,
      answer: q('fw_signed', { status: 'answered', value: 'partial' }),
    });
    await dispatcher.call('assessments.setStatus', { id: assessmentId, status: 'submitted' });
    const r = await dispatcher.call('decisions.record', {
      assessmentId,
      decision: 'approve-with-conditions',
      conditions: [
        { text: 'Deliver the firmware-signing statement', owner: 'Priya Raman', due: '2027-03-31' },
      ],
      notes: 'Signed images only for the AMR fleet',
    });
    expect(r).toMatchObject({
      ok: true,
      value: { decision: 'approve-with-conditions', decidedBy: 'Unit Tester' },
    });
    await dispatcher.call('decisions.record', { assessmentId, decision: 'reject' });
    const list = await dispatcher.call('decisions.list', { vendorId: vendor.id });
    expect(list.ok && list.value.map((d) => d.decision)).toEqual(['reject', 'approve-with-conditions']);
  });
});

describe('score trend', () => {
  it('gives the score and tier at each assessment, oldest first', async () => {
    const { dispatcher, assessmentId, vendor } = await setup();
    await dispatcher.call('assessments.answer', {
      id: assessmentId,
      answer: q('fw_signed', { status: 'answered', value: 'no' }),
    });
    await dispatcher.call('assessments.setStatus', { id: assessmentId, status: 'submitted' });
    const second = await dispatcher.call('assessments.start', {
      vendorId: vendor.id,
      questionnaireIds: ['example-firmware'],
    });
    if (!second.ok) throw new Error(second.error.message);
    await dispatcher.call('assessments.answer', {
      id: second.value.id,
      answer: q('fw_signed', { status: 'answered', value: 'yes' }),
    });
    const trend = await dispatcher.call('scores.trend', { id: vendor.id });
    expect(trend.ok && trend.value.map((t) => [t.assessmentId, t.score, t.knockouts])).toEqual([
      [assessmentId, 0, 1],
      [second.value.id, 100, 0],
    ]);
  });
});

describe('two people, one answer', () => {
  it('an answer saved against the version read is refused once a colleague answered, naming who; solo saves as before', async () => {
    const mine = await setup();
    const theirs = openApp({ actor: 'Sam Security', colleagueOf: mine.dataDir });
    const save = (app: { dispatcher: typeof mine.dispatcher }, value: string, version?: number) =>
      app.dispatcher.call('assessments.answer', {
        id: mine.assessmentId,
        answer: {
          questionnaireId: 'example-firmware',
          questionId: 'fw_signed',
          answer: { status: 'answered' as const, value },
          ...(version === undefined ? {} : { version }),
        },
      });
    // Both read the question unanswered (version 0); the colleague answers first.
    const first = await save(theirs, 'yes', 0);
    if (!first.ok) throw new Error(first.error.message);
    const mineToo = await save(mine, 'no', 0);
    if (!mine.team) {
      // The solo app keeps no versions: the later save wins, as it always has.
      expect(first.value.answer.version).toBeUndefined();
      expect(mineToo.ok).toBe(true);
      return;
    }
    expect(first.value.answer.version).toBe(1);
    expect(mineToo).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/^changed by Sam Security at .+ — reload to see it$/),
      },
    });
    const detail = await mine.dispatcher.call('assessments.get', { id: mine.assessmentId });
    expect(detail.ok && detail.value.answers).toEqual([
      expect.objectContaining({ answer: { status: 'answered', value: 'yes' }, version: 1 }),
    ]);
    // Saved against the version now read, it goes through.
    const again = await save(mine, 'no', 1);
    expect(again.ok && again.value.answer).toMatchObject({ answer: { value: 'no' }, version: 2 });
  });
});

describe('two people, one assessment status', () => {
  it('a status change is refused once a colleague changed the status since it was read, naming who; their answers do not make it stale; solo changes as before', async () => {
    const mine = await setup();
    const theirs = openApp({ actor: 'Sam Security', colleagueOf: mine.dataDir });
    const read = async () => {
      const r = await mine.dispatcher.call('assessments.get', { id: mine.assessmentId });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.assessment;
    };
    await mine.dispatcher.call('assessments.answer', {
      id: mine.assessmentId,
      answer: q('fw_signed', { status: 'answered', value: 'yes' }),
    });
    const before = await read();
    expect(before.version).toBe(mine.team ? 2 : undefined);
    // The colleague answers a question and moves through the assessment meanwhile: the version
    // moves on, but the status the window shows is still the status, so submitting goes through.
    const theirAnswer = await theirs.dispatcher.call('assessments.answer', {
      id: mine.assessmentId,
      answer: q('fw_patch_days', { status: 'answered', value: 30 }),
    });
    expect(theirAnswer.ok).toBe(true);
    const moved = await theirs.dispatcher.call('assessments.setPosition', {
      id: mine.assessmentId,
      position: 'example-firmware/fw_signed',
    });
    expect(moved.ok).toBe(true);
    const moment = await read();
    expect(moment.version).toBe(mine.team ? before.version! + 2 : undefined);
    const submitted = await mine.dispatcher.call('assessments.setStatus', {
      id: mine.assessmentId,
      status: 'submitted',
      version: before.version ?? 0,
      from: before.status,
    });
    expect(submitted).toMatchObject({ ok: true, value: { status: 'submitted' } });
    if (!submitted.ok) return;
    // Both read it submitted; the colleague closes it; my reopen, decided on "submitted", is refused.
    const closed = await theirs.dispatcher.call('assessments.setStatus', {
      id: mine.assessmentId,
      status: 'closed',
      version: submitted.value.version ?? 0,
      from: 'submitted',
    });
    expect(closed).toMatchObject({ ok: true, value: { status: 'closed' } });
    const reopen = (version: number, from: 'submitted' | 'closed') =>
      mine.dispatcher.call('assessments.setStatus', {
        id: mine.assessmentId,
        status: 'in-progress',
        version,
        from,
      });
    const refused = await reopen(submitted.value.version ?? 0, 'submitted');
    if (!mine.team) {
      // The solo app keeps no versions: the later change wins, as it always has.
      expect(submitted.value.version).toBeUndefined();
      expect(refused).toMatchObject({ ok: true, value: { status: 'in-progress' } });
      return;
    }
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/^changed by Sam Security at .+ — reload to see it$/),
      },
    });
    // Raced past the service's look (the colleague's change committing between it and the write),
    // the database refuses the write itself.
    expect(() =>
      mine.services.storage.assessments.update(
        mine.assessmentId,
        { status: 'in-progress', updatedAt: new Date().toISOString() },
        { version: submitted.value.version!, status: 'submitted' },
      ),
    ).toThrow(/^changed by Sam Security at .+ — reload to see it$/);
    // Nothing overwritten, nothing entered in the trail for the refused change.
    const now = await read();
    expect(now.status).toBe('closed');
    const trail = await mine.dispatcher.call('audit.list', { entities: ['assessment'], limit: 50 });
    expect(
      trail.ok && trail.value.items.map((e) => [e.actor, (e.after as { status: string }).status]),
    ).toEqual([
      ['Sam Security', 'closed'],
      ['Unit Tester', 'submitted'],
      ['Unit Tester', 'in-progress'],
    ]);
    // The version is bookkeeping: the trail's before and after leave it out.
    expect(
      trail.ok &&
        trail.value.items.some(
          (e) => 'version' in (e.after as object) || 'version' in ((e.before ?? {}) as object),
        ),
    ).toBe(false);
    // Stated against what is read now, it goes through.
    expect(await reopen(now.version!, now.status as 'closed')).toMatchObject({
      ok: true,
      value: { status: 'in-progress', version: now.version! + 1 },
    });
  });
});
