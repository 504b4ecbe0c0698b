/**
 * The vendor and self-assessment reports as a reader outside the app gets them: read back
 * with pdftotext, and rendered to PNG pages (test-results/reports/) to look at.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, runCli, tempDir } from './helpers';
import { answersFor } from './report-fixture';
import { NO_JOB } from '../../electron/services/context';
import { DEFAULT_VENDOR_QUERY } from '../../electron/domain/vendor-list';

import { answerText } from '../../electron/domain/report-data';
import type { Questionnaire } from '../../electron/domain/questionnaire';

/** The PDF's text, zero-width break hints removed and every run of white space made one space. */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ');
}

/**
 * Renders every page to test-results/reports/<name>-N.png (looked at by eye; docs/images/reports/ are
 * taken from there) beside a copy of the PDF, and returns how many pages there are.
 */
function renderPages(file: string, name: string): number {
  const dir = join(process.cwd(), 'test-results', 'reports');
  mkdirSync(dir, { recursive: true });
  for (const old of readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')))
    rmSync(join(dir, old));
  copyFileSync(file, join(dir, `${name}.pdf`));
  execFileSync('pdftoppm', ['-r', '60', '-png', file, join(dir, name)]);
  return readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).length;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('vendor report from the sample warehouse', () => {
  it('gives every flag its question and answer in words, an owner and a next step, with no internal id', async () => {
    const app = openApp({ actor: 'Priya Auditor' });
    await app.services.demo.load(NO_JOB);
    const list = app.services.vendors.list({ ...DEFAULT_VENDOR_QUERY });
    // The sample vendor with the most flags among those with a knockout raised by an answer of the triage.
    const flagged = list.items
      .map((v) => ({ v, s: app.services.scores.vendor(v.id) }))
      .filter(({ s }) => s.flags.some((f) => f.knockout && f.questionId?.startsWith('tri_')))
      .sort((a, b) => b.s.flags.length - a.s.flags.length)[0]!;
    expect(flagged, 'a sample vendor with a knockout from an answer').toBeDefined();
    const { v: vendor, s: score } = flagged;
    const out = join(tempDir(), 'vendor.pdf');
    const result = await app.services.reports.export({ kind: 'vendor', vendorId: vendor.id }, out, NO_JOB);
    const text = pdfText(out);
    expect(renderPages(out, 'vendor-sample')).toBe(result.pages);

    // No internal id: no question id, rule id or questionnaire id of what the vendor answered.
    const detail = app.services.assessments.get(score.assessment!.id);
    const ids = detail.questionnaires.flatMap((q) =>
      q.sections.flatMap((s) => [
        ...s.redFlags.map((r) => r.id),
        ...s.questions.flatMap((x) => [x.id, ...x.redFlags.map((r) => r.id)]),
      ]),
    );
    expect(text).not.toMatch(/\btri_/);
    for (const id of ids.filter((i) => i.includes('_'))) expect(text, id).not.toContain(id);

    // Each flag raised by an answer: the question asked and the answer given, in words.
    const questions = new Map(
      detail.questionnaires.flatMap((x) =>
        x.sections.flatMap((s) => s.questions.map((y) => [y.id, y] as const)),
      ),
    );
    const fromAnswers = score.flags.filter((f) => f.questionId && questions.has(f.questionId));
    expect(fromAnswers.length).toBeGreaterThan(0);
    for (const f of fromAnswers) {
      const question = questions.get(f.questionId!)!;
      const stored = detail.answers.find((a) => a.questionId === f.questionId)!;
      expect(text).toContain(squash(question.text));
      expect(text).toContain(`Answer: ${squash(answerText(question, stored.answer)).slice(0, 30)}`);
    }

    // Every flag's message, an owner and a next step.
    for (const f of score.flags) expect(text).toContain(squash(f.message).slice(0, 40));
    expect(text).toContain(`Owner: ${vendor.owner}`);
    expect(text).toMatch(
      /Ask the vendor for a remediation plan with dates; re-assess by \d{4}-\d{2}-\d{2}|Condition of the approval: /,
    );
    // The headline and the legends; nothing sends the reader to the app.
    expect(text).toMatch(/(Critical|High|Medium|Low) risk tier, control score \d+ of 100/);
    expect(text).toContain('Worst: ');
    expect(text).toContain('higher is better');
    expect(text).toContain('higher is worse');
    expect(text).toContain('Each bar is a domain’s control score');
    expect(text).not.toMatch(/\bthe app\b|see the app|in the app/i);
  });
});

describe('self-assessment report', () => {
  it('the sample’s self-assessment: a headline, maturity by area, the roadmap with effort and owner; the first one says so', async () => {
    const app = openApp();
    await app.services.demo.load(NO_JOB);
    const [self] = app.services.assessments.list(null);
    const out = join(tempDir(), 'self.pdf');
    const result = await app.services.reports.export({ kind: 'self', assessmentId: self!.id }, out, NO_JOB);
    const text = pdfText(out);
    expect(renderPages(out, 'self-sample')).toBe(result.pages);
    const r = app.services.scores.selfResult(self!.id);
    expect(text).toMatch(
      /Overall maturity: (Managed|Defined|Developing|Initial), score \d+ of 100 \(the first self-assessment\)/,
    );
    expect(text).toMatch(/Strongest( area)?: .*; weakest( area)?: /);
    expect(text).toContain('this is the first self-assessment');
    expect(text).toContain('Control Area Now Effort Owner Gain');
    expect(text).toContain('Unassigned');
    const quick = r.roadmap.find((x) => x.phase === 'quick-win');
    if (quick) {
      expect(text).toContain('First quick wins');
      expect(text).toContain(`${quick.complexity}, ~${quick.weeks} wk`);
    }
  });

  it('compares maturity by area with the self-assessment submitted before, and names the roadmap owner', async () => {
    let clock = new Date('2026-03-01T09:00:00Z');
    const app = openApp({ now: () => clock });
    const q = app.services.questionnaires.latest('self-assessment').q as Questionnaire;
    const run = async (seed: number) => {
      const started = await app.dispatcher.call('assessments.start', {
        vendorId: null,
        questionnaireIds: ['self-assessment'],
      });
      if (!started.ok) throw new Error(started.error.message);
      const answered = await app.dispatcher.call('assessments.answerMany', {
        id: started.value.id,
        answers: answersFor(q, seed),
      });
      expect(answered.ok).toBe(true);
      const submitted = await app.dispatcher.call('assessments.setStatus', {
        id: started.value.id,
        status: 'submitted',
      });
      expect(submitted.ok).toBe(true);
      return started.value.id;
    };
    const first = await run(1);
    clock = new Date('2026-09-01T09:00:00Z');
    const second = await run(7);
    // The roadmap's owner is named on the command line (kept with the data, audited).
    const named = await runCli(app.dataDir, [
      'settings',
      'set',
      'roadmap-owner',
      'Dana Whitfield (Operations)',
    ]);
    expect(named).toMatchObject({ code: 0, stdout: 'Roadmap owner set to Dana Whitfield (Operations)\n' });
    expect(app.services.organisation.roadmapOwner()).toBe('Dana Whitfield (Operations)');

    const out = join(tempDir(), 'self-2.pdf');
    const result = await app.services.reports.export({ kind: 'self', assessmentId: second }, out, NO_JOB);
    const text = pdfText(out);
    expect(renderPages(out, 'self-compared')).toBe(result.pages);
    const before = app.services.scores.selfResult(first);
    const now = app.services.scores.selfResult(second);
    expect(text).toContain('Previous (2026-03-01) Now Change Level');
    expect(text).toContain('submitted 2026-03-01');
    const area = now.maturity.find((m, i) => m.score !== null && before.maturity[i]!.score !== null)!;
    const prev = before.maturity.find((m) => m.sectionId === area.sectionId)!;
    const change = Math.round(area.score!) - Math.round(prev.score!);
    const sign = change > 0 ? `+${change}` : change < 0 ? `−${-change}` : '±0';
    expect(text).toContain(
      `${area.area} ${Math.round(prev.score!)} ${Math.round(area.score!)} ${sign} ${area.level}`,
    );
    expect(text).toMatch(/since 2026-03-01, when it was \d+/);
    expect(text).toContain('Dana Whitfield (Operations)');
    expect(text).not.toContain('first self-assessment');
    // The first one still says it is the first: nothing was submitted before it.
    const firstOut = join(tempDir(), 'self-1.pdf');
    await app.services.reports.export({ kind: 'self', assessmentId: first }, firstOut, NO_JOB);
    expect(pdfText(firstOut)).toContain('the first self-assessment');
  });
});
