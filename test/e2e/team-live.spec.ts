/**
 * Two people on one team database (issue 21): each page is the app of its own login — the
 * data host opened on the same PostgreSQL database — with a different role. A legal user
 * cannot change an answer (disabled with the reason, and the database refuses it when
 * forced), a colleague's edit appears in the other's vendor list within a second, and a
 * stale save is refused with the colleague's name. A throwaway server is started for the
 * file; without PostgreSQL's binaries the file is skipped, saying why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { startHarness, type AppHarness } from './harness';
import { findPgBin, startThrowawayServer, type ThrowawayServer } from '../pg/server';
import { addTeamUser, initTeamDatabase } from '../../electron/storage/pg/team-setup';
import type { TeamRole } from '../../electron/domain/team-roles';

const example = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');
const inventory = readFileSync(join(__dirname, '../fixtures/device-inventory.csv'));
const PASSWORD = 'team e2e password 1';
const PEOPLE: Record<string, TeamRole> = {
  pat: 'procurement',
  lee: 'procurement',
  dana: 'legal',
  kim: 'legal',
  sam: 'security',
  ray: 'security',
};

const bin = findPgBin();
const test = base.extend<object, { team: { url(login: string): string } }>({
  team: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server: ThrowawayServer = await startThrowawayServer((bin as { binDir: string }).binDir);
      try {
        const owner = new pg.Client({ connectionString: server.url });
        await owner.connect();
        await owner.query('CREATE DATABASE vendor_risk_e2e');
        await owner.end();
        const teamOwner = new pg.Client({
          connectionString: withLogin(server.url, 'owner', 'vendor_risk_e2e'),
        });
        await teamOwner.connect();
        await initTeamDatabase(teamOwner);
        for (const [login, role] of Object.entries(PEOPLE))
          await addTeamUser(teamOwner, login, role, PASSWORD);
        await teamOwner.end();
        await use({ url: (login) => withLogin(server.url, login, 'vendor_risk_e2e', PASSWORD) });
      } finally {
        server.stop();
      }
    },
    { scope: 'worker' },
  ],
});

/** The server's URL as another login on another database. */
function withLogin(url: string, login: string, database: string, password?: string): string {
  const u = new URL(url);
  u.username = login;
  if (password) u.password = password;
  u.pathname = `/${database}`;
  return u.toString();
}

// Without PostgreSQL's binaries the file is skipped, printing why (test.skip's reason reaches only the report).
if (!('binDir' in bin)) {
  const reason = `PostgreSQL is not available: ${bin.reason}`;
  console.warn(`team-live.spec.ts: skipped: ${reason}`);
  test.skip(true, reason);
}
test.describe.configure({ mode: 'serial' });

/** The app of `login` in a page of its own, on the team database. */
async function person(browser: Browser, url: string, closers: (() => Promise<void>)[]): Promise<AppHarness> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const { app, close } = await startHarness(page, { database: url });
  closers.push(close);
  return app;
}

