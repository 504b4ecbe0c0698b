/**
 * The vendor's offline form: its header (our company, the vendor, the due date), the
 * progress count it runs in the vendor's browser, and the escaping and policy guarantees.
 */
import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { openApp, vendorInput } from './helpers';
import { formProgress, progressWords, type ProgressEntry } from '../../electron/domain/form-progress';
import { formHeaderFacts, formHeaderHtml, longDate } from '../../electron/exchange/form-header';
import type { Manifest } from '../../electron/domain/exchange';

const manifest = (over: Partial<Manifest> = {}): Manifest => ({
  format: 'vendor-risk-exchange/1',
  packageId: '7f1f7a52-8d0e-4a49-9d40-3f3f1c1b2a10',
  vendorId: '0b7c2c2e-2f5b-4f0f-8a4e-8e9b7f0d6c11',
  vendorName: 'Zebra Technologies',
  questionnaires: [{ id: 'quick-triage', version: '1.2.0', title: 'Quick triage' }],
  checksum: 'a'.repeat(64),
  createdAt: '2026-12-07T09:30:00.000Z',
  ...over,
});

describe('progress in the form', () => {
  const yes = { answer: { status: 'answered', value: 'yes' } };
  const na = { answer: { status: 'not-applicable' } };
  const refused = { answer: { status: 'refused' } };
  const noteOnly = { answer: null, note: 'ask me later' } as ProgressEntry;
  const table: [string, { id: string; keys: string[] }[], Record<string, ProgressEntry>, string][] = [
    ['nothing on screen', [], {}, '0/0'],
    ['nothing answered', [{ id: 's1', keys: ['q/a', 'q/b'] }], {}, '0/2 s1 0/2'],
    [
      'answered, not applicable and cannot answer all count',
      [{ id: 's1', keys: ['q/a', 'q/b', 'q/c', 'q/d'] }],
      { 'q/a': yes, 'q/b': na, 'q/c': refused },
      '3/4 s1 3/4',
    ],
    ['a note alone is no answer', [{ id: 's1', keys: ['q/a'] }], { 'q/a': noteOnly }, '0/1 s1 0/1'],
    [
      'by section, in the order given',
      [
        { id: 's1', keys: ['q/a', 'q/b'] },
        { id: 's2', keys: ['q/c'] },
      ],
      { 'q/b': yes, 'q/c': yes },
      '2/3 s1 1/2 s2 1/1',
    ],
    [
      'answers to questions not on screen do not count',
      [{ id: 's1', keys: ['q/a'] }],
      { 'q/a': yes, 'q/hidden': yes },
      '1/1 s1 1/1',
    ],
    [
      'a key in two sections counts once overall',
      [
        { id: 's1', keys: ['q/a'] },
        { id: 's2', keys: ['q/a', 'q/b'] },
      ],
      { 'q/a': yes },
      '1/2 s1 1/1 s2 1/2',
    ],
    ['inherited keys are not answers', [{ id: 's1', keys: ['toString'] }], {}, '0/1 s1 0/1'],
  ];
  const text = (p: ReturnType<typeof formProgress>) =>
    [`${p.answered}/${p.total}`, ...p.sections.map((s) => `${s.id} ${s.answered}/${s.total}`)].join(' ');

  for (const [name, sections, state, expected] of table)
    it(`${name}: ${expected}`, () => expect(text(formProgress(sections, state))).toBe(expected));

  it('counts the same when run as text on its own, as the form carries it', () => {
    const standalone = new Function(`return (${formProgress.toString()});`)() as typeof formProgress;
    for (const [, sections, state, expected] of table)
      expect(text(standalone(sections, state))).toBe(expected);
    const words = new Function(`return (${progressWords.toString()});`)() as typeof progressWords;
    expect(words(3, 8)).toBe('3 of 8 answered');
    expect(words(0, 0)).toBe('No questions to answer');
  });
});

