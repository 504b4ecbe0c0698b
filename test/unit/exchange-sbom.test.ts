/**
 * SBOMs through the questionnaire exchange: a form that asks for them, a response that
 * carries them (or says they are not available), and the import that attaches each through
 * the SBOM service, refusing a malformed or oversized one alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, runCli, vendorInput } from './helpers';
import { NO_JOB } from '../../electron/services/context';
import type { Manifest } from '../../electron/domain/exchange';
import {
  MAX_SBOM_ATTACHMENT_BYTES,
  parseSbomTarget,
  ResponseSbomSchema,
} from '../../electron/domain/exchange-sbom';
import { formSbomReplies } from '../../electron/exchange/form-sbom';

const FIXTURES = join(__dirname, '../fixtures/sbom');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** The form's data block, as the vendor's browser reads it. */
function formData(html: string) {
  return JSON.parse(html.match(/<script type="application\/json" id="vr-data">(.*?)<\/script>/s)![1]!) as {
    manifest: Manifest;
    sboms: { model: string; firmware: string | null }[];
  };
}

async function setup(
  sboms = [
    { model: 'TC52', firmware: '4.5.1' },
    { model: 'ZT410', firmware: null },
  ],
) {
  const app = openApp();
  const vendor = app.services.vendors.create(vendorInput({ name: 'Example Scanners Ltd' }));
  const made = await app.services.exchange.export(vendor.id, ['quick-triage'], 'html', { sboms });
  const data = formData(made.bytes.toString('utf8'));
  const response = (replies: unknown[]) =>
    Buffer.from(
      JSON.stringify({
        format: 'vendor-risk-response/1',
        packageId: data.manifest.packageId,
        vendorId: vendor.id,
        checksum: data.manifest.checksum,
        answers: [],
        sboms: replies,
      }),
    );
  return { app, vendor, made, data, response };
}