const closers: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Shots in both themes of what `page` shows now. */
async function shots(page: Page, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: `test-results/screens/${name}-${theme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** A vendor with an assessment of the example questionnaire, made by `app` (procurement). */
async function vendorWithAssessment(app: AppHarness, name: string) {
  const imported = await app.dispatcher.call('questionnaires.import', { content: example });
  if (!imported.ok && !/already/.test(imported.error.message)) throw new Error(imported.error.message);
  const vendor = await app.dispatcher.call('vendors.create', { name, category: 'robotics-iot' });
  if (!vendor.ok) throw new Error(vendor.error.message);
  const started = await app.dispatcher.call('assessments.start', {
    vendorId: vendor.value.id,
    questionnaireIds: ['example-firmware'],
  });
  if (!started.ok) throw new Error(started.error.message);
  return { vendor: vendor.value, assessmentId: started.value.id };
}

/** A vendor pat (procurement) adds, and the apps of dana and kim (legal) on the team database. */
async function legalPair(browser: Browser, team: { url(login: string): string }, vendorName: string) {
  const pat = await person(browser, team.url('pat'), closers);
  const made = await pat.dispatcher.call('vendors.create', { name: vendorName, category: '3pl' });
  if (!made.ok) throw new Error(made.error.message);
  const dana = await person(browser, team.url('dana'), closers);
  const kim = await person(browser, team.url('kim'), closers);
  return { vendorId: made.value.id, dana, kim };
}

/** Imports a device inventory (CSV) as `app`'s login, under `source`. */
async function importDevices(app: AppHarness, source: string, csv: Buffer) {
  const preview = await app.dispatcher.call('devices.preview', {
    source,
    fileName: 'inventory.csv',
    contentBase64: csv.toString('base64'),
  });
  if (!preview.ok) throw new Error(preview.error.message);
  const applied = await app.dispatcher.call('devices.apply', { token: preview.value.token });
  if (!applied.ok) throw new Error(applied.error.message);
}

/** `app`'s login accepts the unsigned firmware of the device named `name` from `source`, as read now. */
async function acceptUnsignedFirmware(app: AppHarness, name: string, source: string) {
  const listed = await app.dispatcher.call('devices.list', { search: name });
  if (!listed.ok) throw new Error(listed.error.message);
  const device = listed.value.items.find((d) => d.source === source)!;
  const accepted = await app.dispatcher.call('devices.accept', {
    source,
    deviceId: device.device.deviceId,
    check: 'unsigned-firmware',
    reason: 'Signed build ships in Q1',
    expiresOn: '2027-03-31',
    version: 0,
  });
  expect(accepted.ok).toBe(true);
}

const firstQuestion = (page: Page) =>
  page.getByRole('region', { name: 'Questions' }).getByRole('radiogroup').first();

test('a legal user cannot change an answer: disabled with the reason, and refused by the database', async ({
  browser,
  team,
}) => {
  const pat = await person(browser, team.url('pat'), closers);
  const dana = await person(browser, team.url('dana'), closers);
  const { assessmentId } = await vendorWithAssessment(pat, 'Kestrel Yard Robotics');

  await dana.open(`#/assessments/${assessmentId}`);
  // The sidebar says whose data this is: the team database, as dana in the legal role.
  await expect(dana.page.getByTestId('team-status')).toContainText('Team database');
  await expect(dana.page.getByTestId('team-status')).toContainText('dana (legal)');
  await expect(dana.page.getByText('Legal cannot change answers')).toBeVisible();
  await expect(firstQuestion(dana.page).getByRole('radio', { name: 'Yes' })).toBeDisabled();
  await expect(dana.page.getByRole('button', { name: 'Review and submit' })).toBeDisabled();
  await shots(dana.page, 'team-legal-answers');

  // Forced past the window, the database itself refuses, naming the login's role.
  const forced = await dana.dispatcher.call('assessments.answer', {
    id: assessmentId,
    answer: {
      questionnaireId: 'example-firmware',
      questionId: 'fw_signed',
      answer: { status: 'answered', value: 'yes' },
    },
  });
  expect(forced).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining('dana is in the legal role') },
  });

  // Procurement, on the same assessment, may answer.
  await pat.open(`#/assessments/${assessmentId}`);
  await expect(firstQuestion(pat.page).getByRole('radio', { name: 'Yes' })).toBeEnabled();
  await expect(pat.page.getByText('Legal cannot change answers')).toHaveCount(0);
});

