/**
 * The self-contained questionnaire form as a vendor uses it: exported by the built CLI,
 * opened from disk in Chromium with no network, filled in (conditional questions appear
 * as answers call for them), saved as a response file, and imported back.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const BIN = resolve(__dirname, '../../bin/vendor-risk.cjs');
const cli = (dataDir: string, args: string[]) =>
  spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, VENDOR_RISK_USER: 'Exchange Test' },
  });

test('the HTML form works offline: conditions, save a response, import it back exactly', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-exchange-'));
  try {
    expect(
      cli(dir, ['vendors', 'add', '--name', 'Zebra Technologies', '--category', 'robotics-iot']).status,
    ).toBe(0);
    const form = join(dir, 'zebra.html');
    const made = cli(dir, [
      'exchange',
      'export',
      'Zebra Technologies',
      '--questionnaire',
      'quick-triage',
      '--format',
      'html',
      '--out',
      form,
    ]);
    expect(made.status, made.stderr).toBe(0);

    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(pathToFileURL(form).href);
    await expect(
      page.getByRole('heading', { name: 'Security questionnaire for Zebra Technologies' }),
    ).toBeVisible();

    const question = (id: string) => page.locator(`fieldset[data-question="quick-triage/${id}"]`);
    await expect(question('tri_pentest_date')).toHaveCount(0); // hidden until a pen test is said to exist
    await question('tri_pentest').getByLabel('Yes', { exact: true }).check();
    await expect(question('tri_pentest_date')).toBeVisible();
    // Each field is typed into once the form has drawn the questions again after the last
    // answer (a drawing in the middle of the typing puts the stored value back, when busy).
    const drawn = () => expect(page.locator('#vr-form[data-drawing]')).toHaveCount(0);
    await drawn();
    await question('tri_pentest_date').locator('input[type=date]').fill('2026-05-01');
    await question('tri_mfa').getByLabel('No', { exact: true }).check();
    await drawn();
    await question('tri_data_location').getByRole('textbox').first().fill('EU (Frankfurt)');
    await question('tri_data_location').locator('input').first().blur();
    await question('tri_vdp').getByLabel('Not applicable', { exact: true }).check();
    await drawn();
    await question('tri_mfa')
      .getByLabel(/^Notes/)
      .fill('Rolling out MFA in Q1 <script>alert(1)</script>');

    await page.screenshot({ path: 'test-results/screens/24-exchange-form.png', fullPage: false });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save response' }).click(),
    ]);
    const response = join(dir, 'response.json');
    await download.saveAs(response);
    await expect(page.getByRole('status')).toContainText('Send this file back');
    // Nothing but the file itself was requested, and the page ran without errors.
    expect(requests.every((u) => u.startsWith('file://') || u.startsWith('blob:'))).toBe(true);
    expect(errors).toEqual([]);

    const dry = cli(dir, ['exchange', 'import', 'Zebra Technologies', response]);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Nothing was written');
    const imported = cli(dir, [
      'exchange',
      'import',
      'Zebra Technologies',
      response,
      '--accept-all',
      '--json',
    ]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout).applied.accepted).toBe(5);
    const assessments = JSON.parse(cli(dir, ['assess', 'list', 'Zebra Technologies', '--json']).stdout) as {
      id: string;
    }[];
    const shown = JSON.parse(cli(dir, ['assess', 'show', assessments[0]!.id, '--json']).stdout) as {
      answers: { questionId: string; answer: unknown; note: string }[];
    };
    const byId = Object.fromEntries(shown.answers.map((a) => [a.questionId, a]));
    expect(byId.tri_pentest!.answer).toEqual({ status: 'answered', value: 'yes' });
    expect(byId.tri_pentest_date!.answer).toEqual({ status: 'answered', value: '2026-05-01' });
    expect(byId.tri_mfa!.answer).toEqual({ status: 'answered', value: 'no' });
    expect(byId.tri_mfa!.note).toBe('Rolling out MFA in Q1 <script>alert(1)</script>');
    expect(byId.tri_data_location!.answer).toEqual({ status: 'answered', value: 'EU (Frankfurt)' });
    expect(byId.tri_vdp!.answer).toEqual({ status: 'not-applicable' });
    // The file is exactly what the form saved.
    expect(JSON.parse(readFileSync(response, 'utf8')).format).toBe('vendor-risk-response/1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a form of 300 questions, each shown by a condition on the one before, opens at once', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-exchange-'));
  try {
    // Each question asks the one before it twice: worked out afresh each time, that is 2^300 evaluations.
    const questions = Array.from({ length: 300 }, (_, i) => ({
      id: `q${i}`,
      text: `Question ${i}`,
      type: 'yes-no',
      ...(i === 0
        ? {}
        : {
            showIf: {
              any: [
                { all: [{ visible: `q${i - 1}` }, { question: 'q0', state: 'unanswered' }] },
                { all: [{ visible: `q${i - 1}` }, { not: { question: 'q0', state: 'unanswered' } }] },
              ],
            },
          }),
    }));
    const file = join(dir, 'chain.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'vendor-risk-questionnaire/1',
        id: 'chain',
        version: '1.0.0',
        title: 'Chained conditions',
        sections: [{ id: 's', title: 'All', questions }],
      }),
    );
    expect(cli(dir, ['questionnaires', 'import', file]).status).toBe(0);
    expect(cli(dir, ['vendors', 'add', '--name', 'Acme', '--category', 'other']).status).toBe(0);
    const form = join(dir, 'acme.html');
    const made = cli(dir, [
      'exchange',
      'export',
      'Acme',
      '--questionnaire',
      'chain',
      '--format',
      'html',
      '--out',
      form,
    ]);
    expect(made.status, made.stderr).toBe(0);
    const started = Date.now();
    await page.goto(pathToFileURL(form).href);
    const last = page.locator('fieldset[data-question="chain/q299"]');
    await expect(last).toBeVisible();
    console.log(`300 chained questions on screen ${Date.now() - started} ms after opening`);
    // Answering re-renders: still every question, still at once.
    await page.locator('fieldset[data-question="chain/q0"]').getByLabel('Yes', { exact: true }).check();
    await expect(last).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a condition with a pattern a backtracking engine takes forever on is matched at once in the form', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-exchange-'));
  try {
    // `^a*a*a*a*a*a*b` on 1,000 "a"s: years for the browser's own engine, linear for RE2's.
    const file = join(dir, 'patterns.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'vendor-risk-questionnaire/1',
        id: 'patterns',
        version: '1.0.0',
        title: 'Patterns',
        sections: [
          {
            id: 's',
            title: 'All',
            questions: [
              { id: 'code', text: 'Your supplier code', type: 'short-text' },
              {
                id: 'followup',
                text: 'Which of your sites use a B code?',
                type: 'short-text',
                showIf: { question: 'code', matches: '^a*a*a*a*a*a*b' },
              },
              { id: 'last', text: 'Anything else?', type: 'short-text' },
            ],
          },
        ],
      }),
    );
    const imported = cli(dir, ['questionnaires', 'import', file]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(cli(dir, ['vendors', 'add', '--name', 'Acme', '--category', 'other']).status).toBe(0);
    const form = join(dir, 'acme.html');
    const made = cli(dir, [
      'exchange',
      'export',
      'Acme',
      '--questionnaire',
      'patterns',
      '--format',
      'html',
      '--out',
      form,
    ]);
    expect(made.status, made.stderr).toBe(0);
    await page.goto(pathToFileURL(form).href);
    const code = page.getByRole('textbox', { name: 'Your supplier code', exact: true });
    const followup = page.locator('fieldset[data-question="patterns/followup"]');
    await expect(page.locator('fieldset[data-question="patterns/last"]')).toBeVisible();
    await expect(followup).toHaveCount(0);

    await code.fill('a'.repeat(1000));
    await code.blur(); // the form re-renders on change
    // Rendered again after the match: the answer is kept, and the question stays hidden.
    await expect(code).toHaveValue('a'.repeat(1000));
    await expect(followup).toHaveCount(0);

    await code.fill(`${'a'.repeat(999)}b`);
    await code.blur();
    await expect(followup).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
