/**
 * The vendor's form as other companies see it: the header (our company, the vendor, the
 * due date), progress that follows the answers, sections whose long titles stay inside
 * their boxes from a phone to a wide screen, keyboard use, a print style without buttons,
 * and the dark scheme. Exported by the built CLI and opened from disk, as a vendor would.
 */
import { test, expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const BIN = resolve(__dirname, '../../bin/vendor-risk.cjs');
const FIXTURE = resolve(__dirname, '../fixtures/form-long-titles.json');
const SHOTS = resolve(__dirname, '../../test-results/screens');
const cli = (dataDir: string, args: string[]) =>
  spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, VENDOR_RISK_USER: 'Form Test' },
  });
const ok = (r: ReturnType<typeof cli>) => expect(r.status, r.stderr).toBe(0);

/** A day a month from now, as YYYY-MM-DD, and as the form writes it. */
function dueIn30Days(): { iso: string; words: string } {
  const d = new Date(Date.now() + 30 * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  const month = d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  return { iso, words: `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}` };
}

/** Everything that sticks out: the page wider than its window, or a title past its box. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    const inside = (child: Element, box: Element, what: string) => {
      const c = child.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      if (
        c.left < b.left - 0.5 ||
        c.right > b.right + 0.5 ||
        c.top < b.top - 0.5 ||
        c.bottom > b.bottom + 0.5
      )
        out.push(`${what} "${child.textContent?.slice(0, 40)}" outside its box`);
      if (child.scrollWidth > child.clientWidth + 1)
        out.push(`${what} "${child.textContent?.slice(0, 40)}" cut`);
    };
    for (const s of document.querySelectorAll('section.vr-section'))
      inside(s.querySelector('h3')!, s, 'title');
    for (const f of document.querySelectorAll('fieldset')) inside(f.querySelector('legend')!, f, 'question');
    for (const a of document.querySelectorAll('.vr-toc a'))
      inside(a, a.closest('.vr-toc')!, 'contents entry');
    for (const h of document.querySelectorAll('.vr-head h1, .vr-meta dd'))
      inside(h, h.closest('.vr-head')!, 'header');
    return out;
  });
}

/** Zebra Technologies' form (quick triage and the long titles), due on `due`, exported by the CLI. */
function exportForm(dir: string, due: string): string {
  ok(cli(dir, ['settings', 'set', 'company', 'Nordhafen Logistics GmbH']));
  ok(cli(dir, ['vendors', 'add', '--name', 'Zebra Technologies', '--category', 'robotics-iot']));
  ok(cli(dir, ['questionnaires', 'import', FIXTURE]));
  const form = join(dir, 'zebra.html');
  const made = cli(dir, [
    'exchange',
    'export',
    'Zebra Technologies',
    '--questionnaire',
    'quick-triage',
    '--questionnaire',
    'form-long-titles',
    '--format',
    'html',
    '--due',
    due,
    '--out',
    form,
  ]);
  ok(made);
  expect(made.stdout).toContain(`(due ${due})`);
  return form;
}

test('the form: header, progress, layout at 360 and 1280 px, keyboard, print and dark', async ({ page }) => {
  // Four CLI runs, two widths, two schemes and a PDF: more than one state's wait on a busy machine.
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-form-'));
  mkdirSync(SHOTS, { recursive: true });
  try {
    const due = dueIn30Days();
    const form = exportForm(dir, due.iso);
    const past = cli(
      dir,
      ['exchange', 'export', 'Zebra Technologies', '--questionnaire', 'quick-triage'].concat([
        '--format',
        'html',
        '--due',
        '2020-01-01',
        '--out',
        join(dir, 'late.html'),
      ]),
    );
    expect(past.status).toBe(2);
    expect(past.stderr).toMatch(/due date 2020-01-01 is past/);

    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    // The header says who asks, who answers and by when.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(pathToFileURL(form).href);
    const header = page.getByRole('banner');
    await expect(
      header.getByRole('heading', { name: 'Security questionnaire for Zebra Technologies' }),
    ).toBeVisible();
    await expect(header.locator('.vr-meta div', { hasText: 'From' }).locator('dd')).toHaveText(
      'Nordhafen Logistics GmbH',
    );
    await expect(header.locator('.vr-due dd')).toHaveText(due.words);
    await expect(page.locator('section.vr-section')).toHaveCount(6);
    expect(await overflows(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'vform-narrow.png') });
    await page.screenshot({ path: join(SHOTS, 'vform-narrow-full.png'), fullPage: true });

    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await overflows(page)).toEqual([]);

    // Progress: overall in the bar, per section in its head and in the list of sections.
    const total = page.locator('#vr-total-text');
    const bar = page.getByRole('progressbar', { name: 'Questions answered' });
    const totalNow = async () => Number((await bar.getAttribute('aria-valuemax')) ?? '0');
    const start = await totalNow();
    expect(start).toBeGreaterThan(10);
    await expect(total).toHaveText(`0 of ${start} answered`);
    const ot = page.locator('section.vr-section', { hasText: 'Operational technology and industrial' });
    const otCount = ot.locator('.vr-section-head .vr-count');
    await expect(otCount).toHaveText('0 of 2 answered');
    const q = (id: string) => page.locator(`fieldset[data-question="${id}"]`);
    await q('form-long-titles/ot_segmented').getByLabel('Yes', { exact: true }).check();
    // Its follow-up question appears: one more on screen, one answered.
    await expect(q('form-long-titles/ot_flows')).toBeVisible();
    await expect(otCount).toHaveText('1 of 3 answered');
    await expect(total).toHaveText(`1 of ${start + 1} answered`);
    await expect(bar).toHaveAttribute('aria-valuenow', '1');
    // Typing counts at once (before the field is left). Each field is typed into once the
    // form has drawn the questions again after the last answer (a drawing in the middle of the
    // typing would put the stored value back under the caret, on a busy machine).
    const drawn = () => expect(page.locator('#vr-form[data-drawing]')).toHaveCount(0);
    await drawn();
    await q('form-long-titles/ot_patch_days').getByRole('spinbutton').fill('14');
    await expect(otCount).toHaveText('2 of 3 answered');
    await expect(
      page.locator('.vr-toc li', { hasText: 'Operational technology' }).locator('.vr-count'),
    ).toHaveText('2 of 3 answered');
    await q('quick-triage/tri_mfa').getByLabel('Cannot answer', { exact: true }).check();
    await expect(total).toHaveText(`3 of ${start + 1} answered`);

    // Keyboard: Tab out of a field moves on (the questions are drawn again meanwhile), and a
    // choice made with the keyboard keeps its focus.
    await drawn();
    await q('form-long-titles/ot_patch_days').getByRole('spinbutton').fill('21');
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveAttribute(
      'data-k',
      'form-long-titles/ot_patch_days#status|not-applicable',
    );
    const multi = q('form-long-titles/ids_vendors');
    await multi.getByLabel('A jump host with recorded sessions').focus();
    await page.keyboard.press('Space');
    await expect(multi).toHaveAttribute('data-answered', '');
    await expect(page.locator(':focus')).toHaveAttribute('data-k', 'form-long-titles/ids_vendors|jump');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(multi.getByLabel('A jump host with recorded sessions')).toBeChecked();
    await expect(multi.getByLabel('TeamViewer or a similar remote desktop tool')).toBeChecked();
    await drawn();
    await q('form-long-titles/ids_serial')
      .getByRole('textbox', { name: /^The serial/ })
      .fill('HX-42');
    await drawn();
    await q('quick-triage/tri_data_location')
      .getByRole('textbox')
      .first()
      .fill('EU (Frankfurt), with a second copy in Dublin');
    expect(await overflows(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'vform-wide.png') });
    await page.screenshot({ path: join(SHOTS, 'vform-wide-full.png'), fullPage: true });

    // Dark: the system's scheme, still readable.
    await page.emulateMedia({ colorScheme: 'dark' });
    const colours = await page.evaluate(() => {
      const s = getComputedStyle(document.body);
      return { bg: s.backgroundColor, fg: s.color };
    });
    expect(colours).toEqual({ bg: 'rgb(20, 24, 30)', fg: 'rgb(229, 233, 238)' });
    await page.setViewportSize({ width: 1280, height: 1100 });
    await ot.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'vform-dark.png') });
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await overflows(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'vform-dark-narrow.png') });

    // Print: no buttons, no list of sections, answers shown; a page per section.
    await page.setViewportSize({ width: 800, height: 1100 });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await expect(page.getByRole('button', { name: 'Save response' })).toBeHidden();
    await expect(page.locator('.vr-toc')).toBeHidden();
    await expect(q('form-long-titles/ot_patch_days').getByRole('spinbutton')).toHaveValue('21');
    await expect(q('form-long-titles/ot_segmented').getByLabel('Yes', { exact: true })).toBeVisible();
    const breaks = await page.evaluate(() =>
      [...document.querySelectorAll('section.vr-section')].map((s) => getComputedStyle(s).breakBefore),
    );
    // A page per section; the second questionnaire starts a page of its own (before its title).
    expect(breaks).toEqual(['auto', 'page', 'page', 'auto', 'page', 'page']);
    expect(
      await page.evaluate(() =>
        [...document.querySelectorAll('fieldset')].every((f) => getComputedStyle(f).breakInside === 'avoid'),
      ),
    ).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'vform-print.png'), fullPage: true });
    const pdf = join(SHOTS, 'vform-print.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const pages = (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(6);

    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    expect(errors).toEqual([]);

    // Without a due date the header says so.
    const open = join(dir, 'open.html');
    ok(
      cli(dir, [
        'exchange',
        'export',
        'Zebra Technologies',
        '--questionnaire',
        'quick-triage',
        '--format',
        'html',
        '--out',
        open,
      ]),
    );
    await page.emulateMedia({ media: 'screen' });
    await page.goto(pathToFileURL(open).href);
    await expect(page.locator('.vr-due dd')).toHaveText('No due date');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a box ticked with Space while the last answer is still being drawn stays ticked', async ({ page }) => {
  // The form draws the questions again just after each answer. A key held down at that moment
  // (Space ticks a box when it comes up) must not lose its box to the new drawing. The page's
  // clock is paused, so the drawing waits until the test lets time run: with Space held.
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-form-'));
  try {
    const form = exportForm(dir, dueIn30Days().iso);
    await page.clock.install();
    await page.goto(pathToFileURL(form).href);
    await page.clock.pauseAt(Date.now() + 60_000);
    const multi = page.locator('fieldset[data-question="form-long-titles/ids_vendors"]');
    const jump = multi.getByLabel('A jump host with recorded sessions');
    const teamviewer = multi.getByLabel('TeamViewer or a similar remote desktop tool');
    await jump.focus();
    await page.keyboard.press('Space'); // answered: the new drawing waits for the clock
    await expect(multi).toHaveAttribute('data-answered', '');
    await page.keyboard.press('Tab');
    await expect(teamviewer).toBeFocused();
    await page.keyboard.down('Space');
    await page.clock.runFor(50); // the drawing's moment comes with Space still down
    await page.keyboard.up('Space');
    await page.clock.runFor(50); // and the one after it
    await expect(jump).toBeChecked();
    await expect(teamviewer).toBeChecked();
    await expect(teamviewer).toBeFocused();
    await expect(page.locator('#vr-total-text')).toHaveText(/^1 of \d+ answered$/);

    // The same with the mouse: its button held down on the next box when the drawing is due.
    const vpn = multi.getByLabel('Site-to-site VPN with per-engineer accounts');
    const none = multi.getByLabel('None', { exact: true });
    await vpn.click();
    const at = (await none.boundingBox())!;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.down();
    await page.clock.runFor(50);
    await page.mouse.up();
    await page.clock.runFor(50);
    await expect(vpn).toBeChecked();
    await expect(none).toBeChecked();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