test('each role sees what it may not do disabled, with the reason: legal on a vendor and the devices, security on the contract', async ({
  browser,
  team,
}) => {
  const pat = await person(browser, team.url('pat'), closers);
  const { vendor } = await vendorWithAssessment(pat, 'Heron Dock Sensors');
  const dana = await person(browser, team.url('dana'), closers);
  const sam = await person(browser, team.url('sam'), closers);
  const reason = (page: Page, name: string, why: string) =>
    expect(page.getByRole('button', { name, exact: true })).toHaveAttribute('title', why);

  // Legal on the vendor: no editing, deleting, starting or sending assessments, no decisions.
  await dana.open(`#/vendors/${vendor.id}`);
  for (const name of ['Edit', 'Delete']) {
    await expect(dana.page.getByRole('button', { name, exact: true })).toBeDisabled();
    await reason(dana.page, name, 'Legal cannot change vendors');
  }
  await expect(dana.page.getByRole('button', { name: 'Record decision' })).toBeDisabled();
  await reason(dana.page, 'Record decision', 'Legal cannot record decisions');
  await dana.page.getByRole('tab', { name: /^Assessments/ }).click();
  await expect(dana.page.getByRole('button', { name: 'Start assessment' })).toBeDisabled();
  await reason(dana.page, 'Start assessment', 'Legal cannot start or close assessments');
  await expect(dana.page.getByRole('button', { name: 'Send questionnaire…' })).toBeDisabled();
  await expect(dana.page.getByRole('button', { name: 'Import response…' })).toBeDisabled();
  await expect(dana.page.getByRole('region', { name: 'Assessments' })).toContainText(
    'Legal cannot start or close assessments',
  );
  // The menu's New vendor says why instead of opening a form the database would refuse.
  await dana.page.keyboard.press('Control+n');
  await expect(dana.page.getByText('Legal cannot change vendors').last()).toBeVisible();
  await expect(dana.page.getByRole('form', { name: 'New vendor' })).toHaveCount(0);
  await shots(dana.page, 'team-legal-vendor');

  // Legal on the devices page and the advisories: the imports are security's.
  await dana.open('#/devices');
  await expect(dana.page.getByRole('button', { name: 'Import inventory…' }).first()).toBeDisabled();
  await expect(dana.page.getByRole('button', { name: 'Import inventory…' }).first()).toHaveAttribute(
    'title',
    'Legal cannot change devices',
  );
  await dana.open('#/advisories');
  await expect(dana.page.getByRole('button', { name: 'Import advisories…' })).toBeDisabled();
  await expect(dana.page.getByRole('button', { name: 'Import SBOM or VEX…' })).toBeDisabled();

  // Legal's own Contract tab is open to dana.
  await dana.open(`#/vendors/${vendor.id}/contract`);
  const danaBreach = dana.page.getByRole('article', { name: 'Breach notification time' });
  await expect(danaBreach.getByLabel('Breach notification time: status')).toBeEnabled();
  await expect(dana.page.getByRole('button', { name: 'Sign off' })).toBeEnabled();

  // Security on the same Contract tab: shown as recorded, nothing to change, sign or comment.
  await sam.open(`#/vendors/${vendor.id}/contract`);
  await expect(sam.page.getByText('Security cannot change clauses: shown as recorded')).toBeVisible();
  const breach = sam.page.getByRole('article', { name: 'Breach notification time' });
  await expect(breach.getByLabel('Breach notification time: status')).toBeDisabled();
  await expect(breach.getByLabel('Breach notification time: value')).toBeDisabled();
  await expect(breach.getByLabel('Breach notification time: comment')).toBeDisabled();
  await expect(breach.getByLabel('Breach notification time: comment')).toHaveAttribute(
    'placeholder',
    'Security cannot comment on clauses',
  );
  await expect(sam.page.getByRole('button', { name: 'Sign off' })).toBeDisabled();
  await reason(sam.page, 'Sign off', 'Security cannot sign off clauses');
  await shots(sam.page, 'team-security-contract');
  // Security's own imports are open to sam.
  await sam.open('#/devices');
  await expect(sam.page.getByRole('button', { name: 'Import inventory…' }).first()).toBeEnabled();
});

test('a colleague’s edit appears in the other’s vendor list within a second, the filter and peek kept', async ({
  browser,
  team,
}) => {
  const pat = await person(browser, team.url('pat'), closers);
  const dana = await person(browser, team.url('dana'), closers);
  const made = await pat.dispatcher.call('vendors.create', {
    name: 'Heron Dock Scheduling',
    category: 'wms-saas',
  });
  if (!made.ok) throw new Error(made.error.message);
  await pat.dispatcher.call('vendors.create', { name: 'Osprey Label Printing', category: 'wms-saas' });

  await dana.open(`#/vendors?peek=${made.value.id}`);
  const search = dana.page.getByRole('searchbox', { name: 'Search vendors' });
  await search.fill('Heron');
  const list = dana.page.getByRole('region', { name: 'Vendor list' });
  await expect(list.getByRole('row', { name: /Heron Dock Scheduling/ })).toBeVisible();
  await expect(list.getByRole('row', { name: /Osprey/ })).toHaveCount(0);
  const peek = dana.page.getByRole('complementary', { name: 'Vendor peek' });
  await expect(peek.getByRole('heading', { name: 'Heron Dock Scheduling' })).toBeVisible();
  // Legal may not change vendors: shown disabled, with the reason.
  await expect(peek.getByRole('button', { name: 'Edit' })).toBeDisabled();
  await expect(peek.getByRole('button', { name: 'Edit' })).toHaveAttribute(
    'title',
    'Legal cannot change vendors',
  );

  const saved = await pat.dispatcher.call('vendors.update', {
    id: made.value.id,
    patch: { name: 'Heron Dock Scheduling AB', owner: 'Pat (Procurement)' },
  });
  expect(saved.ok).toBe(true);
  const committed = Date.now();
  // Watched from inside the page (expect's own polling slows to a second between looks).
  await dana.page.waitForFunction(
    () =>
      [...document.querySelectorAll('[role="row"]')].some((row) =>
        row.textContent?.includes('Heron Dock Scheduling AB'),
      ),
    null,
    { polling: 20 },
  );
  const seenAfter = Date.now() - committed;
  console.log(`colleague's edit on screen ${seenAfter} ms after its commit`);
  expect(seenAfter).toBeLessThan(1000);
  // What the user had on screen is kept: the search, the filtered list and the peek.
  await expect(search).toHaveValue('Heron');
  await expect(list.getByRole('row', { name: /Osprey/ })).toHaveCount(0);
  await expect(peek.getByRole('heading', { name: 'Heron Dock Scheduling AB' })).toBeVisible();
  await shots(dana.page, 'team-live-list');
});

