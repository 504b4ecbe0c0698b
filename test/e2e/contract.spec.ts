import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { test, expect } from './harness';

test('a legal reviewer fills clauses, sees a deviation, signs off, changes a clause and sees the sign-off reopen', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  const created = await dispatcher.call('vendors.create', {
    name: 'Harbour Cold Store',
    category: '3pl',
    criticality: 'high',
    dataTouched: ['pii'],
  });
  if (!created.ok) throw new Error(created.error.message);
  const vendorId = created.value.id;
  // The vendor said in its questionnaire that it notifies breaches within 72 hours.
  const a = await dispatcher.call('assessments.start', { vendorId, questionnaireIds: ['quick-triage'] });
  if (!a.ok) throw new Error(a.error.message);
  await dispatcher.call('assessments.answer', {
    id: a.value.id,
    answer: {
      questionnaireId: 'quick-triage',
      questionId: 'tri_breach_hours',
      answer: { status: 'answered', value: 72 },
    },
  });

  await app.open(`#/vendors/${vendorId}/findings`);
  const detail = page.getByRole('tabpanel');
  await expect(detail.getByTestId('contract-summary')).toHaveText('No clause recorded yet.');
  await detail.getByRole('button', { name: 'Contract clauses' }).click();
  await expect(page.getByRole('heading', { name: 'Contract clauses' })).toBeVisible();
  await expect(page.getByTestId('signoff')).toContainText('Not signed off');

  // Breach notice agreed at 96 hours: worse than our 72-hour position.
  const breach = page.getByRole('article', { name: 'Breach notification time' });
  await breach.getByLabel('Breach notification time: status').selectOption('agreed');
  await breach.getByLabel('Breach notification time: value').fill('96');
  await breach.getByLabel('Breach notification time: document').fill('MSA 2026');
  await breach.getByLabel('Breach notification time: section').fill('12.3');
  await breach.getByRole('button', { name: 'Save' }).click();
  await expect(breach.getByTestId('breach-notification-state')).toHaveText('Deviates');
  await expect(breach).toContainText('96 h is more than our position of 72 h');

  // Renegotiated to 24 hours: meets our position, but the vendor's own answer says 72.
  await breach.getByLabel('Breach notification time: value').fill('24');
  await breach.getByRole('button', { name: 'Save' }).click();
  await expect(breach.getByTestId('breach-notification-state')).toHaveText('Contradicts answers');
  await expect(breach).toContainText('The contract says 24 h, but the vendor answered 72 h');

  // Data residency: EU only.
  const residency = page.getByRole('article', { name: 'Data residency' });
  await residency.getByLabel('Data residency: status').selectOption('agreed');
  await residency.getByRole('checkbox', { name: 'EU / EEA' }).check();
  await residency.getByRole('button', { name: 'Save' }).click();
  await expect(residency.getByTestId('data-residency-state')).toHaveText('Meets position');

  // Waiving needs a reason and who accepted it.
  const insurance = page.getByRole('article', { name: 'Cyber insurance' });
  await insurance.getByLabel('Cyber insurance: status').selectOption('waived');
  await insurance.getByLabel('Cyber insurance: why waived').fill('Cold store holds no card data');
  await insurance.getByLabel('Cyber insurance: waiver accepted by').fill('CFO');
  await insurance.getByRole('button', { name: 'Save' }).click();
  await expect(insurance.getByTestId('cyber-insurance-state')).toHaveText('Waived');
  await insurance.getByLabel('Cyber insurance: comment').fill('Revisit at renewal');
  await insurance.getByRole('button', { name: 'Comment' }).click();
  await expect(insurance).toContainText('E2E Tester');
  await expect(insurance).toContainText('Revisit at renewal');

  await page.getByRole('button', { name: 'Sign off' }).click();
  await page
    .getByRole('dialog', { name: 'Sign off this contract?' })
    .getByRole('button', { name: 'Sign off' })
    .click();
  await expect(page.getByTestId('signoff')).toContainText(/Signed off by E2E Tester on \d{4}-\d{2}-\d{2}/);
  await page.screenshot({ path: 'test-results/screens/19-contract-light.png', fullPage: false });

  // A change after sign-off reopens it.
  const uptime = page.getByRole('article', { name: 'Uptime SLA' });
  await uptime.getByLabel('Uptime SLA: status').selectOption('agreed');
  await uptime.getByLabel('Uptime SLA: value').fill('99.5');
  await uptime.getByRole('button', { name: 'Save' }).click();
  await expect(uptime.getByTestId('uptime-sla-state')).toHaveText('Deviates');
  await expect(page.getByTestId('signoff')).toContainText('Sign-off reopened');
  await expect(page.getByTestId('signoff')).toContainText('Uptime SLA changed on');
  await expect(page.getByTestId('signoff')).toContainText('Needs legal review');

  // The filter shows only what needs attention.
  await page.getByLabel('Show clauses').selectOption('waived');
  await expect(page.getByRole('article')).toHaveCount(1);
  await page.getByLabel('Show clauses').selectOption('all');

  // The deviation reaches the vendor's flags and the vendor page's summary.
  await page.getByRole('tab', { name: /^Findings/ }).click();
  await expect(detail.getByTestId('contract-summary')).toContainText('3 of');
  await expect(detail.getByRole('list', { name: 'Red flags' })).toContainText(
    'Uptime SLA: agreed terms are worse',
  );

  // Legal's view across vendors, filtered to review, and its CSV.
  await page.getByRole('link', { name: 'Legal' }).click();
  await page.getByLabel('Needs legal review only').check();
  await expect(page.getByTestId('matrix-count')).toHaveText('1 vendor');
  const row = page.getByRole('row', { name: /Harbour Cold Store/ });
  await expect(row.getByRole('gridcell', { name: 'Reopened' })).toBeVisible();
  // A cell says its state in a word (not only a colour); its label names the clause in full.
  await expect(row.getByRole('button', { name: 'Uptime SLA: Deviates (Agreed)' })).toHaveText('Deviates');
  await page.screenshot({ path: 'test-results/screens/20-legal-matrix-light.png', fullPage: false });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('contract-clauses-needing-review.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  const rows = parse(csv.replace(/^\uFEFF/, '')) as string[][];
  expect(rows.find((r) => r[1] === 'Uptime SLA')).toEqual(
    expect.arrayContaining(['Harbour Cold Store', 'Agreed', '99.5%', 'reopened']),
  );

  // The library: our position can be changed, and re-judges the agreed terms.
  await page.getByRole('tab', { name: 'Clause library' }).click();
  await page
    .getByRole('row', { name: /Uptime SLA/ })
    .getByRole('button', { name: 'Edit' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Position: Uptime SLA' });
  await dialog.getByLabel('Position value').fill('99.5');
  await dialog.getByRole('button', { name: 'Save clause' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Uptime SLA/ })).toContainText('at least 99.5');
  await app.open(`#/vendors/${vendorId}/contract`);
  await expect(page.getByTestId('uptime-sla-state')).toHaveText('Meets position');
});
