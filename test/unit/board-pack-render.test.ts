import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, tempDir } from './helpers';
import { NO_JOB } from '../../electron/services/context';
import { KEY_FIGURE_INFO, KEY_FIGURES } from '../../electron/domain/board-targets';

/** The PDF's text as poppler extracts it, one string per page (zero-width break hints removed). */
function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text
    .replace(/\u200b/g, '')
    .split('\f')
    .filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
}

/** Where the pages are drawn as PNG, to be looked at. */
const PICTURES = join(__dirname, '..', '..', 'test-results', 'board-pack');

/** Draws every page of a PDF as PNG at 60 dpi under test-results/board-pack/<name>-N.png. */
function drawPages(file: string, name: string): string[] {
  mkdirSync(PICTURES, { recursive: true });
  for (const f of readdirSync(PICTURES)) if (f.startsWith(`${name}-`)) rmSync(join(PICTURES, f));
  execFileSync('pdftoppm', ['-r', '60', '-png', file, join(PICTURES, name)]);
  return readdirSync(PICTURES).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
}

describe('board pack from the sample warehouse', () => {
  it('says what matters on page one, fits the pack in 4–6 pages, and adds the appendix on request', async () => {
    const app = openApp({ actor: 'Dana Reporter' });
    const loaded = await app.dispatcher.call('demo.load', {});
    expect(loaded.ok).toBe(true);
    app.services.organisation.setCompany('Nordhafen Logistics GmbH');
    const dir = tempDir();

    const packFile = join(dir, 'pack.pdf');
    const saved = await app.dispatcher.call('reports.save', {
      target: { kind: 'board', appendix: false },
      path: packFile,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(drawPages(packFile, 'pack')).toHaveLength(saved.value.pages);
    expect(saved.value.pages).toBeGreaterThanOrEqual(4);
    expect(saved.value.pages).toBeLessThanOrEqual(6);
    const pages = pdfPages(packFile);
    expect(pages).toHaveLength(saved.value.pages);
    const one = pages[0]!.replace(/\s+/g, ' ');
    for (const text of [
      'Nordhafen Logistics GmbH',
      'Period',
      'since the previous board report',
      'Prepared by',
      'Dana Reporter',
      'Headline',
      'The largest risk is',
      'Decisions the board is asked for',
      'Risk acceptance',
      'Key figures',
      'Last report',
      'Target',
      'higher is better',
      'higher is worse',
    ])
      expect(one, text).toContain(text);
    for (const id of KEY_FIGURES) expect(one, id).toContain(KEY_FIGURE_INFO[id].label);
    const two = pages[1]!.replace(/\s+/g, ' ');
    for (const text of [
      'Heat map',
      'No score yet',
      'Tier trend by quarter',
      'Changes since the last report',
      'Tier moves',
    ])
      expect(two, text).toContain(text);
    const all = pages.join('\n').replace(/\s+/g, ' ');
    for (const text of [
      'Top risks',
      'Next action',
      'Open knockouts by theme',
      'Contract gaps by clause',
      'Coverage against policy',
      'Device posture by maker',
      'On exploited firmware',
    ])
      expect(all, text).toContain(text);
    // Every decision asked is set out in full (those page one has no room for after the
    // lists): each condition past due with its text, each vendor asked about by name.
    const summary = app.services.portfolio.summary();
    expect(summary.conditionsPastDue.length).toBeGreaterThan(0);
    for (const c of summary.conditionsPastDue) {
      expect(all, c.text).toContain(`“${c.text}”`);
      expect(all, c.vendorName).toContain(c.vendorName);
    }
    // Devices whose maker is linked to no vendor are counted: all devices less those linked.
    const listed = await app.dispatcher.call('vendors.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    // Both averages are over the same vendors: a tier and a final score.
    const final = listed.value.items.filter(
      (v) =>
        v.status !== 'offboarded' &&
        v.standing &&
        v.standing.tier !== null &&
        v.standing.tier !== 'unassessed' &&
        v.standing.score !== null &&
        !v.standing.provisional,
    );
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
    expect(one).toContain(`Average control score ${mean(final.map((v) => v.standing!.score!))}`);
    expect(one).toContain(`Average residual risk ${mean(final.map((v) => v.standing!.residual))}`);
    const linked = listed.value.items.reduce((n, v) => n + app.services.devices.findings(v.id).devices, 0);
    const unlinked = app.services.devices.findings(null).devices - linked;
    expect(unlinked).toBeGreaterThan(0);
    expect(all).toMatch(new RegExp(`Maker not linked to a vendor ${unlinked} \\d+ \\d+ —`));
    // A tier move says which way it went, both ways.
    expect(two).toMatch(/→ (High|Critical) \(worse\)/);
    expect(two).toMatch(/→ (Medium|Low) \(better\)/);
    // Never sends a board member to an app they do not have; never prints an internal id.
    expect(all).not.toMatch(/open the app|the app lists/i);
    // The audit trail's head is on the last page's footer only.
    const head = app.services.storage.audit.head();
    expect(pages.at(-1)!.replace(/\s+/g, '')).toContain(`Audittrailhead#${head.id}`);
    expect(pages[0]).not.toContain('Audit trail head');

    const fullFile = join(dir, 'full.pdf');
    const full = await app.services.reports.export({ kind: 'board' }, fullFile, NO_JOB);
    const fullPages = pdfPages(fullFile);
    expect(drawPages(fullFile, 'full')).toHaveLength(full.pages);
    const serious = summary.topRisks.filter((v) => v.tier === 'critical' || v.tier === 'high');
    expect(full.pages).toBeGreaterThan(saved.value.pages);
    const appendix = fullPages.slice(saved.value.pages).join('\n').replace(/\s+/g, ' ');
    expect(appendix).toContain('APPENDIX: CRITICAL AND HIGH VENDORS');
    // One page per critical or high vendor: the appendix starts after the pack.
    expect(full.pages).toBe(saved.value.pages + summary.tiers.critical + summary.tiers.high);
    expect(appendix).toContain('Owner');
    // Labels as the app shows them, not stored values.
    expect(appendix).toMatch(/Criticality (Critical|High|Medium|Low) /);
    expect(appendix).not.toMatch(/Criticality (critical|high|medium|low) /);
    // A vendor with no contract recorded has no gaps counted, as page five counts them.
    expect(appendix).toContain('Contract clause gaps No contract recorded');
    expect(appendix).toMatch(/Contract clause gaps \d+/);
    expect(appendix).toContain('How to read this page');
    expect(appendix).toContain('Question asked');
    expect(appendix).toContain('Answer given');
    for (const v of serious) expect(appendix, v.name).toContain(v.name);
  }, 120_000);

  it('says so plainly when there is nothing to report yet', async () => {
    const app = openApp();
    const file = join(tempDir(), 'empty.pdf');
    const saved = await app.services.reports.export({ kind: 'board' }, file, NO_JOB);
    const pages = pdfPages(file).map((p) => p.replace(/\s+/g, ' '));
    expect(saved.pages).toBeGreaterThanOrEqual(4);
    expect(saved.pages).toBeLessThanOrEqual(6);
    expect(pages[0]).toContain('the first board pack');
    expect(pages[0]).toContain('No vendor has been assessed yet');
    expect(pages[0]).toContain('No decision is asked of the board this time');
    expect(pages.join(' ')).toContain('No device inventory imported');
    expect(pages.join(' ')).toContain('No vendor is in the critical or high tier');
    expect(drawPages(file, 'empty')).toHaveLength(saved.pages);
  });
});
