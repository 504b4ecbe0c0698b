import { useEffect, useState } from 'react';
import { call } from '../api';
import { THEMES, type Preferences } from '../../electron/domain/preferences';
import { useToast } from '../components/Toasts';
import { RiskSettingsForm } from '../components/RiskSettingsForm';
import { useOperation } from '../hooks/useOperation';
import { DeviceSettingsForm } from '../components/DeviceSettingsForm';
import { BackupSettings } from '../components/BackupSettings';
import { EncryptionSettings } from '../components/EncryptionSettings';
import { CompanyNameField } from '../components/CompanyNameField';
import { SampleDataSettings } from '../components/SampleData';
import './SettingsPage.css';

interface SettingsPageProps {
  preferences: Preferences;
  onChange(preferences: Preferences): void;
}

const THEME_LABELS: Record<(typeof THEMES)[number], string> = {
  system: 'Follow the system',
  light: 'Light',
  dark: 'Dark',
};

/** Preferences: theme and the assessor name recorded in the audit trail. */
export function SettingsPage({ preferences, onChange }: SettingsPageProps) {
  const toast = useToast();
  const [name, setName] = useState(preferences.assessorName);
  const [info, setInfo] = useState<{ dataDir: string; version: string; schemaVersion: number } | null>(null);
  const { run: setPreferences } = useOperation('preferences.set');

  useEffect(() => {
    void call('app.info', {}).then((r) => r.ok && setInfo(r.value));
  }, []);

  const save = async (patch: Partial<Pick<Preferences, 'theme' | 'assessorName'>>) => {
    onChange({ ...preferences, ...patch }); // shown at once; the saved value follows
    const result = await setPreferences(patch);
    if (result.ok) {
      onChange(result.value);
      if (patch.assessorName !== undefined) toast('success', 'Assessor name saved');
    } else onChange(preferences);
  };

  return (
    <div className="settings">
      <h1>Settings</h1>
      <fieldset className="field">
        <legend>Theme</legend>
        <div className="checkbox-row">
          {THEMES.map((t) => (
            <label key={t} className="checkbox">
              <input
                type="radio"
                name="theme"
                value={t}
                checked={preferences.theme === t}
                onChange={() => void save({ theme: t })}
              />
              {THEME_LABELS[t]}
            </label>
          ))}
        </div>
      </fieldset>
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          void save({ assessorName: name });
        }}
      >
        <label htmlFor="assessor-name">Your name (recorded with every change you make)</label>
        <div className="inline">
          <input
            id="assessor-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Your computer user name is used when empty"
          />
          <button type="submit" className="button">
            Save
          </button>
        </div>
      </form>
      {info && (
        <dl className="facts">
          <dt>Data folder</dt>
          <dd className="mono">{info.dataDir}</dd>
          <dt>Version</dt>
          <dd>
            {info.version} (data schema {info.schemaVersion})
          </dd>
        </dl>
      )}
      <CompanyNameField />
      <RiskSettingsForm />
      <DeviceSettingsForm />
      <BackupSettings />
      <EncryptionSettings />
      <SampleDataSettings />
    </div>
  );
}
