/**
 * The matcher's test inventory (test/fixtures/vulnerabilities/inventory.csv) as devices,
 * the real example advisories and KEV excerpt, and advisories, SBOMs and VEX written by
 * hand for what the examples lack (fixed and not-affected statuses, CVSS 9+, components).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Advisory, VulnerabilitySources } from '../../../electron/domain/vulnerabilities/model';
import type { MatchDevice } from '../../../electron/domain/vulnerabilities/match-api';
import { EXAMPLES, FIELD, readCsaf, readKev } from './read-csaf';

export const INVENTORY = join(__dirname, '../../fixtures/vulnerabilities/inventory.csv');

/** The vendor each fixture manufacturer is linked to (manufacturer_links). */
export const LINKS: Record<string, string> = {
  'Siemens AG': 'v-siemens',
  Siemens: 'v-siemens',
  'Moxa Inc.': 'v-moxa',
  Moxa: 'v-moxa',
};

/** The inventory fixture's rows as the matcher reads devices. */
export function inventoryDevices(): MatchDevice[] {
  const [, ...lines] = readFileSync(INVENTORY, 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [deviceId, manufacturer, model, firmware, status] = line.split(',');
    return {
      source: 'floor',
      deviceId: deviceId!,
      manufacturer: manufacturer || null,
      model: model || null,
      firmware: firmware || null,
      vendorId: LINKS[manufacturer!] ?? null,
      vendorName: LINKS[manufacturer!] ? manufacturer!.split(' ')[0]! : null,
      active: status === 'active' || !status,
    };
  });
}

const vuln = (
  cve: string,
  score: number,
  lists: Partial<Record<'knownAffected' | 'fixed' | 'knownNotAffected', string[]>>,
) => ({
  cve,
  title: cve,
  cvss: { version: '3.1' as const, score, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  cwe: null,
  knownAffected: lists.knownAffected ?? [],
  fixed: lists.fixed ?? [],
  knownNotAffected: lists.knownNotAffected ?? [],
  remediations: [],
});

const product = (
  productId: string,
  vendor: string,
  name: string,
  range: string | null,
  version: string | null = null,
  purl: string | null = null,
) => ({
  productId,
  vendor,
  name,
  fullName: `${name} ${range ?? version ?? ''}`.trim(),
  version,
  range,
  cpe: null,
  purl,
  modelNumbers: [],
});

const advisory = (
  trackingId: string,
  products: Advisory['products'],
  vulnerabilities: Advisory['vulnerabilities'],
): Advisory => ({
  trackingId,
  version: '1',
  releaseDate: '2024-01-10',
  currentReleaseDate: '2024-01-10',
  title: trackingId,
  publisher: 'Test CERT',
  category: 'csaf_security_advisory',
  products,
  vulnerabilities,
});

/** Written by hand: a fixed status, a known-not-affected one, a CVSS 9.8 for every version, an SBOM component's. */
export const HAND_WRITTEN: Advisory[] = [
  advisory(
    'TEST-FIXED',
    [
      product('A', 'Siemens', 'SCALANCE LPE9403', '< V2.0'),
      product('B', 'Siemens', 'SCALANCE LPE9403', null, 'V1.9.9'),
    ],
    [vuln('CVE-2099-0001', 8.1, { knownAffected: ['A'], fixed: ['B'] })],
  ),
  advisory(
    'TEST-CRITICAL',
    [
      product('A', 'Siemens AG', 'SINUMERIK Edge', 'All versions'),
      product('N', 'Siemens AG', 'SINUMERIK Edge', null, 'V3.2.9'),
    ],
    [
      vuln('CVE-2099-0002', 9.8, { knownAffected: ['A'] }),
      vuln('CVE-2099-0004', 9.1, { knownAffected: ['A'], knownNotAffected: ['N'] }),
    ],
  ),
  advisory(
    'TEST-OPENSSL',
    [product('O', 'OpenSSL', 'openssl', 'vers:generic/>=1.1.1|<1.1.1l', null, 'pkg:generic/openssl')],
    [vuln('CVE-2099-0003', 9.8, { knownAffected: ['O'] })],
  ),
];

/** Every source: five real advisories, the KEV excerpt, the hand-written ones, an SBOM and VEX. */
export function fixtureSources(): VulnerabilitySources {
  return {
    advisories: [
      readCsaf(`${EXAMPLES}/csaf/icsa-22-167-16.json`),
      readCsaf(`${EXAMPLES}/csaf/icsa-22-333-04.json`),
      readCsaf(`${EXAMPLES}/csaf/icsa-22-354-04.json`),
      readCsaf(`${FIELD}/csaf/icsa-18-256-01.json`),
      readCsaf(`${FIELD}/csaf/icsa-23-339-01.json`),
      ...HAND_WRITTEN,
    ],
    kev: readKev(`${EXAMPLES}/kev/known_exploited_vulnerabilities.excerpt30.json`),
    sboms: [
      {
        vendorId: 'v-moxa',
        model: 'UC-8540',
        firmware: '1.2',
        sbom: {
          format: 'cyclonedx',
          specVersion: '1.5',
          name: 'UC-8540 1.2',
          components: [
            {
              name: 'openssl',
              version: '1.1.1k',
              purl: 'pkg:generic/openssl@1.1.1k',
              cpe: null,
              supplier: 'OpenSSL',
            },
            {
              name: 'busybox',
              version: '1.36.1',
              purl: 'pkg:generic/busybox@1.36.1',
              cpe: null,
              supplier: null,
            },
          ],
        },
      },
    ],
    vex: [
      {
        vendorId: 'v-siemens',
        statement: {
          format: 'openvex',
          cve: 'CVE-2099-0002',
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          detail: 'The web server is not shipped on V3.3.0.',
          products: [{ purl: null, cpe: null, name: 'SINUMERIK Edge', version: 'V3.3.0' }],
          date: '2024-02-01',
        },
      },
    ],
  };
}
