import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, runCli, tempDir } from './helpers';
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
    // Counts and states in words: "1 knockout", "2 knockouts"; the assessment's state as the app says it.
    const oneLine = all.replace(/\s+/g, ' ');
    expect(oneLine).toContain(`Red flags (${score.knockouts} knockout${score.knockouts === 1 ? '' : 's'})`);
    expect(oneLine).toMatch(/Assessment [^()]*\((in progress|submitted|closed)\)/);
    // The evidence hash and the 501-character serial are all there, wrapped over lines.
    const evidence = app.services.assessments.evidenceForVendor(vendor.id)[0]!;
    expect(all.replace(/\s+/g, '')).toContain(evidence.sha256);
    expect(all.replace(/\s+/g, '')).toContain(LONG_TOKEN);
    // Header and footer on every page: title, marking, page X of Y, generated date.
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(p).toContain('Vendor assessment — Müller Logistik GmbH');
      expect(p).toContain('CONFIDENTIAL — for internal use and the addressees only');
      expect(p).toMatch(/Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    });
    expect(fontsOf(out)).toContain('DejaVuSans');
    // The last page prints the audit trail's head: a witness `audit verify --head` checks later.
    const head = app.services.storage.audit.head();
    expect(pages.at(-1)!.replace(/\s+/g, '')).toContain(`Audittrailhead#${head.id}:${head.hash}`);
    expect(pages[0]).not.toContain('Audit trail head');
    expect((await app.services.audit.verify(NO_JOB, `#${head.id}:${head.hash}`)).ok).toBe(true);
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
      if (name === '株式会社ロジテック') {
        expect(fontsOf(out)).toContain('DroidSansFallback');
        // In the page header too, on every page.
        for (const page of pdfPages(out)) expect(page).toContain(`Vendor assessment — ${name}`);
      }
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
  it('is a short pack with the appendix on request, and shows the change since the last one', async () => {
    let now = new Date('2026-11-01T09:00:00Z');
    const app = openApp({ now: () => now, actor: 'Board Author' });
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
    expect(pages[0]).toContain('Board Author');
    expect(pages[0]).toContain('the first board pack');
    expect(pages[0]).toContain('This is the first board pack');
    const serious = summary.tiers.critical + summary.tiers.high;
    expect(serious).toBeGreaterThan(0);
    // Every critical or high vendor has an appendix page that names it near the top.
    for (const v of summary.topRisks.filter((r) => r.tier === 'critical' || r.tier === 'high'))
      expect(
        pages.some((p) =>
          p
            .split('\n')
            .filter((l) => l.trim())
            .slice(0, 4)
            .join(' ')
            .includes(v.name),
        ),
        v.name,
      ).toBe(true);
    const all = pages.join('\n');
    for (const text of [
      'Heat map',
      'Tier trend by quarter',
      'Top risks',
      'Contract gaps by clause',
      'Device posture',
    ])
      expect(all).toContain(text);
    expect(all).toContain('株式会社ロジテック');

    // A week later one vendor is offboarded: the next pack names it among those that left.
    now = new Date('2026-11-08T09:00:00Z');
    const alpha = summary.topRisks.find((v) => v.name === 'Alpha Robotics')!;
    app.services.vendors.update(alpha.id, { status: 'offboarded' });
    const second = await app.services.reports.export(
      { kind: 'board', appendix: false },
      join(dir, 'b2.pdf'),
      NO_JOB,
    );
    const text = pdfPages(join(dir, 'b2.pdf')).map((p) => p.replace(/\s+/g, ' '));
    expect(second.pages).toBeLessThan(first.pages);
    expect(text[0]).toContain('2026-11-01 to 2026-11-08 (since the previous board report)');
    expect(text[0]).toContain('Since the last report on 2026-11-01');
    expect(text[1]).toContain('Left: Alpha Robotics');
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
    const answered = await app.dispatcher.call('assessments.answerMany', {
      id: started.value.id,
      answers: answersFor(q.value, 0),
    });
    expect(answered.ok).toBe(true);
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

describe('report operations', () => {
  it('refuses to save at a path named by the page, and shows in folder only what the app saved', async () => {
    const app = openApp();
    const page = { kind: 'page', url: 'app://vendor-risk/index.html', isMainFrame: true } as const;
    const path = join(tempDir(), 'x.pdf');
    const fromPage = await app.dispatcher.dispatch('reports.save', { target: { kind: 'board' }, path }, page);
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(existsSync(path)).toBe(false);
    // Without the app (no save dialog) the page's export explains where to go instead.
    const exported = await app.dispatcher.dispatch('reports.export', { target: { kind: 'board' } }, page);
    expect(exported).toMatchObject({ ok: false, error: { message: expect.stringContaining('--out FILE') } });
    const shown = await app.dispatcher.dispatch('reports.showInFolder', { path: '/etc/passwd' }, page);
    expect(shown.ok).toBe(false);
    // With the app's save dialog (stood in for), the page's export saves where the dialog says,
    // and only that file can be shown in the folder.
    const dir = tempDir();
    const shownFiles: string[] = [];
    const desktopApp = openApp({
      desktop: {
        chooseSavePath: async (name) => join(dir, name),
        chooseOpenPath: async () => null,
        chooseOpenPaths: async () => [],
        showInFolder: (file) => void shownFiles.push(file),
      },
    });
    const saved = await desktopApp.dispatcher.dispatch('reports.export', { target: { kind: 'board' } }, page);
    expect(saved).toMatchObject({
      ok: true,
      value: { saved: true, path: expect.stringMatching(/Board pack/) },
    });
    const savedPath = (saved as { value: { path: string } }).value.path;
    expect(
      await desktopApp.dispatcher.dispatch('reports.showInFolder', { path: '/etc/passwd' }, page),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(shownFiles).toEqual([]);
    expect(
      await desktopApp.dispatcher.dispatch('reports.showInFolder', { path: savedPath }, page),
    ).toMatchObject({
      ok: true,
    });
    expect(shownFiles).toEqual([savedPath]);
    // From this process (the CLI) the same save works.
    const local = await app.dispatcher.call('reports.save', { target: { kind: 'board' }, path });
    expect(local).toMatchObject({ ok: true, value: { kind: 'board', path } });
    expect(existsSync(path)).toBe(true);
  });
});

describe('vendor-risk report', () => {
  const cli = (dataDir: string, args: string[]) =>
    runCli(dataDir, args, { VENDOR_RISK_USER: 'CLI Reporter' });

  it('saves each report, prints where and how many pages, and fails clearly', async () => {
    const app = openApp();
    await assessedVendor(app, 'Müller Logistik GmbH', 3);
    const dir = tempDir();

    const vendor = await cli(app.dataDir, [
      'report',
      'vendor',
      'müller logistik gmbh',
      '--out',
      join(dir, 'v.pdf'),
      '--json',
    ]);
    expect(vendor.code, vendor.stderr).toBe(0);
    expect(JSON.parse(vendor.stdout)).toMatchObject({ kind: 'vendor', path: join(dir, 'v.pdf') });
    expect(pdfPages(join(dir, 'v.pdf')).join('\n')).toContain('CLI Reporter');

    const board = await cli(app.dataDir, ['report', 'board', '--out', join(dir, 'b.pdf')]);
    expect(board.code).toBe(0);
    expect(board.stdout).toMatch(/^Saved the board pack with its appendix to .*b\.pdf: \d+ pages, \d+ KB\n$/);
    const short = await cli(app.dataDir, [
      'report',
      'board',
      '--out',
      join(dir, 'p.pdf'),
      '--no-appendix',
      '--json',
    ]);
    expect(short.code, short.stderr).toBe(0);
    const pack = JSON.parse(short.stdout) as { pages: number };
    expect(pack.pages).toBeLessThan(Number(/(\d+) pages/.exec(board.stdout)![1]));
    expect(pdfPages(join(dir, 'p.pdf')).join('\n')).not.toContain('APPENDIX');

    // The targets beside the key figures are a setting: set from the CLI, printed on page one.
    const target = await cli(app.dataDir, ['settings', 'set', 'target', 'averageScore', '83']);
    expect(target.code, target.stderr).toBe(0);
    expect(target.stdout).toMatch(/averageScore \(average control score\): +83\n/);
    const badTarget = await cli(app.dataDir, ['settings', 'set', 'target', 'speed', '3']);
    expect(badTarget.code).toBe(2);
    expect(badTarget.stderr).toContain('unknown figure "speed"');
    const outOfRange = await cli(app.dataDir, ['settings', 'set', 'target', 'averageScore', '130']);
    expect(outOfRange.code).toBe(2);
    await cli(app.dataDir, ['report', 'board', '--out', join(dir, 'p2.pdf'), '--no-appendix']);
    expect(pdfPages(join(dir, 'p2.pdf'))[0]!.replace(/\s+/g, ' ')).toMatch(
      /Average control score [\d.—]+ [\d.—]+ 83 /,
    );

    const noSelf = await cli(app.dataDir, ['report', 'self', '--out', join(dir, 's.pdf')]);
    expect(noSelf.code).toBe(2);
    expect(noSelf.stderr).toBe(
      'vendor-risk: there is no self-assessment yet: start one with `vendor-risk assess start --self --questionnaire self-assessment`\n',
    );

    const noOut = await cli(app.dataDir, ['report', 'board']);
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toContain('missing --out FILE.pdf');

    const unknown = await cli(app.dataDir, ['report', 'vendor', 'Nobody Inc', '--out', join(dir, 'n.pdf')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('vendor-risk: no vendor with id or name "Nobody Inc"\n');

    const badDir = await cli(app.dataDir, ['report', 'board', '--out', join(dir, 'missing', 'b.pdf')]);
    expect(badDir.code).toBe(2);
    expect(badDir.stderr).toMatch(/^vendor-risk: The folder .* does not exist\n$/);
    expect(existsSync(join(dir, 'n.pdf'))).toBe(false);
  });
});

describe('what a report may read', () => {
  it('refuses local files other than its fonts, and every URL', async () => {
    const { renderDocument } = await import('../../electron/report/render');
    const { pageFrame } = await import('../../electron/report/layout');
    const doc = (node: Record<string, unknown>) =>
      pageFrame({ title: 't', generated: 'now', content: [node] });
    await expect(renderDocument(doc({ image: '/etc/passwd' }))).rejects.toThrow(
      /Access to local file denied/,
    );
    const remote = { ...doc({ image: 'logo' }), images: { logo: 'https://example.com/logo.png' } };
    await expect(renderDocument(remote)).rejects.toThrow(/Access to URL denied/);
    await expect(renderDocument(doc({ text: HOSTILE_NAME }))).resolves.toMatchObject({ pages: 1 });
    // A chart never loads an image, even one slipped into its SVG.
    const { chart } = await import('../../electron/report/layout');
    const png = join(tempDir(), 'secret.png');
    writeFileSync(
      png,
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    const svgNode = {
      ...(chart({ width: 10, height: 10, summary: '', elements: [] }) as Record<string, unknown>),
      svg: `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="${png}" width="10" height="10"/></svg>`,
    };
    const withSvg = await renderDocument(doc(svgNode));
    expect(Buffer.from(withSvg.pdf).includes('/Subtype /Image')).toBe(false);
  });
});

describe('a report cancelled while it renders', () => {
  /** A plain document of `pages` pages, one paragraph each. */
  const pagesOf = async (pages: number) => {
    const { pageFrame } = await import('../../electron/report/layout');
    return pageFrame({
      title: 't',
      generated: 'now',
      content: Array.from({ length: pages }, (_, i) => ({
        text: `Page ${i + 1}`,
        ...(i > 0 ? { pageBreak: 'before' } : {}),
      })),
    });
  };

  it('stops while its pages are laid out, before anything is drawn', async () => {
    const { renderDocument } = await import('../../electron/report/render');
    let asked = 0;
    const shares: number[] = [];
    await expect(
      renderDocument(
        await pagesOf(30),
        (share) => shares.push(share),
        () => ++asked > 5,
      ),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    // Asked once per page laid out: it stopped at the sixth page, drawing nothing.
    expect(asked).toBe(6);
    expect(shares).toEqual([]);
  });

  it('stops while its pages are drawn, without drawing the rest', async () => {
    const { renderDocument } = await import('../../electron/report/render');
    const shares: number[] = [];
    await expect(
      renderDocument(
        await pagesOf(30),
        (share) => shares.push(share),
        () => (shares.at(-1) ?? 0) >= 0.5,
      ),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(shares.at(-1)).toBeGreaterThanOrEqual(0.5);
    expect(shares.at(-1)).toBeLessThan(0.6);
    // Not cancelled, the same document renders whole.
    await expect(renderDocument(await pagesOf(30))).resolves.toMatchObject({ pages: 30 });
  });
});
