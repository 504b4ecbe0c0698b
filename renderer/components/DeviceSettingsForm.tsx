import type { DeviceCheckSettings } from '../../electron/domain/device-checks';

const FIELDS: { key: keyof DeviceCheckSettings; label: string; unit: string }[] = [
  { key: 'certExpiringDays', label: 'Certificate expiring within', unit: 'days' },
  { key: 'heartbeatHours', label: 'Heartbeat stale after', unit: 'hours' },
  { key: 'firmwareMaxAgeDays', label: 'Firmware outdated after', unit: 'days' },
  { key: 'recentlySeenDays', label: 'Decommissioned device still trusted if seen within', unit: 'days' },
];

/** The device checks' thresholds, for every device and vendor at once: a section of the Settings form. */
export function DeviceSettingsForm({
  settings,
  setSettings,
  error,
}: {
  settings: DeviceCheckSettings;
  setSettings(settings: DeviceCheckSettings): void;
  /** Why the last save of these settings was refused. */
  error?: string | null;
}) {
  return (
    <section className="settings-section" aria-label="Device checks">
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
    </section>
  );
}
