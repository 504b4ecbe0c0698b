import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness';
import { addPlainVendors } from './plain-vendors';

const example = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');

test('a knockout answer shows on the vendor page: tier raised, the flag and its reason, the explanation', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  expect((await dispatcher.call('questionnaires.import', { content: example })).ok).toBe(true);
  const vendor = await dispatcher.call('vendors.create', {
    name: 'Vigilant Floor Sensors',
    category: 'robotics-iot',
    criticality: 'low',
    dataTouched: ['operational-telemetry'],
  });
  if (!vendor.ok) throw new Error(vendor.error.message);
  const started = await dispatcher.call('assessments.start', {
    vendorId: vendor.value.id,
    questionnaireIds: ['example-firmware'],
  });
  if (!started.ok) throw new Error(started.error.message);
  const id = started.value.id;
  const answer = (questionId: string, value: string | number) =>
    dispatcher.call('assessments.answer', {
      id,
      answer: { questionnaireId: 'example-firmware', questionId, answer: { status: 'answered', value } },
    });
  await answer('fw_signed', 'no');
  await answer('fw_patch_days', 10);
  expect((await dispatcher.call('assessments.setStatus', { id, status: 'submitted' })).ok).toBe(true);

  await app.open(`#/vendors/${vendor.value.id}`);
  const panel = page.getByRole('region', { name: 'Risk and score' });
  await expect(panel.getByTestId('vendor-score')).toContainText('25.0'); // 3 × 0 + 1 × 100 over weight 4
  await expect(panel.getByTestId('vendor-tier')).toHaveText('High risk');
  await expect(panel.getByText('raised by a knockout')).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Red flags' })).toContainText('Firmware is not signed');
  await expect(panel.getByText(/Next reassessment \d{4}-\d{2}-\d{2}/)).toBeVisible();
  await panel.getByText('Why this score').click();
  const rows = panel.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText('Is every firmware image cryptographically signed');
  await expect(rows.nth(1)).toContainText('−75.0');
  await page.screenshot({ path: 'test-results/screens/12-vendor-score-light.png' });

  // Record an approval with a condition; it shows with its owner and due date.
  const detail = page.getByRole('complementary', { name: 'Vendor details' });
  await detail.getByRole('button', { name: 'Record decision' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a decision' });
  await dialog.getByRole('radio', { name: 'Approved with conditions' }).check();
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog.getByRole('alert')).toContainText('conditions.0.text');
  await dialog
    .getByLabel('Condition 1', { exact: true })
    .fill('Deliver signed firmware for the sensor fleet');
  await dialog.getByLabel('Owner of condition 1').fill('Priya Raman');
  await dialog.getByLabel('Due date of condition 1').fill('2027-03-31');
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog).toBeHidden();
  const decision = detail.getByRole('region', { name: 'Decision' });
  await expect(decision).toContainText('Approved with conditions');
  await expect(decision.getByRole('list', { name: 'Conditions' })).toContainText(
    'Priya Raman, due 2027-03-31',
  );
  await expect(decision).toContainText('by E2E Tester');

  // A stricter knockout cap in Settings changes the tier at once.
  await app.open('#/settings');
  await page
    .getByRole('form', { name: 'Risk tiers' })
    .getByLabel('A knockout makes the tier at least')
    .selectOption('critical');
  await page.getByRole('button', { name: 'Save risk settings' }).click();
  await expect(page.getByText('Risk settings saved')).toBeVisible();
  await app.open(`#/vendors/${vendor.value.id}`);
  await expect(page.getByTestId('vendor-tier')).toHaveText('Critical risk');
});

test('compare two vendors domain by domain and flag by flag', async ({ app }) => {
  const { page, dispatcher } = app;
  expect((await dispatcher.call('questionnaires.import', { content: example })).ok).toBe(true);
  const assessed = async (name: string, signed: string) => {
    const v = await dispatcher.call('vendors.create', { name, category: 'robotics-iot' });
    if (!v.ok) throw new Error(v.error.message);
    const a = await dispatcher.call('assessments.start', {
      vendorId: v.value.id,
      questionnaireIds: ['example-firmware'],
    });
    if (!a.ok) throw new Error(a.error.message);
    await dispatcher.call('assessments.answer', {
      id: a.value.id,
      answer: {
        questionnaireId: 'example-firmware',
        questionId: 'fw_signed',
        answer: { status: 'answered', value: signed },
      },
    });
    await dispatcher.call('assessments.setStatus', { id: a.value.id, status: 'submitted' });
  };
  await assessed('Northbeam AMR', 'yes');
  await assessed('Ostrava Conveyor Works', 'no');
  await app.open('#/compare');
  await page.getByLabel('Vendor 1').selectOption({ label: 'Northbeam AMR' });
  await page.getByLabel('Vendor 2').selectOption({ label: 'Ostrava Conveyor Works' });
  const table = page.getByRole('table', { name: 'Comparison' });
  await expect(table.getByRole('row', { name: /^Score/ })).toContainText('100.0');
  await expect(table.getByRole('row', { name: /^Score/ })).toContainText('0.0');
  await expect(table.getByRole('row', { name: /Knockout: Firmware is not signed/ })).toContainText(
    '⚑ critical',
  );
  await page.screenshot({ path: 'test-results/screens/13-compare-light.png' });
});

