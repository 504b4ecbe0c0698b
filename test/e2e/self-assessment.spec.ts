import { test, expect } from './harness';

test('a self-assessment shows maturity per area and a roadmap, quick wins first', async ({ app }) => {
  const { page, dispatcher } = app;
  const started = await dispatcher.call('assessments.start', {
    vendorId: null,
    questionnaireIds: ['self-assessment'],
  });
  if (!started.ok) throw new Error(started.error.message);
  const detail = await dispatcher.call('assessments.get', { id: started.value.id });
  if (!detail.ok) throw new Error(detail.error.message);
  const q = detail.value.questionnaires[0]!;
  // Answer "no" to every yes/no question shown without conditions.
  const answers = q.sections
    .flatMap((s) => s.questions)
    .filter((x) => x.type === 'yes-no' && !x.showIf)
    .map((x) => ({
      questionnaireId: q.id,
      questionId: x.id,
      answer: { status: 'answered' as const, value: 'no' },
    }));
  expect((await dispatcher.call('assessments.answerMany', { id: started.value.id, answers })).ok).toBe(true);

  await app.open('#/self');
  const result = page.getByRole('region', { name: 'Self-assessment result' });
  // The chart is the one the PDF report prints (electron/domain/charts), drawn as SVG.
  await expect(result.getByRole('img', { name: 'Maturity by area, 0 to 100' })).toContainText('Initial');
  const phases = result.getByRole('region');
  await expect(phases.first()).toHaveAccessibleName('Quick wins');
  await expect(phases.last()).toHaveAccessibleName('Longer projects');
  await expect(result.getByRole('region', { name: 'Quick wins' })).toContainText(/MFA|multi-factor/i);
  await page.screenshot({ path: 'test-results/screens/14-self-assessment-result-light.png', fullPage: true });
});
