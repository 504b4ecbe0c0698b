/** SBOM and VEX files read by content: the field examples, our own, and hostile ones. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSbomFile, SbomUnreadable } from '../../electron/domain/vulnerabilities/sbom-formats';
import {
  MAX_SBOM_COMPONENTS,
  MAX_SBOM_DEPTH,
  MAX_SBOM_STRING,
} from '../../electron/domain/vulnerabilities/sbom-json';
import { purlParts } from '../../electron/domain/vulnerabilities/sbom-purl';
import { supplierName } from '../../electron/domain/vulnerabilities/spdx';
import { SbomSchema, VexStatementSchema } from '../../electron/domain/vulnerabilities/model';

const FIELD = '/work/shared/field-data/sbom';
const EXAMPLES = '/work/shared/examples/field/sbom';
const FIXTURES = join(__dirname, '../fixtures/sbom');
const text = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const read = (dir: string, name: string) => readSbomFile(text(dir, name));

/** The first problem of a refused file. */
function refusal(source: string): string {
  try {
    readSbomFile(source);
  } catch (error) {
    expect(error).toBeInstanceOf(SbomUnreadable);
    return (error as Error).message;
  }
  throw new Error('the file was read');
}

describe('SBOMs from the field', () => {
  it('reads a CycloneDX 1.4 hardware BOM with its suppliers and the metadata component as its name', () => {
    const c = read(FIELD, 'cdx-hbom-pcie-sata-adapter-board.bom.json');
    expect(c.format.name).toBe('CycloneDX 1.4');
    expect(c.sbom!.name).toBe('pcie-sata-adaptor-board rev-1');
    expect(c.sbom!.components).toHaveLength(6);
    expect(c.sbom!.components[0]).toEqual({
      name: 'PCIE-098-02-F-D-EMS2',
      version: '2.9.10',
      purl: null,
      cpe: null,
      supplier: 'Samtec',
    });
    expect(c.vex).toEqual([]);
    expect(() => SbomSchema.parse(c.sbom)).not.toThrow();
  });

  it('reads the older CycloneDX 1.2 and 1.3 BOMs of the field (components read the same)', () => {
    const cern = read(FIELD, 'cdx-sbom-cern-lhc-vdm-editor.bom.json');
    expect(cern.sbom!.specVersion).toBe('1.2');
    expect(cern.sbom!.components).toHaveLength(43);
    expect(cern.sbom!.components[0]!.purl).toBe('pkg:npm/puppeteer@1.19.0');
    const example = read(FIELD, 'cdx-vex-example.bom.json');
    expect(example.sbom!.components.find((x) => x.name === 'jackson-databind')).toMatchObject({
      version: '2.10.0',
      supplier: 'FasterXML',
    });
  });

  it('reads SPDX 2.3 packages with purl, supplier and version', () => {
    const c = read(EXAMPLES, 'spdx23-sbom-with-security.spdx.json');
    expect(c.format.name).toBe('SPDX 2.3');
    expect(c.sbom).toMatchObject({ format: 'spdx', specVersion: '2.3', name: 'SPDX Tools v1.1.5 Java SBOM' });
    expect(c.sbom!.components[1]).toEqual({
      name: 'xlsx',
      version: '0.16.6',
      purl: 'pkg:maven/org.webjars.npm/xlsx@0.16.6',
      cpe: null,
      supplier: 'Webjar',
    });
    for (const f of [
      'spdx23-acme.spdx.json',
      'spdx23-example11-hello-server.spdx.json',
      'spdx23-vexctl-example.spdx.json',
    ])
      expect(read(FIELD, f).sbom!.components.length).toBeGreaterThan(2);
    expect(read(FIELD, 'spdx23-acme.spdx.json').sbom!.components[0]!.supplier).toBe('Jane Doe');
    // Its advisory references are said to be left unread, with the CVEs they name.
    expect(read(FIELD, 'spdx23-acme.spdx.json').warnings).toEqual([
      '2 security references (CVE-2020-28498 on elliptic 6.5.2; CVE-2022-2274 on OpenSSL 3.0.4) are links, not statements this app reads: the components are matched against the advisories imported instead',
    ]);
  });

  it('reads nested components, CPEs and publishers of our firmware SBOM', () => {
    const c = read(FIXTURES, 'scanner-fw.cdx.json');
    expect(c.sbom!.name).toBe('TC52 firmware 4.5.1');
    expect(c.sbom!.components.map((x) => x.name)).toEqual(['linux-kernel', 'busybox', 'openssl']);
    expect(c.sbom!.components[0]!.cpe).toBe('cpe:2.3:o:linux:linux_kernel:5.10.110:*:*:*:*:*:*:*');
    expect(c.sbom!.components[1]!.supplier).toBe('BusyBox project');
    expect(Object.keys(c.refs).sort()).toEqual(['fw', 'openssl', 'os', 'pkg:generic/busybox@1.35.0']);
    expect(c.documentId).toBe('urn:uuid:3b6f8a52-7c1e-4a8e-9d0a-5f2e1c9b7a11');
  });
});

