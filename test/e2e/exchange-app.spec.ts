import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect } from './harness';

test('send a workbook from the vendor page, then review the returned one and accept some answers', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  const v = await dispatcher.call('vendors.create', {
    name: 'Kestrel Yard Robotics',
    category: 'robotics-iot',
    criticality: 'low',
  });
  if (!v.ok) throw new Error(v.error.message);
  await app.open(`#/vendors/${v.value.id}/assessments`);
  await page.getByRole('button', { name: 'Send questionnaire…' }).click();
  const send = page.getByRole('dialog', { name: /Send a questionnaire to Kestrel Yard Robotics/ });
  await expect(send.getByRole('checkbox', { name: /Quick triage/ })).toBeChecked();
  await send.getByRole('radio', { name: /Workbook/ }).check();
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await send.getByLabel('Answers due (optional)').fill(due);
  await page.screenshot({ path: 'test-results/screens/25-exchange-send-dialog.png' });
  await send.getByRole('button', { name: 'Save file…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'send it to the vendor' })).toBeVisible();
  const [file] = readdirSync(app.saveDir);
  expect(file).toMatch(/^Kestrel Yard Robotics questionnaire \d{4}-\d{2}-\d{2}\.xlsx$/);

  // The vendor fills in three answers, one of them not among the choices.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(app.saveDir, file!));
  // The due date chosen in the dialog is on the instructions (and in the package).
  const instructions: string[] = [];
  wb.getWorksheet('Instructions')!.eachRow((r) => void instructions.push(String(r.getCell(1).value)));
  expect(instructions.some((l) => l.startsWith('Answers due: '))).toBe(true);
  const answers: Record<string, string> = {
    'quick-triage/tri_mfa': 'Yes',
    'quick-triage/tri_encryption': 'Partly',
    'quick-triage/tri_vdp': 'Sometimes',
  };
  for (const ws of wb.worksheets)
    ws.eachRow((row) => {
      const a = answers[String(row.getCell(1).value)];
      if (a) row.getCell(4).value = a;
    });
  const back = join(app.saveDir, 'returned.xlsx');
  await wb.xlsx.writeFile(back);

  await page.getByLabel('Response file').setInputFiles(back);
  const review = page.getByRole('dialog', { name: /Review the response: returned.xlsx/ });
  const rows = review.getByRole('table', { name: 'Incoming answers' });
  await expect(rows.getByRole('row')).toHaveCount(4);
  await expect(rows.getByRole('row', { name: /vulnerability|disclosure/i })).toContainText('Invalid');
  await page.screenshot({ path: 'test-results/screens/25-exchange-review-light.png' });
  await review.getByRole('checkbox', { name: /encrypt/i }).uncheck();
  await review.getByRole('button', { name: 'Accept selected (1)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accepted 1 answers' })).toBeVisible();

  const list = await dispatcher.call('assessments.list', { vendorId: v.value.id });
  if (!list.ok) throw new Error(list.error.message);
  const detail = await dispatcher.call('assessments.get', { id: list.value[0]!.id });
  if (!detail.ok) throw new Error(detail.error.message);
  expect(
    detail.value.answers.map((a) => [a.questionId, a.answer, a.source.startsWith('vendor-response:')]),
  ).toEqual([['tri_mfa', { status: 'answered', value: 'yes' }, true]]);
});
