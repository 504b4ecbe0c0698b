/**
 * `vendor-risk sbom import` and `sbom list` as a user runs the built binary: SBOMs and VEX
 * files from the field attached to vendors, replaced, listed, and hostile files refused.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../../bin/vendor-risk.cjs');
const FIELD = '/work/shared/field-data/sbom';
const EXAMPLES = '/work/shared/examples/field/sbom';
const FIXTURES = resolve(__dirname, '../fixtures/sbom');

test.describe('sbom commands', () => {
  let dir = '';
  const run = (args: string[]) =>
    spawnSync(process.execPath, [BIN, '--data-dir', dir, ...args], {
      encoding: 'utf8',
      env: { ...process.env, VENDOR_RISK_USER: 'CLI Test' },
    });

  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vendor-risk-sbom-'));
    for (const name of ['Example Scanners Ltd', 'CISA Case Products'])
      expect(run(['vendors', 'add', '--name', name, '--category', 'other']).status).toBe(0);
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('attaches SBOMs and VEX files, replaces an SBOM for the same model and firmware, and lists them', () => {
    const sbom = run([
      'sbom',
      'import',
      join(EXAMPLES, 'spdx23-sbom-with-security.spdx.json'),
      '--vendor',
      'Example Scanners Ltd',
      '--model',
      'TC52',
      '--firmware',
      '4.5.1',
      '--json',
    ]);
    expect(sbom.status, sbom.stderr).toBe(0);
    expect(JSON.parse(sbom.stdout)).toMatchObject({
      format: 'SPDX 2.3',
      sbom: { vendorName: 'Example Scanners Ltd', model: 'TC52', firmware: '4.5.1', entries: 2 },
      replacedSbom: null,
    });

    const again = run([
      'sbom',
      'import',
      join(FIXTURES, 'scanner-fw.cdx.json'),
      '--vendor',
      'Example Scanners Ltd',
      '--model',
      'TC52',
      '--firmware',
      '4.5.1',
    ]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('(3 components) to Example Scanners Ltd, model TC52, firmware 4.5.1.');
    expect(again.stdout).toContain('It replaces the SBOM spdx23-sbom-with-security.spdx.json imported');

    // CISA's case 7: the two product BOMs, then the VEX that links into them.
    // Each to its model: without one, the second would replace the first (same vendor, model and firmware).
    for (const [bom, model] of [
      ['cdx-vex-cisa-case7-bom-1.json', 'ABC'],
      ['cdx-vex-cisa-case7-bom-2.json', 'JKL'],
    ])
      expect(
        run(['sbom', 'import', join(FIELD, bom!), '--vendor', 'CISA Case Products', '--model', model!])
          .status,
      ).toBe(0);
    const vex = run([
      'sbom',
      'import',
      join(FIELD, 'cdx-vex-cisa-case7-multiproduct.vex.json'),
      '--vendor',
      'CISA Case Products',
    ]);
    expect(vex.status, vex.stderr).toBe(0);
    expect(vex.stdout).toContain('Attached 4 VEX statements (CycloneDX 1.4) to CISA Case Products.');
    expect(vex.stdout).not.toContain('not imported for this vendor');
    const openvex = run([
      'sbom',
      'import',
      join(EXAMPLES, 'openvex-sample-1statement-not_affected.openvex.json'),
      '--vendor',
      'Example Scanners Ltd',
    ]);
    expect(openvex.stdout).toContain('Attached 1 VEX statements (OpenVEX) to Example Scanners Ltd.');

    const list = run(['sbom', 'list', '--json']);
    expect(list.status).toBe(0);
    const rows = JSON.parse(list.stdout) as {
      kind: string;
      vendorName: string;
      name: string;
      entries: number;
    }[];
    expect(rows.map((r) => [r.kind, r.vendorName, r.name, r.entries])).toEqual([
      ['sbom', 'CISA Case Products', 'ABC', 0],
      ['sbom', 'CISA Case Products', 'JKL', 0],
      ['sbom', 'Example Scanners Ltd', 'TC52 firmware 4.5.1', 3],
      ['vex', 'CISA Case Products', 'cdx-vex-cisa-case7-multiproduct.vex.json', 4],
      ['vex', 'Example Scanners Ltd', rows[4]!.name, 1],
    ]);
    const text = run(['sbom', 'list', '--vendor', 'Example Scanners Ltd']);
    expect(text.stdout).toMatch(/SBOM\s+Example Scanners Ltd\s+TC52\s+4\.5\.1\s+CycloneDX 1\.5/);
    expect(text.stdout).not.toContain('CISA Case Products');

    const audit = run(['audit', 'list', '--entity', 'sbom', '--json']);
    expect(audit.status, audit.stderr).toBe(0);
    expect(audit.stdout).toContain('CLI Test');
  });

  test('refuses hostile files with the path and the first problem, an unknown vendor by name, and writes nothing', () => {
    const deep = join(dir, 'deep.cdx.json');
    writeFileSync(
      deep,
      `{"bomFormat":"CycloneDX","specVersion":"1.5","x":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    );
    const huge = join(dir, 'huge.spdx.json');
    writeFileSync(
      huge,
      JSON.stringify({ spdxVersion: 'SPDX-2.3', packages: [{ name: 'x'.repeat(100_000) }] }),
    );
    const truncated = join(dir, 'truncated.vex.json');
    writeFileSync(truncated, '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vuln');
    for (const [file, problem] of [
      [deep, 'nested more than 64 levels deep'],
      [huge, 'packages.0.name: a text of 100000 characters is longer than 65536.'],
      [truncated, 'The JSON is not valid or not complete'],
      [join(FIELD, 'spdx30-example11-hello-server.spdx3.json'), 'This is SPDX 3 (JSON-LD)'],
      [join(FIELD, 'openvex_json_schema.json'), 'Not an SBOM or VEX file: expected CycloneDX JSON'],
    ] as const) {
      const r = run(['sbom', 'import', file, '--vendor', 'Example Scanners Ltd']);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`${file} cannot be imported: `);
      expect(r.stderr).toContain(problem);
    }
    const unknown = run(['sbom', 'import', join(FIXTURES, 'scanner-fw.cdx.json'), '--vendor', 'Nobody Inc']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('"Nobody Inc"');
    const usage = run(['sbom', 'import', join(FIXTURES, 'scanner-fw.cdx.json')]);
    expect(usage.status).toBe(1);
    expect(run(['sbom', 'list']).stdout).toContain('No SBOM or VEX file is attached.');
    expect(JSON.parse(run(['audit', 'list', '--entity', 'sbom', '--json']).stdout)).toMatchObject({
      total: 0,
    });
  });
});
