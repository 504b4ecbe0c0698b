import { useEffect, useState } from 'react';
import { call } from '../api';
import { sbomPairLabel, type SbomRequestStatus } from '../../electron/domain/exchange-sbom';
import './SbomRequestList.css';

const STATE_LABELS: Record<SbomRequestStatus['state'], string> = {
  requested: 'Asked, no reply yet',
  attached: 'Attached',
  refused: 'File refused',
  'not-available': 'Not available',
};

/**
 * The SBOMs asked of the vendor through the exchange and what came back: the file attached,
 * why one was refused, or the vendor's reason it is not available. Nothing when none was asked.
 */
export function SbomRequestList({ vendorId, refreshKey }: { vendorId: string; refreshKey: unknown }) {
  const [rows, setRows] = useState<SbomRequestStatus[]>([]);
  useEffect(() => {
    let live = true;
    void call('exchange.sbomRequests', { vendorId }).then((r) => live && r.ok && setRows(r.value));
    return () => {
      live = false;
    };
  }, [vendorId, refreshKey]);
  if (!rows.length) return null;
  return (
    <section className="sbom-request-list" aria-label="SBOMs asked for">
      <h3>SBOMs asked for</h3>
      <table className="explanation-table">
        <thead>
          <tr>
            <th scope="col">Model and firmware</th>
            <th scope="col">Asked</th>
            <th scope="col">Reply</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.packageId}-${i}`} data-state={r.state}>
              <td>{sbomPairLabel(r.model, r.firmware)}</td>
              <td>{r.requestedAt.slice(0, 10)}</td>
              <td>
                <span className={`sbom-request-state sbom-request-${r.state}`}>{STATE_LABELS[r.state]}</span>
                {r.fileName && <span className="sbom-request-file"> · {r.fileName}</span>}
                {r.detail && <div className="cell-muted">{r.detail}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
