/** One device beside the devices table: its checks (each finding may be accepted), vulnerabilities and fields. */
import { useState } from 'react';
import { call, type ResponseOf } from '../api';
import { DEVICE_CHECKS, DEVICE_CHECK_INFO, type DeviceCheck } from '../../electron/domain/device-checks';
import { DEVICE_FIELDS, DEVICE_FIELD_LABELS } from '../../electron/domain/devices';
import { DEVICE_CATEGORY_LABELS, DEVICE_STATUS_LABELS } from '../../electron/domain/device-vocabulary';
import { DeviceVulnerabilities } from '../components/DeviceVulnerabilities';
import { SaveError } from '../components/SaveError';
import { roleLimited, saveRefusal, useRoleLimit } from '../hooks/useTeam';

/** A device as the devices table lists it: the device, its source, its checks. */
export type DeviceItem = ResponseOf<'devices.list'>['items'][number];
type ShownDevice = DeviceItem['device'];

/** The device's ID, with its name under it when it has another. */
export function DeviceName({ device }: { device: ShownDevice }) {
  if (device.name === null || device.name === device.deviceId) return <>{device.deviceId}</>;
  return (
    <span className="type-label">
      <span className="type-text">{device.deviceId}</span>
      <span className="category-tag">{device.name}</span>
    </span>
  );
}

/** What the source calls the device, and the category it was placed in. */
export function TypeLabel({ device }: { device: ShownDevice }) {
  const category = device.category ? DEVICE_CATEGORY_LABELS[device.category] : null;
  if (!device.type) return <span className="cell-muted">{category ?? '—'}</span>;
  return (
    <span className="type-label">
      <span className="type-text">{device.type}</span>
      {category && category.toLowerCase() !== device.type.toLowerCase() && (
        <span className="category-tag">{category}</span>
      )}
    </span>
  );
}

export const typeTitle = (d: ShownDevice) =>
  [d.type && `“${d.type}” in the source`, d.category && `category: ${DEVICE_CATEGORY_LABELS[d.category]}`]
    .filter(Boolean)
    .join('; ');

/** A field's value as the detail shows it: the source's words beside ours. */
function fieldText(d: ShownDevice, f: (typeof DEVICE_FIELDS)[number]): string {
  if (f === 'type')
    return d.type
      ? `${d.type}${d.category ? ` (${DEVICE_CATEGORY_LABELS[d.category]})` : ''}`
      : d.category
        ? DEVICE_CATEGORY_LABELS[d.category]
        : '—';
  if (f === 'status')
    return d.status
      ? `${DEVICE_STATUS_LABELS[d.status]}${d.statusLabel && d.statusLabel.toLowerCase() !== d.status ? ` (“${d.statusLabel}”)` : ''}`
      : d.statusLabel
        ? `Unknown (“${d.statusLabel}”)`
        : '—';
  return String(d[f] ?? '—');
}

const RESULT_LABELS = { fail: 'Finding', pass: 'Pass', unknown: 'Unknown', 'n/a': 'Does not apply' } as const;

export function DeviceDetail({ item, onChanged }: { item: DeviceItem | null; onChanged(): void }) {
  const [accepting, setAccepting] = useState<DeviceCheck | null>(null);
  const acceptLimit = useRoleLimit('device_acceptances');
  /**
   * The acceptance's version when the form opened (0: none): a colleague's acceptance read in
   * since (live refresh) makes the save stale, never overwritten.
   */
  const [readVersion, setReadVersion] = useState(0);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** A colleague accepted this finding since it was read (team database): reload to see theirs. */
  const [stale, setStale] = useState(false);
  if (!item)
    return (
      <aside className="detail" aria-label="Device details">
        <p className="cell-muted">Select a device to see its fields and checks.</p>
      </aside>
    );
  const d = item.device;
  const accept = async () => {
    const r = await call('devices.accept', {
      source: item.source,
      deviceId: d.deviceId,
      check: accepting!,
      reason,
      expiresOn: until,
      // The acceptance read (an expired one) or 0: none; the solo app checks nothing.
      version: readVersion,
    });
    if (!r.ok) {
      const refusal = saveRefusal(r.error, 'this finding');
      setStale(refusal.stale);
      return setError(refusal.message);
    }
    setAccepting(null);
    setError(null);
    onChanged();
  };
  /** Reads the device again, showing the colleague's acceptance in place of the form. */
  const reloadStale = () => {
    setAccepting(null);
    setError(null);
    setStale(false);
    onChanged();
  };
  return (
    <aside className="detail" aria-label="Device details">
      <h2>{d.name ?? d.deviceId}</h2>
      <p className="cell-muted">
        {d.name !== null && d.name !== d.deviceId && <>ID {d.deviceId} · </>}
        <TypeLabel device={d} /> · from {item.source}
      </p>
      <table className="explanation-table" aria-label="Checks">
        <tbody>
          {DEVICE_CHECKS.map((c) => (
            <tr key={c}>
              <td>{DEVICE_CHECK_INFO[c].label}</td>
              <td className={`check-${item.results[c]}`}>
                {item.accepted.includes(c) ? 'Accepted' : RESULT_LABELS[item.results[c]]}
              </td>
              <td>
                {item.open.includes(c) && (
                  <button
                    type="button"
                    className="button button-quiet"
                    {...roleLimited(acceptLimit)}
                    onClick={() => {
                      setAccepting(c);
                      setReadVersion(item.acceptanceVersions?.[c] ?? 0);
                    }}
                  >
                    Accept…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <DeviceVulnerabilities source={item.source} deviceId={d.deviceId} />
      {accepting && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void accept();
          }}
        >
          <p>Accept “{DEVICE_CHECK_INFO[accepting].label}” for this device:</p>
          <input
            aria-label="Why it is accepted"
            placeholder="Why"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <input
            aria-label="Accepted until"
            type="date"
            value={until}
            onChange={(e) => setUntil(e.target.value)}
          />
          {error && <SaveError message={error} onReload={stale ? reloadStale : undefined} />}
          <button type="submit" className="button">
            Accept finding
          </button>
        </form>
      )}
      <dl className="facts">
        {DEVICE_FIELDS.filter((f) => f !== 'deviceId').map((f) => (
          <div key={f}>
            <dt>{DEVICE_FIELD_LABELS[f]}</dt>
            <dd>{fieldText(d, f)}</dd>
          </div>
        ))}
        {Object.entries(d.attributes).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
