/**
 * A CSAF document's product status as VEX statements, so a CSAF VEX file (or any CSAF
 * advisory) can feed the VEX path: known_not_affected → not_affected with the flag's
 * justification label and the impact threat's details; fixed / first_fixed → fixed;
 * known_affected (first/last_affected) → affected; under_investigation likewise. Products
 * sharing a vulnerability, status, justification and detail make one statement.
 */
import type { VexProduct, VexStatement } from './model';
import { arr, CsafProblem, isObj, obj, optStr, strings, type Obj } from './csaf-fields';
import { expandIds, type FlatTree } from './csaf-tree';
import { CSAF_LIMITS, parseCsaf, type CsafLimits } from './csaf';

const STATUS_KEYS: readonly [string, VexStatement['status']][] = [
  ['known_not_affected', 'not_affected'],
  ['fixed', 'fixed'],
  ['first_fixed', 'fixed'],
  ['known_affected', 'affected'],
  ['first_affected', 'affected'],
  ['last_affected', 'affected'],
  ['under_investigation', 'under_investigation'],
];

/**
 * The VEX statements of a parsed CSAF document (vulnerabilities without a CVE are left
 * out). Throws CsafProblem, naming the path, when the document cannot be read.
 */
export function csafVexStatements(doc: unknown, limits: CsafLimits = CSAF_LIMITS): VexStatement[] {
  const { advisory, tree, raw } = parseCsaf(doc, limits);
  const out: VexStatement[] = [];
  arr(raw.vulnerabilities, 'vulnerabilities').forEach((value, i) => {
    const cve = advisory.vulnerabilities[i]?.cve;
    if (!cve) return;
    const path = `vulnerabilities[${i}]`;
    const v = obj(value, path);
    const status = isObj(v.product_status) ? v.product_status : {};
    const byKey = new Map<string, VexStatement>();
    for (const [key, vexStatus] of STATUS_KEYS)
      for (const id of strings(status[key], `${path}.product_status.${key}`)) {
        const justification = vexStatus === 'not_affected' ? labelFor(v, path, id, tree) : null;
        const detail =
          vexStatus === 'not_affected' || vexStatus === 'affected' ? impactFor(v, path, id, tree) : null;
        const groupKey = JSON.stringify([vexStatus, justification, detail]);
        let statement = byKey.get(groupKey);
        if (!statement) {
          statement = {
            format: 'csaf',
            cve,
            status: vexStatus,
            justification,
            detail,
            products: [],
            date: advisory.currentReleaseDate,
          };
          byKey.set(groupKey, statement);
          out.push(statement);
        }
        statement.products.push(vexProduct(id, tree));
      }
  });
  return out;
}

/** The product as a VEX statement names it (only its id when the tree does not have it). */
function vexProduct(id: string, tree: FlatTree): VexProduct {
  const p = tree.byId.get(id);
  if (!p) return { purl: null, cpe: null, name: id, version: null };
  return {
    purl: p.purl,
    cpe: p.cpe,
    name: p.vendor ? `${p.vendor} ${p.name}` : p.name,
    version: p.version ?? p.range,
  };
}

/** The ids an entry (flag, threat) covers, groups expanded. */
function idsOf(entry: Obj, path: string, tree: FlatTree): string[] {
  return expandIds(
    strings(entry.product_ids, `${path}.product_ids`),
    strings(entry.group_ids, `${path}.group_ids`),
    tree.groups,
  );
}

/** The label of the first flag covering the product ("vulnerable_code_not_present"), or null. */
function labelFor(v: Obj, path: string, id: string, tree: FlatTree): string | null {
  const flags = arr(v.flags, `${path}.flags`);
  for (let i = 0; i < flags.length; i++) {
    const flag = obj(flags[i], `${path}.flags[${i}]`);
    if (idsOf(flag, `${path}.flags[${i}]`, tree).includes(id))
      return optStr(flag.label, `${path}.flags[${i}].label`);
  }
  return null;
}

/** The details of the first impact threat covering the product, or null. */
function impactFor(v: Obj, path: string, id: string, tree: FlatTree): string | null {
  const threats = arr(v.threats, `${path}.threats`);
  for (let i = 0; i < threats.length; i++) {
    const threat = obj(threats[i], `${path}.threats[${i}]`);
    if (threat.category === 'impact' && idsOf(threat, `${path}.threats[${i}]`, tree).includes(id))
      return optStr(threat.details, `${path}.threats[${i}].details`);
  }
  return null;
}

export { CsafProblem };
