import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../../electron/domain/vulnerabilities/model';
import type { DeviceVulnerabilityRow } from '../../../electron/domain/vulnerabilities/match-api';
import {
  advisoryImpact,
  advisoryRows,
  kevDevicesByMaker,
  openVulnerabilities,
  vendorVulnerabilitySummary,
} from '../../../electron/domain/vulnerabilities/summaries';
import { oldestUnpatched } from '../../../electron/domain/vulnerabilities/match-rollup';

const advisory = (id: string, released: string, cves: string[]): Advisory => ({
  trackingId: id,
  version: '1',
  releaseDate: released,
  currentReleaseDate: released,
  title: `Advisory ${id}`,
  publisher: 'CISA',
  category: 'csaf_security_advisory',
  products: [],
  vulnerabilities: cves.map((cve) => ({
    cve,
    title: `Flaw ${cve}`,
    cvss: null,
    cwe: null,
    knownAffected: [],
    fixed: [],
    knownNotAffected: [],
    remediations: [
      {
        category: 'vendor_fix',
        details: 'Update to V2.0',
        url: null,
        productIds: [],
        fixedVersion: 'V2.0',
        date: null,
      },
      {
        category: 'mitigation',
        details: 'Block port 102',
        url: null,
        productIds: [],
        fixedVersion: null,
        date: '2024-01-03',
      },
    ],
  })),
});
const match = (over: Partial<DeviceVulnerabilityRow>): DeviceVulnerabilityRow => ({
  source: 'scan',
  vendorId: 'v1',
  active: true,
  advisoryDate: advisories.get(over.advisoryId ?? 'A-1')?.releaseDate ?? '2024-01-01',
  fixDate: null,
  deviceId: 'd1',
  cve: 'CVE-2024-0001',
  advisoryId: 'A-1',
  confidence: 'exact',
  why: [],
  via: 'inventory',
  cvss: 7.5,
  inKev: false,
  kevDateAdded: null,
  ransomware: false,
  fixedVersion: 'V2.0',
  fix: 'Update to V2.0',
  suppressedBy: null,
  ...over,
});
const advisories = new Map([
  ['A-1', advisory('A-1', '2024-01-01', ['CVE-2024-0001', 'CVE-2024-0002'])],
  ['A-0', advisory('A-0', '2023-06-01', ['CVE-2023-0009'])],
]);

