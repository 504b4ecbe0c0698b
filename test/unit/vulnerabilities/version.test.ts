import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  parseRange,
  parseVersion,
  versionInRange,
} from '../../../electron/domain/vulnerabilities/version';

const sign = (n: number | null) => (n === null ? null : Math.sign(n));

describe('compareVersions on vendor spellings', () => {
  it.each([
    // Siemens
    ['V2.0', 'V2.0', 0],
    ['V2.0', '2.0', 0],
    ['V4.5', 'V4.5 SP1', -1],
    ['V4.5 SP1', 'V4.5 SP2', -1],
    ['V4.5 SP1', 'V4.6', -1],
    ['V3.3.0', 'V3.3', 0],
    ['V3.3.0', 'V3.3.1', -1],
    ['V16 Update 4', 'V16 Update 5', -1],
    // Rockwell
    ['32.011', '32.012', -1],
    ['32.011', '33.011', -1],
    ['v5.007', 'V5.7', 0],
    ['V28', '28.012', -1],
    // Schneider
    ['SV2.80', 'SV2.9', 1],
    ['SV2.80', '2.80', 0],
    ['SV3.51', 'SV3.50', 1],
    // Hikvision
    ['V5.5.800 build 210628', 'V5.5.800 build 210701', -1],
    ['V5.5.800 build 210628', 'V5.5.800', 1],
    ['V5.5.800 build 210628', 'V5.5.801', -1],
    ['3.2.30_build221223', '3.2.30_build221224', -1],
    // Zebra
    ['V7.5.3.0', 'V7.5.3', 0],
    ['V7.5.3.0', 'V7.5.3.1', -1],
    ['V7.5.3.0', 'V7.10.0', -1],
    // Honeywell
    ['R410.1', 'R410.2', -1],
    ['R410.1', 'R411', -1],
    ['R410.1', '410.1', 0],
    // Cisco IOS as Rockwell Stratix prints it
    ['15.2(6)E0a', '15.2(6)E0b', -1],
    ['15.2(6)E2', '15.2(7)E2', -1],
    // semver pre-releases
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-rc.1', '0.9.9', 1],
    ['4.5.1-build12', '4.5.1', 1],
    ['4.5.1-build12', '4.5.2', -1],
    // letters
    ['2.4a', '2.4b', -1],
    ['2.4', '2.4a', -1],
    ['2.4z', '2.5', -1],
    // date-like
    ['2023-05-01', '2023-11-30', -1],
    ['20230501', '20231130', -1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(sign(compareVersions(a, b))).toBe(expected);
    expect(sign(compareVersions(b, a))).toBe(expected === 0 ? 0 : -expected);
  });

  it('refuses what is no version', () => {
    expect(parseVersion('The_first_5_digits_of_serial_No._"26061"')).toBeNull();
    expect(parseVersion('')).toBeNull();
    expect(compareVersions('unknown', '1.0')).toBeNull();
  });
});

describe('versionInRange', () => {
  it.each([
    // just below and just above a bound, each phrasing
    ['V1.9.9', '< V2.0', 'yes'],
    ['V2.0', '< V2.0', 'no'],
    ['V2.0.1', '<V2.0', 'no'],
    ['4.5', '<= 4.5', 'yes'],
    ['4.5.0.1', '<= 4.5', 'no'],
    ['V4.5 SP1', 'V4.5 SP1 and earlier', 'yes'],
    ['V4.5', 'V4.5 SP1 and earlier', 'yes'],
    ['V4.5 SP2', 'V4.5 SP1 and earlier', 'no'],
    ['V4.6', 'V4.5 SP1 and prior', 'no'],
    ['0.1', 'All versions', 'yes'],
    [null, 'All versions', 'yes'],
    ['3.1.9', 'before 3.2', 'yes'],
    ['3.2', 'before 3.2', 'no'],
    ['V2.9', 'prior to V3.0', 'yes'],
    ['V3.0', 'All versions prior to V3.0', 'no'],
    ['V1.9', 'from V2.0 before V2.3', 'no'],
    ['V2.0', 'from V2.0 before V2.3', 'yes'],
    ['V2.2.9', 'from V2.0 before V2.3', 'yes'],
    ['V2.3', 'from V2.0 before V2.3', 'no'],
    ['V2.3', 'All versions >= V2.0 < V2.3', 'no'],
    ['2.1', '>= 2.0 and < 2.3', 'yes'],
    ['1.6', '>= 1.0 | <= 1.6', 'yes'],
    ['1.7', '>= 1.0 | <= 1.6', 'no'],
    ['2.3', 'V2.0 to V2.3', 'yes'],
    ['2.4', 'V2.0 to V2.3', 'no'],
    ['V28', 'V28', 'yes'],
    ['V28.1', 'V28', 'no'],
    ['SV3.50', '< SV3.51', 'yes'],
    ['SV3.51', '< SV3.51', 'no'],
    ['15.2(6)E0a', '<= 15.2(6)E0a', 'yes'],
    ['15.2(6)E1', '<= 15.2(6)E0a', 'no'],
    ['3.2.30_build221223', '<=3.2.30_build221223', 'yes'],
    ['3.2.30_build221224', '<=3.2.30_build221223', 'no'],
    ['V5.5.800 build 210628', '< V5.5.800 build 210701', 'yes'],
    ['V5.5.800 build 210701', '< V5.5.800 build 210701', 'no'],
    ['R410.1', '< R410.2', 'yes'],
    // vers:
    ['1.9', 'vers:generic/<2.0', 'yes'],
    ['2.0', 'vers:generic/<2.0', 'no'],
    ['1.2.0-rc.1', 'vers:semver/>=1.0.0|<1.2.0', 'yes'],
    ['1.1.9', 'vers:semver/>=1.0.0|<1.2.0', 'yes'],
    ['1.0.0-rc.1', 'vers:semver/>=1.0.0|<1.2.0', 'no'],
    ['2.4.0', 'vers:semver/>=1.0.0|<1.2.0|>=2.0.0|<2.5.0', 'yes'],
    ['1.5.0', 'vers:semver/>=1.0.0|<1.2.0|>=2.0.0|<2.5.0', 'no'],
    ['1.1.0', 'vers:semver/>=1.0.0|!=1.1.0|<1.2.0', 'no'],
    ['V3.1.3', 'vers:all/<V3.1.4', 'yes'],
    ['V3.1.4', 'vers:all/<V3.1.4', 'no'],
    ['9', 'vers:all/*', 'yes'],
    // unknowns: never "no"
    [null, '< V2.0', 'unknown'],
    ['garbled', '< V2.0', 'unknown'],
    ['1.0', '<=The_first_5_digits_of_serial_No._"26061"', 'unknown'],
    ['1.0', null, 'unknown'],
  ] as const)('%s in %s → %s', (firmware, range, expected) => {
    expect(versionInRange(firmware, range)).toBe(expected);
  });

  it('reads every phrasing it is given into a range or refuses it whole', () => {
    expect(parseRange('vers:all/*')).toMatchObject({ kind: 'all' });
    expect(parseRange('Alle Versionen')).toMatchObject({ kind: 'all' });
    expect(parseRange('< V2.0 and a bit')).toBeNull();
    expect(parseRange('x'.repeat(10_000))).toBeNull();
  });
});
