import { sbomPairLabel, type SbomReplyReview } from '../../electron/domain/exchange-sbom';
import './ExchangeSbomReview.css';

const STATE_LABELS: Record<SbomReplyReview['state'], string> = {
  attach: 'To attach',
  invalid: 'Refused',
  'not-available': 'Not available',
  missing: 'No reply',
};

/** The SBOM files and answers a response carries, as the review shows them before accepting. */
export function ExchangeSbomReview({ rows }: { rows: SbomReplyReview[] }) {
  if (!rows.length) return null;
  const refused = rows.filter((r) => r.state === 'invalid').length;
  return (
    <section className="exchange-sbom-review" aria-label="SBOMs in the response">
      <h3>Software bills of materials</h3>
      <p className="cell-muted">
        Accepting attaches each readable file to the vendor, model and firmware (a VEX file’s statements to
        the vendor) and matches the devices again
        {refused ? `; ${refused} refused file${refused === 1 ? ' is' : 's are'} left out and recorded` : ''}.
      </p>
      <table className="explanation-table" aria-label="SBOM replies">
        <thead>
          <tr>
            <th scope="col">Model and firmware</th>
            <th scope="col">File</th>
            <th scope="col">What it is</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-state={r.state}>
              <td>{sbomPairLabel(r.model, r.firmware)}</td>
              <td className="exchange-sbom-file">{r.fileName ?? '—'}</td>
              <td>
                {r.state === 'invalid' ? (
                  <span className="exchange-sbom-problem">{r.problem}</span>
                ) : r.state === 'not-available' ? (
                  r.reason
                ) : (
                  r.summary
                )}
              </td>
              <td>{STATE_LABELS[r.state]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