describe('SBOMs through the exchange', () => {
  it('round trip: the form asks, the response carries an SBOM and a "not available", the import attaches and records them', async () => {
    const { app, vendor, data, response } = await setup();
    // The package and the form carry the requests.
    expect(data.sboms).toEqual([
      { model: 'TC52', firmware: '4.5.1' },
      { model: 'ZT410', firmware: null },
    ]);
    expect(data.manifest.sboms).toEqual(data.sboms);
    expect(app.services.exchange.sbomRequests(vendor.id).map((r) => r.state)).toEqual([
      'requested',
      'requested',
    ]);

    const file = response([
      {
        model: 'TC52',
        firmware: '4.5.1',
        status: 'provided',
        files: [
          { name: 'tc52-4.5.1.cdx.json', content: fixture('scanner-fw.cdx.json') },
          { name: 'tc52.vex.cdx.json', content: fixture('scanner-fw.vex.cdx.json') },
        ],
      },
      { model: 'ZT410', firmware: null, status: 'not-available', reason: 'Not produced before V3' },
    ]);
    const preview = await app.services.exchange.preview(vendor.id, 'response.json', file, NO_JOB);
    expect(
      preview.sboms.map((s) => [
        s.model,
        s.state,
        s.fileName,
        s.state === 'not-available' ? s.reason : s.summary,
      ]),
    ).toEqual([
      ['TC52', 'attach', 'tc52-4.5.1.cdx.json', 'CycloneDX 1.5 SBOM, 3 components'],
      ['TC52', 'attach', 'tc52.vex.cdx.json', expect.stringMatching(/VEX statement/)],
      ['ZT410', 'not-available', null, 'Not produced before V3'],
    ]);
    expect(app.services.storage.sboms.list(vendor.id)).toEqual([]); // nothing written by the review

    // Through the operation, as the window accepts it: attached, recorded, matched again.
    const runsBefore = app.services.storage.vulnerabilities.lastRun()?.id ?? null;
    const applied = await app.dispatcher.call('exchange.apply', { token: preview.token, accept: 'all' });
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    expect(applied.value.sboms.map((s) => [s.outcome, s.model, s.fileName])).toEqual([
      ['attached', 'TC52', 'tc52-4.5.1.cdx.json'],
      ['attached', 'TC52', 'tc52.vex.cdx.json'],
      ['not-available', 'ZT410', null],
    ]);
    const attached = app.services.sboms.list(vendor.id);
    expect(attached.map((r) => [r.kind, r.model, r.firmware, r.fileName])).toEqual(
      expect.arrayContaining([
        ['sbom', 'TC52', '4.5.1', 'tc52-4.5.1.cdx.json'],
        ['vex', null, null, 'tc52.vex.cdx.json'],
      ]),
    );
    expect(app.services.storage.vulnerabilities.lastRun()?.id ?? null).not.toBe(runsBefore);
    const requests = app.services.exchange.sbomRequests(vendor.id);
    expect(requests.map((r) => [r.model, r.state, r.detail])).toEqual([
      ['TC52', 'attached', expect.stringMatching(/CycloneDX|VEX/)],
      ['ZT410', 'not-available', 'Not produced before V3'],
    ]);
    // The exchange's audit entry names the SBOM replies (not their content).
    const audit = app.services.audit.list({
      entities: ['exchange'],
      actions: ['import'],
      limit: 1,
      offset: 0,
    });
    const after = JSON.stringify(audit.items[0]!.after);
    expect(after).toContain('Not produced before V3');
    expect(after).not.toContain('linux-kernel');
  });

  it('hostile attachments: too large, not an SBOM, a name holding a script; each refused alone, the rest imports', async () => {
    const { app, vendor, response } = await setup([
      { model: 'TC52', firmware: '4.5.1' },
      { model: 'ZT410', firmware: null },
    ]);
    const huge = `{"bomFormat":"CycloneDX","specVersion":"1.5","components":[],"x":"${'a'.repeat(MAX_SBOM_ATTACHMENT_BYTES)}"}`;
    const file = response([
      {
        model: 'TC52',
        firmware: '4.5.1',
        status: 'provided',
        files: [
          { name: '<img src=x onerror=alert(1)>.json', content: fixture('scanner-fw.cdx.json') },
          { name: '../../etc/huge.cdx.json', content: huge },
          { name: 'report.json', content: '{"title":"not an sbom"}' },
          { name: 'broken.json', content: '{"bomFormat":"CycloneDX",' },
        ],
      },
      { model: 'Never asked', firmware: '1.0', status: 'not-available', reason: 'x' },
    ]);
    const preview = await app.services.exchange.preview(vendor.id, 'r.json', file, NO_JOB);
    expect(preview.sboms.map((s) => [s.fileName, s.state])).toEqual([
      ['<img src=x onerror=alert(1)>.json', 'attach'],
      ['huge.cdx.json', 'invalid'],
      ['report.json', 'invalid'],
      ['broken.json', 'invalid'],
      [null, 'missing'],
    ]);
    expect(preview.sboms[1]!.problem).toBe(
      'huge.cdx.json cannot be imported: the file is larger than 25 MB.',
    );
    expect(preview.sboms[2]!.problem).toMatch(/^report\.json cannot be imported: Not an SBOM or VEX file/);
    expect(preview.sboms[3]!.problem).toMatch(/^broken\.json cannot be imported: /);
    expect(preview.problems).toContain(
      'SBOM for Never asked @ 1.0: this package did not ask for it; left out',
    );

    const applied = app.services.exchange.apply(preview.token, 'all');
    expect(applied.sboms.map((s) => s.outcome)).toEqual(['attached', 'refused', 'refused', 'refused']);
    expect(app.services.sboms.list(vendor.id).map((r) => r.fileName)).toEqual([
      '<img src=x onerror=alert(1)>.json',
    ]);
    // The CLI prints the name as text, and the request list shows the attached file.
    const listed = await runCli(app.dataDir, ['exchange', 'sboms', 'Example Scanners Ltd']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('<img src=x onerror=alert(1)>.json');
    expect(listed.stdout).toMatch(/ZT410\s+any\s+\S+\s+requested/);
  });

  it('a requested model named with HTML reaches the form as data only, and a workbook cannot ask for SBOMs', async () => {
    const app = openApp();
    const vendor = app.services.vendors.create(vendorInput({ name: 'Kestrel' }));
    const made = await app.services.exchange.export(vendor.id, ['quick-triage'], 'html', {
      sboms: [{ model: '<img src=x onerror=alert(1)>', firmware: '</script><b>1</b>' }],
    });
    const html = made.bytes.toString('utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('</script><b>');
    expect(formData(html).sboms[0]!.model).toBe('<img src=x onerror=alert(1)>');
    await expect(
      app.services.exchange.export(vendor.id, ['quick-triage'], 'xlsx', {
        sboms: [{ model: 'A', firmware: null }],
      }),
    ).rejects.toThrow(/form \(\.html\) only/);
  });

  it('the form’s replies, run as text on their own as the form carries them, are what the import reads', () => {
    const replies = new Function(`return (${formSbomReplies.toString()});`)() as typeof formSbomReplies;
    const state = (over: object) => ({ files: [], notAvailable: false, reason: '', error: '', ...over });
    const out = replies(
      [
        { model: 'TC52', firmware: '4.5.1' },
        { model: 'ZT410', firmware: null },
        { model: 'Open', firmware: null },
      ],
      [
        state({ files: [{ name: 'a.json', content: '{}', kind: 'CycloneDX SBOM', size: 2 }] }),
        state({ notAvailable: true, reason: '  Not produced  ' }),
        state({}),
      ],
    );
    expect(out.map((r) => ResponseSbomSchema.parse(r))).toEqual([
      {
        model: 'TC52',
        firmware: '4.5.1',
        status: 'provided',
        reason: '',
        files: [{ name: 'a.json', content: '{}' }],
      },
      { model: 'ZT410', firmware: null, status: 'not-available', reason: 'Not produced', files: [] },
    ]);
  });

  it('reads "MODEL@FIRMWARE" as the CLI gives it', () => {
    expect(parseSbomTarget('TC52@4.5.1')).toEqual({ model: 'TC52', firmware: '4.5.1' });
    expect(parseSbomTarget('Cam@Home@V2 SP1')).toEqual({ model: 'Cam@Home', firmware: 'V2 SP1' });
    expect(parseSbomTarget(' ZT410 ')).toEqual({ model: 'ZT410', firmware: null });
    expect(parseSbomTarget('ZT410@')).toEqual({ model: 'ZT410', firmware: null });
    expect(parseSbomTarget('@4.5')).toBeNull();
  });

  it('the CLI asks for SBOMs with --sbom and refuses them with a workbook', async () => {
    const app = openApp();
    app.services.vendors.create(vendorInput({ name: 'Kestrel' }));
    const out = join(app.dataDir, 'k.html');
    const made = await runCli(app.dataDir, [
      'exchange',
      'export',
      'Kestrel',
      '--questionnaire',
      'quick-triage',
      '--format',
      'html',
      '--sbom',
      'TC52@4.5.1',
      '--sbom',
      'ZT410',
      '--out',
      out,
    ]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('it asks for 2 SBOMs');
    expect(formData(readFileSync(out, 'utf8')).sboms).toHaveLength(2);
    const refused = await runCli(app.dataDir, [
      'exchange',
      'export',
      'Kestrel',
      '--questionnaire',
      'quick-triage',
      '--sbom',
      'TC52@4.5.1',
      '--out',
      join(app.dataDir, 'k.xlsx'),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--sbom needs --format html/);
  });
});
