/**
 * An assessment of 300 questions with 2,000 vendors in the database: the first
 * question on screen after the data arrives (goal: within 200 ms), against a
 * 10-question assessment in the same run; and the answer round trip (dispatcher +
 * store + re-evaluation; goal: p95 under 20 ms), against `app.info` in the same run.
 */
import { test, expect } from '../test/e2e/harness';
import { seedVendors } from './seed';
import { benchQuestionnaire } from './questionnaire';
import { DEFAULT_VENDOR_QUERY } from '../electron/domain/vendor-list';
import { median, report } from './report';

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

test('assessment: 300 questions, 2,000 vendors', async ({ app }) => {
  seedVendors(app.services, 2000);
  const vendor = app.services.vendors.list(DEFAULT_VENDOR_QUERY).items[0]!;
  for (const [id, sections, per] of [
    ['bench-large', 10, 30],
    ['bench-small', 1, 10],
  ] as const) {
    const r = await app.dispatcher.call('questionnaires.import', {
      content: JSON.stringify(benchQuestionnaire(id, sections, per)),
    });
    expect(r.ok).toBe(true);
  }
  const start = async (id: string) => {
    const r = await app.dispatcher.call('assessments.start', { vendorId: vendor.id, questionnaireIds: [id] });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  };
  const large = await start('bench-large');
  const small = await start('bench-small');

  const firstQuestion = async (assessmentId: string) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await app.open(`#/assessments/${assessmentId}`);
      await expect(app.page.getByRole('region', { name: 'Questions' }).getByRole('article')).toBeVisible();
      times.push(
        await app.page.evaluate(() => {
          const data = performance.getEntriesByName('assessment:data').at(-1)!;
          const shown = performance.getEntriesByName('assessment:first-question').at(-1)!;
          return shown.startTime - data.startTime;
        }),
      );
    }
    return median(times);
  };
  const openLarge = await firstQuestion(large);
  const openSmall = await firstQuestion(small);

  const answerTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < 300; i++) {
    const s = Math.floor(i / 30);
    const value = ['yes', 'no', 'partial'][i % 3]!;
    let t = performance.now();
    const r = await app.dispatcher.call('assessments.answer', {
      id: large,
      answer: {
        questionnaireId: 'bench-large',
        questionId: `q${s}_${i % 30}`,
        answer: { status: 'answered', value },
      },
    });
    answerTimes.push(performance.now() - t);
    if (!r.ok) throw new Error(r.error.message);
    t = performance.now();
    await app.dispatcher.call('app.info', {});
    baseTimes.push(performance.now() - t);
  }
  const p95 = percentile(answerTimes, 0.95);
  const baseP95 = percentile(baseTimes, 0.95);
  report('assessment-300-questions', {
    first_question_ms: openLarge,
    baseline_10_questions_ms: openSmall,
    open_ratio: openLarge / Math.max(openSmall, 0.1),
    open_goal_ms: 200,
    open_goal_met: openLarge < 200,
    answer_p95_ms: p95,
    app_info_p95_ms: baseP95,
    answer_ratio: p95 / Math.max(baseP95, 0.01),
    answer_goal_ms: 20,
    answer_goal_met: p95 < 20,
  });
});