test('an open assessment follows a colleague’s answers and notes, keeping what one is typing', async ({
  browser,
  team,
}) => {
  const pat = await person(browser, team.url('pat'), closers);
  const sam = await person(browser, team.url('sam'), closers);
  const { assessmentId } = await vendorWithAssessment(pat, 'Plover Pallet Wrapping');
  await pat.open(`#/assessments/${assessmentId}`);
  const first = pat.page.getByRole('region', { name: 'Questions' }).getByRole('article').first();
  await expect(first.getByRole('radio', { name: 'Yes' })).not.toBeChecked();

  // Sam answers with a note: pat's open page shows both, without reloading.
  const answer = (value: string, note?: string) =>
    sam.dispatcher.call('assessments.answer', {
      id: assessmentId,
      answer: {
        questionnaireId: 'example-firmware',
        questionId: 'fw_signed',
        answer: { status: 'answered', value },
        ...(note === undefined ? {} : { note }),
      },
    });
  const committed = Date.now();
  expect((await answer('yes', 'Signed with the vendor’s HSM key (sam)')).ok).toBe(true);
  await expect(first.getByRole('radio', { name: 'Yes' })).toBeChecked();
  console.log(`colleague's answer on the open assessment ${Date.now() - committed} ms after its commit`);
  await expect(first.getByLabel('Note')).toHaveValue('Signed with the vendor’s HSM key (sam)');

  // Pat is typing a note when sam changes the answer: the answer follows, pat's text stays.
  await first.getByLabel('Note').fill('Pat asks for the signing policy');
  expect((await answer('no')).ok).toBe(true);
  await expect(first.getByRole('radio', { name: 'No' })).toBeChecked();
  await expect(first.getByLabel('Note')).toHaveValue('Pat asks for the signing policy');
  // Pat's note is saved as typed, over the answer sam gave.
  await first.getByLabel('Note').blur();
  await expect
    .poll(async () => {
      const stored = await sam.dispatcher.call('assessments.get', { id: assessmentId });
      return stored.ok && stored.value.answers.map((a) => [a.answer, a.note]);
    })
    .toEqual([[{ status: 'answered', value: 'no' }, 'Pat asks for the signing policy']]);
  await shots(pat.page, 'team-live-assessment');
});

