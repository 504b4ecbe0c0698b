import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures', name));

test('import questionnaires from the library page: ours, a broken one, and a VSAQ template', async ({
  app,
}) => {
  const { page } = app;
  await app.open('#/questionnaires');
  await expect(page.getByRole('row', { name: /Quick triage/ })).toBeVisible();
  const input = page.getByLabel('Import questionnaire file');
  const preview = page.getByRole('region', { name: 'Import preview' });

  const broken = JSON.parse(fixture('questionnaire-example.json').toString());
  broken.sections[0].questions[1].showIf = { question: 'nope', is: 'yes' };
  await input.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  await expect(preview).toContainText('This file cannot be installed');
  await expect(preview).toContainText('sections.0.questions.1.showIf');
  await expect(preview).toContainText('Refers to unknown question "nope"');
  await preview.getByRole('button', { name: 'Close' }).click();

  await input.setInputFiles({
    name: 'firmware.json',
    mimeType: 'application/json',
    buffer: fixture('questionnaire-example.json'),
  });
  await expect(preview).toContainText('Firmware signing (example) version 1.0.0: 1 sections, 4 questions');
  await preview.getByRole('button', { name: 'Install' }).click();
  await expect(page.getByText('Installed Firmware signing (example) 1.0.0')).toBeVisible();
  await expect(page.getByRole('row', { name: /Firmware signing \(example\)/ })).toContainText('Imported');

  await input.setInputFiles({
    name: 'webapp.json',
    mimeType: 'application/json',
    buffer: fixture('vsaq/webapp.json'),
  });
  await expect(preview).toContainText('VSAQ template');
  await expect(preview).toContainText('73 questions');
  await preview.getByRole('button', { name: 'Install' }).click();
  await expect(page.getByRole('row', { name: /VSAQ import/ })).toBeVisible();

  await page.getByRole('button', { name: 'Quick triage' }).click();
  await expect(page.getByRole('complementary', { name: 'Questionnaire' })).toContainText('knockout');
});
