/**
 * Known vulnerabilities in the window, from the sample warehouse's fictional advisories and
 * exploited catalog: Today names the devices on exploited firmware by maker, the vendor's
 * Devices tab shows its vulnerable devices, the knockout and what its contract promised, the
 * Devices page filters to the exploited ones, and an advisory says what it touches and who
 * must act.
 */
import { test, expect } from './harness';

test('exploited firmware: Today → vendor → advisory → devices filter', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: /Explore a sample warehouse/ }).click();
  await expect(page.getByText(/Loaded the sample warehouse: 30 vendors/)).toBeVisible();

  // Today: right after the knockouts, the makers whose devices run exploited firmware.
  const group = page.getByRole('region', { name: 'Devices on exploited firmware' });
  await expect(group).toContainText(
    /devices of Bridgeport Controls run firmware exploited in the wild \(CVE-2026-99011\)/,
  );
  await expect(group).toContainText(/devices of ShelfPulse Sensors run firmware exploited in the wild/);
  await group.getByRole('button', { name: /Open devices: Bridgeport Controls/ }).click();

  // The vendor's Devices tab: the vulnerable devices, the exploited CVE, the contradiction.
  await expect(page.getByRole('tab', { name: 'Devices', selected: true })).toBeVisible();
  const known = page.getByRole('region', { name: 'Known vulnerabilities' });
  await expect(known.getByTestId('vendor-vulnerability-summary')).toContainText(
    /\d+ of its devices run firmware with known vulnerabilities, \d+ with exploited ones/,
  );
  await expect(known.getByRole('row', { name: /CVE-2026-99011/ })).toContainText('KEV');
  // The contract against the PLCs' last firmware updates: never updated since the fix, or
  // updated since to a version still affected.
  const promises = known.getByTestId('patch-contradictions');
  await expect(promises).toContainText(
    /Contract: critical patches within 14 days; CVE-2026-99011 fixed in V3\.0 SP1 on \d{4}-\d\d-\d\d, 0 days after the advisory; \d+ of our devices still on V2\.8\.1 after 200 days, not updated since the fix \(last update \d{4}-\d\d-\d\d\); \d+ of our devices still on V2\.9\.2 after \d+ days, updated since the fix \(last on \d{4}-\d\d-\d\d\) to a version still affected\./,
  );
  // Its answer that no known exploited vulnerability is open, against the same PLCs.
  await expect(promises).toContainText(
    /Questionnaire: answered on \d{4}-\d\d-\d\d that no known exploited vulnerability is open in what they supply to us; CVE-2026-99011 \(in KEV since \d{4}-\d\d-\d\d, after the answer\) fixed in V3\.0 SP1/,
  );
  await known.screenshot({ path: 'test-results/screens/40-vendor-vulnerabilities-light.png' });

  // Its findings carry the knockout, with the fix and since when.
  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(page.getByRole('region', { name: 'Red flags from answers' })).toBeVisible();
  await expect(page.getByText(/CVE-2026-99011/).first()).toBeVisible();

  // The advisory: our devices by model and firmware, the remediation, who must act.
  await page.getByRole('tab', { name: 'Devices' }).click();
  await known.getByRole('button', { name: 'SAMPLE-CERT-2026-014' }).first().click();
  await expect(
    page.getByRole('heading', { level: 1, name: /Bridgeport Controls BPC-1500 CPU 1512/ }),
  ).toBeVisible();
  const affected = page.getByRole('region', { name: 'Our affected devices' });
  await expect(affected.getByRole('row', { name: /BPC-1500 CPU 1512 V2\.8\.1/ })).toContainText(
    'Product and version match',
  );
  // Devices already on the fixed firmware are not among them.
  await expect(affected.getByRole('cell', { name: 'V3.0 SP1', exact: true })).toHaveCount(0);
  await expect(
    page.getByRole('region', { name: 'Who must act' }).getByRole('button', { name: 'Bridgeport Controls' }),
  ).toBeVisible();
  const broken = page.getByRole('region', { name: 'Promises the record contradicts' });
  await expect(broken.getByRole('listitem')).toHaveCount(2);
  await expect(broken).toContainText(/Bridgeport Controls: Contract: critical patches within 14 days/);
  await expect(page.getByRole('region', { name: 'Vulnerabilities and remediation' })).toContainText(
    'Vendor fix: Update to V3.0 SP1 or later version',
  );
  await expect(page.getByText('Exploited (KEV)')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/41-advisory-light.png', fullPage: true });

  // The advisories list: those touching our devices first; the exploited-only filter.
  await page.getByRole('button', { name: 'All advisories' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Advisories/ })).toContainText('5 advisories');
  await expect(page.getByTestId('vulnerability-sources')).toContainText('known exploited catalog');
  await page.getByRole('checkbox', { name: /Only advisories with a known exploited vulnerability/ }).check();
  await expect(page.getByRole('heading', { level: 1, name: /Advisories/ })).toContainText('2 advisories');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/42-advisories-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // The Devices page: the exploited check filters the inventory to those devices.
  await page.getByRole('link', { name: 'Devices' }).click();
  await expect(page.getByTestId('device-count')).toHaveText(/\b320 devices/);
  await page
    .getByRole('group', { name: 'Open findings by check' })
    .getByRole('button', { name: /known exploited vulnerability/ })
    .click();
  await expect(page.getByTestId('device-count')).toHaveText(/\b35 of 320 devices/);
});
