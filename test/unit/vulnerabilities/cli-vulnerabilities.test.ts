import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openApp, runCli } from '../helpers';
import { createVulnerabilityService } from '../../../electron/services/vulnerabilities';
import { loadVulnerabilitySources } from '../../../electron/services/vulnerability-sources';
import { fixtureSources, INVENTORY } from './match-fixture';

/**
 * A data folder with the fixture inventory, Siemens linked by the CLI, and the matches of
 * the fixture sources stored (this branch has no advisory importer: the run is made here).
 */
async function folder() {
  // A data folder an app has opened: on the team suite, the CLI then runs on its team database.
  const { dataDir } = openApp();
  expect(
    (await runCli(dataDir, ['vendors', 'add', '--name', 'Siemens AG', '--category', 'robotics-iot'])).code,
  ).toBe(0);
  expect((await runCli(dataDir, ['devices', 'import', INVENTORY, '--source', 'floor'])).code).toBe(0);
  return dataDir;
}

function storeMatches(dataDir: string) {
  const app = openApp({ dataDir });
  const siemens = { id: app.services.storage.devices.links()[0]!.vendorId };
  const matcher = createVulnerabilityService(
    { storage: app.services.storage, actor: () => 'Unit Tester', now: () => new Date(), newId: randomUUID },
    {
      inputs: (c) => {
        const sources = fixtureSources();
        for (const v of sources.vex) v.vendorId = siemens.id;
        sources.sboms = [];
        return { ...loadVulnerabilitySources(c), sources };
      },
    },
  );
  return matcher.rematch();
}

