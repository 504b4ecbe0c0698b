import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type AppHarness } from './harness';

const example = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');

/** Imports the example questionnaire (or `content`), starts an assessment of a new vendor with it and opens it; its id. */
async function openExampleAssessment(app: AppHarness, vendorName: string, content = example) {
  expect((await app.dispatcher.call('questionnaires.import', { content })).ok).toBe(true);
  const vendor = await app.dispatcher.call('vendors.create', { name: vendorName, category: 'robotics-iot' });
  if (!vendor.ok) throw new Error(vendor.error.message);
  const started = await app.dispatcher.call('assessments.start', {
    vendorId: vendor.value.id,
    questionnaireIds: ['example-firmware'],
  });
  if (!started.ok) throw new Error(started.error.message);
  await app.open(`#/assessments/${started.value.id}`);
  return started.value.id;
}

/** {@link openExampleAssessment}, then waits for its first question (keys answer it from then on). */
async function openAtFirstQuestion(app: AppHarness, vendorName: string) {
  await openExampleAssessment(app, vendorName);
  await expect(
    app.page.getByRole('region', { name: 'Questions' }).getByText('Question 1 of 3'),
  ).toBeVisible();
}

test('assess a vendor with the keyboard, see a condition and a red flag, resume, attach evidence', async ({
  app,
}) => {
  const { page, services } = app;
  const vendor = services.vendors.create({
    name: 'Kestrel Yard Robotics',
    category: 'robotics-iot',
    services: 'AMR fleet',
    dataTouched: ['operational-telemetry'],
    criticality: 'high',
    owner: '',
    status: 'active',
    tags: [],
    notes: '',
  });
  expect((await app.dispatcher.call('questionnaires.import', { content: example })).ok).toBe(true);
  await app.open(`#/vendors/${vendor.id}/assessments`);

  const detail = page.getByRole('tabpanel');
  await detail.getByRole('button', { name: 'Start assessment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assess Kestrel Yard Robotics' });
  await expect(dialog.getByRole('checkbox').first()).toBeVisible();
  // The questionnaires that fit a robotics vendor are pre-selected; keep only the example.
  const checked = dialog.getByRole('checkbox', { checked: true });
  expect(await checked.count()).toBeGreaterThan(0);
  while ((await checked.count()) > 0) await checked.first().uncheck();
  await dialog.getByRole('checkbox', { name: /Firmware signing \(example\)/ }).check();
  await dialog.getByRole('button', { name: 'Start assessment' }).click();

  const questions = page.getByRole('region', { name: 'Questions' });
  await expect(
    questions.getByRole('heading', { name: /Is every firmware image cryptographically signed/ }),
  ).toBeVisible();
  await expect(questions.getByText('Question 1 of 3')).toBeVisible();

  await page.keyboard.press('1'); // Yes
  await expect(questions.getByRole('radio', { name: 'Yes' })).toBeChecked();
  await expect(page.getByText('All changes saved')).toBeVisible();
  await expect(questions.getByText(/Question 1 of 4/)).toBeVisible(); // the key-storage question appeared
  await page.keyboard.press('ArrowRight');
  await expect(questions.getByRole('heading', { name: 'Where is the signing key kept?' })).toBeVisible();
  await page.keyboard.press('1'); // In an HSM
  await expect(questions.getByRole('radio', { name: 'In an HSM' })).toBeChecked();

  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('3'); // No
  const flags = page.getByRole('complementary', { name: 'Red flags' });
  await expect(flags.getByText(/Firmware is not signed/)).toBeVisible();
  await expect(flags.getByText(/Knockout/)).toBeVisible();
  await expect(questions.getByText('Question 1 of 3')).toBeVisible(); // the condition hid it again
  await expect(page.getByText('All changes saved')).toBeVisible();

  // Close and come back: the answers and the place are kept.
  const assessmentUrl = page.url();
  await page.goto('about:blank');
  await page.goto(assessmentUrl);
  await expect(questions.getByRole('radio', { name: 'No' })).toBeChecked();
  await expect(flags.getByText(/Firmware is not signed/)).toBeVisible();
  await expect(page.getByTestId('assessment-progress')).toHaveText(/^1 of 3 answered/);

  // Evidence: the last question.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(
    questions.getByRole('heading', { name: 'Attach the firmware-signing statement.' }),
  ).toBeVisible();
  await questions.getByLabel('Issuer').fill('Kestrel Security Team');
  await questions.getByLabel('Attach evidence file').setInputFiles({
    name: 'signing-statement.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4 signed'),
  });
  await expect(questions.getByRole('list', { name: 'Attached evidence' })).toContainText(
    'signing-statement.pdf',
  );
  await expect(questions.getByRole('list', { name: 'Attached evidence' })).toContainText('SHA-256');
  await expect(page.getByTestId('assessment-progress')).toHaveText(/^2 of 3 answered/);

  // The vendor page lists the assessment and the evidence.
  await page.getByRole('button', { name: '← Back' }).click();
  await expect(detail.getByRole('region', { name: 'Assessments' })).toContainText(
    'Firmware signing (example)',
  );
  await page.getByRole('tab', { name: /^Evidence/ }).click();
  await expect(detail.getByRole('region', { name: 'Evidence' })).toContainText('signing-statement.pdf');
});

