import { TIERS, TIER_LABELS as LABELS, type RiskSettings } from '../../electron/domain/risk';

/**
 * Tier thresholds, reassessment intervals and the knockout cap, for the whole portfolio: a
 * section of the Settings form, which holds the values and saves them with the rest.
 */
export function RiskSettingsForm({
  settings,
  setSettings,
  error,
}: {
  settings: RiskSettings;
  setSettings(settings: RiskSettings): void;
  /** Why the last save of these settings was refused. */
  error?: string | null;
}) {
  const number = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

  return (
    <section className="settings-section" aria-label="Risk tiers">
      <h2>Risk tiers</h2>
      <p className="cell-muted">
        A vendor’s tier comes from its residual risk (0–100). A knockout red flag makes the tier at least the
        one chosen below. The tier sets when the vendor is due again. A score built on too few answers is
        provisional and sets no tier.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <table className="settings-table">
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Residual risk from</th>
            <th scope="col">Reassess every (months)</th>
          </tr>
        </thead>
        <tbody>
          {[...TIERS].reverse().map((tier) => (
            <tr key={tier}>
              <th scope="row">{LABELS[tier]}</th>
              <td>
                {tier === 'low' ? (
                  '0'
                ) : (
                  <input
                    type="number"
                    aria-label={`${LABELS[tier]} from`}
                    value={settings.thresholds[tier]}
                    onChange={(e) =>
                      setSettings({
                        ...settings,
                        thresholds: { ...settings.thresholds, [tier]: number(e.target.value) },
                      })
                    }
                  />
                )}
              </td>
              <td>
                <input
                  type="number"
                  aria-label={`${LABELS[tier]} reassessment months`}
                  value={settings.reassessMonths[tier]}
                  onChange={(e) =>
                    setSettings({
                      ...settings,
                      reassessMonths: { ...settings.reassessMonths, [tier]: number(e.target.value) },
                    })
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="field">
        A knockout makes the tier at least
        <select
          value={settings.knockoutTier}
          onChange={(e) =>
            setSettings({ ...settings, knockoutTier: e.target.value as RiskSettings['knockoutTier'] })
          }
        >
          {TIERS.map((t) => (
            <option key={t} value={t}>
              {LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        A score sets the tier from this share of questions answered (%)
        <input
          type="number"
          min={0}
          max={100}
          value={Math.round(settings.provisionalBelow * 100)}
          onChange={(e) => setSettings({ ...settings, provisionalBelow: number(e.target.value) / 100 })}
        />
        <span className="cell-muted">
          Below it the score is provisional: shown greyed, it sets no tier (a knockout found so far still
          does).
        </span>
      </label>
    </section>
  );
}
