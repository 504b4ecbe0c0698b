import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readAdvisoryFile,
  compareTrackingVersions,
} from '../../../electron/domain/vulnerabilities/advisory-file';
import { readCsaf } from '../../../electron/domain/vulnerabilities/csaf';
import { fixedVersionFromText } from '../../../electron/domain/vulnerabilities/csaf-fix';
import { csafVexStatements } from '../../../electron/domain/vulnerabilities/csaf-vex';
import { AdvisorySchema, type Advisory } from '../../../electron/domain/vulnerabilities/model';
import { bytesOf, csafDoc, deeplyNested } from '../../fixtures/advisories/minimal-csaf';

/** Real advisories, kept beside the project (see their SOURCES.md). */
const FIELD = '/work/shared/field-data';
const EXAMPLES = '/work/shared/examples/field';

function readFile(path: string) {
  return readAdvisoryFile(path, readFileSync(path));
}

function advisoryAt(path: string): Advisory {
  const read = readFile(path);
  if (read.kind !== 'csaf') throw new Error(`${path}: ${JSON.stringify(read)}`);
  return read.advisory;
}

describe('CSAF advisories from the field', () => {
  it('reads every CISA advisory into the shared shape', () => {
    const dir = join(FIELD, 'csaf');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(21);
    for (const f of files) {
      const advisory = advisoryAt(join(dir, f));
      expect(AdvisorySchema.parse(advisory)).toEqual(advisory);
      expect(advisory.trackingId.toLowerCase()).toBe(f.replace('.json', ''));
      expect(advisory.products.length).toBeGreaterThan(0);
      expect(advisory.vulnerabilities.length).toBeGreaterThan(0);
    }
  });

  it('flattens the Schneider tree: vendor, product name, range and the fixed versions from the words', () => {
    const a = advisoryAt(join(FIELD, 'csaf/icsa-23-201-01.json'));
    expect(a).toMatchObject({
      trackingId: 'ICSA-23-201-01',
      publisher: 'CISA',
      category: 'csaf_security_advisory',
      releaseDate: '2023-07-20',
    });
    const m340 = a.products.find((p) => p.productId === 'CSAFPID-0003')!;
    expect(m340).toMatchObject({
      vendor: 'Schneider Electric',
      name: 'Modicon M340 CPU (part numbers BMXP34*)',
      range: '< SV3.51',
      version: null,
    });
    const v = a.vulnerabilities.find((x) => x.cve === 'CVE-2022-45788')!;
    expect(v.cwe).toBe('CWE-754');
    expect(v.cvss).toMatchObject({ version: '3.0', score: 7.5 });
    expect(v.knownAffected).toContain('CSAFPID-0003');
    const fixes = v.remediations.filter((r) => r.category === 'vendor_fix');
    expect(fixes.find((r) => r.productIds.includes('CSAFPID-0003'))?.fixedVersion).toBe('SV3.51');
    expect(fixes.find((r) => r.productIds.includes('CSAFPID-0001'))?.fixedVersion).toBe('V15.3');
  });

  it('keeps model numbers and the version of each product', () => {
    const all = readdirSync(join(FIELD, 'csaf'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => advisoryAt(join(FIELD, 'csaf', f)));
    expect(all.some((a) => a.products.some((p) => p.modelNumbers.length > 0))).toBe(true);
    expect(all.some((a) => a.products.some((p) => p.version !== null))).toBe(true);
    expect(all.some((a) => a.vulnerabilities.some((v) => v.knownNotAffected.length > 0))).toBe(true);
  });

  it('reads the three example advisories', () => {
    for (const f of readdirSync(join(EXAMPLES, 'csaf')))
      expect(readFile(join(EXAMPLES, 'csaf', f)).kind).toBe('csaf');
  });

  it('reads a CSAF VEX file as an advisory and as VEX statements with the impact as detail', () => {
    const path = join(FIELD, 'sbom/csaf-vex-vexctl-example.csaf.json');
    expect(advisoryAt(path).category).toBe('csaf_vex');
    const statements = csafVexStatements(JSON.parse(readFileSync(path, 'utf8')));
    expect(statements).toEqual([
      {
        format: 'csaf',
        cve: 'CVE-2009-4487',
        status: 'not_affected',
        justification: null,
        detail: 'Class with vulnerable code was removed before shipping.',
        products: [
          { purl: 'pkg:generic/component1@1.3.4', cpe: null, name: 'Example Company ABC', version: null },
        ],
        date: '2022-03-03',
      },
    ]);
  });
});

describe('CSAF written for the tests', () => {
  it('reads the title from the summary note, the highest CVSS version, and the fix from the words', () => {
    const doc = csafDoc();
    const vuln = (doc.vulnerabilities as Record<string, unknown>[])[0]!;
    (vuln.scores as unknown[]).push({
      products: ['P-0'],
      cvss_v4: { version: '4.0', baseScore: 9.3, vectorString: 'CVSS:4.0/AV:N' },
    });
    const read = readCsaf(doc);
    if (!read.ok) throw new Error(read.problem);
    const v = read.advisory.vulnerabilities[0]!;
    expect(v.title).toBe('A crafted packet overflows a buffer.');
    expect(v.cvss).toEqual({ version: '4.0', score: 9.3, vector: 'CVSS:4.0/AV:N' });
    expect(v.remediations[0]).toMatchObject({
      category: 'vendor_fix',
      fixedVersion: 'V2.0',
      url: 'https://acme.example/fw',
    });
    expect(read.advisory.products[0]).toMatchObject({
      vendor: 'Acme AG',
      name: 'Acme Gateway',
      range: '< V2.0',
    });
  });

  it('takes a fixed version from the fixed products when the words name none', () => {
    const doc = csafDoc();
    const tree = doc.product_tree as { branches: { branches: { branches: unknown[] }[] }[] };
    tree.branches[0]!.branches[0]!.branches.push({
      category: 'product_version',
      name: 'V2.1',
      product: { name: 'Acme Gateway V2.1', product_id: 'P-fixed' },
    });
    const vuln = (doc.vulnerabilities as Record<string, unknown>[])[0]!;
    vuln.product_status = { known_affected: ['P-0'], fixed: ['P-fixed'] };
    vuln.remediations = [
      { category: 'vendor_fix', details: 'Install the new firmware.', product_ids: ['P-0'] },
    ];
    const read = readCsaf(doc);
    if (!read.ok) throw new Error(read.problem);
    expect(read.advisory.vulnerabilities[0]!.remediations[0]!.fixedVersion).toBe('V2.1');
    expect(read.advisory.vulnerabilities[0]!.fixed).toEqual(['P-fixed']);
  });

  it.each([
    ['Update to V2.0 or later version', 'V2.0'],
    ['Fixed in firmware version 2.26.2.4', '2.26.2.4'],
    ['Modicon M580 CPU: Firmware SV4.10 includes a fix for this vulnerability', 'SV4.10'],
    ['1756-EN4TR: Update to versions V5.001 and later.', 'V5.001'],
    ['Update to CommonES 4.01.00.4134 or later', '4.01.00.4134'],
    ['Upgrade the firmware to version 3.2.1', '3.2.1'],
    ['Contact customer support to receive patch and update information.', null],
  ])('fixed version in "%s" is %s', (details, version) => {
    expect(fixedVersionFromText(details)).toBe(version);
  });

  it.each([
    ['1', '2', -1],
    ['10', '9', 1],
    ['1.2.0', '1.10.0', -1],
    ['2', '2.0.0', 0],
    ['1.0.0-rc1', '1.0.0', -1],
  ])('tracking version %s vs %s', (a, b, sign) => {
    expect(Math.sign(compareTrackingVersions(a, b))).toBe(sign);
  });
});

describe('hostile files are refused with the first problem', () => {
  const refused = (name: string, bytes: Uint8Array) => {
    const read = readAdvisoryFile(name, bytes);
    if (read.kind !== 'refused') throw new Error(`not refused: ${read.kind}`);
    return read.problem;
  };

  it('a truncated file', () => {
    const bytes = readFileSync(join(FIELD, 'csaf/icsa-23-201-01.json'));
    expect(refused('cut.json', bytes.subarray(0, bytes.length / 2))).toMatch(/not valid or not complete/);
  });

  it('a CSAF document missing its tracking id, or with a wrong CVE', () => {
    const doc = csafDoc();
    delete (doc.document as { tracking: Record<string, unknown> }).tracking.id;
    expect(refused('a.json', bytesOf(doc))).toBe('document.tracking.id: missing');
    const bad = csafDoc();
    (bad.vulnerabilities as Record<string, unknown>[])[0]!.cve = 'CVE-22-1';
    expect(refused('b.json', bytesOf(bad))).toBe('vulnerabilities[0].cve: "CVE-22-1" is not a CVE id');
  });

  it('a wrong schema: product_tree branches that are not a list', () => {
    const doc = csafDoc();
    doc.product_tree = { branches: { vendor: 'x' } };
    expect(refused('c.json', bytesOf(doc))).toBe('product_tree.branches: not a list');
  });

  it('10,000 products', () => {
    expect(refused('big.json', bytesOf(csafDoc({ products: 10_000 })))).toBe(
      'product_tree: more than 5000 products',
    );
  });

  it('deep nesting, before JSON.parse sees it', () => {
    expect(refused('deep.json', deeplyNested(100_000))).toMatch(/nests deeper than 48 levels/);
  });

  it('a huge string', () => {
    expect(refused('huge.json', bytesOf(csafDoc({ title: 'x'.repeat(200_000) })))).toMatch(
      /is 200000 characters long \(at most 65536\)/,
    );
  });

  it('a file over the size limit, before it is decoded', () => {
    const bytes = new Uint8Array(21 * 1024 * 1024).fill(0x20);
    bytes[0] = 0x7b;
    expect(refused('large.json', bytes)).toBe('the file is 21 MB, more than the 20 MB allowed');
  });

  it('JSON that is neither CSAF nor KEV is skipped, not refused', () => {
    const cdx = readFileSync(join(FIELD, 'sbom/cdx-vex-example.vex.json'));
    expect(readAdvisoryFile('x.json', cdx)).toEqual({
      kind: 'skipped',
      reason: 'not a CSAF advisory or a KEV catalog',
    });
    expect(readAdvisoryFile('notes.txt', new Uint8Array([1, 2]))).toMatchObject({ kind: 'skipped' });
  });
});
