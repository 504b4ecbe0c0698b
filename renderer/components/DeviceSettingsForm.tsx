import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api';
import type { DeviceCheckSettings } from '../../electron/domain/device-checks';
import { useToast } from './Toasts';

const FIELDS: { key: keyof DeviceCheckSettings; label: string; unit: string }[] = [
  { key: 'certExpiringDays', label: 'Certificate expiring within', unit: 'days' },
  { key: 'heartbeatHours', label: 'Heartbeat stale after', unit: 'hours' },
  { key: 'firmwareMaxAgeDays', label: 'Firmware outdated after', unit: 'days' },
  { key: 'recentlySeenDays', label: 'Decommissioned device still trusted if seen within', unit: 'days' },
];

/** The device checks' thresholds, for every device and vendor at once. */
export function DeviceSettingsForm() {
  const toast = useToast();
  const [settings, setSettings] = useState<DeviceCheckSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('devices.getSettings', {}).then((r) => r.ok && setSettings(r.value));
  }, []);
  if (!settings) return null;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await call('devices.setSettings', settings);
    if (r.ok) {
      setError(null);
      toast('success', 'Device check thresholds saved');
    } else setError(r.error.details?.map((d) => `${d.path}: ${d.message}`).join('; ') || r.error.message);
  };
  return (
    <form className="settings-section" onSubmit={save} aria-label="Device checks">
      <h2>Device checks</h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <table className="settings-table">
        <tbody>
          {FIELDS.map((f) => (
            <tr key={f.key}>
              <th scope="row">{f.label}</th>
              <td>
                <input
                  type="number"
                  min={1}
                  aria-label={f.label}
                  value={Number.isNaN(settings[f.key]) ? '' : settings[f.key]}
                  onChange={(e) =>
                    setSettings({
                      ...settings,
                      [f.key]: e.target.value === '' ? Number.NaN : Number(e.target.value),
                    })
                  }
                />{' '}
                {f.unit}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" className="button">
        Save device checks
      </button>
    </form>
  );
}
