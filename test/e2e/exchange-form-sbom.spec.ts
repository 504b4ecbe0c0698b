/**
 * The form's "Software bill of materials" section as a vendor uses it: exported by the built
 * CLI with two SBOM requests (one model named with HTML), opened from disk with no network,
 * a file that is no SBOM refused on the spot, an SBOM attached, the other marked "not
 * available" with a reason, saved, and imported back: the SBOM is attached to the vendor,
 * model and firmware, and the reason is recorded. Screenshots at 360 and 1280 px, dark.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const BIN = resolve(__dirname, '../../bin/vendor-risk.cjs');
const SBOM = resolve(__dirname, '../fixtures/sbom/scanner-fw.cdx.json');
const NOT_SBOM = resolve(__dirname, '../fixtures/sbom/not-an-sbom.json');
const SHOTS = resolve(__dirname, '../../test-results/screens');
const cli = (dataDir: string, args: string[]) =>
  spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, VENDOR_RISK_USER: 'SBOM Form Test' },
  });

test('the form asks for SBOMs: attach one, refuse a wrong file, "not available" with a reason, import back', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-sbom-form-'));
  mkdirSync(SHOTS, { recursive: true });
  try {
    const ok = (r: ReturnType<typeof cli>) => expect(r.status, r.stderr).toBe(0);
    ok(cli(dir, ['vendors', 'add', '--name', 'Example Scanners Ltd', '--category', 'robotics-iot']));
    const form = join(dir, 'scanners.html');
    const hostile = '<img src=x onerror=alert(1)> Gateway';
    ok(
      cli(dir, [
        'exchange',
        'export',
        'Example Scanners Ltd',
        '--questionnaire',
        'quick-triage',
        '--format',
        'html',
        '--sbom',
        'TC52@4.5.1',
        '--sbom',
        `${hostile}@V2.0 SP1`,
        '--out',
        form,
      ]),
    );

    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(form).href);

    const section = page.locator('section.vr-section', { hasText: 'The firmware we ask an SBOM for' });
    await expect(page.getByRole('heading', { name: 'Software bill of materials', level: 2 })).toBeVisible();
    await expect(page.locator('.vr-toc a', { hasText: 'Software bill of materials' })).toBeVisible();
    const tc52 = section.locator('fieldset[data-sbom="0"]');
    const gateway = section.locator('fieldset[data-sbom="1"]');
    await expect(tc52.locator('legend')).toHaveText('TC52, firmware 4.5.1');
    // The model named with HTML is text: no image element was made of it.
    await expect(gateway.locator('legend')).toHaveText(`${hostile}, firmware V2.0 SP1`);
    await expect(page.locator('img')).toHaveCount(0);
    const count = section.locator('.vr-section-head .vr-count');
    await expect(count).toHaveText('0 of 2 answered');

    // A file that is no SBOM is refused in the form, with its name.
    const picker = tc52.getByLabel('Attach the SBOM or VEX file (.json) for TC52, firmware 4.5.1');
    await picker.setInputFiles(NOT_SBOM);
    await expect(tc52.getByRole('alert')).toContainText(
      'not-an-sbom.json is not a CycloneDX or SPDX JSON file',
    );
    await expect(count).toHaveText('0 of 2 answered');
    // The SBOM is read here and listed, with what it is.
    await tc52.getByLabel('Attach the SBOM or VEX file (.json) for TC52, firmware 4.5.1').setInputFiles(SBOM);
    const files = tc52.getByRole('list', { name: 'Files for TC52, firmware 4.5.1' });
    await expect(files.getByRole('listitem')).toHaveCount(1);
    await expect(files).toContainText('scanner-fw.cdx.json');
    await expect(files).toContainText('CycloneDX SBOM');
    await expect(tc52.getByRole('alert')).toHaveCount(0);
    await expect(count).toHaveText('1 of 2 answered');

    await gateway.getByLabel('Not available', { exact: true }).check();
    const reason = gateway.getByRole('textbox', { name: /not available\?$/ });
    await reason.fill('Not produced for V2 firmware <b>yet</b>');
    await expect(count).toHaveText('2 of 2 answered');

    await page.evaluate(() => document.querySelector('.vr-sbom')!.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, 'vform-sbom-wide.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'vform-sbom-dark.png') });
    await page.setViewportSize({ width: 360, height: 740 });
    const wide = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(wide).toBe(false);
    await page.evaluate(() => document.querySelector('.vr-sbom')!.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, 'vform-sbom-dark-narrow.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(SHOTS, 'vform-sbom-narrow.png') });

    // Removing a file and attaching it again works as the vendor expects.
    await files.getByRole('button', { name: 'Remove scanner-fw.cdx.json' }).click();
    await expect(count).toHaveText('1 of 2 answered');
    await tc52.getByLabel('Attach the SBOM or VEX file (.json) for TC52, firmware 4.5.1').setInputFiles(SBOM);
    await expect(count).toHaveText('2 of 2 answered');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save response' }).click(),
    ]);
    const response = join(dir, 'response.json');
    await download.saveAs(response);
    expect(requests.every((u) => u.startsWith('file://') || u.startsWith('blob:'))).toBe(true);
    expect(errors).toEqual([]);

    const imported = cli(dir, ['exchange', 'import', 'Example Scanners Ltd', response, '--accept-all']);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Attached: SBOM for TC52 @ 4.5.1 (scanner-fw.cdx.json)');
    expect(imported.stdout).toContain(`Not available: SBOM for ${hostile} @ V2.0 SP1`);
    const listed = JSON.parse(cli(dir, ['sbom', 'list', '--json']).stdout) as {
      model: string;
      firmware: string;
      fileName: string;
      entries: number;
    }[];
    expect(listed.map((x) => [x.model, x.firmware, x.fileName, x.entries])).toEqual([
      ['TC52', '4.5.1', 'scanner-fw.cdx.json', 3],
    ]);
    const asked = JSON.parse(cli(dir, ['exchange', 'sboms', 'Example Scanners Ltd', '--json']).stdout) as {
      model: string;
      state: string;
      detail: string;
    }[];
    expect(asked.map((x) => [x.model, x.state])).toEqual([
      ['TC52', 'attached'],
      [hostile, 'not-available'],
    ]);
    expect(asked[1]!.detail).toBe('Not produced for V2 firmware <b>yet</b>');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
