/** Attaching SBOMs and VEX files to vendors through the operations and the CLI, as the app and a script do. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, runCli, vendorInput } from './helpers';
import { VulnerabilitySourcesSchema } from '../../electron/domain/vulnerabilities/model';
import { AuditQuerySchema } from '../../electron/domain/audit';

const FIELD = '/work/shared/field-data/sbom';
const EXAMPLES = '/work/shared/examples/field/sbom';
const FIXTURES = join(__dirname, '../fixtures/sbom');
const b64 = (path: string) => readFileSync(path).toString('base64');

function setup() {
  const app = openApp();
  const vendor = app.services.vendors.create(vendorInput({ name: 'Example Scanners Ltd' }));
  const other = app.services.vendors.create(vendorInput({ name: 'Gateway Works' }));
  const importFile = (path: string, extra: { vendorId?: string; model?: string; firmware?: string } = {}) =>
    app.dispatcher.call('sboms.import', {
      vendorId: vendor.id,
      fileName: path,
      contentBase64: b64(path),
      ...extra,
    });
  const counts = () => ({
    attached: app.services.storage.sboms.list(null).length,
    audit: app.services.audit.list(AuditQuerySchema.parse({})).total,
  });
  return { app, vendor, other, importFile, counts };
}

describe('sboms.import', () => {
  it('attaches an SBOM to vendor, model and firmware; the same three again replace it and say so', async () => {
    const { app, vendor, importFile } = setup();
    const first = await importFile(join(FIXTURES, 'scanner-fw.cdx.json'), {
      model: 'TC52',
      firmware: '4.5.1',
    });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value).toMatchObject({
      fileName: 'scanner-fw.cdx.json',
      format: 'CycloneDX 1.5',
      sbom: { kind: 'sbom', model: 'TC52', firmware: '4.5.1', name: 'TC52 firmware 4.5.1', entries: 3 },
      replacedSbom: null,
      vex: null,
    });
    const other = await importFile(join(FIELD, 'cdx-hbom-pcie-sata-adapter-board.bom.json'), {
      model: 'TC52',
      firmware: '4.6',
    });
    expect(other.ok && other.value.replacedSbom).toBeNull();
    // Case and spaces do not make another model.
    const again = await importFile(join(EXAMPLES, 'spdx23-sbom-with-security.spdx.json'), {
      model: ' tc52 ',
      firmware: '4.5.1',
    });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value.replacedSbom).toMatchObject({
      id: first.value.sbom!.id,
      fileName: 'scanner-fw.cdx.json',
    });
    const list = await app.dispatcher.call('sboms.list', { vendorId: vendor.id });
    expect(list.ok && list.value.map((r) => [r.format, r.model, r.firmware, r.entries])).toEqual([
      ['SPDX 2.3', 'tc52', '4.5.1', 2],
      ['CycloneDX 1.4', 'TC52', '4.6', 6],
    ]);
    const sources = app.services.storage.sboms.sboms();
    expect(() => VulnerabilitySourcesSchema.shape.sboms.parse(sources)).not.toThrow();
    expect(sources.find((s) => s.firmware === '4.5.1')?.sbom.components[1]).toMatchObject({
      name: 'xlsx',
      purl: 'pkg:maven/org.webjars.npm/xlsx@0.16.6',
    });
  });

  it('records each import in the audit trail, found by the vendor', async () => {
    const { app, vendor, importFile } = setup();
    await importFile(join(FIXTURES, 'scanner-fw.cdx.json'), { model: 'TC52' });
    await importFile(join(FIXTURES, 'scanner-fw.cdx.json'), { model: 'TC52' });
    await importFile(join(EXAMPLES, 'openvex-sample-1statement-not_affected.openvex.json'));
    const trail = app.services.audit.list(
      AuditQuerySchema.parse({ vendorId: vendor.id, entities: ['sbom', 'vex'] }),
    );
    const imports = trail.items;
    expect(imports.map((e) => [e.entity, e.action, e.before === null])).toEqual([
      ['vex', 'import', true],
      ['sbom', 'import', false],
      ['sbom', 'import', true],
    ]);
    expect(imports[0]!.actor).toBe('Unit Tester');
  });

  it('attaches VEX statements to the vendor, resolving BOM-Links through its SBOMs', async () => {
    const { app, vendor, other, importFile } = setup();
    await importFile(join(FIXTURES, 'scanner-fw.cdx.json'), { model: 'TC52', firmware: '4.5.1' });
    const vex = await importFile(join(FIXTURES, 'scanner-fw.vex.cdx.json'), { model: 'TC52' });
    expect(vex.ok).toBe(true);
    if (!vex.ok) return;
    expect(vex.value.sbom).toBeNull();
    expect(vex.value.vex).toMatchObject({ kind: 'vex', entries: 3, model: null });
    expect(vex.value.warnings).toContain(
      'The file holds VEX statements only: they are attached to the vendor, not to a model or firmware.',
    );
    const statements = app.services.storage.sboms.vex();
    expect(() => VulnerabilitySourcesSchema.shape.vex.parse(statements)).not.toThrow();
    expect(statements.map((s) => [s.vendorId, s.statement.cve, s.statement.products[0]])).toEqual([
      [
        vendor.id,
        'CVE-2022-2274',
        { purl: 'pkg:generic/openssl@3.0.4', cpe: null, name: 'openssl', version: '3.0.4' },
      ],
      [
        vendor.id,
        'CVE-2022-28391',
        { purl: 'pkg:generic/busybox@1.35.0', cpe: null, name: 'busybox', version: '1.35.0' },
      ],
      [vendor.id, 'CVE-2021-44228', { purl: null, cpe: null, name: 'TC52 firmware', version: '4.5.1' }],
    ]);
    // Another vendor's SBOMs do not resolve this vendor's links.
    const elsewhere = await importFile(join(FIXTURES, 'scanner-fw.vex.cdx.json'), { vendorId: other.id });
    expect(
      elsewhere.ok && elsewhere.value.warnings.some((w) => w.includes('not imported for this vendor')),
    ).toBe(true);
  });

  it('attaches both from a CycloneDX SBOM that carries its own analysed vulnerabilities', async () => {
    const { app, vendor } = setup();
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      serialNumber: 'urn:uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      metadata: { component: { 'bom-ref': 'cam', name: 'IPC-200 firmware', version: '2.1' } },
      components: [
        { 'bom-ref': 'ssl', name: 'openssl', version: '1.1.1k', purl: 'pkg:generic/openssl@1.1.1k' },
      ],
      vulnerabilities: [
        {
          id: 'CVE-2021-3711',
          analysis: { state: 'not_affected', justification: 'code_not_reachable' },
          affects: [{ ref: 'ssl' }],
        },
      ],
    };
    const r = await app.dispatcher.call('sboms.import', {
      vendorId: vendor.id,
      fileName: 'ipc-200.cdx.json',
      contentBase64: Buffer.from(JSON.stringify(doc)).toString('base64'),
      model: 'IPC-200',
      firmware: '2.1',
    });
    expect(r.ok && [r.value.sbom?.entries, r.value.vex?.entries, r.value.vex?.name]).toEqual([
      1,
      1,
      'IPC-200 firmware 2.1',
    ]);
    expect(app.services.storage.sboms.vex()[0]!.statement).toMatchObject({
      cve: 'CVE-2021-3711',
      justification: 'code_not_reachable',
      products: [{ name: 'openssl', version: '1.1.1k', purl: 'pkg:generic/openssl@1.1.1k', cpe: null }],
    });
  });

  it('replaces the statements of the same VEX document imported again', async () => {
    const { app, importFile } = setup();
    await importFile(join(FIXTURES, 'gateway.openvex.json'));
    const again = await importFile(join(FIXTURES, 'gateway.openvex.json'));
    expect(again.ok && again.value.replacedVex?.entries).toBe(2);
    await importFile(join(FIELD, 'openvex-sample-2vulns.openvex.json'));
    expect(app.services.storage.sboms.vex()).toHaveLength(4);
  });

  it('refuses a malformed or unknown file with its name and the first problem, writing nothing', async () => {
    const { importFile, counts } = setup();
    await importFile(join(FIXTURES, 'scanner-fw.cdx.json'));
    const before = counts();
    for (const [file, problem] of [
      [join(FIXTURES, 'cyclonedx-2.0.json'), 'specVersion: CycloneDX 2.0 is not read'],
      [join(FIXTURES, 'component-without-name.cdx.json'), 'components.1.name: missing.'],
      [join(FIELD, 'openvex_json_schema.json'), 'Not an SBOM or VEX file'],
    ] as const) {
      const r = await importFile(file, { model: 'TC52' });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toContain(`${file} cannot be imported: `);
      expect(r.error.message).toContain(problem);
    }
    expect(counts()).toEqual(before);
  });

  it('refuses an unknown vendor, and goes with the vendor it is attached to', async () => {
    const { app, other, importFile } = setup();
    const none = await importFile(join(FIXTURES, 'scanner-fw.cdx.json'), {
      vendorId: '2c5ea4c0-4067-11e9-8bad-9b1deb4d3b7d',
    });
    expect(!none.ok && none.error.code).toBe('NOT_FOUND');
    await importFile(join(FIXTURES, 'gateway.openvex.json'), { vendorId: other.id });
    await importFile(join(FIXTURES, 'scanner-fw.cdx.json'), { vendorId: other.id });
    app.services.vendors.remove(other.id);
    expect(app.services.storage.sboms.list(null)).toEqual([]);
    expect(app.services.storage.sboms.vex()).toEqual([]);
  });
});

describe('sbom CLI', () => {
  it('imports with --json and lists what is attached', async () => {
    const { app } = setup();
    const file = join(FIXTURES, 'scanner-fw.cdx.json');
    const args = [
      'sbom',
      'import',
      file,
      '--vendor',
      'example scanners ltd',
      '--model',
      'TC52',
      '--firmware',
      '4.5.1',
    ];
    const json = await runCli(app.dataDir, [...args, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      sbom: { vendorName: 'Example Scanners Ltd', entries: 3 },
    });
    const text = await runCli(app.dataDir, args);
    expect(text.stdout).toContain(
      'Attached the CycloneDX 1.5 SBOM "TC52 firmware 4.5.1" (3 components) to Example Scanners Ltd, model TC52, firmware 4.5.1.',
    );
    expect(text.stdout).toContain('It replaces the SBOM scanner-fw.cdx.json imported');
    const vex = await runCli(app.dataDir, [
      'sbom',
      'import',
      join(FIXTURES, 'gateway.openvex.json'),
      '--vendor',
      'Gateway Works',
    ]);
    expect(vex.stdout).toContain('Attached 2 VEX statements (OpenVEX) to Gateway Works.');
    const list = await runCli(app.dataDir, ['sbom', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/SBOM\s+Example Scanners Ltd\s+TC52\s+4\.5\.1\s+CycloneDX 1\.5/);
    expect(list.stdout).toMatch(/VEX\s+Gateway Works\s+—\s+—\s+OpenVEX/);
    const one = await runCli(app.dataDir, ['sbom', 'list', '--vendor', 'Gateway Works', '--json']);
    expect((JSON.parse(one.stdout) as { kind: string }[]).map((r) => r.kind)).toEqual(['vex']);
  });

  it('exits 1 on a wrong command line and 2 on an unknown vendor or a bad file, with one line on stderr', async () => {
    const { app } = setup();
    const file = join(FIXTURES, 'scanner-fw.cdx.json');
    const noVendor = await runCli(app.dataDir, ['sbom', 'import', file]);
    expect(noVendor.code).toBe(1);
    expect(noVendor.stderr).toContain('missing --vendor VENDOR');
    const unknown = await runCli(app.dataDir, ['sbom', 'import', file, '--vendor', 'Nobody Inc']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no vendor with id or name "Nobody Inc"');
    const bad = join(FIXTURES, 'component-without-name.cdx.json');
    const refused = await runCli(app.dataDir, ['sbom', 'import', bad, '--vendor', 'Gateway Works']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`${bad} cannot be imported: components.1.name: missing.`);
    const missing = await runCli(app.dataDir, [
      'sbom',
      'import',
      '/no/such.json',
      '--vendor',
      'Gateway Works',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const listUnknown = await runCli(app.dataDir, ['sbom', 'list', '--vendor', 'Nobody Inc']);
    expect(listUnknown.code).toBe(2);
    expect((await runCli(app.dataDir, ['sbom', 'list'])).stdout).toContain(
      'No SBOM or VEX file is attached.',
    );
  });
});