test('full list mode, filters and a refused answer', async ({ app }) => {
  const { page } = app;
  await openExampleAssessment(app, 'Trollhättan Scanners AB');

  await page.getByRole('button', { name: 'Full list' }).click();
  const questions = page.getByRole('region', { name: 'Questions' });
  await expect(questions.getByRole('article')).toHaveCount(3);
  const first = questions.getByRole('article').first();
  await first.getByRole('button', { name: 'Vendor refused or could not answer' }).click();
  await expect(page.getByRole('complementary', { name: 'Red flags' })).toContainText(
    'Raised because the vendor refused to answer',
  );
  await page.getByLabel('Show').selectOption('flagged');
  await expect(questions.getByRole('article')).toHaveCount(1);
  await page.getByLabel('Show').selectOption('unanswered');
  await expect(questions.getByRole('article')).toHaveCount(2);
});

test('one at a time under "Unanswered": the answered question stays until you move on', async ({ app }) => {
  const { page } = app;
  await openExampleAssessment(app, 'Gdańsk Reefer Lines');
  await page.getByLabel('Show').selectOption('unanswered');
  const questions = page.getByRole('region', { name: 'Questions' });
  await expect(questions.getByText('Question 1 of 3')).toBeVisible();
  await page.keyboard.press('3'); // No: the question stays on screen, answered
  await expect(questions.getByRole('radio', { name: 'No' })).toBeChecked();
  await page.keyboard.press('ArrowRight');
  await expect(questions.getByRole('heading', { name: /critical firmware fix/ })).toBeVisible();
  await expect(questions.getByText('Question 1 of 2')).toBeVisible();
});

test('a knockout answer is marked on its question, in colour and words', async ({ app }) => {
  const { page } = app;
  await openAtFirstQuestion(app, 'Borås Conveyor Works');
  const questions = page.getByRole('region', { name: 'Questions' });
  const card = questions.getByRole('article');
  await expect(card.getByRole('note', { name: 'Knockout' })).toHaveCount(0);
  await page.keyboard.press('3'); // No: firmware is not signed
  const mark = card.getByRole('note', { name: 'Knockout' });
  await expect(mark).toContainText('Knockout: the tier is at least High while this answer stands');
  await expect(mark).toContainText('Firmware is not signed');
  await expect(card).toHaveClass(/question-card-knockout/);
  await page.keyboard.press('1'); // Yes: the mark goes
  await expect(mark).toHaveCount(0);
});

