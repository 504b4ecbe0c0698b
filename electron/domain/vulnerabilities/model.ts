/**
 * The shapes every vulnerability source is read into, whatever file it came from: a CSAF
 * advisory's products and vulnerabilities, the known-exploited catalog, a vendor's SBOM and
 * VEX statements; and the shape of a device matched against them. The importers
 * (one per format) produce these; matching, storage and the window read only these.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../primitives';

/** A CVE id, upper case. */
export const CveIdSchema = z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'Not a CVE id');

/** One product an advisory speaks of, flattened from the CSAF product tree's branches. */
export const AdvisoryProductSchema = z
  .object({
    /** The advisory's own id for it (CSAF product_id), unique within the advisory. */
    productId: z.string().min(1),
    /** The vendor branch's name as written ("Siemens", "Siemens AG"); '' when the tree has none. */
    vendor: z.string(),
    /** The product name (product_name or product_family branch, else the full name). */
    name: z.string(),
    /** The product's full name as the advisory prints it. */
    fullName: z.string(),
    /** An exact version (product_version branch), else null. */
    version: z.string().nullable(),
    /**
     * A version range as written: a `vers:` string ("vers:generic/<2.0") or the vendor's
     * own words ("< V2.0", "V4.5 SP1 and earlier", "All versions"), else null.
     */
    range: z.string().nullable(),
    cpe: z.string().nullable(),
    purl: z.string().nullable(),
    /** Model numbers from the identification helper (CSAF model_numbers), may be empty. */
    modelNumbers: z.array(z.string()),
  })
  .strict();
export type AdvisoryProduct = z.infer<typeof AdvisoryProductSchema>;

export const REMEDIATION_CATEGORIES = [
  'vendor_fix',
  'mitigation',
  'workaround',
  'no_fix_planned',
  'none_available',
] as const;

/** What the vendor says to do about a vulnerability for some of its products. */
export const RemediationSchema = z
  .object({
    category: z.enum(REMEDIATION_CATEGORIES),
    details: z.string(),
    url: z.string().nullable(),
    productIds: z.array(z.string()),
    /** The first fixed version when the details or the tree name one ("V2.0"), else null. */
    fixedVersion: z.string().nullable(),
    date: IsoDateSchema.nullable(),
  })
  .strict();
export type Remediation = z.infer<typeof RemediationSchema>;

export const CvssSchema = z
  .object({
    version: z.enum(['2.0', '3.0', '3.1', '4.0']),
    score: z.number().min(0).max(10),
    vector: z.string(),
  })
  .strict();
export type Cvss = z.infer<typeof CvssSchema>;

/** One vulnerability of an advisory with the status of each product it names. */
export const AdvisoryVulnerabilitySchema = z
  .object({
    /** Null for the few advisories that track a weakness without a CVE. */
    cve: CveIdSchema.nullable(),
    title: z.string(),
    /** The highest-version score the advisory gives (4.0 before 3.x before 2.0). */
    cvss: CvssSchema.nullable(),
    cwe: z.string().nullable(),
    knownAffected: z.array(z.string()),
    fixed: z.array(z.string()),
    knownNotAffected: z.array(z.string()),
    remediations: z.array(RemediationSchema),
  })
  .strict();
export type AdvisoryVulnerability = z.infer<typeof AdvisoryVulnerabilitySchema>;

/** A CSAF advisory (security_advisory or csaf_vex profile) as the app keeps it. */
export const AdvisorySchema = z
  .object({
    /** document.tracking.id — a newer version of the same id replaces the older one. */
    trackingId: z.string().min(1),
    /** document.tracking.version as written ("1", "1.2.0"). */
    version: z.string(),
    /** document.tracking.initial_release_date, as a date. */
    releaseDate: IsoDateSchema,
    /** document.tracking.current_release_date, as a date. */
    currentReleaseDate: IsoDateSchema,
    title: z.string(),
    publisher: z.string(),
    /** document.category ("csaf_security_advisory", "csaf_vex", …). */
    category: z.string(),
    products: z.array(AdvisoryProductSchema),
    vulnerabilities: z.array(AdvisoryVulnerabilitySchema),
  })
  .strict();
export type Advisory = z.infer<typeof AdvisorySchema>;

