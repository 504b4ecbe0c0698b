import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, tempDir } from './helpers';
import { assessedVendor, HOSTILE_NAME, LONG_TOKEN, NAMES } from './report-fixture';
import { NO_JOB } from '../../electron/services/context';

/** The PDF's text as poppler extracts it, one string per page (zero-width break hints removed). */
function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text
    .replace(/\u200b/g, '')
    .split('\f')
    .filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
}

function fontsOf(file: string): string {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

describe('vendor assessment report', () => {
  it('has the cover, summary, flags, domains, clauses, evidence hashes and every answer, with page numbers', async () => {
    const app = openApp({ actor: 'Priya Auditor' });
    const { vendor } = await assessedVendor(app, 'Müller Logistik GmbH', 1, { note: `Serial ${LONG_TOKEN}` });
    const out = join(tempDir(), 'vendor.pdf');
    const result = await app.services.reports.export({ kind: 'vendor', vendorId: vendor.id }, out, NO_JOB);
    expect(result.pages).toBeGreaterThanOrEqual(3);
    const pages = pdfPages(out);
    expect(pages).toHaveLength(result.pages);
    const all = pages.join('\n');
    const score = app.services.scores.vendor(vendor.id);
    for (const text of [
      'Müller Logistik GmbH',
      'Priya Auditor',
      'Quick triage, version 1.0.0',
      'Executive summary',
      String(Math.round(score.score!)),
      'Approved with conditions',
      'Enable MFA for every admin',
      'Red flags',
      'Scores by domain',
      'Breach notification',
      '96 h is more than our position',
      'Negotiating',
      'soc2-1.pdf',
      'CONFIDENTIAL',
      'Appendix',
    ])
      expect(all, text).toContain(text);
    expect(score.flags.length).toBeGreaterThan(0);
    for (const flag of score.flags) expect(all.replace(/\s+/g, ' ')).toContain(flag.message.slice(0, 40));
    // The evidence hash and the 501-character serial are all there, wrapped over lines.
    const evidence = app.services.assessments.evidenceForVendor(vendor.id)[0]!;
    expect(all.replace(/\s+/g, '')).toContain(evidence.sha256);
    expect(all.replace(/\s+/g, '')).toContain(LONG_TOKEN);
    pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${pages.length}`));
    expect(fontsOf(out)).toContain('DejaVuSans');
  });

  it('renders non-Latin and hostile names as text, in the right fonts, reading nothing from disk', async () => {
    const app = openApp();
    const dir = tempDir();
    for (const [i, name] of NAMES.entries()) {
      const { vendor } = await assessedVendor(app, name, i);
      const out = join(dir, `v${i}.pdf`);
      await app.services.reports.export({ kind: 'vendor', vendorId: vendor.id }, out, NO_JOB);
      const pdf = readFileSync(out);
      const text = pdfPages(out).join('\n');
      if (name === 'שילוח מהיר' || name === 'شركة النقل') {
        // Right-to-left words come out whole; poppler may give the two words in either order.
        for (const word of name.split(' ')) expect(text).toContain(word);
      } else {
        expect(text).toContain(name);
      }
      if (name === '株式会社ロジテック') expect(fontsOf(out)).toContain('DroidSansFallback');
      // Nothing was fetched or embedded from the hostile name: no image, no passwd content.
      expect(pdf.includes('/Subtype /Image')).toBe(false);
      expect(pdf.includes('root:x:0:0')).toBe(false);
    }
    expect(NAMES).toContain(HOSTILE_NAME);
  });

  it('leaves no file behind when cancelled, and refuses a folder that does not exist', async () => {
    const app = openApp();
    const { vendor } = await assessedVendor(app, 'Cancel Me Ltd', 2);
    const dir = tempDir();
    const controller = new AbortController();
    controller.abort();
    const job = { signal: controller.signal, progress: () => {} };
    await expect(
      app.services.reports.export({ kind: 'vendor', vendorId: vendor.id }, join(dir, 'x.pdf'), job),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(readdirSync(dir)).toEqual([]);
    await expect(
      app.services.reports.export({ kind: 'vendor', vendorId: vendor.id }, join(dir, 'no', 'x.pdf'), NO_JOB),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('board report', () => {
  it('summarises the portfolio, gives every critical or high vendor a page, and shows the change since the last one', async () => {
    let now = new Date('2026-11-01T09:00:00Z');
    const app = openApp({ now: () => now });
    const names = ['Alpha Robotics', 'Beta Freight', 'Gamma Sensors', '株式会社ロジテック'];
    for (const [i, name] of names.entries()) await assessedVendor(app, name, i);
    app.services.vendors.create({
      name: 'Unassessed Co',
      category: 'other',
      services: '',
      dataTouched: [],
      criticality: 'low',
      owner: '',
      status: 'active',
      tags: [],
      notes: '',
    });
    const dir = tempDir();
    const first = await app.services.reports.export({ kind: 'board' }, join(dir, 'b1.pdf'), NO_JOB);
    const summary = app.services.portfolio.summary();
    const pages = pdfPages(join(dir, 'b1.pdf'));
    expect(pages).toHaveLength(first.pages);
    expect(pages[0]).toContain('Vendor risk portfolio');
    expect(pages[0]).toContain('This is the first board report');
    expect(pages[0]).toContain('Top risks');
    const serious = summary.topRisks.filter((v) => v.tier === 'critical' || v.tier === 'high');
    expect(serious.length).toBeGreaterThan(0);
    // Every critical or high vendor has a page that starts with its name.
    for (const v of serious)
      expect(
        pages.some((p) =>
          p
            .split('\n')
            .filter((l) => l.trim())
            .slice(0, 3)
            .join(' ')
            .includes(v.name),
        ),
        v.name,
      ).toBe(true);
    expect(first.pages).toBeGreaterThanOrEqual(2 + serious.length);
    expect(first.pages).toBeLessThanOrEqual(6 + serious.length);
    const all = pages.join('\n');
    for (const text of [
      'Tier distribution',
      'Open knockouts',
      'Overdue reassessments',
      'Expiring evidence',
      'Contract clause gaps',
      'Device posture',
    ])
      expect(all).toContain(text);

    // A week later one vendor is offboarded: the next report shows the change and a trend.
    now = new Date('2026-11-08T09:00:00Z');
    const alpha = summary.topRisks.find((v) => v.name === 'Alpha Robotics')!;
    app.services.vendors.update(alpha.id, { status: 'offboarded' });
    await app.services.reports.export({ kind: 'board' }, join(dir, 'b2.pdf'), NO_JOB);
    const second = pdfPages(join(dir, 'b2.pdf'));
    expect(second[0]).toContain('Change since the last board report (2026-11-01');
    expect(second[0]).toMatch(/−1\)/);
    expect(second.join('\n')).toContain('Vendors by tier at each board report');
    expect(existsSync(join(dir, 'b1.pdf'))).toBe(true);
  });
});

describe('self-assessment report', () => {
  it('shows maturity by area and the roadmap, quick wins first', async () => {
    const app = openApp();
    const started = await app.dispatcher.call('assessments.start', {
      vendorId: null,
      questionnaireIds: ['self-assessment'],
    });
    if (!started.ok) throw new Error(started.error.message);
    const q = await app.dispatcher.call('questionnaires.get', { id: 'self-assessment' });
    if (!q.ok) throw new Error(q.error.message);
    const { answersFor } = await import('./report-fixture');
    await app.dispatcher.call('assessments.answerMany', {
      id: started.value.id,
      answers: answersFor(q.value, 0),
    });
    const out = join(tempDir(), 'self.pdf');
    const result = await app.services.reports.export(
      { kind: 'self', assessmentId: started.value.id },
      out,
      NO_JOB,
    );
    const text = pdfPages(out).join('\n');
    const self = app.services.scores.selfResult(started.value.id);
    expect(text).toContain('Maturity by area');
    for (const m of self.maturity) expect(text).toContain(m.area);
    expect(self.roadmap.length).toBeGreaterThan(0);
    const quick = self.roadmap.find((r) => r.phase === 'quick-win');
    const project = self.roadmap.find((r) => r.phase === 'project');
    if (quick && project) expect(text.indexOf('Quick wins')).toBeLessThan(text.indexOf('Projects'));
    expect(text.replace(/\s+/g, ' ')).toContain(self.roadmap[0]!.control.slice(0, 30));
    expect(result.pages).toBeGreaterThanOrEqual(1);
  });
});
