import { useLoaded } from '../hooks/useLoaded';
import { Badge } from './Badge';
import './VendorVulnerabilities.css';

/**
 * A vendor's devices against the advisories: how many run vulnerable firmware and how many
 * exploited firmware, the oldest advisory still open, one line per CVE, and what its
 * contract and answers promised that the record contradicts.
 */
export function VendorVulnerabilities({
  vendorId,
  revision,
  onAdvisory,
}: {
  vendorId: string;
  revision: number;
  onAdvisory(trackingId: string): void;
}) {
  const { value: picture, error } = useLoaded(
    'vulnerabilities.vendor',
    { vendorId },
    `${vendorId}:${revision}`,
  );
  if (error)
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  if (!picture) return null;
  const { summary, contradictions } = picture;
  return (
    <section aria-label="Known vulnerabilities" className="vendor-vulnerabilities">
      <h3>Known vulnerabilities in its firmware</h3>
      {summary.devices === 0 ? (
        <p className="cell-muted" data-testid="vendor-vulnerability-summary">
          No imported advisory affects its devices
          {summary.suppressed ? ` (${summary.suppressed} matches set aside by its VEX statements)` : ''}.
        </p>
      ) : (
        <>
          <p data-testid="vendor-vulnerability-summary">
            <strong>{summary.devices}</strong> of its devices run firmware with known vulnerabilities
            {summary.kevDevices > 0 && (
              <>
                , <strong className="vulnerability-kev">{summary.kevDevices} with exploited ones</strong> (in
                the known exploited catalog)
              </>
            )}
            .{summary.highestCvss !== null && ` Highest CVSS ${summary.highestCvss.toFixed(1)} of 10.`}
            {summary.oldest && (
              <>
                {' '}
                Oldest open advisory:{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onAdvisory(summary.oldest!.advisoryId)}
                >
                  {summary.oldest.advisoryId}
                </button>{' '}
                of {summary.oldest.released}, {summary.oldest.days} days ago.
              </>
            )}
            {summary.suppressed > 0 && ` ${summary.suppressed} matches set aside by its VEX statements.`}
          </p>
          <table className="explanation-table vendor-cves" aria-label="Vulnerabilities of its devices">
            <thead>
              <tr>
                <th scope="col">CVE</th>
                <th scope="col">CVSS</th>
                <th scope="col">Devices</th>
                <th scope="col">Fix</th>
                <th scope="col">Advisory</th>
              </tr>
            </thead>
            <tbody>
              {summary.cves.map((c) => (
                <tr key={c.cve}>
                  <td>
                    {c.cve}{' '}
                    {c.inKev && (
                      <Badge tone="critical" title="In the known exploited vulnerabilities catalog">
                        KEV
                      </Badge>
                    )}
                    {c.ransomware && (
                      <Badge tone="high" title="Known to be used in ransomware campaigns">
                        ransomware
                      </Badge>
                    )}
                    <div className="cell-muted">{c.title}</div>
                  </td>
                  <td className="num">{c.cvss?.toFixed(1) ?? '—'}</td>
                  <td className="num">{c.devices}</td>
                  <td>{c.fix ?? <span className="cell-muted">none named</span>}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => onAdvisory(c.advisoryId)}>
                      {c.advisoryId}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {contradictions.length > 0 && (
        <div className="vendor-contradictions">
          <h4>Promises the record contradicts</h4>
          <ul data-testid="patch-contradictions">
            {contradictions.map((c) => (
              <li key={`${c.source}/${c.cve}/${c.message}`}>{c.message}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
