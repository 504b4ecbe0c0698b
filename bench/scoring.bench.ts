/**
 * Re-scoring a portfolio of 2,000 vendors with 150 answers each, in memory, with
 * `scoreAssessment` (goal: under 100 ms), as a ratio to a plain loop that only sums the
 * same answers' points in the same run. And `portfolio.summary` through the dispatcher
 * over 2,000 stored vendors (goal: under 150 ms), against `vendors.list` over the same
 * vendors; also reported: the day's first summary, which scores every vendor.
 */
import { test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { openAppCore } from '../electron/ipc/app-core';
import { PREFERENCES_FILE } from '../electron/services/preferences';
import { QuestionnaireSchema, type Question, type Questionnaire } from '../electron/domain/questionnaire';
import { answerKey } from '../electron/domain/evaluate-assessment';
import { scoreAssessment } from '../electron/domain/scoring';
import type { AnswerValue } from '../electron/domain/answer';
import type { AnswerInput } from '../electron/domain/assessment';
import { DEFAULT_VENDOR_QUERY } from '../electron/domain/vendor-list';
import { seedVendors } from './seed';
import { median, report } from './report';

const VENDORS = 2000;
const SECTIONS = 10;
const PER_SECTION = 15; // 150 questions
const RUNS = 5;
const TODAY = '2027-03-15';

/** 150 scored questions: two of three yes-no, one of three single-choice; some red flags and show-ifs. */
function benchQuestionnaire(): Questionnaire {
  return QuestionnaireSchema.parse({
    format: 'vendor-risk-questionnaire/1',
    id: 'bench-scoring',
    version: '1.0.0',
    title: 'Bench scoring',
    sections: Array.from({ length: SECTIONS }, (_, s) => ({
      id: `s${s}`,
      title: `Section ${s + 1}`,
      questions: Array.from({ length: PER_SECTION }, (_, i) => {
        const id = `q${s}_${i}`;
        const choice = i % 3 === 2;
        return {
          id,
          text: `Is control ${id} in place?`,
          type: choice ? 'single-choice' : 'yes-no',
          weight: 1 + (i % 3),
          ...(choice
            ? {
                choices: [
                  { id: 'full', label: 'Fully', points: 100 },
                  { id: 'most', label: 'Mostly', points: 70 },
                  { id: 'some', label: 'Somewhat', points: 30 },
                  { id: 'none', label: 'Not at all', points: 0 },
                ],
              }
            : {}),
          ...(i % 10 === 9 ? { showIf: { question: `q${s}_${i - 2}`, in: ['yes', 'partial'] } } : {}),
          redFlags:
            i % 5 === 0
              ? [
                  {
                    id: `f_${id}`,
                    when: { question: id, is: choice ? 'none' : 'no' },
                    severity: i % 10 === 0 ? 'critical' : 'high',
                    message: `No ${id}`,
                    knockout: i === 0,
                  },
                ]
              : [],
        };
      }),
    })),
  });
}

/** A deterministic answer for vendor v and question index n (about 2% refused, 2% not applicable). */
function answerFor(q: Question, v: number, n: number): AnswerValue {
  const r = (v * 7919 + n * 104729) % 100;
  if (r === 0 || r === 50) return { status: 'refused' };
  if (r === 1 || r === 51) return { status: 'not-applicable' };
  if (q.type === 'yes-no') return { status: 'answered', value: r < 60 ? 'yes' : r < 80 ? 'partial' : 'no' };
  return { status: 'answered', value: q.choices![r % q.choices!.length]!.id };
}

test('scoring: re-score 2,000 vendors with 150 answers each', () => {
  const questionnaire = benchQuestionnaire();
  const questions = questionnaire.sections.flatMap((s) => s.questions);
  const keys = questions.map((q) => answerKey(questionnaire.id, q.id));
  const portfolio = Array.from(
    { length: VENDORS },
    (_, v) => new Map<string, AnswerValue | null>(questions.map((q, n) => [keys[n]!, answerFor(q, v, n)])),
  );

  const rescore = () => {
    let total = 0;
    for (const answers of portfolio) {
      total +=
        scoreAssessment({
          questionnaires: [questionnaire],
          answers,
          evidence: [],
          today: TODAY,
          explain: false,
        }).score ?? 0;
    }
    return total;
  };
  /** Only the points of the same answers: the floor any scoring has to pay. */
  const plainSum = () => {
    let total = 0;
    for (const answers of portfolio) {
      let earned = 0;
      let max = 0;
      for (let n = 0; n < questions.length; n++) {
        const q = questions[n]!;
        const a = answers.get(keys[n]!);
        if (!a || a.status === 'not-applicable') continue;
        max += q.weight;
        if (a.status !== 'answered') continue;
        const points =
          q.type === 'yes-no'
            ? a.value === 'yes'
              ? 100
              : a.value === 'partial'
                ? 50
                : 0
            : (q.choices!.find((c) => c.id === a.value)?.points ?? 0);
        earned += (q.weight * points) / 100;
      }
      total += max ? (100 * earned) / max : 0;
    }
    return total;
  };
  const time = (fn: () => number) => {
    const t = performance.now();
    const checksum = fn();
    if (!Number.isFinite(checksum)) throw new Error('no result');
    return performance.now() - t;
  };

  time(rescore); // warm-up: JIT, and the questionnaire's parsed shape in cache
  time(plainSum);
  const scoring = median(Array.from({ length: RUNS }, () => time(rescore)));
  const baseline = median(Array.from({ length: RUNS }, () => time(plainSum)));
  report('scoring-2000-vendors', {
    vendors: VENDORS,
    answers_each: questions.length,
    scoring_ms: scoring,
    plain_sum_ms: baseline,
    ratio: scoring / Math.max(baseline, 0.01),
    goal_ms: 100,
    goal_met: scoring < 100,
  });
});

test('portfolio.summary over 2,000 vendors', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vendor-risk-bench-'));
  let clock = new Date(`${TODAY}T12:00:00Z`);
  const app = openAppCore({
    dataDir,
    preferences: new Conf({ cwd: dataDir, configName: PREFERENCES_FILE.configName }),
    appVersion: 'bench',
    actorOverride: 'Bench',
    now: () => clock,
    isTrustedPageUrl: () => false,
  });
  try {
    const questionnaire = benchQuestionnaire();
    const imported = await app.dispatcher.call('questionnaires.import', {
      content: JSON.stringify(questionnaire),
    });
    if (!imported.ok) throw new Error(imported.error.message);
    seedVendors(app.services, VENDORS); // a third of them offboarded (statuses cycle)
    const vendors = app.services.vendors.list(DEFAULT_VENDOR_QUERY).items;
    const questions = questionnaire.sections.flatMap((s) => s.questions);

    // Three in four vendors assessed, last assessed 0–3 years ago; every fifth with an expiring file.
    const { services } = app;
    let assessed = 0;
    services.storage.transaction(() => {
      vendors.forEach((vendor, v) => {
        if (v % 4 === 3) return;
        clock = new Date(Date.parse(`${TODAY}T12:00:00Z`) - ((v * 37) % 1095) * 86_400_000);
        const a = services.assessments.start(vendor.id, [questionnaire.id]);
        const answers: AnswerInput[] = questions.map((q, n) => ({
          questionnaireId: questionnaire.id,
          questionId: q.id,
          answer: answerFor(q, v, n),
        }));
        services.assessments.answerMany(a.id, answers, 'bench');
        if (v % 5 === 0) {
          services.assessments.attachEvidence({
            assessmentId: a.id,
            questionnaireId: questionnaire.id,
            questionId: questions[0]!.id,
            fileName: `report-${v}.pdf`,
            contentBase64: Buffer.from(`evidence ${v}`).toString('base64'),
            kind: v % 2 ? 'iso27001' : 'soc2-type2',
            issuer: 'Bench',
            periodStart: null,
            periodEnd: null,
            expiresAt: new Date(Date.parse(`${TODAY}T00:00:00Z`) + (((v * 13) % 150) - 30) * 86_400_000)
              .toISOString()
              .slice(0, 10),
          });
        }
        services.assessments.setStatus(a.id, 'submitted');
        assessed += 1;
      });
    });
    clock = new Date(`${TODAY}T12:00:00Z`);

    const call = async <T>(fn: () => Promise<{ ok: boolean; error?: { message: string } } & T>) => {
      const t = performance.now();
      const r = await fn();
      const ms = performance.now() - t;
      if (!r.ok) throw new Error(r.error?.message);
      return { ms, r };
    };
    const summary = () => app.dispatcher.call('portfolio.summary', {});
    const list = () => app.dispatcher.call('vendors.list', {});
    const first = await call(summary);
    await call(list);
    const summaryMs = median(await sequence(RUNS, async () => (await call(summary)).ms));
    const listMs = median(await sequence(RUNS, async () => (await call(list)).ms));
    // The same scores one vendor at a time through the score service (no shared questionnaire cache).
    const perVendorMs = median(
      await sequence(RUNS, () => {
        const t = performance.now();
        for (const v of vendors) if (v.status !== 'offboarded') services.scores.vendor(v.id);
        return Promise.resolve(performance.now() - t);
      }),
    );
    const value = first.r.ok ? first.r.value : undefined;
    report('portfolio-summary-2000-vendors', {
      vendors: VENDORS,
      with_assessment: assessed,
      counted: value?.totals.vendors ?? 0,
      counted_assessed: value?.totals.assessed ?? 0,
      summary_ms: summaryMs,
      vendors_list_ms: listMs,
      ratio_to_vendors_list: summaryMs / Math.max(listMs, 0.01),
      goal_ms: 150,
      goal_met: summaryMs < 150,
      // The first summary of a day scores every vendor (and keeps the figures with its standing).
      first_of_day_ms: first.ms,
      scores_vendor_loop_ms: perVendorMs,
    });
  } finally {
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function sequence(n: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}
