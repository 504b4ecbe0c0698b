import { useLoaded } from '../hooks/useLoaded';
import type { Remediation } from '../../electron/domain/vulnerabilities/model';
import { Badge } from '../components/Badge';
import { PageHeader } from '../components/PageHeader';
import './AdvisoryPage.css';

const REMEDIATION_LABELS: Record<Remediation['category'], string> = {
  vendor_fix: 'Vendor fix',
  mitigation: 'Mitigation',
  workaround: 'Workaround',
  no_fix_planned: 'No fix planned',
  none_available: 'No fix available',
};

const CONFIDENCE_LABELS = {
  exact: 'Product and version match',
  'version-unknown': 'Product matches; firmware version unknown',
  'fuzzy-name': 'Similar product name',
} as const;

/**
 * One advisory: what it affects among our devices (grouped by model and firmware, with how
 * sure the match is), what the maker says to do, which of our vendors must act, and what
 * they promised that this advisory's record contradicts.
 */
export function AdvisoryPage({
  trackingId,
  onBack,
  onVendor,
}: {
  trackingId: string;
  onBack(): void;
  onVendor(vendorId: string): void;
}) {
  const { value: detail, error } = useLoaded('vulnerabilities.advisory', { trackingId }, trackingId);
  const back = (
    <button type="button" className="button" onClick={onBack}>
      All advisories
    </button>
  );
  if (error)
    return (
      <div className="advisory-page">
        <PageHeader title="Advisory" actions={back} />
        <p className="form-error" role="alert">
          {error}
        </p>
      </div>
    );
  if (!detail)
    return (
      <div className="advisory-page">
        <p aria-busy="true" className="cell-muted">
          Loading…
        </p>
      </div>
    );
  const a = detail.advisory;
  const kev = new Set(detail.kevCves);
  return (
    <div className="advisory-page">
      <PageHeader
        title={a.title}
        count={a.trackingId}
        description={`${a.publisher} · released ${a.releaseDate}${
          a.currentReleaseDate !== a.releaseDate ? ` · revised ${a.currentReleaseDate}` : ''
        } · version ${a.version}`}
        actions={back}
      />
      <section className="advisory-act" aria-label="Who must act">
        <h2>Who must act</h2>
        {detail.mustAct.length ? (
          <p>
            {detail.mustAct.map((v, i) => (
              <span key={v.id}>
                {i > 0 && ', '}
                <button type="button" className="link-button" onClick={() => onVendor(v.id)}>
                  {v.name}
                </button>
              </span>
            ))}{' '}
            makes the affected products: ask for the fix and its date, and hold it to the contract’s patch
            times.
          </p>
        ) : (
          <p className="cell-muted">
            No maker it names is linked to one of our vendors. Link the manufacturer on the Devices page to
            see who must act.
          </p>
        )}
      </section>
      {detail.contradictions.length > 0 && (
        <section aria-label="Promises the record contradicts" className="advisory-contradictions">
          <h2>Promises the record contradicts</h2>
          <ul data-testid="advisory-contradictions">
            {detail.contradictions.map((c) => (
              <li key={`${c.vendor.id}/${c.source}/${c.cve}/${c.message}`}>
                <button type="button" className="link-button" onClick={() => onVendor(c.vendor.id)}>
                  {c.vendor.name}
                </button>
                : {c.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Our affected devices">
        <h2>
          Our affected devices <span className="page-header-count">{detail.devices}</span>
        </h2>
        {detail.groups.length ? (
          <table className="explanation-table advisory-groups">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Firmware</th>
                <th scope="col">Devices</th>
                <th scope="col">CVEs</th>
                <th scope="col">Match</th>
                <th scope="col">Fix</th>
              </tr>
            </thead>
            <tbody>
              {detail.groups.map((g) => (
                <tr key={`${g.model}/${g.firmware}`}>
                  <td>{g.model ?? '—'}</td>
                  <td>{g.firmware ?? <span className="cell-muted">unknown</span>}</td>
                  <td className="num">{g.devices.length}</td>
                  <td>{g.cves.join(', ')}</td>
                  <td>{CONFIDENCE_LABELS[g.confidence]}</td>
                  <td>{g.fix ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="cell-muted">None of our devices is affected.</p>
        )}
        {detail.suppressed > 0 && (
          <p className="cell-muted">
            {detail.suppressed} more device{detail.suppressed === 1 ? ' is' : 's are'} not counted: the
            vendor’s VEX statement says {detail.suppressed === 1 ? 'it is' : 'they are'} not affected or
            fixed.
          </p>
        )}
      </section>
      <section aria-label="Vulnerabilities and remediation">
        <h2>Vulnerabilities and what to do</h2>
        {a.vulnerabilities.map((v, i) => (
          <article key={v.cve ?? i} className="advisory-vulnerability">
            <h3>
              {v.cve ?? 'No CVE'} {v.title && <span>— {v.title}</span>}{' '}
              {v.cve && kev.has(v.cve) && (
                <Badge tone="critical" title="In the known exploited vulnerabilities catalog">
                  Exploited (KEV)
                </Badge>
              )}
            </h3>
            <p className="cell-muted">
              {v.cvss
                ? `CVSS ${v.cvss.version} ${v.cvss.score.toFixed(1)} (0–10, higher is worse)`
                : 'No CVSS score'}
              {v.cwe ? ` · ${v.cwe}` : ''}
            </p>
            {v.remediations.length ? (
              <ul className="advisory-remediations">
                {v.remediations.map((r, j) => (
                  <li key={j}>
                    <strong>{REMEDIATION_LABELS[r.category]}:</strong> {r.details}
                    {r.url && <span className="cell-muted advisory-url"> {r.url}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="cell-muted">The advisory names no remediation.</p>
            )}
          </article>
        ))}
      </section>
    </div>
  );
}
