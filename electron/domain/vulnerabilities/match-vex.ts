/**
 * VEX statements applied last: a `not_affected` or `fixed` statement of the device's vendor
 * about the CVE, for the device's model and firmware (or the SBOM component that matched,
 * or every product when it names none), suppresses the match; the justification is kept.
 * A `fixed` statement suppresses only for the version it names.
 */
import type { VexProduct, VexStatement, VulnerabilitySources } from './model';
import type { MatchDevice } from './match-api';
import { matchProductName, prepareName } from './product-name';
import { purlBase } from './match-sbom';
import { compareVersions } from './version';

/** The statement in words: "CycloneDX VEX not_affected (code_not_reachable): …". */
export function vexWords(s: VexStatement): string {
  const format = { cyclonedx: 'CycloneDX VEX', openvex: 'OpenVEX', csaf: 'CSAF VEX' }[s.format];
  const detail = s.detail ? ` — ${s.detail.length > 200 ? `${s.detail.slice(0, 199)}…` : s.detail}` : '';
  return `${format} ${s.status}${s.justification ? ` (${s.justification})` : ''}${s.date ? ` on ${s.date}` : ''}${detail}`;
}

/**
 * Whether a statement's product is this device (model and firmware) or the component that
 * matched. "Fixed" says a version holds the fix, so it covers only the version it names: a
 * `fixed` product without one covers nothing (which firmware has the fix is not said), where
 * `not_affected` without one is said of every version.
 */
function covers(p: VexProduct, d: MatchDevice, component: string | null, fixed: boolean): boolean {
  if (p.purl && component && component.startsWith('pkg:')) {
    if (purlBase(p.purl) !== purlBase(component)) return false;
    const v = /@([^/@?#]+)(?:[?#]|$)/.exec(p.purl)?.[1];
    return v ? v === /@([^/@?#]+)(?:[?#]|$)/.exec(component)?.[1] : !fixed;
  }
  let version = p.version;
  if (p.name) {
    if (!d.model) return false;
    // A name given with its version as an identifier often is ("SIMATIC S7-1200 … @V4.7").
    const at = version ? null : /^(.*\S)\s*@\s*([^@\s]+)$/.exec(p.name);
    if (at) version = at[2]!;
    const m = matchProductName(prepareName(d.model), prepareName(at ? at[1]! : p.name));
    if (!m || m.level === 'fuzzy') return false;
  } else if (p.purl || p.cpe) return false;
  if (version) return d.firmware !== null && compareVersions(d.firmware, version) === 0;
  return !fixed;
}

/** The statements by CVE, and the one (in words) that suppresses a device's match, if any. */
export function vexIndex(vex: VulnerabilitySources['vex']) {
  const byCve = new Map<string, VulnerabilitySources['vex']>();
  for (const v of vex) {
    if (v.statement.status !== 'not_affected' && v.statement.status !== 'fixed') continue;
    const list = byCve.get(v.statement.cve);
    if (list) list.push(v);
    else byCve.set(v.statement.cve, [v]);
  }
  return {
    suppression(d: MatchDevice, cve: string, component: string | null): string | null {
      for (const { vendorId, statement } of byCve.get(cve) ?? []) {
        if (vendorId !== d.vendorId) continue;
        const fixed = statement.status === 'fixed';
        if (
          statement.products.length === 0
            ? !fixed
            : statement.products.some((p) => covers(p, d, component, fixed))
        )
          return vexWords(statement);
      }
      return null;
    },
  };
}