describe('vendor-risk devices link / links / vulnerabilities', () => {
  it('links manufacturers to a vendor and lists the links', async () => {
    const dataDir = await folder();
    const none = await runCli(dataDir, ['devices', 'links']);
    expect(none).toMatchObject({ code: 0 });
    expect(none.stdout).toContain('No manufacturer is linked to a vendor yet');
    const linked = await runCli(dataDir, ['devices', 'link', 'Siemens', 'Siemens AG']);
    expect(linked).toMatchObject({ code: 0, stdout: 'Linked manufacturer Siemens to Siemens AG.\n' });
    await runCli(dataDir, ['devices', 'link', 'Siemens AG', 'siemens ag']);
    const json = await runCli(dataDir, ['devices', 'links', '--json']);
    expect(
      JSON.parse(json.stdout).map((l: { manufacturer: string; vendorName: string }) => [
        l.manufacturer,
        l.vendorName,
      ]),
    ).toEqual([
      ['Siemens', 'Siemens AG'],
      ['Siemens AG', 'Siemens AG'],
    ]);
    const text = await runCli(dataDir, ['devices', 'links']);
    expect(text.stdout).toMatch(/^MANUFACTURER\s+VENDOR\s+VENDOR ID\nSiemens\s+Siemens AG\s+[0-9a-f-]{36}\n/);
  });

  it('refuses a missing argument (exit 1) and an unknown vendor (exit 2) with one line', async () => {
    const dataDir = await folder();
    const usage = await runCli(dataDir, ['devices', 'link', 'Siemens']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/missing VENDOR/);
    const unknown = await runCli(dataDir, ['devices', 'link', 'Siemens', 'Nobody GmbH']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('no vendor with id or name "Nobody GmbH"');
    const vuln = await runCli(dataDir, ['devices', 'vulnerabilities', '--vendor', 'Nobody GmbH']);
    expect(vuln.code).toBe(2);
  });

  it('prints one row per device and CVE with confidence, KEV and VEX, and the vendor’s knockout', async () => {
    const dataDir = await folder();
    await runCli(dataDir, ['devices', 'link', 'Siemens', 'Siemens AG']);
    await runCli(dataDir, ['devices', 'link', 'Siemens AG', 'Siemens AG']);
    // Without advisories in this branch the app's own run finds nothing, and says so.
    const empty = await runCli(dataDir, ['devices', 'vulnerabilities']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(
      /^Matched 18 devices against 0 advisories and 0 KEV entries on .*: 0 matches, 0 devices running KEV-listed firmware\.\n$/,
    );
    storeMatches(dataDir);

    const kev = await runCli(dataDir, ['devices', 'vulnerabilities', '--kev', '--json']);
    expect(kev.code).toBe(0);
    const out = JSON.parse(kev.stdout) as {
      kevDevices: number;
      rows: { deviceId: string; cve: string; confidence: string; inKev: boolean; why: string[] }[];
    };
    expect(out.kevDevices).toBe(4);
    expect(out.rows.every((r) => r.inKev)).toBe(true);
    const below = out.rows.find((r) => r.deviceId === 'LPE-BELOW')!;
    expect(below).toMatchObject({ cve: 'CVE-2021-4034', confidence: 'exact' });
    expect(below.why).toContain('firmware V1.9.9 in "< V2.0"');
    expect(out.rows.find((r) => r.deviceId === 'LPE-NOFW')?.confidence).toBe('version-unknown');

    const vendor = await runCli(dataDir, ['devices', 'vulnerabilities', '--vendor', 'Siemens AG']);
    expect(vendor.code).toBe(0);
    const lines = vendor.stdout.split('\n');
    expect(lines[2]).toMatch(/^DEVICE\s+CVE\s+CONFIDENCE\s+KEV\s+CVSS\s+FIX\s+VEX\s+ADVISORY$/);
    expect(lines.find((l) => l.startsWith('floor/LPE-BELOW ') && l.includes('CVE-2021-4034'))).toMatch(
      /exact\s+yes \(2022-06-27\)\s+7\.8\s+V2\.0\s+ICSA-22-167-16/,
    );
    expect(lines.find((l) => l.startsWith('floor/EDGE-NEW ') && l.includes('CVE-2099-0002'))).toMatch(
      /suppressed/,
    );
    expect(vendor.stdout).toContain(
      'Knockout: Devices: 2 active devices run firmware with a known exploited vulnerability — CVE-2021-4034 (in KEV since 2022-06-27): a fix exists (V2.0) since 2022-06-16',
    );
    expect(vendor.stdout).toContain('Oldest advisory still open: ICSA-22-167-16 of 2022-06-16');
  });

  it('names the promises the record contradicts for a vendor, in words and in --json', async () => {
    const dataDir = await folder();
    await runCli(dataDir, ['devices', 'link', 'Siemens', 'Siemens AG']);
    await runCli(dataDir, ['devices', 'link', 'Siemens AG', 'Siemens AG']);
    storeMatches(dataDir);
    const app = openApp({ dataDir });
    // The views read the advisories stored (the matches above were made from the fixture's).
    for (const a of fixtureSources().advisories)
      app.services.storage.advisories.put(
        a,
        { vendors: [], products: a.products.length, cves: [], highestCvss: null },
        '2026-01-01T00:00:00Z',
        'Unit Tester',
      );
    const siemens = app.services.storage.devices.links()[0]!.vendorId;
    app.services.clauses.set({
      vendorId: siemens,
      clauseId: 'critical-patch-time',
      status: 'agreed',
      value: { type: 'days', value: 14 },
      reference: { document: 'Master services agreement', section: '', page: '' },
      waiver: null,
    });
    const text = await runCli(dataDir, ['devices', 'vulnerabilities', '--vendor', 'Siemens AG']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Promises the record contradicts:');
    expect(text.stdout).toMatch(
      /- Contract: critical patches within 14 days; CVE-2021-4034 fixed in V2\.0 on 2022-06-16, 0 days after the advisory; 2 of our devices still on V1\.9\.9(, \S+)* after \d+ days\./,
    );
    const json = await runCli(dataDir, ['devices', 'vulnerabilities', '--vendor', 'Siemens AG', '--json']);
    const contradictions = JSON.parse(json.stdout).vendor.contradictions as { source: string; cve: string }[];
    expect(contradictions.some((c) => c.source === 'contract' && c.cve === 'CVE-2021-4034')).toBe(true);
  });
});
