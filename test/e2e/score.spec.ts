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
  const detail = page.getByRole('tabpanel');
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
    .getByRole('region', { name: 'Risk tiers' })
    .getByLabel('A knockout makes the tier at least')
    .selectOption('critical');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
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
  // The row says which way is good ("Score" before; the numbers are the same).
  await expect(table.getByRole('row', { name: /^Control score · higher is better/ })).toContainText('100.0');
  await expect(table.getByRole('row', { name: /^Control score/ })).toContainText('0.0');
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
  const knockouts = page
    .getByRole('region', { name: 'Today' })
    .getByRole('region', { name: 'Open knockouts' });
  await expect(knockouts).toContainText('Firmware is not signed');
  await expect(page.getByRole('region', { name: 'Today' })).not.toContainText('Conditions past due');
  await page.screenshot({ path: 'test-results/screens/15-dashboard-light.png', fullPage: true });
  await knockouts.getByRole('button', { name: /^Open question: Kinetica Floor Robotics/ }).click();
  await expect(
    page.getByRole('heading', { name: 'Is every firmware image cryptographically signed before release?' }),
  ).toBeVisible();

  // The knockouts figure (Today's "and N more") lists the vendors it counts.
  await app.open('#/vendors?show=knockouts');
  await expect(page.getByTestId('vendor-count')).toHaveText('1 of 30 vendors');
  const chips = page.getByRole('list', { name: 'Filters in use' }).getByRole('listitem');
  await expect(chips).toHaveText(['From dashboard: Open knockouts×']);
  const row = page.locator('[data-testid="vendor-rows"] [role="row"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Kinetica Floor Robotics');
  await expect(row).toContainText('1 KO');
  await expect(row.getByRole('gridcell').nth(1)).toHaveText(/Critical|High|Medium|Low/);
  await page.screenshot({ path: 'test-results/screens/16-vendors-from-dashboard-light.png' });

  await page.getByRole('link', { name: 'Dashboard' }).click();
  const notAssessed = page.getByRole('button', { name: /Not assessed\s*of \d+ vendors/ });
  const count = Number((await notAssessed.locator('.card-value').textContent())!);
  expect(count).toBeGreaterThan(20);
  await notAssessed.click();
  await expect(chips).toHaveText(['From dashboard: Not assessed×']);
  // The dashboard leaves offboarded vendors out, and so does its list.
  await expect(page.getByTestId('vendor-count')).toHaveText(`${count} of 30 vendors`);
  // Such a vendor has no tier of its own on its page either, only its profile's.
  await page.locator('[data-testid="vendor-rows"] [role="row"]').first().click();
  await page.getByRole('button', { name: 'Open vendor page' }).click();
  await expect(page.getByTestId('vendor-tier')).toHaveText('Not assessed');
  await expect(page.getByRole('region', { name: 'Risk and score' })).toContainText('on its profile alone');

  // Back on the list, the filters are as they were left; its filters as chips can be saved as a view.
  await page.getByRole('button', { name: '← Vendors' }).click();
  await expect(page.getByTestId('vendor-count')).toHaveText(`${count} of 30 vendors`);
  await page.getByRole('button', { name: '+ Filter' }).click();
  await page.getByRole('menuitem', { name: 'Decision' }).click();
  await page.getByRole('dialog', { name: 'Filter by decision' }).getByLabel('No decision yet').check();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save view…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByLabel('Name').fill('Unassessed, no decision');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'View: Unassessed, no decision ▾' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');
  await page.getByRole('button', { name: 'Views ▾' }).click();
  await page.getByRole('menuitemradio', { name: 'Unassessed, no decision' }).click();
  await expect(page.getByTestId('vendor-count')).toHaveText(`${count} of 30 vendors`);
  await page.getByRole('button', { name: 'View: Unassessed, no decision ▾' }).click();
  await page.getByRole('menuitem', { name: /Delete view/ }).click();
  await page
    .getByRole('dialog', { name: 'Delete view?' })
    .getByRole('button', { name: 'Delete view' })
    .click();
  await expect(page.getByRole('button', { name: 'Views ▾' })).toBeVisible();
  const saved = await app.dispatcher.call('filters.list', {});
  expect(saved.ok && saved.value).toEqual([]);
});