test('the dashboard shows tiers, knockouts and reassessments, and opens the vendor', async ({ app }) => {
  const { page, dispatcher } = app;
  await addPlainVendors(dispatcher);
  expect((await dispatcher.call('questionnaires.import', { content: example })).ok).toBe(true);
  const list = await dispatcher.call('vendors.list', { search: 'Kinetica' });
  const vendorId = list.ok ? list.value.items[0]!.id : '';
  const a = await dispatcher.call('assessments.start', { vendorId, questionnaireIds: ['example-firmware'] });
  if (!a.ok) throw new Error(a.error.message);
  await dispatcher.call('assessments.answer', {
    id: a.value.id,
    answer: {
      questionnaireId: 'example-firmware',
      questionId: 'fw_signed',
      answer: { status: 'answered', value: 'no' },
    },
  });
  await dispatcher.call('assessments.setStatus', { id: a.value.id, status: 'submitted' });

  await app.open('#/dashboard');
  await expect(page.getByRole('heading', { name: 'Portfolio' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Not assessed: 2\d vendors/ })).toBeVisible();
  const knockouts = page.getByRole('region', { name: 'Open knockouts' });
  await expect(knockouts).toContainText('Firmware is not signed');
  await expect(page.getByRole('region', { name: 'Conditions past due' })).toContainText(
    'No approval conditions are past due.',
  );
  await page.screenshot({ path: 'test-results/screens/15-dashboard-light.png', fullPage: true });
  await knockouts.getByRole('button', { name: 'Kinetica Floor Robotics' }).click();
  await expect(
    page
      .getByRole('complementary', { name: 'Vendor details' })
      .getByRole('heading', { name: 'Kinetica Floor Robotics' }),
  ).toBeVisible();

  // Each number clicks through to the vendors it counts.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('button', { name: /Open knockouts/ }).click();
  await expect(page.getByTestId('vendor-count')).toHaveText('1 of 30 vendors');
  await expect(page.getByLabel('Filter by red flags')).toHaveValue('knockout');
  await expect(page.getByLabel('Filter by status')).toHaveValue('prospect,active');
  const row = page.locator('[data-testid="vendor-rows"] [role="row"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Kinetica Floor Robotics');
  await expect(row).toContainText('1 KO');
  await expect(row.getByRole('gridcell').nth(1)).toHaveText(/Critical|High|Medium|Low/);
  await page.screenshot({ path: 'test-results/screens/16-vendors-from-dashboard-light.png' });

  await page.getByRole('link', { name: 'Dashboard' }).click();
  const notAssessed = page.getByRole('button', { name: /^Not assessed: (\d+) vendors/ });
  const count = Number((await notAssessed.getAttribute('aria-label'))!.match(/: (\d+) vendors/)![1]);
  await notAssessed.click();
  await expect(page.getByLabel('Filter by tier')).toHaveValue('unassessed');
  // The dashboard leaves offboarded vendors out, and so does its list.
  await expect(page.getByTestId('vendor-count')).toHaveText(`${count} of 30 vendors`);
  // Such a vendor has no tier of its own on its page either, only its profile's.
  await page.locator('[data-testid="vendor-rows"] [role="row"]').first().click();
  await expect(page.getByTestId('vendor-tier')).toHaveText('Not assessed');
  await expect(page.getByRole('region', { name: 'Risk and score' })).toContainText('on its profile alone');

  // A filter can be saved under a name, picked again later, and deleted.
  await page.getByLabel('Filter by decision').selectOption('none');
  await page.getByRole('button', { name: 'Save filter…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save filter' });
  await dialog.getByLabel('Name').fill('Unassessed, no decision');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Saved filters')).toHaveValue('Unassessed, no decision');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');
  await expect(page.getByLabel('Saved filters')).toHaveValue('');
  await page.getByLabel('Saved filters').selectOption('Unassessed, no decision');
  await expect(page.getByTestId('vendor-count')).toHaveText(`${count} of 30 vendors`);
  await page.getByRole('button', { name: 'Delete saved' }).click();
  await page
    .getByRole('dialog', { name: 'Delete saved filter?' })
    .getByRole('button', { name: 'Delete filter' })
    .click();
  await expect(page.getByLabel('Saved filters')).toHaveValue('');
  await expect(page.getByLabel('Saved filters')).toContainText('No saved filters');
});
