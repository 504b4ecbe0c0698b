import { describe, expect, it } from 'vitest';
import {
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
const devices = (n: number, firmware: string | null = 'V4.5') =>
  Array.from({ length: n }, (_, i) => ({ deviceId: `d${i}`, firmware }));
const vuln = (over: Partial<OpenVulnerability> = {}): OpenVulnerability => ({
  cve: 'CVE-2024-0001',
  advisoryId: 'ICSA-24-001-01',
  released: '2024-03-01',
  fixedVersion: 'V4.6',
  fixDate: '2024-03-12',
  mitigationDate: null,
  inKev: false,
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
      devices: ['1', '2', '3', '4', '5'].map((v, i) => ({ deviceId: `x${i}`, firmware: `V${v}` })),
    });
    const out = patchContradictions([contract], [vuln(), many], '2024-11-27');
    expect(out.map((c) => c.cve)).toEqual(['CVE-2023-0002', 'CVE-2024-0001']);
    expect(out[0]!.message).toContain('5 of our devices still on V1, V2, V3 and 2 other versions');
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