test('a score on 1 answer is provisional: greyed, no tier, and Compare and the list say the same', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  expect((await dispatcher.call('questionnaires.import', { content: example })).ok).toBe(true);
  const vendorWith = async (name: string, answers: [string, string | number][]) => {
    const v = await dispatcher.call('vendors.create', {
      name,
      category: 'robotics-iot',
      criticality: 'critical',
      dataTouched: ['operational-telemetry'],
    });
    if (!v.ok) throw new Error(v.error.message);
    const a = await dispatcher.call('assessments.start', {
      vendorId: v.value.id,
      questionnaireIds: ['example-firmware'],
    });
    if (!a.ok) throw new Error(a.error.message);
    for (const [questionId, value] of answers)
      await dispatcher.call('assessments.answer', {
        id: a.value.id,
        answer: { questionnaireId: 'example-firmware', questionId, answer: { status: 'answered', value } },
      });
    await dispatcher.call('assessments.setStatus', { id: a.value.id, status: 'submitted' });
    return v.value.id;
  };
  // 1 of 4 applicable answered, all points: a score of 100 on 25 % of the questions.
  const barely = await vendorWith('Barely Asked Robotics', [['fw_signed', 'yes']]);
  // 3 of 4 answered (75 %): a score that stands.
  await vendorWith('Fully Asked Sensors', [
    ['fw_signed', 'yes'],
    ['fw_key_storage', 'hsm'],
    ['fw_patch_days', 10],
  ]);

  await app.open(`#/vendors/${barely}`);
  const panel = page.getByRole('region', { name: 'Risk and score' });
  await expect(panel.getByTestId('vendor-score')).toContainText('100.0');
  await expect(panel.getByTestId('vendor-score')).toContainText('provisional');
  await expect(panel.getByTestId('vendor-tier')).toHaveText('Provisional · no tier');
  await expect(panel.getByTestId('score-provisional')).toContainText(
    'Provisional — 1 of 4 questions answered (25%); needs 60%',
  );
  await expect(panel).toContainText('Control score · higher is better');
  await expect(panel).toContainText('Residual risk · higher is worse');
  await expect(panel).not.toContainText('Low risk');
  // Greyed: the number takes the muted colour, not the green of a good score.
  await expect(panel.getByTestId('vendor-score')).toHaveClass(/score-tone-provisional/);
  await page.screenshot({ path: 'test-results/screens/12b-vendor-provisional-light.png' });

  // The list: the same vendor has no tier pill, its score marked provisional; the other a tier.
  await app.open('#/vendors');
  const rows = page.locator('[data-testid="vendor-rows"] [role="row"]');
  const barelyRow = rows.filter({ hasText: 'Barely Asked Robotics' });
  await expect(barelyRow.getByRole('gridcell').nth(1)).toHaveText('Provisional');
  await expect(barelyRow.getByRole('gridcell').nth(2)).toHaveText('100.0');
  await expect(barelyRow.locator('.score-tone-provisional')).toHaveAttribute('title', /provisional/);
  await expect(rows.filter({ hasText: 'Fully Asked Sensors' })).toContainText(
    /(Low|Medium|High|Critical) risk/,
  );
  // Criticality is a neutral tag, never the tier's pill.
  await expect(rows.filter({ hasText: 'Fully Asked Sensors' }).getByTestId('criticality-tag')).toHaveText(
    'Critical',
  );

  // Compare: the same words.
  await app.open('#/compare');
  await page.getByLabel('Vendor 1').selectOption({ label: 'Barely Asked Robotics' });
  await page.getByLabel('Vendor 2').selectOption({ label: 'Fully Asked Sensors' });
  const table = page.getByRole('table', { name: 'Comparison' });
  const tierRow = table.getByRole('row', { name: /^Tier/ });
  await expect(tierRow.getByRole('cell').nth(0)).toHaveText('Provisional · no tier');
  await expect(tierRow.getByRole('cell').nth(1)).toHaveText(/^(Low|Medium|High|Critical) risk$/);
  await expect(
    table
      .getByRole('row', { name: /^Complete/ })
      .getByRole('cell')
      .nth(0),
  ).toHaveText('25% · provisional, needs 60%');
  await expect(
    table
      .getByRole('row', { name: /^Control score/ })
      .getByRole('cell')
      .nth(0),
  ).toHaveText('100.0 provisional');
  await page.screenshot({ path: 'test-results/screens/13b-compare-provisional-light.png' });

  // The dashboard counts it as without a tier, and says it is provisional.
  await app.open('#/dashboard');
  await expect(page.getByText('1 with a provisional score')).toBeVisible();

  // Dark theme: the tier pill, the neutral criticality tag and the greyed score stay readable.
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open('#/vendors');
  await expect(rows.filter({ hasText: 'Fully Asked Sensors' }).getByText(/ risk$/)).toBeVisible();
  await rows.filter({ hasText: 'Barely Asked Robotics' }).dblclick();
  await expect(page.getByTestId('score-provisional')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/12c-vendor-provisional-dark.png' });
});
