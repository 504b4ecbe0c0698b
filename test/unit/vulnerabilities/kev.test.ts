import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAdvisoryFile } from '../../../electron/domain/vulnerabilities/advisory-file';
import { readKevCsv } from '../../../electron/domain/vulnerabilities/kev';
import { KevCatalogSchema, type KevCatalog } from '../../../electron/domain/vulnerabilities/model';

const FIELD = '/work/shared/field-data/kev';
const EXCERPT = '/work/shared/examples/field/kev/known_exploited_vulnerabilities.excerpt30.json';

function catalogAt(path: string): KevCatalog {
  const read = readAdvisoryFile(path, readFileSync(path));
  if (read.kind !== 'kev') throw new Error(JSON.stringify(read));
  return read.catalog;
}

describe('the KEV catalog', () => {
  it('reads the whole catalog JSON with its version and date', () => {
    const c = catalogAt(join(FIELD, 'known_exploited_vulnerabilities.json'));
    expect(KevCatalogSchema.parse(c)).toEqual(c);
    expect(c.catalogVersion).toBe('2025.08.25');
    expect(c.dateReleased).toBe('2025-08-25');
    expect(c.entries.length).toBe(1404);
    expect(c.entries[0]).toMatchObject({
      cve: 'CVE-2025-48384',
      vendor: 'Git',
      product: 'Git',
      dateAdded: '2025-08-25',
    });
    expect(c.entries.some((e) => e.ransomware)).toBe(true);
  });

  it('reads the CSV into the same entries', () => {
    const json = catalogAt(join(FIELD, 'known_exploited_vulnerabilities.json'));
    const csv = catalogAt(join(FIELD, 'known_exploited_vulnerabilities.csv'));
    expect(csv.entries).toEqual(json.entries);
    expect(csv.dateReleased).toBe('2025-08-25');
  });

  it('reads the 30-entry excerpt', () => {
    expect(catalogAt(EXCERPT).entries).toHaveLength(30);
  });

  it('refuses an entry whose CVE or date is wrong, naming the row', () => {
    const header =
      'cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes';
    expect(readKevCsv(`${header}\nCVE-2024-1,Acme,Gw,Bad,2024-01-01,,Patch,2024-01-21,Known,,`)).toEqual({
      ok: false,
      problem: 'row 2: cveID "CVE-2024-1" is not a CVE id',
    });
    expect(readKevCsv(`${header}\nCVE-2024-1234,Acme,Gw,Bad,01/02/2024,,Patch,,Known,,`)).toEqual({
      ok: false,
      problem: 'row 2 (CVE-2024-1234): dateAdded "01/02/2024" is not a date',
    });
    const json = JSON.parse(readFileSync(EXCERPT, 'utf8')) as { vulnerabilities: Record<string, unknown>[] };
    json.vulnerabilities[3]!.cveID = 'nope';
    const read = readAdvisoryFile('kev.json', new TextEncoder().encode(JSON.stringify(json)));
    expect(read).toEqual({ kind: 'refused', problem: 'vulnerabilities[3]: cveID "nope" is not a CVE id' });
  });

  it('a CSV that is not the catalog is skipped', () => {
    expect(readAdvisoryFile('devices.csv', new TextEncoder().encode('Asset,Serial\n1,2'))).toEqual({
      kind: 'skipped',
      reason: 'not a KEV catalog CSV',
    });
  });
});