test('a flag opens its question, in the full list too', async ({ app }) => {
  const { page } = app;
  await openAtFirstQuestion(app, 'Växjö Pallet Systems');
  await page.keyboard.press('3'); // No: raises the knockout
  await expect(page.getByText('All changes saved')).toBeVisible();
  await page.getByRole('button', { name: 'Full list' }).click();
  await page.getByLabel('Show').selectOption('unanswered');
  const questions = page.getByRole('region', { name: 'Questions' });
  await expect(questions.getByRole('article')).toHaveCount(2);
  await page
    .getByRole('complementary', { name: 'Red flags' })
    .getByRole('button', { name: /Firmware is not signed/ })
    .click();
  // The answered question was filtered out: the filter is cleared and the question focused.
  await expect(page.getByLabel('Show')).toHaveValue('all');
  await expect(
    questions.getByRole('article', { name: /Is every firmware image cryptographically signed/ }),
  ).toBeFocused();
});

test('review and submit: what is left links to its question, then the assessment is submitted', async ({
  app,
}) => {
  const { page } = app;
  await openAtFirstQuestion(app, 'Norrköping Cold Chain');
  const questions = page.getByRole('region', { name: 'Questions' });
  await page.keyboard.press('ArrowRight'); // away from the required question
  await expect(questions.getByRole('heading', { name: /critical firmware fix/ })).toBeVisible();

  await page.getByRole('button', { name: 'Review and submit' }).click();
  let review = page.getByRole('dialog', { name: 'Review and submit' });
  const required = review.getByRole('region', { name: 'Unanswered required questions' });
  await expect(required.getByRole('button')).toHaveCount(1);
  await expect(review.getByTestId('review-note')).toHaveText('Answer the 1 required question to submit.');
  await expect(review.getByRole('button', { name: 'Submit assessment' })).toBeDisabled();
  await expect(review.getByRole('region', { name: 'Evidence missing' })).toContainText(
    'Attach the firmware-signing statement.',
  );
  await required.getByRole('button', { name: /Is every firmware image cryptographically signed/ }).click();
  await expect(review).toHaveCount(0);
  await expect(
    questions.getByRole('article', { name: /Is every firmware image cryptographically signed/ }),
  ).toBeFocused();

  await page.keyboard.press('3'); // No: a knockout, but answered
  await expect(page.getByText('All changes saved')).toBeVisible();
  await page.getByRole('button', { name: 'Review and submit' }).click();
  review = page.getByRole('dialog', { name: 'Review and submit' });
  await expect(review.getByText('Every required question is answered.')).toBeVisible();
  const flags = review.getByRole('list', { name: 'Red flags raised' });
  await expect(flags).toContainText('Firmware is not signed');
  await expect(review.getByText('1 knockout: the tier is at least High')).toBeVisible();
  await review.getByRole('button', { name: 'Submit assessment' }).click();
  await expect(review.getByTestId('review-note')).toHaveText(
    'Submit with 2 unanswered and 1 without evidence?',
  );
  await review.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(review).toHaveCount(0);

  await expect(page.getByTestId('assessment-status')).toHaveText('Submitted');
  await expect(page.getByRole('button', { name: 'Review and submit' })).toHaveCount(0);
  await expect(questions.getByRole('radio', { name: 'No' })).toBeDisabled();
  await page.getByRole('button', { name: 'Reopen' }).click();
  await expect(page.getByTestId('assessment-status')).toHaveText('In progress');
  await expect(questions.getByRole('radio', { name: 'No' })).toBeEnabled();

  // Submitted again, the assessment leads to what it gave: the vendor's score.
  await page.getByRole('button', { name: 'Review and submit' }).click();
  review = page.getByRole('dialog', { name: 'Review and submit' });
  await review.getByRole('button', { name: 'Submit assessment' }).click();
  await review.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(
    page.getByText(/Assessment submitted: “See the score” shows what it gives the vendor/).last(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'See the score' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Norrköping Cold Chain' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overview', selected: true })).toBeVisible();
  await expect(page.getByText(/Control score · higher is better/)).toBeVisible();
});

