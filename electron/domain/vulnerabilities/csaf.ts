/**
 * CSAF 2.0 advisories (every document category, csaf_vex included) read into the shared
 * Advisory shape: the document's tracking (id, version, release dates), publisher and
 * category; the product tree flattened (csaf-tree.ts); each vulnerability's CVE, title,
 * CWE, highest-version CVSS score, product status and remediations with their fixed
 * versions (csaf-fix.ts). Limits are checked while reading; the first problem refuses the
 * whole document with its JSON path.
 */
import {
  CveIdSchema,
  REMEDIATION_CATEGORIES,
  type Advisory,
  type AdvisoryVulnerability,
  type Cvss,
  type Remediation,
} from './model';
import {
  arr,
  CsafProblem,
  isObj,
  isoDate,
  obj,
  optIsoDate,
  optObj,
  optStr,
  refuse,
  shorten,
  str,
  strings,
  type Obj,
} from './csaf-fields';
import { expandIds, flattenProductTree, type FlatTree } from './csaf-tree';
import { fixedVersionOf } from './csaf-fix';
import type { JsonLimits } from './json-guard';

/** What one CSAF file may hold. */
export interface CsafLimits extends JsonLimits {
  maxProducts: number;
  maxBranchDepth: number;
  maxVulnerabilities: number;
}

/** The limits every CSAF file is read under (the largest real advisories are well inside them). */
export const CSAF_LIMITS: CsafLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxDepth: 48,
  maxStringLength: 64 * 1024,
  maxProducts: 5_000,
  maxBranchDepth: 16,
  maxVulnerabilities: 2_000,
};

/** The longest title kept when it is taken from a vulnerability's summary note. */
const TITLE_FROM_NOTE = 200;

/** Whether a parsed JSON value is a CSAF document (it says which CSAF version it follows). */
export function isCsafDocument(value: unknown): boolean {
  return isObj(value) && isObj(value.document) && typeof value.document.csaf_version === 'string';
}

/** The advisory, or the first problem ("document.tracking.id: missing"). */
export type CsafRead = { ok: true; advisory: Advisory } | { ok: false; problem: string };