test('a stale save is refused with the colleague’s name: an answer, and a vendor with Reload', async ({
  browser,
  team,
}) => {
  const pat = await person(browser, team.url('pat'), closers);
  const sam = await person(browser, team.url('sam'), closers);
  const { vendor, assessmentId } = await vendorWithAssessment(pat, 'Ibis Conveyor Controls');

  // Both open the assessment with the first question unanswered; sam (security) answers first.
  await pat.open(`#/assessments/${assessmentId}`);
  await expect(firstQuestion(pat.page).getByRole('radio', { name: 'Yes' })).not.toBeChecked();
  await sam.open(`#/assessments/${assessmentId}`);
  // Pat's page would show sam's answer as soon as it commits (the open page follows colleagues'
  // changes): its loading is held, so pat answers what was on screen before, as on a slow link.
  const release = pat.hold('assessments.get');
  await firstQuestion(sam.page).getByRole('radio', { name: 'Yes' }).check();
  await expect(sam.page.getByText('All changes saved')).toBeVisible();
  await expect(firstQuestion(sam.page).getByRole('radio', { name: 'Yes' })).toBeChecked();

  await firstQuestion(pat.page).getByRole('radio', { name: 'No' }).check();
  release();
  const refusal = pat.page
    .getByRole('alert')
    .filter({ hasText: 'Not saved: this answer was changed by sam at' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('their answer is shown now');
  // Nothing was overwritten: pat now sees sam's answer.
  await expect(firstQuestion(pat.page).getByRole('radio', { name: 'Yes' })).toBeChecked();
  await shots(pat.page, 'team-stale-answer');

  // A vendor: pat opens the edit form, lee (procurement too) saves first.
  const lee = await person(browser, team.url('lee'), closers);
  await pat.open(`#/vendors/${vendor.id}`);
  await pat.page.getByRole('button', { name: 'Edit', exact: true }).click();
  const form = pat.page.getByRole('form', { name: 'Edit vendor' });
  await expect(form.getByLabel('Internal owner')).toHaveValue('');
  const theirs = await lee.dispatcher.call('vendors.update', {
    id: vendor.id,
    patch: { owner: 'Lee (Procurement)' },
  });
  expect(theirs.ok).toBe(true);
  await form.getByLabel('Internal owner').fill('Pat (Procurement)');
  await form.getByRole('button', { name: /Save/ }).click();
  const stale = form.getByRole('alert');
  await expect(stale).toContainText(
    /Not saved: this vendor was changed by lee at \d{4}-\d\d-\d\d \d\d:\d\d UTC — reload to see it/,
  );
  await shots(pat.page, 'team-stale-vendor');
  await stale.getByRole('button', { name: 'Reload' }).click();
  await expect(pat.page.getByRole('form', { name: 'Edit vendor' }).getByLabel('Internal owner')).toHaveValue(
    'Lee (Procurement)',
  );
  const stored = await lee.dispatcher.call('vendors.get', { id: vendor.id });
  expect(stored.ok && stored.value.owner).toBe('Lee (Procurement)');
});

test('a stale clause save is refused with the colleague’s name: a vendor’s clause and the library, each with Reload', async ({
  browser,
  team,
}) => {
  // Two legal reviewers: dana in the window, kim saving first.
  const { vendorId, dana, kim } = await legalPair(browser, team, 'Egret Pallet Leasing');

  await dana.open(`#/vendors/${vendorId}/contract`);
  const breach = dana.page.getByRole('article', { name: 'Breach notification time' });
  await breach.getByLabel('Breach notification time: status').selectOption('agreed');
  await breach.getByLabel('Breach notification time: value').fill('96');
  const theirs = await kim.dispatcher.call('clauses.set', {
    vendorId,
    clauseId: 'breach-notification',
    status: 'agreed',
    value: { type: 'hours', value: 24 },
  });
  expect(theirs.ok).toBe(true);
  await breach.getByRole('button', { name: 'Save' }).click();
  const refusal = breach.getByRole('alert');
  await expect(refusal).toContainText(
    /Not saved: this clause was changed by kim at \d{4}-\d\d-\d\d \d\d:\d\d UTC — reload to see it/,
  );
  // What dana typed stays on screen until she reloads; kim's record is not overwritten.
  await expect(breach.getByLabel('Breach notification time: value')).toHaveValue('96');
  const stored = await kim.dispatcher.call('clauses.forVendor', { vendorId });
  expect(stored.ok && stored.value.clauses.find((c) => c.clause.id === 'breach-notification')?.value).toEqual(
    {
      type: 'hours',
      value: 24,
    },
  );
  await refusal.scrollIntoViewIfNeeded();
  await shots(dana.page, 'team-stale-clause');
  await refusal.getByRole('button', { name: 'Breach notification time: reload' }).click();
  await expect(breach.getByLabel('Breach notification time: value')).toHaveValue('24');
  await expect(breach.getByRole('alert')).toHaveCount(0);
  await expect(breach).toContainText('saved by kim');
  // Against the version now read, dana's save goes through.
  await breach.getByLabel('Breach notification time: value').fill('48');
  await breach.getByRole('button', { name: 'Save' }).click();
  await expect(breach).toContainText('saved by dana');
  await expect(breach.getByTestId('breach-notification-state')).toHaveText('Meets position');

  // The library: dana edits Uptime SLA's position while kim saves it first.
  await dana.page.getByRole('link', { name: 'Legal', exact: true }).click();
  await dana.page.getByRole('tab', { name: 'Clause library' }).click();
  await dana.page
    .getByRole('row', { name: /Uptime SLA/ })
    .getByRole('button', { name: 'Edit' })
    .click();
  const dialog = dana.page.getByRole('dialog', { name: 'Position: Uptime SLA' });
  await dialog.getByLabel('Our position').fill('At least 99.5% a month');
  const library = await kim.dispatcher.call('clauses.library', {});
  if (!library.ok) throw new Error(library.error.message);
  const uptime = library.value.find((c) => c.id === 'uptime-sla')!;
  const kims = await kim.dispatcher.call('clauses.saveClause', {
    ...uptime,
    position: { ...uptime.position, text: 'At least 99.95% a month' },
  });
  expect(kims.ok).toBe(true);
  await dialog.getByRole('button', { name: 'Save clause' }).click();
  const libraryRefusal = dialog.getByRole('alert');
  await expect(libraryRefusal).toContainText(
    /Not saved: this clause was changed by kim at \d{4}-\d\d-\d\d \d\d:\d\d UTC — reload to see it/,
  );
  await expect(dialog.getByLabel('Our position')).toHaveValue('At least 99.5% a month');
  await shots(dana.page, 'team-stale-library');
  await libraryRefusal.getByRole('button', { name: 'Reload' }).click();
  await expect(dialog.getByLabel('Our position')).toHaveValue('At least 99.95% a month');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
});

test('a stale status change is refused with the colleague’s name and Reload; a colleague’s answers do not make it stale', async ({
  browser,
  team,
}) => {
  const pat = await person(browser, team.url('pat'), closers);
  const lee = await person(browser, team.url('lee'), closers);
  const { assessmentId } = await vendorWithAssessment(pat, 'Kestrel Dock Robotics');
  const answered = await pat.dispatcher.call('assessments.answer', {
    id: assessmentId,
    answer: {
      questionnaireId: 'example-firmware',
      questionId: 'fw_signed',
      answer: { status: 'answered', value: 'yes' },
    },
  });
  expect(answered.ok).toBe(true);

  // pat opens it in progress; lee answers another question meanwhile: submitting still goes through.
  await pat.open(`#/assessments/${assessmentId}`);
  const status = pat.page.getByTestId('assessment-status');
  await expect(status).toHaveText('In progress');
  const theirAnswer = await lee.dispatcher.call('assessments.answer', {
    id: assessmentId,
    answer: {
      questionnaireId: 'example-firmware',
      questionId: 'fw_patch_days',
      answer: { status: 'answered', value: 30 },
    },
  });
  expect(theirAnswer.ok).toBe(true);
  await pat.page.getByRole('button', { name: 'Review and submit' }).click();
  const dialog = pat.page.getByRole('dialog', { name: 'Review and submit' });
  // Questions are left (key storage, the statement): submitting asks first.
  await dialog.getByRole('button', { name: 'Submit assessment' }).click();
  await dialog.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(status).toHaveText('Submitted');

  // lee closes it; pat, still seeing it submitted, reopens it: refused, naming lee, nothing changed.
  // (The open page follows colleagues' changes: its loading is held so pat's click is certain to
  // come before lee's change shows, as on a slow link.)
  const release = pat.hold('assessments.get');
  const closed = await lee.dispatcher.call('assessments.setStatus', { id: assessmentId, status: 'closed' });
  expect(closed.ok).toBe(true);
  await pat.page.getByRole('button', { name: 'Reopen' }).click();
  const stale = pat.page
    .getByRole('alert')
    .filter({ hasText: 'Not saved: this assessment was changed by lee at' });
  await expect(stale).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d UTC — reload to see it/);
  await expect(status).toHaveText('Submitted');
  await shots(pat.page, 'team-stale-status');
  release();
  await stale.getByRole('button', { name: 'Reload' }).click();
  await expect(status).toHaveText('Closed');
  await expect(stale).toHaveCount(0);
  const stored = await lee.dispatcher.call('assessments.get', { id: assessmentId });
  expect(stored.ok && stored.value.assessment.status).toBe('closed');

  // Read again, the reopen goes through. pat reviews it to submit; lee submits it first: the
  // dialog refuses pat's, naming lee, and its Reload shows it submitted.
  await pat.page.getByRole('button', { name: 'Reopen' }).click();
  await expect(status).toHaveText('In progress');
  await pat.page.getByRole('button', { name: 'Review and submit' }).click();
  await expect(dialog.getByTestId('review-note')).toContainText('Left:');
  const releaseAgain = pat.hold('assessments.get');
  const theirs = await lee.dispatcher.call('assessments.setStatus', {
    id: assessmentId,
    status: 'submitted',
  });
  expect(theirs.ok).toBe(true);
  await dialog.getByRole('button', { name: 'Submit assessment' }).click();
  await dialog.getByRole('button', { name: 'Submit anyway' }).click();
  const refused = dialog.getByRole('alert');
  await expect(refused).toContainText('Not saved: this assessment was changed by lee at');
  releaseAgain();
  await refused.getByRole('button', { name: 'Reload' }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toHaveText('Submitted');
});

test('a stale acceptance of a device finding is refused with the colleague’s name; Reload shows theirs', async ({
  browser,
  team,
}) => {
  const sam = await person(browser, team.url('sam'), closers);
  const ray = await person(browser, team.url('ray'), closers);
  const preview = await sam.dispatcher.call('devices.preview', {
    source: 'Yard WMS',
    fileName: 'inventory.csv',
    contentBase64: inventory.toString('base64'),
  });
  if (!preview.ok) throw new Error(preview.error.message);
  const applied = await sam.dispatcher.call('devices.apply', { token: preview.value.token });
  expect(applied.ok).toBe(true);

  // sam opens scan-7's unsigned firmware to accept it; ray accepts it first.
  await sam.open('#/devices');
  await sam.page.getByRole('row', { name: /scan-7/ }).click();
  const detail = sam.page.getByRole('complementary', { name: 'Device details' });
  const firmware = detail.getByRole('row', { name: /Firmware not signed/ });
  await firmware.getByRole('button', { name: 'Accept…' }).click();
  await detail.getByLabel('Why it is accepted').fill('Replaced next month');
  await detail.getByLabel('Accepted until').fill('2027-01-31');
  await acceptUnsignedFirmware(ray, 'scan-7', 'Yard WMS');
  await detail.getByRole('button', { name: 'Accept finding' }).click();
  const stale = detail.getByRole('alert');
  await expect(stale).toContainText(
    /Not saved: this finding was changed by ray at \d{4}-\d\d-\d\d \d\d:\d\d UTC — reload to see it/,
  );
  await shots(sam.page, 'team-stale-acceptance');
  await stale.getByRole('button', { name: 'Reload' }).click();
  await expect(firmware).toContainText('Accepted');
  await expect(detail.getByLabel('Why it is accepted')).toBeHidden();
  const stored = await sam.dispatcher.call('devices.list', { search: 'scan-7' });
  expect(stored.ok && stored.value.items[0]!.acceptanceVersions).toEqual({ 'unsigned-firmware': 1 });
});

test('the Contract tab follows a colleague’s clause saves and sign-off, keeping a row one is editing', async ({
  browser,
  team,
}) => {
  const { vendorId, dana, kim } = await legalPair(browser, team, 'Shrike Cold Chain');

  await dana.open(`#/vendors/${vendorId}/contract`);
  const breach = dana.page.getByRole('article', { name: 'Breach notification time' });
  const patches = dana.page.getByRole('article', { name: 'Critical security patches' });
  await expect(breach.getByTestId('breach-notification-state')).toHaveText('Not agreed');
  // Dana is typing in one row when kim saves both rows.
  await patches.getByLabel('Critical security patches: status').selectOption('agreed');
  await patches.getByLabel('Critical security patches: value').fill('30');
  const set = (clauseId: string, value: { type: 'hours' | 'days'; value: number }) =>
    kim.dispatcher.call('clauses.set', { vendorId, clauseId, status: 'agreed', value });
  const committed = Date.now();
  expect((await set('breach-notification', { type: 'hours', value: 24 })).ok).toBe(true);
  expect((await set('critical-patch-time', { type: 'days', value: 14 })).ok).toBe(true);
  // The row with nothing typed shows kim's record, its state worked out again.
  await expect(breach.getByLabel('Breach notification time: value')).toHaveValue('24');
  await expect(breach.getByTestId('breach-notification-state')).toHaveText('Meets position');
  console.log(`colleague's clause on the open Contract tab ${Date.now() - committed} ms after its commit`);
  // The row being edited keeps what dana typed; her save is refused as stale, naming kim.
  await expect(patches.getByLabel('Critical security patches: value')).toHaveValue('30');
  await patches.getByRole('button', { name: 'Save' }).click();
  await expect(patches.getByRole('alert')).toContainText(/changed by kim at .* — reload to see it/);

  // Kim signs the contract off: dana's tab says so.
  expect((await kim.dispatcher.call('clauses.signOff', { vendorId })).ok).toBe(true);
  await expect(dana.page.getByTestId('signoff')).toContainText('Signed off by kim');
  await shots(dana.page, 'team-live-contract');
});

test('the devices page follows a colleague’s import and acceptance, the selected device kept', async ({
  browser,
  team,
}) => {
  const sam = await person(browser, team.url('sam'), closers);
  const ray = await person(browser, team.url('ray'), closers);
  // Names of their own: the earlier tests imported this inventory into the same database.
  const renamed = (suffix: string) =>
    Buffer.from(inventory.toString('utf8').replace(/^([a-z]+-\d+),/gm, `$1${suffix},`));
  await importDevices(sam, 'Cold store WMS', renamed('0'));
  await sam.open('#/devices');
  const count = sam.page.getByTestId('device-count');
  await expect(count).toHaveText(/^\d+ of \d+ devices$/);
  const shown = async () => Number(/^(\d+) of/.exec((await count.textContent()) ?? '')?.[1] ?? NaN);
  const before = await shown();
  await sam.page.getByRole('row', { name: /scan-70/ }).click();
  const detail = sam.page.getByRole('complementary', { name: 'Device details' });
  const firmware = detail.getByRole('row', { name: /Firmware not signed/ });
  await expect(firmware.getByRole('button', { name: 'Accept…' })).toBeVisible();

  // Ray imports another site's inventory: sam's list grows without a reload.
  const committed = Date.now();
  await importDevices(ray, 'Cross-dock WMS', renamed('1'));
  await expect.poll(shown).toBeGreaterThan(before);
  console.log(`colleague's import on the open devices page ${Date.now() - committed} ms after its commit`);
  await expect(sam.page.getByRole('row', { name: /scan-71/ })).toBeVisible();
  // Ray accepts the finding on the device sam has open: its detail shows it, still selected.
  await acceptUnsignedFirmware(ray, 'scan-70', 'Cold store WMS');
  await expect(firmware).toContainText('Accepted');
  await expect(detail.getByRole('heading', { name: 'scan-70' })).toBeVisible();
  await shots(sam.page, 'team-live-devices');
});

test('audit verify on the team database runs in the data worker, on a connection of its own, and finds the trail intact', async ({
  browser,
  team,
}) => {
  const pat = await person(browser, team.url('pat'), closers);
  // The trail the earlier tests wrote: colleagues' vendors, answers, clauses, imports and acceptances.
  const verdict = await pat.dispatcher.call('audit.verify', {});
  if (!verdict.ok) throw new Error(verdict.error.message);
  expect(verdict.value).toMatchObject({ ok: true, problem: null, ranIn: 'worker' });
  expect(verdict.value.entries).toBeGreaterThan(10);
  // The window's own requests went on over the app's connection, which the check left as it was.
  const listed = await pat.dispatcher.call('vendors.list', {});
  expect(listed.ok && listed.value.total).toBeGreaterThan(0);
});

test('a colleague’s import does not move the devices table: the rows scrolled to are read again in place', async ({
  browser,
  team,
}) => {
  const sam = await person(browser, team.url('sam'), closers);
  const ray = await person(browser, team.url('ray'), closers);
  const header = inventory.toString('utf8').split(/\r?\n/)[0];
  /** `n` devices whose serials (the device IDs the table sorts by) start with `prefix`. */
  const inventoryOf = (prefix: string, n: number) =>
    Buffer.from(
      [
        header,
        ...Array.from({ length: n }, (_, i) => {
          const k = String(i + 1).padStart(4, '0');
          return `${prefix.toLowerCase()}-${k},${prefix}${k},Zebra,camera,active,yes,yes,2027-06-01,2026-11-24T10:00:00Z,yes,Dock`;
        }),
      ].join('\n'),
    );
  // 600 racks: three pages of the table, sorted first (the other tests' serials start later).
  await importDevices(sam, 'Rack room WMS', inventoryOf('RK', 600));
  await sam.open('#/devices');
  const count = sam.page.getByTestId('device-count');
  const shown = async () => Number(/^(\d+) of/.exec((await count.textContent()) ?? '')?.[1] ?? NaN);
  await expect.poll(shown).toBeGreaterThanOrEqual(600);
  const before = await shown();
  const scroll = sam.page.getByTestId('device-scroll');
  await scroll.evaluate((el) => {
    el.scrollTop = 36 * 450; // into the third page of 200
  });
  const deep = sam.page.getByRole('row', { name: /rk-045\d/ }).first();
  await expect(deep).toBeVisible();
  const top = await scroll.evaluate((el) => el.scrollTop);

  // Ray imports ten devices that sort after them: sam's count grows, the rows on screen stay.
  await importDevices(ray, 'Spare parts WMS', inventoryOf('ZX', 10));
  await expect.poll(shown).toBe(before + 10);
  expect(await scroll.evaluate((el) => el.scrollTop)).toBe(top);
  await expect(deep).toBeVisible();
  await expect(sam.page.getByRole('row', { name: /rk-046\d/ }).first()).toBeVisible();
});
