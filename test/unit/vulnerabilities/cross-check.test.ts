import { describe, expect, it } from 'vitest';
import {
  openKevClaimContradictions,
  patchContradictions,
  patchPromises,
  type OpenVulnerability,
  type PatchPromise,
} from '../../../electron/domain/vulnerabilities/cross-check';

const contract: PatchPromise = {
  source: 'contract',
  label: 'critical patches within 14 days',
  days: 14,
  exploitedOnly: false,
};
const emergency: PatchPromise = {
  source: 'questionnaire',
  label: 'exploited flaws mitigated within 3 days',
  days: 3,
  exploitedOnly: true,
};
const devices = (n: number, firmware: string | null = 'V4.5', lastUpdate: string | null = null) =>
  Array.from({ length: n }, (_, i) => ({ deviceId: `d${i}`, firmware, lastUpdate }));
const vuln = (over: Partial<OpenVulnerability> = {}): OpenVulnerability => ({
  cve: 'CVE-2024-0001',
  advisoryId: 'ICSA-24-001-01',
  released: '2024-03-01',
  fixedVersion: 'V4.6',
  fixDate: '2024-03-12',
  mitigationDate: null,
  inKev: false,
  kevDateAdded: null,
  devices: devices(37),
  ...over,
});

describe('patch promises against the record', () => {
  it('names the promise, the fix and the devices still exposed, as the issue words it', () => {
    const [c, ...rest] = patchContradictions([contract], [vuln()], '2024-11-27');
    expect(rest).toEqual([]);
    expect(c!.message).toBe(
      'Contract: critical patches within 14 days; CVE-2024-0001 fixed in V4.6 on 2024-03-12, 11 days after the advisory; 37 of our devices still on V4.5 after 260 days.',
    );
    expect(c!.daysLate).toBe(271 - 14);
  });

  it('says when no fix exists, and counts from the advisory', () => {
    const [c] = patchContradictions(
      [contract],
      [vuln({ fixDate: null, fixedVersion: null, devices: devices(1, null) })],
      '2024-04-01',
    );
    expect(c!.message).toBe(
      'Contract: critical patches within 14 days; CVE-2024-0001 has no fix 31 days after the advisory of 2024-03-01; 1 of our devices still on firmware of unknown version.',
    );
  });

  it('is quiet while the promised time has not passed, and when no device is exposed', () => {
    expect(patchContradictions([contract], [vuln()], '2024-03-15')).toEqual([]);
    expect(patchContradictions([contract], [vuln({ devices: [] })], '2025-01-01')).toEqual([]);
  });

  it('holds the exploited-flaw promise only against catalogued flaws, kept by a mitigation in time', () => {
    expect(patchContradictions([emergency], [vuln()], '2025-01-01')).toEqual([]);
    const kev = vuln({ inKev: true, fixDate: null, fixedVersion: null, mitigationDate: '2024-03-02' });
    expect(patchContradictions([emergency], [kev], '2025-01-01')).toEqual([]);
    const slow = vuln({ inKev: true, fixDate: null, fixedVersion: null, mitigationDate: '2024-03-20' });
    const [c] = patchContradictions([emergency], [slow], '2025-01-01');
    expect(c!.message).toContain(
      'Questionnaire: exploited flaws mitigated within 3 days; CVE-2024-0001 mitigated on 2024-03-20, 19 days after the advisory',
    );
    expect(c!.daysLate).toBe(16);
  });

  it('lists the worst first and names a few firmware versions, then how many others', () => {
    const many = vuln({
      cve: 'CVE-2023-0002',
      released: '2023-01-01',
      devices: ['1', '2', '3', '4', '5'].map((v, i) => ({
        deviceId: `x${i}`,
        firmware: `V${v}`,
        lastUpdate: null,
      })),
    });
    const out = patchContradictions([contract], [vuln(), many], '2024-11-27');
    expect(out.map((c) => c.cve)).toEqual(['CVE-2023-0002', 'CVE-2024-0001']);
    expect(out[0]!.message).toContain('5 of our devices still on V1, V2, V3 and 2 other versions');
  });
});