describe('VEX from the field', () => {
  it('reads CISA case 1: not_affected with justification, resolved to the metadata component', () => {
    const c = read(EXAMPLES, 'cdx-vex-cisa-case1-not_affected.vex.json');
    expect(c.sbom).toBeNull();
    expect(c.vex).toEqual([
      {
        format: 'cyclonedx',
        cve: 'CVE-2021-44228',
        status: 'not_affected',
        justification: 'code_not_present',
        detail:
          'This version of Product ABC is not affected by the vulnerability. Class with vulnerable code was removed before shipping.',
        products: [{ purl: null, cpe: null, name: 'ABC', version: '4.2' }],
        date: '2022-03-03',
      },
    ]);
  });

  it('maps every CycloneDX state of the Ripple20 case', () => {
    const c = read(FIELD, 'cdx-vex-cisa-case3-ripple20-mixed.vex.json');
    const count = (s: string) => c.vex.filter((x) => x.status === s).length;
    expect(c.vex).toHaveLength(19);
    expect([count('not_affected'), count('fixed'), count('affected'), count('under_investigation')]).toEqual([
      6, 3, 5, 5,
    ]);
    for (const s of c.vex) expect(() => VexStatementSchema.parse(s)).not.toThrow();
  });

  it('keeps versions and vers: ranges of a multi-product VEX, and names refs to BOMs not imported', () => {
    const c = read(FIELD, 'cdx-vex-cisa-case7-multiproduct.vex.json');
    expect(c.vex).toHaveLength(4);
    expect(c.vex[1]!.products.map((p) => p.version)).toEqual([
      'vers:generic/>=1.0|<=2.3',
      '2.5',
      'vers:generic/>=2.7|<=2.8',
      '4.2',
    ]);
    expect(c.vex[1]!.products[0]!.name).toBe('product-ABC');
    expect(c.warnings[0]).toContain('is in a BOM not imported for this vendor');
  });

  it('resolves BOM-Links through the SBOMs imported earlier', () => {
    const bom = read(FIELD, 'cdx-vex-cisa-case7-bom-1.json');
    const c = readSbomFile(text(FIELD, 'cdx-vex-cisa-case7-multiproduct.vex.json'), {
      resolveBomLink: (link) =>
        link.serial === 'cbb2cd68-2857-43b8-a10b-e8c03d277d18' ? bom.refs[link.ref]! : null,
    });
    expect(c.vex[1]!.products[0]).toEqual({
      purl: null,
      cpe: null,
      name: 'ABC',
      version: 'vers:generic/>=1.0|<=2.3',
    });
  });

  it('reads a purl BOM-Link and a CVE from the references', () => {
    const c = read(FIELD, 'cdx-vex-example.vex.json');
    expect(c.vex[0]!.products[0]).toMatchObject({ name: 'jackson-databind', version: '2.10.0' });
    const ours = read(FIXTURES, 'scanner-fw.vex.cdx.json');
    expect(ours.vex.map((s) => [s.cve, s.status, s.justification])).toEqual([
      ['CVE-2022-2274', 'not_affected', 'false_positive'],
      ['CVE-2022-28391', 'fixed', null],
      ['CVE-2021-44228', 'affected', null],
    ]);
    expect(ours.vex[0]!.date).toBe('2024-06-03');
    expect(ours.warnings).toEqual(
      expect.arrayContaining([
        'vulnerabilities.4 (SNYK-1234) has no CVE id; skipped.',
        '1 vulnerabilities without an analysis state are not VEX statements; not read.',
      ]),
    );
  });

  it('reads OpenVEX statements: name or text vulnerability, @id purls and identifiers', () => {
    const sample = read(EXAMPLES, 'openvex-sample-1statement-not_affected.openvex.json');
    expect(sample.vex[0]).toMatchObject({
      format: 'openvex',
      cve: 'CVE-2023-27103',
      status: 'not_affected',
      justification: 'component_not_present',
      date: '2023-08-16',
    });
    expect(read(FIELD, 'openvex-vexctl-example-fixed.openvex.json').vex[0]).toMatchObject({
      status: 'fixed',
      products: [{ purl: 'pkg:generic/component2@2.39.0-r1', name: 'component2', version: '2.39.0-r1' }],
    });
    const ours = read(FIXTURES, 'gateway.openvex.json');
    expect(ours.vex[0]!.products).toEqual([
      {
        purl: null,
        cpe: 'cpe:2.3:h:example:gw-200:3.2:*:*:*:*:*:*:*',
        name: 'https://vendor.example/products/gw-200',
        version: null,
      },
      { purl: 'pkg:generic/nghttp2@1.51.0', cpe: null, name: 'nghttp2', version: '1.51.0' },
    ]);
    expect(ours.vex[0]!.detail).toBe("HTTP/2 is disabled in the gateway's web server.");
    expect(ours.vex[1]).toMatchObject({
      cve: 'CVE-2024-3400',
      status: 'under_investigation',
      date: '2024-04-10',
    });
  });
});

