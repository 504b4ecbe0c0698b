import { describe, expect, it } from 'vitest';
import { matchDevices } from '../../../electron/domain/vulnerabilities/match';
import type { DeviceVulnerabilityRow } from '../../../electron/domain/vulnerabilities/match-api';
import { fixtureSources, inventoryDevices } from './match-fixture';
import { join } from 'node:path';
import type { MatchDevice } from '../../../electron/domain/vulnerabilities/match-api';
import { nameVariants } from '../../../electron/domain/vulnerabilities/match-index';
import { FIELD, readCsaf } from './read-csaf';

const result = matchDevices(inventoryDevices(), fixtureSources());
const of = (deviceId: string) => result.rows.filter((r) => r.deviceId === deviceId);
const one = (deviceId: string, cve: string): DeviceVulnerabilityRow => {
  const found = of(deviceId).filter((r) => r.cve === cve);
  expect(found, `${deviceId} ${cve}`).toHaveLength(1);
  return found[0]!;
};
const cves = (deviceId: string) =>
  of(deviceId)
    .map((r) => r.cve)
    .sort();

describe('matching the inventory against the example advisories', () => {
  it('matches firmware just below a range and not at or above its bound', () => {
    const below = one('LPE-BELOW', 'CVE-2021-4034');
    expect(below).toMatchObject({
      advisoryId: 'ICSA-22-167-16',
      confidence: 'exact',
      via: 'inventory',
      inKev: true,
      kevDateAdded: '2022-06-27',
      fixedVersion: 'V2.0',
      fixDate: '2022-06-16',
      suppressedBy: null,
      active: true,
      vendorId: 'v-siemens',
    });
    expect(below.why).toEqual([
      'manufacturer "Siemens AG" ~ vendor "Siemens" (ICSA-22-167-16)',
      'model "SCALANCE LPE9403" is "SCALANCE LPE9403"',
      'firmware V1.9.9 in "< V2.0"',
      'CVE-2021-4034 is in CISA KEV since 2022-06-27',
    ]);
    expect(below.fix).toMatch(/^Vendor fix V2.0: Update to V2.0 or later version \(https:/);
    expect(cves('LPE-AT')).toEqual([]);
    expect(cves('LPE-ABOVE')).toEqual([]);
    expect(one('EDGE-OLD', 'CVE-2021-4034').confidence).toBe('exact');
    expect(of('EDGE-NEW').map((r) => r.advisoryId)).not.toContain('ICSA-22-167-16');
  });

  it('matches a device without firmware as version unknown, never as not affected', () => {
    const r = one('LPE-NOFW', 'CVE-2021-4034');
    expect(r.confidence).toBe('version-unknown');
    expect(r.why).toContain('no firmware version recorded: version unknown');
    // "All versions" still needs a firmware to be sure.
    expect(of('ML-1100').map((x) => [x.cve, x.confidence])).toEqual([
      ['CVE-2022-46670', 'version-unknown'],
      ['CVE-2022-3166', 'version-unknown'],
    ]);
  });

  it('reads ranges of two bounds, brands and legal suffixes', () => {
    expect(one('UC-IN', 'CVE-2023-1257').confidence).toBe('exact');
    expect(cves('UC-OUT')).toEqual([]);
    // UC-8100 1.1: just below its range (1.2–1.3); the UC-8100A-ME-T's range is another product's.
    expect(cves('UC-LOW')).toEqual([]);
    // Allen-Bradley is Rockwell Automation; 21.007 is the last affected, 21.008 is not.
    expect(cves('ML-1400B')).toEqual(['CVE-2022-3166', 'CVE-2022-46670']);
    expect(cves('ML-1400B-NEW')).toEqual([]);
    expect(one('ZEBRA-1', 'CVE-2023-4957')).toMatchObject({ confidence: 'exact', fixedVersion: null });
    expect(one('ZEBRA-1', 'CVE-2023-4957').fix).toMatch(/^Mitigation: Zebra printers running Link-OS/);
    expect(one('ZEBRA-1', 'CVE-2023-4957').why[1]).toBe('model "ZT410" is "ZTC Industrial ZT410"');
    expect(cves('OTHER-1')).toEqual([]);
  });

  it('gives a fuzzy name only where no product name matches', () => {
    expect(one('HW-CT60', 'CVE-2018-14825').confidence).toBe('exact');
    expect(cves('HW-CT60-81')).toEqual([]);
    const fuzzy = one('FUZZY-CT60', 'CVE-2018-14825');
    expect(fuzzy.confidence).toBe('fuzzy-name');
    expect(fuzzy.why[1]).toBe('model "CT60 XP" shares "CT60" with "CT60 running Android OS" (fuzzy name)');
  });

  it('gives a device the remediation whose words name its product, never another product’s fixed version', () => {
    // Honeywell lists every remediation for all 17 products; each one's words say whose it is.
    const ct60 = one('HW-CT60', 'CVE-2018-14825');
    expect(ct60.fix).toMatch(
      /^Mitigation: CT60 running Android OS 7\.1 - \(GMS version\) Upgrade to Android OS release 84\.00\.11/,
    );
    expect(ct60.fixedVersion).toBeNull();
    expect(ct60.fix).not.toContain('CT50');
  });

  it('honours fixed and known-not-affected statuses', () => {
    // TEST-FIXED says V1.9.9 is fixed for CVE-2099-0001; the device without firmware stays unknown.
    expect(cves('LPE-BELOW')).not.toContain('CVE-2099-0001');
    expect(one('LPE-NOFW', 'CVE-2099-0001').confidence).toBe('version-unknown');
    // TEST-CRITICAL: V3.2.9 is known not affected by CVE-2099-0004.
    expect(cves('EDGE-OLD')).not.toContain('CVE-2099-0004');
    expect(one('EDGE-NEW', 'CVE-2099-0004').confidence).toBe('exact');
  });

  it('applies VEX last: the statement suppresses the match and says why', () => {
    expect(one('EDGE-OLD', 'CVE-2099-0002').suppressedBy).toBeNull();
    expect(one('EDGE-NEW', 'CVE-2099-0002').suppressedBy).toBe(
      'OpenVEX not_affected (vulnerable_code_not_in_execute_path) on 2024-02-01 — The web server is not shipped on V3.3.0.',
    );
    expect(result.suppressed).toBe(1);
  });

  it('matches the components of the SBOM of a device’s model and firmware', () => {
    const r = one('UC-IN', 'CVE-2099-0003');
    expect(r).toMatchObject({ via: 'sbom', confidence: 'exact', cvss: 9.8 });
    expect(r.why[0]).toBe(
      'SBOM of UC-8540 1.2: component openssl 1.1.1k by purl pkg:generic/openssl@1.1.1k ~ "openssl vers:generic/>=1.1.1|<1.1.1l" (TEST-OPENSSL)',
    );
    expect(cves('UC-OUT')).not.toContain('CVE-2099-0003');
  });

  it('suppresses an SBOM match by a VEX statement on the component', () => {
    const sources = fixtureSources();
    sources.vex.push({
      vendorId: 'v-moxa',
      statement: {
        format: 'cyclonedx',
        cve: 'CVE-2099-0003',
        status: 'not_affected',
        justification: 'code_not_reachable',
        detail: null,
        products: [{ purl: 'pkg:generic/openssl@1.1.1k', cpe: null, name: null, version: null }],
        date: null,
      },
    });
    const r = matchDevices(inventoryDevices(), sources).rows.find(
      (x) => x.deviceId === 'UC-IN' && x.cve === 'CVE-2099-0003',
    );
    expect(r?.suppressedBy).toBe('CycloneDX VEX not_affected (code_not_reachable)');
  });

  it('takes "fixed" to cover only the version it names: without one it hides nothing', () => {
    const fixedBy = (product: { name: string; version: string | null }) => {
      const sources = fixtureSources();
      sources.vex = [
        {
          vendorId: 'v-siemens',
          statement: {
            format: 'openvex',
            cve: 'CVE-2099-0002',
            status: 'fixed',
            justification: null,
            detail: null,
            products: [{ purl: null, cpe: null, ...product }],
            date: '2024-05-01',
          },
        },
      ];
      const rows = matchDevices(inventoryDevices(), sources).rows.filter((r) => r.cve === 'CVE-2099-0002');
      return Object.fromEntries(rows.map((r) => [r.deviceId, r.suppressedBy !== null]));
    };
    // Which firmware holds the fix is not said: both stay vulnerable.
    expect(fixedBy({ name: 'SINUMERIK Edge', version: null })).toEqual({
      'EDGE-OLD': false,
      'EDGE-NEW': false,
    });
    // The version given with the name as an identifier ("…@V3.3.0") is the one fixed.
    expect(fixedBy({ name: 'SINUMERIK Edge@V3.3.0', version: null })).toEqual({
      'EDGE-OLD': false,
      'EDGE-NEW': true,
    });
    expect(fixedBy({ name: 'SINUMERIK Edge', version: 'V3.3.0' })).toEqual({
      'EDGE-OLD': false,
      'EDGE-NEW': true,
    });
  });

  it('keeps a spare device’s match, marked not active', () => {
    expect(one('LPE-SPARE', 'CVE-2021-4034')).toMatchObject({ confidence: 'exact', active: false });
  });

  it('matches nothing without sources, and counts every device', () => {
    const empty = matchDevices(inventoryDevices(), { advisories: [], kev: [], sboms: [], vex: [] });
    expect(empty).toEqual({ rows: [], devices: 18, suppressed: 0 });
  });
});

describe('names an inventory writes apart from the maker', () => {
  const digi = readCsaf(join(FIELD, 'csaf/icsa-23-243-04.json'));
  const device = (deviceId: string, model: string, firmware: string): MatchDevice => ({
    source: 'floor',
    deviceId,
    manufacturer: 'Digi International',
    model,
    firmware,
    vendorId: 'v-digi',
    vendorName: 'Digi International',
    active: true,
  });

  it('matches a model named without the maker the advisory puts first, and one of a list of numbers', () => {
    const rows = matchDevices(
      [
        device('PS', 'PortServer TS', '1.0'),
        device('ES-OLD', 'Connect ES', '2.26.2.3'),
        device('ES-NEW', 'Connect ES', '2.26.2.4'),
        device('CP16', 'ConnectPort TS 16', '2.26.2.3'),
        device('CP8', 'ConnectPort TS 8', '2.26.2.4'),
        device('MEI', 'PortServer TS MEI Hardened', '1.0'),
      ],
      { advisories: [digi], kev: [], sboms: [], vex: [] },
    ).rows;
    const products = (id: string) =>
      [...new Set(rows.filter((r) => r.deviceId === id).map((r) => r.why[1]))].sort();
    expect(products('PS')).toEqual(['model "PortServer TS" is "Digi PortServer TS"']);
    expect(products('ES-OLD')).toEqual(['model "Connect ES" is "Digi Connect ES"']);
    expect(products('ES-NEW')).toEqual([]);
    expect(products('CP16')).toEqual(['model "ConnectPort TS 16" is "Digi ConnectPort TS 16"']);
    expect(products('CP8')).toEqual([]);
    // The hardened MEI is its own product, not the plain PortServer TS's.
    expect(products('MEI')).toEqual([
      'model "PortServer TS MEI Hardened" is "Digi PortServer TS MEI Hardened"',
    ]);
  });

  it('gives a list of numbers one name per model, and leaves other names as they are', () => {
    expect(nameVariants('Digi ConnectPort LTS 8/16/32')).toEqual([
      'Digi ConnectPort LTS 8/16/32',
      'Digi ConnectPort LTS 8',
      'Digi ConnectPort LTS 16',
      'Digi ConnectPort LTS 32',
    ]);
    expect(nameVariants('SIMATIC S7-1200 CPU 1211C')).toEqual(['SIMATIC S7-1200 CPU 1211C']);
  });
});