describe('the devices’ last firmware update', () => {
  const mixed = vuln({
    devices: [
      ...devices(20, 'V4.5', '2023-11-02'),
      ...devices(3, 'V4.5.1', '2024-06-01').map((d, i) => ({ ...d, deviceId: `u${i}` })),
      { deviceId: 'u9', firmware: 'V4.5.1', lastUpdate: '2024-05-01' },
      ...devices(2, 'V4.5').map((d, i) => ({ ...d, deviceId: `n${i}` })),
    ],
  });

  it('tells devices never updated since the fix from devices updated since yet still affected, and says for how long each', () => {
    const [c] = patchContradictions([contract], [mixed], '2024-11-27');
    expect(c!.message).toBe(
      'Contract: critical patches within 14 days; CVE-2024-0001 fixed in V4.6 on 2024-03-12, 11 days after the advisory; ' +
        '20 of our devices still on V4.5 after 260 days, not updated since the fix (last update 2023-11-02); ' +
        '4 of our devices still on V4.5.1 after 179 days, updated since the fix (last on 2024-06-01) to a version still affected; ' +
        '2 of our devices still on V4.5 after 260 days, last update not recorded.',
    );
    expect(c!.exposure).toEqual([
      { kind: 'not-updated', devices: 20, firmware: ['V4.5'], days: 260, lastUpdate: '2023-11-02' },
      {
        kind: 'updated-still-affected',
        devices: 4,
        firmware: ['V4.5.1'],
        days: 179,
        lastUpdate: '2024-06-01',
      },
      { kind: 'update-unknown', devices: 2, firmware: ['V4.5'], days: 260, lastUpdate: null },
    ]);
  });

  it('counts an update on the fix’s own day as after it; without a fix the update date changes nothing', () => {
    const sameDay = vuln({ devices: devices(1, 'V4.5', '2024-03-12') });
    expect(patchContradictions([contract], [sameDay], '2024-11-27')[0]!.exposure[0]).toMatchObject({
      kind: 'updated-still-affected',
      days: 260,
    });
    const noFix = vuln({ fixDate: null, fixedVersion: null, devices: devices(2, 'V4.5', '2024-10-01') });
    const [c] = patchContradictions([contract], [noFix], '2024-11-27');
    expect(c!.exposure).toEqual([
      { kind: 'no-fix', devices: 2, firmware: ['V4.5'], days: 271, lastUpdate: '2024-10-01' },
    ]);
    expect(c!.message).toContain(
      'has no fix 271 days after the advisory of 2024-03-01; 2 of our devices still on V4.5.',
    );
  });
});

describe('the answer that no known exploited vulnerability is open', () => {
  const claim = { answeredOn: '2024-05-01' };
  const exploited = vuln({
    inKev: true,
    kevDateAdded: '2024-03-20',
    devices: devices(12, 'V4.5', '2023-09-01'),
  });

  it('is contradicted by a catalogued flaw whose fix our devices do not run, with since when it holds no more', () => {
    const [c, ...rest] = openKevClaimContradictions(claim, [exploited, vuln()], '2024-11-27');
    expect(rest).toEqual([]);
    expect(c!.message).toBe(
      'Questionnaire: answered on 2024-05-01 that no known exploited vulnerability is open in what they supply to us; ' +
        'CVE-2024-0001 (in KEV since 2024-03-20) fixed in V4.6 on 2024-03-12, not installed on our devices; ' +
        '12 of our devices still on V4.5 after 260 days, not updated since the fix (last update 2023-09-01).',
    );
    expect(c).toMatchObject({ source: 'questionnaire', daysLate: 210 });
  });

  it('says when no fix exists and when the flaw was catalogued after the answer', () => {
    const later = vuln({
      inKev: true,
      kevDateAdded: '2024-08-01',
      fixDate: null,
      fixedVersion: null,
      devices: devices(3, 'V4.5'),
    });
    const [c] = openKevClaimContradictions(claim, [later], '2024-11-27');
    expect(c!.message).toContain(
      'CVE-2024-0001 (in KEV since 2024-08-01, after the answer) has no fix 271 days after the advisory of 2024-03-01; 3 of our devices still on V4.5.',
    );
    expect(c!.daysLate).toBe(118);
  });

  it('is quiet without the answer, without a catalogued flaw, and without exposed devices', () => {
    expect(openKevClaimContradictions(null, [exploited], '2024-11-27')).toEqual([]);
    expect(openKevClaimContradictions(claim, [vuln()], '2024-11-27')).toEqual([]);
    expect(openKevClaimContradictions(claim, [{ ...exploited, devices: [] }], '2024-11-27')).toEqual([]);
  });
});

describe('a vendor’s patch promises', () => {
  it('come from the contract, the quickest answered fixing time and the emergency process', () => {
    expect(patchPromises({ contractDays: 14, answeredDays: [30, 21], exploitedProcess: true })).toEqual([
      { source: 'contract', label: 'critical patches within 14 days', days: 14, exploitedOnly: false },
      {
        source: 'questionnaire',
        label: '“we fix critical firmware flaws within 21 days”',
        days: 21,
        exploitedOnly: false,
      },
      {
        source: 'questionnaire',
        label: '“exploited flaws mitigated within 72 hours”',
        days: 3,
        exploitedOnly: true,
      },
    ]);
  });

  it('are none when nothing was agreed or answered', () => {
    expect(patchPromises({ contractDays: null, answeredDays: [], exploitedProcess: false })).toEqual([]);
  });
});