describe('a vendor’s vulnerability picture', () => {
  const matches = [
    match({}),
    match({ deviceId: 'd2' }),
    match({ deviceId: 'd2', cve: 'CVE-2024-0002', cvss: 9.8, inKev: true }),
    match({ deviceId: 'd3', cve: 'CVE-2023-0009', advisoryId: 'A-0', cvss: 5 }),
    match({ deviceId: 'd4', suppressedBy: 'VEX not_affected: vulnerable_code_not_present' }),
  ];

  it('counts devices, catalogued ones, the highest score and the oldest advisory, leaving suppressed matches apart', () => {
    const s = vendorVulnerabilitySummary(matches, advisories, '2024-06-01');
    expect(s).toMatchObject({ devices: 3, kevDevices: 1, highestCvss: 9.8, suppressed: 1 });
    expect(s.oldest).toEqual({ advisoryId: 'A-0', title: 'Advisory A-0', released: '2023-06-01', days: 366 });
    expect(s.cves.map((c) => [c.cve, c.devices])).toEqual([
      ['CVE-2024-0002', 1],
      ['CVE-2024-0001', 2],
      ['CVE-2023-0009', 1],
    ]);
    expect(s.cves[0]!.title).toBe('Flaw CVE-2024-0002');
  });

  it('names the same oldest advisory as the vendor’s flags do: a spare device or a fuzzy name keeps none open', () => {
    const older = advisory('A-9', '2022-01-01', ['CVE-2022-0001']);
    const all = new Map([...advisories, ['A-9', older]]);
    const old = { cve: 'CVE-2022-0001', advisoryId: 'A-9', advisoryDate: '2022-01-01' };
    const rows = [
      ...matches,
      match({ ...old, deviceId: 's1', active: false }),
      match({ ...old, deviceId: 'f1', confidence: 'fuzzy-name' }),
    ];
    const s = vendorVulnerabilitySummary(rows, all, '2024-06-01');
    expect(s.oldest?.advisoryId).toBe('A-0');
    expect(oldestUnpatched(rows)).toEqual({ advisoryId: 'A-0', date: '2023-06-01' });
    const live = [...rows, match({ ...old, deviceId: 'a1' })];
    expect(vendorVulnerabilitySummary(live, all, '2024-06-01').oldest).toMatchObject({
      advisoryId: 'A-9',
      released: '2022-01-01',
    });
    expect(oldestUnpatched(live)).toEqual({ advisoryId: 'A-9', date: '2022-01-01' });
  });

  it('summarises a maker with 300,000 exposed devices (too many scores to spread into Math.max)', () => {
    const many = Array.from({ length: 300_000 }, (_, i) =>
      match({ deviceId: `d${i}`, cvss: i === 123_456 ? 9.9 : 4 + (i % 5) }),
    );
    const s = vendorVulnerabilitySummary(many, advisories, '2024-06-01');
    expect(s).toMatchObject({ devices: 300_000, highestCvss: 9.9 });
  });

  it('says nothing is open when every match is suppressed', () => {
    const s = vendorVulnerabilitySummary([matches[4]!], advisories, '2024-06-01');
    expect(s).toMatchObject({
      devices: 0,
      kevDevices: 0,
      highestCvss: null,
      oldest: null,
      suppressed: 1,
      cves: [],
    });
  });

  it('counts devices on catalogued firmware by maker', () => {
    const kev = [
      match({ deviceId: 'a', inKev: true }),
      match({ deviceId: 'a', cve: 'CVE-2024-0002', inKev: true }),
      match({ deviceId: 'b', inKev: true }),
      match({ deviceId: 'c', inKev: true }),
      match({ deviceId: 'z', inKev: true, suppressedBy: 'VEX fixed' }),
      match({ deviceId: 'n', inKev: false }),
    ];
    const maker = (id: string) => (id === 'c' ? 'Hikvision' : id === 'x' ? null : 'Siemens');
    expect(kevDevicesByMaker(kev, maker)).toEqual([
      { maker: 'Siemens', devices: 2, cves: ['CVE-2024-0001', 'CVE-2024-0002'] },
      { maker: 'Hikvision', devices: 1, cves: ['CVE-2024-0001'] },
    ]);
  });

  it('gives the promises the dates the advisory gives: the fix at release unless dated, the mitigation on its date', () => {
    const open = openVulnerabilities(matches, advisories, (id) =>
      id === 'd3' ? null : { firmware: 'V1.9', lastUpdate: id === 'd1' ? '2023-12-01' : null },
    );
    const first = open.find((o) => o.cve === 'CVE-2024-0001')!;
    expect(first).toEqual({
      cve: 'CVE-2024-0001',
      advisoryId: 'A-1',
      released: '2024-01-01',
      fixedVersion: 'V2.0',
      fixDate: '2024-01-01',
      mitigationDate: '2024-01-03',
      inKev: false,
      kevDateAdded: null,
      devices: [
        { deviceId: 'd1', firmware: 'V1.9', lastUpdate: '2023-12-01' },
        { deviceId: 'd2', firmware: 'V1.9', lastUpdate: null },
      ],
    });
    expect(open.find((o) => o.cve === 'CVE-2023-0009')!.devices).toEqual([
      { deviceId: 'd3', firmware: null, lastUpdate: null },
    ]);
  });

  it('holds promises only against sure matches: active devices whose model and firmware matched', () => {
    const unsure = [
      match({ deviceId: 'spare', active: false }),
      match({ deviceId: 'fuzzy', confidence: 'fuzzy-name' }),
      match({ deviceId: 'nofw', confidence: 'version-unknown' }),
    ];
    expect(openVulnerabilities(unsure, advisories, () => null)).toEqual([]);
  });

  it('groups an advisory’s devices by model and firmware with the least certain confidence', () => {
    const list = [
      match({ deviceId: 'p1' }),
      match({ deviceId: 'p2', confidence: 'fuzzy-name' }),
      match({ deviceId: 'p3', confidence: 'version-unknown' }),
      match({ deviceId: 'p4', suppressedBy: 'VEX' }),
      match({ deviceId: 'other', advisoryId: 'A-0' }),
    ];
    const device = (id: string) =>
      id === 'p3' ? { model: 'S7-1200', firmware: null } : { model: 'S7-1200', firmware: 'V4.5' };
    const impact = advisoryImpact('A-1', list, device);
    expect(impact.devices).toBe(3);
    expect(impact.suppressed).toBe(1);
    expect(impact.groups.map((g) => [g.model, g.firmware, g.devices, g.confidence])).toEqual([
      ['S7-1200', 'V4.5', ['p1', 'p2'], 'fuzzy-name'],
      ['S7-1200', null, ['p3'], 'version-unknown'],
    ]);
  });

  it('lists advisories touching our devices first, then catalogued ones, then the newest', () => {
    const a2 = { ...advisory('A-2', '2024-05-01', ['CVE-2024-0005']), products: [] };
    const withMaker = {
      ...advisory('A-0', '2023-06-01', ['CVE-2023-0009']),
      products: [
        {
          productId: 'p',
          vendor: 'Siemens',
          name: 'S7',
          fullName: 'S7',
          version: null,
          range: null,
          cpe: null,
          purl: null,
          modelNumbers: [],
        },
      ],
    };
    const rows = advisoryRows(
      [advisories.get('A-1')!, a2, withMaker],
      [
        match({}),
        match({ deviceId: 'd2' }),
        match({ advisoryId: 'A-0', cve: 'CVE-2023-0009' }),
        match({ advisoryId: 'A-2', suppressedBy: 'VEX' }),
      ],
      new Set(['CVE-2024-0005']),
    );
    expect(rows.map((r) => [r.trackingId, r.devices, r.inKev])).toEqual([
      ['A-1', 2, false],
      ['A-0', 1, false],
      ['A-2', 0, true],
    ]);
    expect(rows[1]!.makers).toEqual(['Siemens']);
    expect(rows[0]!.cves).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);
  });
});
