/**
 * The dashboard's Today queue, heat map and tier trend over a seeded portfolio: each item
 * opens its place, a heat map cell opens the filtered vendor list; screenshots in light and
 * dark theme for people to look at.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type AppHarness } from './harness';

const example = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');
const SIGNED = 'Is every firmware image cryptographically signed before release?';

/** An ISO date `days` from today (the data host runs on the real clock). */
function fromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A knockout (critical vendor), a condition past due, evidence expiring in 10 days, a
 * critical vendor never assessed, a reopened legal review, and a calm vendor.
 */
async function seed({ dispatcher }: AppHarness) {
  const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  ok(await dispatcher.call('questionnaires.import', { content: example }));
  const vendor = async (name: string, criticality: 'low' | 'medium' | 'high' | 'critical') =>
    ok(
      await dispatcher.call('vendors.create', {
        name,
        category: 'robotics-iot',
        criticality,
        dataTouched: ['operational-telemetry'],
      }),
    ).id;
  const assess = async (vendorId: string, signed: 'yes' | 'no', submit = true) => {
    const id = ok(
      await dispatcher.call('assessments.start', { vendorId, questionnaireIds: ['example-firmware'] }),
    ).id;
    ok(
      await dispatcher.call('assessments.answer', {
        id,
        answer: {
          questionnaireId: 'example-firmware',
          questionId: 'fw_signed',
          answer: { status: 'answered', value: signed },
        },
      }),
    );
    if (submit) ok(await dispatcher.call('assessments.setStatus', { id, status: 'submitted' }));
    return id;
  };

  const knockout = await vendor('Kinetica Floor Robotics', 'critical');
  await assess(knockout, 'no');
  const late = await vendor('Harbor Pallet Leasing', 'medium');
  const lateAssessment = await assess(late, 'yes');
  ok(
    await dispatcher.call('decisions.record', {
      assessmentId: lateAssessment,
      decision: 'approve-with-conditions',
      conditions: [{ text: 'Deliver the pen test report', owner: 'Ana Ruiz', due: fromToday(-12) }],
    }),
  );
  const expiring = await vendor('Certa Sensors', 'low');
  const expiringAssessment = await assess(expiring, 'yes');
  ok(
    await dispatcher.call('evidence.attach', {
      assessmentId: expiringAssessment,
      questionnaireId: 'example-firmware',
      questionId: 'fw_signed',
      fileName: 'signing-statement.pdf',
      contentBase64: Buffer.from('statement').toString('base64'),
      kind: 'iso27001',
      expiresAt: fromToday(10),
    }),
  );
  await vendor('Nordlys Cold Chain', 'critical');
  const legal = await vendor('Ledger Freight Audit', 'low');
  const clauses = ok(await dispatcher.call('clauses.forVendor', { vendorId: legal }));
  for (const c of clauses.clauses)
    ok(await dispatcher.call('clauses.set', { vendorId: legal, clauseId: c.clause.id, status: 'missing' }));
  ok(await dispatcher.call('clauses.signOff', { vendorId: legal }));
  ok(
    await dispatcher.call('clauses.set', {
      vendorId: legal,
      clauseId: clauses.clauses[0]!.clause.id,
      status: 'waived',
      waiver: { reason: 'Small volume', acceptedBy: 'CFO' },
    }),
  );
  return { knockout, late, expiring, legal };
}

test('Today lists what needs someone and each item opens its place; a heat map cell opens the filtered list', async ({
  app,
}) => {
  const { page } = app;
  const ids = await seed(app);
  await app.open('#/dashboard');
  const today = page.getByRole('region', { name: 'Today' });
  await expect(today).toBeVisible();
  const group = (name: string) => today.getByRole('region', { name });

  // Every kind of the seeded portfolio, in order of urgency.
  await expect(today.getByRole('heading', { level: 3 })).toHaveText([
    /^Open knockouts/,
    /^Conditions past due/,
    /^Never assessed \(critical or high\)/,
    /^Evidence expiring within 30 days/,
    /^Legal reviews reopened/,
  ]);
  await expect(group('Open knockouts')).toContainText('Kinetica Floor Robotics');
  await expect(group('Open knockouts')).toContainText('Firmware is not signed');
  await expect(group('Conditions past due')).toContainText('Deliver the pen test report (Ana Ruiz)');
  await expect(group('Conditions past due')).toContainText('12 days late');
  await expect(group('Never assessed (critical or high)')).toContainText('Nordlys Cold Chain');
  await expect(group('Evidence expiring within 30 days')).toContainText('signing-statement.pdf');
  await expect(group('Evidence expiring within 30 days')).toContainText('expires in 10 days');
  await expect(group('Legal reviews reopened')).toContainText('Ledger Freight Audit');
  // Not in Today: the calm low vendor's nothing; the low vendor's evidence only as expiring.
  await expect(today).not.toContainText('Evidence expired');

  // The knockout opens its question in the assessment.
  await group('Open knockouts')
    .getByRole('button', { name: /^Open question: Kinetica Floor Robotics/ })
    .click();
  await expect(page.getByRole('heading', { name: SIGNED })).toBeVisible();
  expect(page.url()).toContain('?q=');

  // The past-due condition opens the vendor (its decision).
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await group('Conditions past due')
    .getByRole('button', { name: /^Open decision: Harbor Pallet Leasing/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbor Pallet Leasing' })).toBeVisible();
  expect(page.url()).toContain(ids.late);

  // The expiring evidence opens its vendor's Evidence tab, where the file is listed with its validity.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await group('Evidence expiring within 30 days')
    .getByRole('button', { name: /^Open evidence: Certa Sensors/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Certa Sensors' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Evidence', selected: true })).toBeVisible();
  await expect(page.getByRole('tabpanel').getByText('signing-statement.pdf')).toBeVisible();

  // The never-assessed critical vendor opens the vendor.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await group('Never assessed (critical or high)')
    .getByRole('button', { name: /^Open vendor: Nordlys Cold Chain/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nordlys Cold Chain' })).toBeVisible();

  // The reopened legal review opens the vendor's contract page.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await group('Legal reviews reopened')
    .getByRole('button', { name: /^Open contract: Ledger Freight Audit/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Contract clauses' })).toBeVisible();
  expect(page.url()).toContain(`${ids.legal}/contract`);

  // The heat map: the critical vendors without a (final) score — the one never assessed and
  // the one whose single answer makes only a provisional score — one cell, open the list filtered to them.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const heat = page.getByRole('table', { name: 'Vendors by criticality and control score' });
  await expect(heat).toBeVisible();
  await heat.getByRole('button', { name: /^Critical criticality, no score yet: 2 vendors\./ }).click();
  await expect(page.getByTestId('vendor-count')).toHaveText('2 of 5 vendors');
  await expect(page.locator('[data-testid="vendor-rows"] [role="row"]')).toContainText([
    'Kinetica Floor Robotics',
    'Nordlys Cold Chain',
  ]);

  // The tier trend: eight quarters, this one now.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const trend = page.getByRole('img', { name: /^Vendors per tier by quarter/ });
  await expect(trend).toBeVisible();
  await expect(trend).toContainText('now');
});

for (const theme of ['light', 'dark'] as const)
  test(`the dashboard in ${theme} theme`, async ({ app }) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: theme });
    await seed(app);
    await app.open('#/dashboard');
    await expect(page.getByRole('region', { name: 'Today' })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Vendors per tier by quarter/ })).toBeVisible();
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.screenshot({ path: `test-results/screens/dashboard-today-${theme}.png`, fullPage: true });
  });
