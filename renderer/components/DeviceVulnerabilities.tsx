import { useEffect, useState } from 'react';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import './DeviceVulnerabilities.css';

type Row = ResponseOf<'devices.vulnerabilities'>['rows'][number];

const CONFIDENCE = {
  exact: 'Exact',
  'version-unknown': 'Version unknown',
  'fuzzy-name': 'Fuzzy name',
} as const;

/** A device's known vulnerabilities from the last matching run: CVE, KEV, CVSS, the fix, VEX, and why. */
export function DeviceVulnerabilities({ source, deviceId }: { source: string; deviceId: string }) {
  const key = `${source}\u0000${deviceId}`;
  // Kept with the device they are of: another device's rows are never shown for this one.
  const [loaded, setLoaded] = useState<{ key: string; rows: Row[] } | null>(null);
  useEffect(() => {
    let current = true;
    void call('devices.vulnerabilities', { device: { source, deviceId }, limit: 200 }).then(
      (r) => current && setLoaded({ key: `${source}\u0000${deviceId}`, rows: r.ok ? r.value.rows : [] }),
    );
    return () => {
      current = false;
    };
  }, [source, deviceId]);
  const rows = loaded?.key === key ? loaded.rows : null;
  if (rows === null) return null;
  return (
    <section className="device-vulnerabilities" aria-label="Known vulnerabilities">
      <h3>Known vulnerabilities</h3>
      {rows.length === 0 ? (
        <p className="cell-muted">None found by the last matching run.</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={`${r.advisoryId} ${r.cve}`} className={r.suppressedBy ? 'suppressed' : undefined}>
              <div className="device-vulnerabilities-head">
                <strong>{r.cve}</strong>
                {r.inKev && <span className="kev-pill">KEV since {r.kevDateAdded}</span>}
                {r.cvss !== null && <span>CVSS {r.cvss}</span>}
                <span className="cell-muted">{CONFIDENCE[r.confidence]}</span>
              </div>
              {r.fix && <p>{r.fix}</p>}
              {r.suppressedBy && <p>Suppressed: {r.suppressedBy}</p>}
              <details>
                <summary>Why ({r.advisoryId})</summary>
                <ul>
                  {r.why.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