/** Reads a parsed CSAF document into an Advisory. */
export function readCsaf(value: unknown, limits: CsafLimits = CSAF_LIMITS): CsafRead {
  try {
    return { ok: true, advisory: parseCsaf(value, limits).advisory };
  } catch (error) {
    if (error instanceof CsafProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

/** The advisory and its flattened tree; throws CsafProblem (csafVexStatements reads the tree too). */
export function parseCsaf(
  value: unknown,
  limits: CsafLimits = CSAF_LIMITS,
): { advisory: Advisory; tree: FlatTree; raw: Obj } {
  const raw = obj(value, '(the file)');
  const document = obj(raw.document, 'document');
  const csafVersion = str(document.csaf_version, 'document.csaf_version');
  if (!/^2\.\d$/.test(csafVersion))
    refuse('document.csaf_version', `CSAF ${shorten(csafVersion)} is not read (2.0 is)`);
  const tracking = obj(document.tracking, 'document.tracking');
  const publisher = obj(document.publisher, 'document.publisher');
  const tree = flattenProductTree(raw.product_tree, limits);
  const vulnerabilities = arr(raw.vulnerabilities, 'vulnerabilities');
  if (vulnerabilities.length > limits.maxVulnerabilities)
    refuse(
      'vulnerabilities',
      `${vulnerabilities.length} vulnerabilities (at most ${limits.maxVulnerabilities})`,
    );
  const advisory: Advisory = {
    trackingId: str(tracking.id, 'document.tracking.id'),
    version: str(tracking.version, 'document.tracking.version'),
    releaseDate: isoDate(tracking.initial_release_date, 'document.tracking.initial_release_date'),
    currentReleaseDate: isoDate(tracking.current_release_date, 'document.tracking.current_release_date'),
    title: str(document.title, 'document.title'),
    publisher: str(publisher.name, 'document.publisher.name'),
    category: str(document.category, 'document.category'),
    products: tree.products,
    vulnerabilities: vulnerabilities.map((v, i) => readVulnerability(v, `vulnerabilities[${i}]`, tree)),
  };
  return { advisory, tree, raw };
}

/** One vulnerability: CVE, title, CWE, score, status and remediations. */
function readVulnerability(value: unknown, path: string, tree: FlatTree): AdvisoryVulnerability {
  const v = obj(value, path);
  const cveText = optStr(v.cve, `${path}.cve`);
  if (cveText !== null && !CveIdSchema.safeParse(cveText.toUpperCase()).success)
    refuse(`${path}.cve`, `"${shorten(cveText)}" is not a CVE id`);
  const cve = cveText?.toUpperCase() ?? null;
  const status = optObj(v.product_status, `${path}.product_status`) ?? {};
  const ids = (key: string) => strings(status[key], `${path}.product_status.${key}`);
  const unique = (...lists: string[][]) => [...new Set(lists.flat())];
  const fixed = unique(ids('fixed'), ids('first_fixed'));
  return {
    cve,
    title: optStr(v.title, `${path}.title`) ?? titleFromNotes(v, path) ?? cve ?? '',
    cvss: highestScore(v, path),
    cwe: cweOf(v, path),
    knownAffected: unique(ids('known_affected'), ids('first_affected'), ids('last_affected')),
    fixed,
    knownNotAffected: unique(ids('known_not_affected')),
    remediations: remediationsOf(v, path, tree, fixed),
  };
}

/** The summary (else description) note, cut to a title's length. */
function titleFromNotes(v: Obj, path: string): string | null {
  const notes = arr(v.notes, `${path}.notes`).filter(isObj);
  const note = notes.find((n) => n.category === 'summary') ?? notes.find((n) => n.category === 'description');
  const text = typeof note?.text === 'string' ? note.text.replace(/\s+/g, ' ').trim() : '';
  if (!text) return null;
  return text.length > TITLE_FROM_NOTE ? `${text.slice(0, TITLE_FROM_NOTE - 1)}…` : text;
}

/** CSAF 2.0 `cwe` ({ id, name }); 2.1 `cwes` (a list of them): the first id. */
function cweOf(v: Obj, path: string): string | null {
  const one = optObj(v.cwe, `${path}.cwe`);
  if (one) return optStr(one.id, `${path}.cwe.id`);
  const first = arr(v.cwes, `${path}.cwes`)[0];
  return isObj(first) ? optStr(first.id, `${path}.cwes[0].id`) : null;
}

const CVSS_KEYS = [
  ['cvss_v4', '4.0'],
  ['cvss_v3', '3.x'],
  ['cvss_v2', '2.0'],
] as const;
const RANK: Record<Cvss['version'], number> = { '4.0': 4, '3.1': 3.1, '3.0': 3, '2.0': 2 };

/** The score of the highest CVSS version given (CSAF 2.0 `scores`, 2.1 `metrics`), the higher score on a tie. */
function highestScore(v: Obj, path: string): Cvss | null {
  const holders: [Obj, string][] = [];
  arr(v.scores, `${path}.scores`).forEach((s, i) =>
    holders.push([obj(s, `${path}.scores[${i}]`), `${path}.scores[${i}]`]),
  );
  arr(v.metrics, `${path}.metrics`).forEach((m, i) => {
    const content = optObj(obj(m, `${path}.metrics[${i}]`).content, `${path}.metrics[${i}].content`);
    if (content) holders.push([content, `${path}.metrics[${i}].content`]);
  });
  let best: Cvss | null = null;
  for (const [holder, at] of holders)
    for (const [key, family] of CVSS_KEYS) {
      const cvss = optObj(holder[key], `${at}.${key}`);
      if (!cvss) continue;
      const score = cvss.baseScore;
      if (typeof score !== 'number' || !(score >= 0 && score <= 10))
        refuse(`${at}.${key}.baseScore`, 'not a score from 0 to 10');
      const written = optStr(cvss.version, `${at}.${key}.version`);
      const version = (family === '3.x' ? (written === '3.0' ? '3.0' : '3.1') : family) as Cvss['version'];
      const candidate: Cvss = {
        version,
        score,
        vector: optStr(cvss.vectorString, `${at}.${key}.vectorString`) ?? '',
      };
      if (!best || RANK[version] > RANK[best.version] || (version === best.version && score > best.score))
        best = candidate;
    }
  return best;
}

const CATEGORIES = new Set<string>(REMEDIATION_CATEGORIES);

/** The remediations of the categories the app keeps (others, like 2.1's optional_patch, are left out). */
function remediationsOf(v: Obj, path: string, tree: FlatTree, fixed: string[]): Remediation[] {
  const out: Remediation[] = [];
  arr(v.remediations, `${path}.remediations`).forEach((r, i) => {
    const at = `${path}.remediations[${i}]`;
    const rem = obj(r, at);
    const category = str(rem.category, `${at}.category`);
    if (!CATEGORIES.has(category)) return;
    const details = optStr(rem.details, `${at}.details`) ?? '';
    const productIds = expandIds(
      strings(rem.product_ids, `${at}.product_ids`),
      strings(rem.group_ids, `${at}.group_ids`),
      tree.groups,
    );
    out.push({
      category: category as Remediation['category'],
      details,
      url: optStr(rem.url, `${at}.url`),
      productIds,
      fixedVersion: category === 'vendor_fix' ? fixedVersionOf(details, productIds, fixed, tree.byId) : null,
      date: optIsoDate(rem.date, `${at}.date`),
    });
  });
  return out;
}
