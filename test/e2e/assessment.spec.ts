import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type AppHarness } from './harness';

const example = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');

/** Imports the example questionnaire, starts an assessment of a new vendor with it and opens it. */
async function openExampleAssessment(app: AppHarness, vendorName: string) {
  expect((await app.dispatcher.call('questionnaires.import', { content: example })).ok).toBe(true);
  const vendor = await app.dispatcher.call('vendors.create', { name: vendorName, category: 'robotics-iot' });
  if (!vendor.ok) throw new Error(vendor.error.message);
  const started = await app.dispatcher.call('assessments.start', {
    vendorId: vendor.value.id,
    questionnaireIds: ['example-firmware'],
  });
  if (!started.ok) throw new Error(started.error.message);
  await app.open(`#/assessments/${started.value.id}`);
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
