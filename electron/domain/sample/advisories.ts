/**
 * The sample warehouse's vulnerability sources, written as the files a user would bring: a
 * few CSAF 2.0 advisories about the sample makers' models and a small known-exploited
 * catalog in CISA's JSON layout. They are fictional (a "Sample CERT", CVE numbers far above
 * any issued) and dated relative to the day the sample is loaded, so the same situations
 * show every time: an exploited flaw on PLCs whose fix most devices lack, an exploited flaw
 * on gateways fixed recently, a camera flaw with a fix, an old robot flaw, and an advisory
 * about a model we do not run.
 */
import { shiftDate } from './random';

interface SampleFlaw {
  id: string;
  maker: string;
  model: string;
  /** The affected range as the advisory writes it. */
  range: string;
  fixed: string;
  cve: string;
  title: string;
  cwe: { id: string; name: string };
  score: number;
  vector: string;
  /** Days before the sample's day the advisory came out. */
  age: number;
  /** Days before the sample's day the flaw was added to the exploited catalog, or null. */
  exploited: number | null;
  ransomware?: boolean;
}

const FLAWS: readonly SampleFlaw[] = [
  {
    id: 'SAMPLE-CERT-2026-014',
    maker: 'Bridgeport Controls',
    model: 'BPC-1500 CPU 1512',
    range: '< V3.0 SP1',
    fixed: 'V3.0 SP1',
    cve: 'CVE-2026-99011',
    title: 'Missing authentication for the PLC programming service',
    cwe: { id: 'CWE-306', name: 'Missing Authentication for Critical Function' },
    score: 9.8,
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    age: 200,
    exploited: 150,
  },
  {
    id: 'SAMPLE-CERT-2026-031',
    maker: 'ShelfPulse Sensors',
    model: 'Edge Gateway G2',
    range: 'vers:generic/<1.9.0',
    fixed: '1.9.0',
    cve: 'CVE-2026-99013',
    title: 'Hard-coded maintenance credentials in the gateway firmware',
    cwe: { id: 'CWE-798', name: 'Use of Hard-coded Credentials' },
    score: 9.1,
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N',
    age: 60,
    exploited: 30,
    ransomware: true,
  },
  {
    id: 'SAMPLE-CERT-2026-022',
    maker: 'Vigilant Optics',
    model: 'DomeCam 4K',
    range: 'V5.5.800 build 210628 and earlier',
    fixed: 'V5.7.0',
    cve: 'CVE-2026-99012',
    title: 'Command injection in the camera web interface',
    cwe: { id: 'CWE-78', name: 'Improper Neutralization of Special Elements used in an OS Command' },
    score: 8.8,
    vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
    age: 120,
    exploited: null,
  },
  {
    id: 'SAMPLE-CERT-2025-090',
    maker: 'Kinetica Floor Robotics',
    model: 'AMR-300',
    range: 'vers:generic/<4.4.0',
    fixed: '4.4.0',
    cve: 'CVE-2025-99014',
    title: 'Unauthenticated fleet API exposes robot routes',
    cwe: { id: 'CWE-200', name: 'Exposure of Sensitive Information to an Unauthorized Actor' },
    score: 6.5,
    vector: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
    age: 300,
    exploited: null,
  },
  {
    id: 'SAMPLE-CERT-2026-040',
    maker: 'TagSense RFID Systems',
    model: 'TSR-R500',
    range: 'vers:generic/<3.1.0',
    fixed: '3.1.0',
    cve: 'CVE-2026-99015',
    title: 'Buffer overflow in the reader’s LLRP parser',
    cwe: { id: 'CWE-120', name: 'Buffer Copy without Checking Size of Input' },
    score: 7.5,
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    age: 20,
    exploited: null,
  },
];

const PUBLISHER = {
  category: 'coordinator',
  name: 'Sample CERT (fictional)',
  namespace: 'https://sample-cert.invalid',
};

/** The sample's CSAF advisories, one document per flaw, released relative to `day`. */
export function sampleAdvisories(day: string): { fileName: string; document: unknown }[] {
  return FLAWS.map((f) => {
    const released = `${shiftDate(day, -f.age)}T12:00:00.000Z`;
    const affected = 'CSAFPID-0001';
    const fixed = 'CSAFPID-0002';
    return {
      fileName: `${f.id.toLowerCase()}.json`,
      document: {
        document: {
          category: 'csaf_security_advisory',
          csaf_version: '2.0',
          lang: 'en-US',
          title: `${f.maker} ${f.model}: ${f.title} (sample)`,
          publisher: PUBLISHER,
          notes: [
            {
              category: 'legal_disclaimer',
              title: 'Sample',
              text: 'A fictional advisory of the Vendor Risk Desk sample warehouse.',
            },
          ],
          tracking: {
            id: f.id,
            status: 'final',
            version: '1',
            initial_release_date: released,
            current_release_date: released,
            revision_history: [{ number: '1', date: released, summary: 'Initial publication' }],
          },
        },
        product_tree: {
          branches: [
            {
              category: 'vendor',
              name: f.maker,
              branches: [
                {
                  category: 'product_name',
                  name: f.model,
                  branches: [
                    {
                      category: 'product_version_range',
                      name: f.range,
                      product: { product_id: affected, name: `${f.model} ${f.range}` },
                    },
                    {
                      category: 'product_version',
                      name: f.fixed,
                      product: { product_id: fixed, name: `${f.model} ${f.fixed}` },
                    },
                  ],
                },
              ],
            },
          ],
        },
        vulnerabilities: [
          {
            cve: f.cve,
            title: f.title,
            cwe: f.cwe,
            product_status: { known_affected: [affected], fixed: [fixed] },
            scores: [
              {
                products: [affected],
                cvss_v3: {
                  version: '3.1',
                  baseScore: f.score,
                  baseSeverity: f.score >= 9 ? 'CRITICAL' : f.score >= 7 ? 'HIGH' : 'MEDIUM',
                  vectorString: f.vector,
                },
              },
            ],
            remediations: [
              {
                category: 'vendor_fix',
                details: `Update to ${f.fixed} or later version`,
                product_ids: [affected],
                url: 'https://sample-cert.invalid/updates',
              },
              {
                category: 'mitigation',
                details: 'Allow the service only from the engineering network segment.',
                product_ids: [affected],
              },
            ],
          },
        ],
      },
    };
  });
}

/** The sample's known-exploited catalog in CISA's JSON layout, as released on `day`. */
export function sampleKevCatalog(day: string): { fileName: string; document: unknown } {
  const entries = FLAWS.filter((f) => f.exploited !== null);
  return {
    fileName: 'sample-known-exploited-vulnerabilities.json',
    document: {
      title: 'Sample known exploited vulnerabilities (fictional)',
      catalogVersion: `${day.replace(/-/g, '.')}`,
      dateReleased: `${day}T12:00:00.000Z`,
      count: entries.length,
      vulnerabilities: entries.map((f) => ({
        cveID: f.cve,
        vendorProject: f.maker,
        product: f.model,
        vulnerabilityName: `${f.maker} ${f.model} ${f.title}`,
        dateAdded: shiftDate(day, -f.exploited!),
        shortDescription: f.title,
        requiredAction: 'Apply mitigations per vendor instructions or discontinue use of the product.',
        dueDate: shiftDate(day, -f.exploited! + 21),
        knownRansomwareCampaignUse: f.ransomware ? 'Known' : 'Unknown',
        notes: 'Fictional entry of the sample warehouse.',
        cwes: [f.cwe.id],
      })),
    },
  };
}