test('the picker suggests the quick triage first and counts the questions of the selection', async ({
  app,
}) => {
  const { page, services } = app;
  const vendor = services.vendors.create({
    name: 'Lund WMS Cloud',
    category: 'wms-saas',
    services: 'Warehouse management',
    dataTouched: ['pii', 'customer-contracts'],
    criticality: 'high',
    owner: '',
    status: 'active',
    tags: [],
    notes: '',
  });
  await app.open(`#/vendors/${vendor.id}/assessments`);
  await page.getByRole('tabpanel').getByRole('button', { name: 'Start assessment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assess Lund WMS Cloud' });
  const boxes = dialog.getByRole('checkbox');
  await expect(boxes.first()).toBeChecked();
  await expect(boxes.first()).toHaveAccessibleName(/^Quick triage/);
  await expect(dialog.getByRole('checkbox', { checked: true })).toHaveCount(1);
  await expect(dialog.getByText(/Never assessed: start with the quick triage/)).toBeVisible();
  await expect(dialog.getByTestId('selection-count')).toHaveText('1 questionnaire · 19 questions');
  await boxes.nth(1).check();
  await expect(dialog.getByTestId('selection-count')).toHaveText(/^2 questionnaires · \d+ questions$/);
});

test('a number outside its bounds is said beside the field and not saved', async ({ app }) => {
  const { page } = app;
  const bounded = JSON.parse(example) as { sections: { questions: { id: string; min?: number }[] }[] };
  bounded.sections[0]!.questions.find((x) => x.id === 'fw_patch_days')!.min = 0;
  const id = await openExampleAssessment(app, 'Odense Pallet Robots', JSON.stringify(bounded));
  await page.getByRole('button', { name: 'Full list' }).click();
  const days = page.getByRole('region', { name: 'Questions' }).getByLabel('Answer (days)');
  await days.fill('-5');
  await expect(page.getByRole('alert').filter({ hasText: 'Enter at least 0 days' })).toBeVisible();
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await days.blur();
  await expect(page.getByTestId('assessment-progress')).toHaveText(/^0 of 3 answered/);
  await days.fill('10');
  await expect(page.getByText('Enter at least 0 days')).toHaveCount(0);
  await expect(page.getByTestId('assessment-progress')).toHaveText(/^1 of 3 answered/);
  const stored = await app.dispatcher.call('assessments.get', { id });
  expect(stored.ok && stored.value.answers.map((a) => a.answer)).toEqual([{ status: 'answered', value: 10 }]);
});

test('the keyboard starts where the work is: a dialog on its first choice, a new page inside it', async ({
  app,
}) => {
  const { page } = app;
  const vendor = await app.dispatcher.call('vendors.create', {
    name: 'Aarhus Dock Sensors',
    category: 'robotics-iot',
  });
  if (!vendor.ok) throw new Error(vendor.error.message);
  await app.open(`#/vendors/${vendor.value.id}/assessments`);
  await page.getByRole('tabpanel').getByRole('button', { name: 'Start assessment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assess Aarhus Dock Sensors' });
  // The questionnaires arrive after the dialog opens: focus goes to the first of them, not to Close.
  await expect(dialog.getByRole('checkbox').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // From the sidebar to another page: the next Tab is in that page, not in the sidebar again.
  await page.getByRole('link', { name: 'Questionnaires' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Questionnaires/ })).toBeVisible();
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate(
      () => Boolean(document.activeElement?.closest('main')) && document.activeElement?.tagName !== 'MAIN',
    ),
  ).toBe(true);
});

test('a zoomed window (150 %) keeps the question readable: the flags go under it, nothing runs off', async ({
  app,
}) => {
  const { page } = app;
  await page.setViewportSize({ width: 683, height: 427 });
  await openAtFirstQuestion(app, 'Zoomed Yard Robotics');
  const heading = page
    .getByRole('region', { name: 'Questions' })
    .getByRole('heading', { name: /Is every firmware image cryptographically signed/ });
  await expect(heading).toBeInViewport();
  expect((await heading.boundingBox())!.width).toBeGreaterThan(300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(683);
});