describe('CSAF VEX, read by the advisories’ CSAF reader', () => {
  it('gives the product status as statements with the impact as detail', () => {
    const c = read(FIELD, 'csaf-vex-vexctl-example.csaf.json');
    expect(c.format.id).toBe('csaf-vex');
    expect(c.documentId).toBe('2022-EVD-UC-01-NA-001');
    expect(c.sbom).toBeNull();
    expect(c.vex).toHaveLength(1);
    expect(c.vex[0]).toMatchObject({
      format: 'csaf',
      cve: 'CVE-2009-4487',
      status: 'not_affected',
      detail: 'Class with vulnerable code was removed before shipping.',
    });
    expect(c.vex[0]!.products[0]!.purl).toBe('pkg:generic/component1@1.3.4');
  });

  it('refuses a CSAF file with the CSAF reader’s first problem', () => {
    const doc = JSON.parse(text(FIELD, 'csaf-vex-vexctl-example.csaf.json'));
    delete doc.document.tracking;
    expect(refusal(JSON.stringify(doc))).toContain('document.tracking');
  });
});

describe('files refused with the first problem', () => {
  it.each([
    [FIELD, 'openvex_json_schema.json', 'Not an SBOM or VEX file: expected CycloneDX JSON'],
    [FIELD, 'spdx30-example11-hello-server.spdx3.json', 'This is SPDX 3 (JSON-LD)'],
    [FIXTURES, 'component-without-name.cdx.json', 'components.1.name: missing.'],
    [FIXTURES, 'components-not-a-list.spdx.json', 'packages: expected a list.'],
    [
      FIXTURES,
      'unknown-state.vex.cdx.json',
      'vulnerabilities.0.analysis.state: "maybe" is not a CycloneDX analysis state',
    ],
    [FIXTURES, 'cyclonedx-2.0.json', 'specVersion: CycloneDX 2.0 is not read'],
    [FIXTURES, 'not-an-sbom.json', 'Not an SBOM or VEX file'],
  ])('%s/%s', (dir, name, message) => {
    expect(refusal(text(dir, name))).toContain(message);
  });

  it('refuses a truncated file, empty text, a JSON list and a VEX file with nothing usable', () => {
    const whole = text(FIXTURES, 'scanner-fw.cdx.json');
    expect(refusal(whole.slice(0, whole.indexOf('openssl') + 20))).toContain(
      'The JSON is not valid or not complete',
    );
    expect(refusal('  ')).toBe('The file is empty.');
    expect(refusal('[]')).toContain('the JSON is not an object');
    expect(
      refusal(JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', statements: [] })),
    ).toContain('holds no VEX statement');
    // A CycloneDX VEX (no components) whose one statement names no product it can use is
    // refused too: read as an empty SBOM it would replace the vendor's real one.
    expect(
      refusal(
        JSON.stringify({
          bomFormat: 'CycloneDX',
          specVersion: '1.5',
          vulnerabilities: [
            {
              id: 'CVE-2024-0001',
              analysis: { state: 'not_affected', justification: 'code_not_reachable' },
              affects: [{ ref: 'urn:cdx:x/1#fw', versions: [{ version: '2.3', status: 'affected' }] }],
            },
          ],
        }),
      ),
    ).toMatch(
      /^The CycloneDX JSON file holds no VEX statement this app can use: vulnerabilities\.0\.affects\.0: .*[^.]\.$/,
    );
  });

  it('refuses nesting past the limit before parsing, and counts no brace inside a string', () => {
    const deep = `{"bomFormat":"CycloneDX","specVersion":"1.5","x":${'['.repeat(MAX_SBOM_DEPTH)}${']'.repeat(MAX_SBOM_DEPTH)}}`;
    expect(refusal(deep)).toContain(`nested more than ${MAX_SBOM_DEPTH} levels`);
    const hostile = '['.repeat(200_000);
    expect(refusal(hostile)).toContain('nested more than');
    const braces = { bomFormat: 'CycloneDX', specVersion: '1.5', components: [{ name: '{'.repeat(500) }] };
    expect(readSbomFile(JSON.stringify(braces)).sbom!.components[0]!.name).toHaveLength(500);
  });

  it('refuses a huge string with its path', () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [{ name: 'a' }, { name: 'x'.repeat(MAX_SBOM_STRING + 1) }],
    };
    expect(refusal(JSON.stringify(doc))).toBe(
      `components.1.name: a text of ${MAX_SBOM_STRING + 1} characters is longer than ${MAX_SBOM_STRING}.`,
    );
  });

  it('reads 10,000 components and refuses more than the limit, nested ones counted', () => {
    const many = (n: number) => ({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: Array.from({ length: n }, (_, i) => ({
        name: `lib${i}`,
        version: '1.0',
        purl: `pkg:generic/lib${i}@1.0`,
      })),
    });
    expect(readSbomFile(JSON.stringify(many(10_000))).sbom!.components).toHaveLength(10_000);
    const over = many(MAX_SBOM_COMPONENTS);
    over.components[0] = {
      ...over.components[0]!,
      components: [{ name: 'nested', version: '1', purl: 'pkg:generic/n@1' }],
    } as never;
    expect(refusal(JSON.stringify(over))).toContain(`more than ${MAX_SBOM_COMPONENTS} components`);
  });

  it('keeps a bom-ref named __proto__ as a ref, never as a prototype', () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [{ 'bom-ref': '__proto__', name: 'evil', version: '1' }],
      vulnerabilities: [
        { id: 'CVE-2024-0001', analysis: { state: 'not_affected' }, affects: [{ ref: '__proto__' }] },
      ],
    };
    const c = readSbomFile(JSON.stringify(doc));
    expect(Object.hasOwn(c.refs, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(c.refs)).toBe(Object.prototype);
    expect(c.vex[0]!.products[0]).toMatchObject({ name: 'evil', version: '1' });
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it('refuses wrong kinds of values by path', () => {
    expect(
      refusal('{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a","supplier":"Acme"}]}'),
    ).toBe('components.0.supplier: expected an object.');
    expect(refusal('{"bomFormat":"CycloneDX","specVersion":1.5}')).toBe('specVersion: expected a text.');
    expect(
      refusal(
        '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"CVE-2024-1"},"status":"gone"}]}',
      ),
    ).toContain('statements.0.status: "gone" is not an OpenVEX status');
  });
});

describe('helpers', () => {
  it.each([
    ['pkg:maven/org.webjars.npm/xlsx@0.16.6', 'xlsx', '0.16.6'],
    ['pkg:npm/%40angular/core@16.0.0', 'core', '16.0.0'],
    ['pkg:deb/debian/libselinux1-dev@3.1-3?arch=s390x', 'libselinux1-dev', '3.1-3'],
    ['pkg:generic/busybox', 'busybox', null],
  ])('purl %s', (purl, name, version) => {
    expect(purlParts(purl)).toMatchObject({ name, version });
  });

  it('reads SPDX supplier spellings', () => {
    expect(supplierName('Organization: Webjar')).toBe('Webjar');
    expect(supplierName('Organization: SPDX (Spdx-tech@lists.spdx.org)')).toBe('SPDX');
    expect(supplierName('NOASSERTION')).toBeNull();
    expect(supplierName('Acme')).toBe('Acme');
  });
});