describe('the form’s header', () => {
  it('names our company, the vendor, the due date and when it was sent', () => {
    const f = formHeaderFacts(manifest({ dueDate: '2027-01-15' }), '  Nordhafen Logistics GmbH ');
    expect(f).toMatchObject({
      title: 'Security questionnaire for Zebra Technologies',
      from: 'Nordhafen Logistics GmbH',
      to: 'Zebra Technologies',
      due: '15 January 2027',
      sent: '7 December 2026',
    });
    expect(f.package).toBe('Package 7f1f7a52-8d0e-4a49-9d40-3f3f1c1b2a10 · Quick triage 1.2.0');
    const html = formHeaderHtml(manifest({ dueDate: '2027-01-15' }), 'Nordhafen Logistics GmbH');
    expect(html).toContain('<dt>From</dt><dd>Nordhafen Logistics GmbH</dd>');
    expect(html).toContain('<dt>For</dt><dd>Zebra Technologies</dd>');
    expect(html).toContain('<dt>Due</dt><dd>15 January 2027</dd>');
  });

  it('says "No due date" without one, and leaves out "From" without a company', () => {
    const html = formHeaderHtml(manifest(), '');
    expect(html).toContain('<dt>Due</dt><dd>No due date</dd>');
    expect(html).not.toContain('<dt>From</dt>');
  });

  it('escapes company and vendor names that hold HTML', () => {
    const html = formHeaderHtml(
      manifest({ vendorName: '<img src=x onerror=alert(1)> & "Sons"' }),
      "</dd><script>alert('x')</script>",
    );
    expect(html).not.toMatch(/<img|<script|<\/dd><script/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Sons&quot;');
    expect(html).toContain('&lt;/dd&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
  });

  it('writes dates the same way in every locale', () => {
    expect(longDate('2027-03-01')).toBe('1 March 2027');
    expect(longDate('2026-12-31T23:59:59.000Z')).toBe('31 December 2026');
    expect(longDate('not a date')).toBe('not a date');
  });
});

describe('the form as exported', () => {
  const fixedNow = () => new Date('2026-12-07T09:30:00.000Z');

  it('carries company and due date, escaped, under the same strict policy', async () => {
    const app = openApp({ now: fixedNow });
    app.services.organisation.setCompany('Nordhafen <b>Logistics</b> & Co');
    const vendor = app.services.vendors.create(vendorInput({ name: '<img src=x onerror=alert(1)> Ltd' }));
    const made = await app.services.exchange.export(vendor.id, ['quick-triage'], 'html', {
      dueDate: '2027-01-15',
    });
    const html = made.bytes.toString('utf8');
    expect(html).toContain('<dt>From</dt><dd>Nordhafen &lt;b&gt;Logistics&lt;/b&gt; &amp; Co</dd>');
    expect(html).toContain('<dt>Due</dt><dd>15 January 2027</dd>');
    expect(html).not.toContain('<b>Logistics');
    expect(html).not.toContain('<img src=x');

    // One inline script, allowed by its hash; no other script, no handler attributes, no URLs.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => m[1])).toEqual([' type="application/json" id="vr-data"', '']);
    const hash = createHash('sha256').update(scripts[1]![2]!).digest('base64');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">`,
    );
    const markup = html.replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<style>[\s\S]*?<\/style>/, '');
    expect(markup).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(markup).not.toMatch(/<[^>]*\b(src|href)="(?!#)/);
    // The data block cannot end its script element early.
    expect(scripts[0]![2]).not.toMatch(/<|>/);

    // The due date is part of the package as recorded.
    const manifest = JSON.parse(scripts[0]![2]!).manifest as Manifest;
    expect(manifest.dueDate).toBe('2027-01-15');
    expect(app.services.storage.exchange.getPackage(manifest.packageId)!.manifest.dueDate).toBe('2027-01-15');
  });

  it('says "No due date" when none was given, and the workbook names a due date given', async () => {
    const app = openApp({ now: fixedNow });
    const vendor = app.services.vendors.create(vendorInput({ name: 'Kestrel' }));
    const html = (await app.services.exchange.export(vendor.id, ['quick-triage'], 'html')).bytes.toString(
      'utf8',
    );
    expect(html).toContain('<dt>Due</dt><dd>No due date</dd>');
    expect(html).not.toContain('<dt>From</dt>');
    const xlsx = await app.services.exchange.export(vendor.id, ['quick-triage'], 'xlsx', {
      dueDate: '2027-01-15',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const lines: string[] = [];
    wb.getWorksheet('Instructions')!.eachRow((r) => void lines.push(String(r.getCell(1).value)));
    expect(lines).toContain('Answers due: 15 January 2027');
  });

  it.each([
    ['2027-02-30', /not a date/],
    ['2026-12-01', /past \(today is 2026-12-07\)/],
  ])('refuses the due date %s with a reason, making no package', async (due, reason) => {
    const app = openApp({ now: fixedNow });
    const vendor = app.services.vendors.create(vendorInput({ name: 'Kestrel' }));
    await expect(
      app.services.exchange.export(vendor.id, ['quick-triage'], 'html', { dueDate: due }),
    ).rejects.toThrow(reason);
    expect(app.services.assessments.list(vendor.id)).toEqual([]);
  });
});