/** One entry of CISA's Known Exploited Vulnerabilities catalog. */
export const KevEntrySchema = z
  .object({
    cve: CveIdSchema,
    vendor: z.string(),
    product: z.string(),
    name: z.string(),
    dateAdded: IsoDateSchema,
    dueDate: IsoDateSchema.nullable(),
    /** knownRansomwareCampaignUse === "Known". */
    ransomware: z.boolean(),
    requiredAction: z.string(),
  })
  .strict();
export type KevEntry = z.infer<typeof KevEntrySchema>;

/** The catalog as imported: its own version and release date, and its entries. */
export const KevCatalogSchema = z
  .object({
    catalogVersion: z.string(),
    dateReleased: IsoDateSchema,
    entries: z.array(KevEntrySchema),
  })
  .strict();
export type KevCatalog = z.infer<typeof KevCatalogSchema>;

/** One component of a vendor's SBOM. */
export const SbomComponentSchema = z
  .object({
    name: z.string(),
    version: z.string().nullable(),
    purl: z.string().nullable(),
    cpe: z.string().nullable(),
    supplier: z.string().nullable(),
  })
  .strict();
export type SbomComponent = z.infer<typeof SbomComponentSchema>;

/** A software bill of materials for one vendor's model and firmware version. */
export const SbomSchema = z
  .object({
    format: z.enum(['cyclonedx', 'spdx']),
    specVersion: z.string(),
    /** The document's own name or its top component. */
    name: z.string(),
    components: z.array(SbomComponentSchema),
  })
  .strict();
export type Sbom = z.infer<typeof SbomSchema>;

export const VEX_STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;

/** What a VEX statement is about: any of these that is known identifies the product. */
export const VexProductSchema = z
  .object({
    purl: z.string().nullable(),
    cpe: z.string().nullable(),
    name: z.string().nullable(),
    version: z.string().nullable(),
  })
  .strict();
export type VexProduct = z.infer<typeof VexProductSchema>;

/** One VEX statement, from CycloneDX VEX, OpenVEX or CSAF VEX. */
export const VexStatementSchema = z
  .object({
    format: z.enum(['cyclonedx', 'openvex', 'csaf']),
    cve: CveIdSchema,
    status: z.enum(VEX_STATUSES),
    /** The standard's justification ("code_not_reachable", …) or null. */
    justification: z.string().nullable(),
    /** The free-text impact or detail statement, or null. */
    detail: z.string().nullable(),
    products: z.array(VexProductSchema),
    /** When the statement was made, when the file says. */
    date: IsoDateSchema.nullable(),
  })
  .strict();
export type VexStatement = z.infer<typeof VexStatementSchema>;

/** Everything the matcher reads, gathered from storage in one go. */
export const VulnerabilitySourcesSchema = z
  .object({
    advisories: z.array(AdvisorySchema),
    kev: z.array(KevEntrySchema),
    /** SBOMs with the vendor, model and firmware they were attached to. */
    sboms: z.array(
      z
        .object({
          vendorId: z.string(),
          model: z.string().nullable(),
          firmware: z.string().nullable(),
          sbom: SbomSchema,
        })
        .strict(),
    ),
    /** VEX statements with the vendor they came from. */
    vex: z.array(z.object({ vendorId: z.string(), statement: VexStatementSchema }).strict()),
  })
  .strict();
export type VulnerabilitySources = z.infer<typeof VulnerabilitySourcesSchema>;

export const MATCH_CONFIDENCES = ['exact', 'version-unknown', 'fuzzy-name'] as const;

/** One device matched to one CVE, with how sure and why. */
export const DeviceVulnerabilitySchema = z
  .object({
    deviceId: z.string(),
    cve: z.string(),
    advisoryId: z.string(),
    /** exact product and version; product only (version unknown); fuzzy product name. */
    confidence: z.enum(MATCH_CONFIDENCES),
    /** The fields and values that matched, in words ("model S7-1200 ~ SIMATIC S7-1200"). */
    why: z.array(z.string()),
    /** Matched through the device itself or through a component of its model's SBOM. */
    via: z.enum(['inventory', 'sbom']),
    cvss: z.number().nullable(),
    inKev: z.boolean(),
    kevDateAdded: IsoDateSchema.nullable(),
    ransomware: z.boolean(),
    fixedVersion: z.string().nullable(),
    /** The remediation in words: a vendor fix, else a mitigation or workaround. */
    fix: z.string().nullable(),
    /** The VEX statement that suppresses this match, in words, or null when none does. */
    suppressedBy: z.string().nullable(),
  })
  .strict();
export type DeviceVulnerability = z.infer<typeof DeviceVulnerabilitySchema>;
