import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { call } from '../api';
import { THEMES, type Preferences } from '../../electron/domain/preferences';
import type { RiskSettings } from '../../electron/domain/risk';
import type { DeviceCheckSettings } from '../../electron/domain/device-checks';
import { useToast } from '../components/Toasts';
import { PageHeader } from '../components/PageHeader';
import { RiskSettingsForm } from '../components/RiskSettingsForm';
import { DeviceSettingsForm } from '../components/DeviceSettingsForm';
import { BoardTargetsForm } from '../components/BoardTargetsForm';
import type { BoardTargets } from '../../electron/domain/board-targets';
import { BackupSettings } from '../components/BackupSettings';
import { EncryptionSettings } from '../components/EncryptionSettings';
import { SampleDataSettings } from '../components/SampleData';
import { TeamDatabaseSettings } from '../components/TeamDatabaseSettings';
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

/** Everything the one Save writes: each part goes to its own operation. */
interface Values {
  general: Pick<Preferences, 'theme' | 'assessorName'>;
  /** Kept with the data: the name the reports carry. */
  company: { company: string };
  /** Kept with the data: who owns the self-assessment roadmap. */
  roadmapOwner: { owner: string };
  risk: RiskSettings;
  devices: DeviceCheckSettings;
  backups: { keep: number };
  /** The board pack's targets beside its key figures. */
  targets: BoardTargets;
}
type Part = keyof Values;
type Errors = Partial<Record<Part, string>>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Saves one part; the values it was saved as, or why it was refused. */
async function savePart<P extends Part>(
  part: P,
  value: Values[P],
): Promise<{ value: Values[P] } | { error: string }> {
  const r =
    part === 'general'
      ? await call('preferences.set', value as Values['general'])
      : part === 'risk'
        ? await call('settings.setRisk', value as Values['risk'])
        : part === 'devices'
          ? await call('devices.setSettings', value as Values['devices'])
          : part === 'targets'
            ? await call('settings.setBoardTargets', { targets: value as Values['targets'] })
            : part === 'company'
              ? await call('settings.setCompany', value as Values['company'])
              : part === 'roadmapOwner'
                ? await call('settings.setRoadmapOwner', value as Values['roadmapOwner'])
                : await call('backups.setSettings', value as Values['backups']);
  if (!r.ok)
    return { error: r.error.details?.map((d) => `${d.path}: ${d.message}`).join('; ') || r.error.message };
  const v = r.value as Record<string, unknown>;
  return {
    value: (part === 'general' ? { theme: v.theme, assessorName: v.assessorName } : v) as Values[P],
  };
}

/**
 * Settings as one form: theme, name, risk tiers, device checks and how many snapshots are
 * kept are edited together and written by one Save (Revert goes back to what is saved).
 * The theme is shown at once while choosing. Actions that are not settings (backups now,
 * encryption) sit below the form with their own buttons.
 */
export function SettingsPage({ preferences, onChange }: SettingsPageProps) {
  const toast = useToast();
  const [saved, setSaved] = useState<Values | null>(null);
  const [draft, setDraft] = useState<Values | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [savedCount, setSavedCount] = useState(0);
  const [info, setInfo] = useState<{ dataDir: string; version: string; schemaVersion: number } | null>(null);

  useEffect(() => {
    void call('app.info', {}).then((r) => r.ok && setInfo(r.value));
    void Promise.all([
      call('settings.getRisk', {}),
      call('devices.getSettings', {}),
      call('backups.list', {}),
      call('settings.getCompany', {}),
      call('settings.getBoardTargets', {}),
      call('settings.getRoadmapOwner', {}),
    ]).then(([risk, devices, backups, company, targets, owner]) => {
      if (!risk.ok || !devices.ok || !backups.ok || !company.ok || !targets.ok || !owner.ok) return;
      const values: Values = {
        general: { theme: preferences.theme, assessorName: preferences.assessorName },
        company: { company: company.value.company },
        roadmapOwner: { owner: owner.value.owner },
        risk: risk.value,
        devices: devices.value,
        backups: { keep: backups.value.keep },
        targets: targets.value,
      };
      setSaved(values);
      setDraft(values);
    });
    // Read once: later changes of `preferences` are this page's own saves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The theme being chosen is shown at once; leaving without saving shows the saved one again.
  const previewTheme = draft?.general.theme;
  useEffect(() => {
    if (previewTheme) document.documentElement.dataset.theme = previewTheme;
  }, [previewTheme]);
  const savedTheme = useRef(preferences.theme);
  useEffect(() => () => void (document.documentElement.dataset.theme = savedTheme.current), []);

  if (!saved || !draft) return <div className="settings" aria-busy="true" />;

  const dirty = (Object.keys(draft) as Part[]).filter((p) => !same(draft[p], saved[p]));
  const edit = <P extends Part>(part: P, value: Values[P]) => setDraft({ ...draft, [part]: value });

  const save = async () => {
    if (saving || dirty.length === 0) return;
    setSaving(true);
    const next = { ...saved };
    const problems: Errors = {};
    for (const part of dirty) {
      const r = await savePart(part, draft[part]);
      if ('error' in r) problems[part] = r.error;
      else (next as Record<Part, unknown>)[part] = r.value;
    }
    setSaving(false);
    setSaved(next);
    setErrors(problems);
    setSavedCount((n) => n + 1);
    if (!same(next.general, saved.general)) onChange({ ...preferences, ...next.general });
    savedTheme.current = next.general.theme;
    if (Object.keys(problems).length === 0) {
      setDraft(next);
      toast('success', 'Settings saved; scores and checks use them at once');
    } else toast('error', 'Some settings were not saved: see the messages in red');
  };
  const revert = () => {
    setDraft(saved);
    setErrors({});
  };
  // Ctrl+S (⌘S) saves from anywhere in the form.
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    }
  };

  return (
    <div className="settings">
      <PageHeader
        title="Settings"
        description="Change what you need, then Save: the changes on this form are saved together (Ctrl+S)."
      />
      <form
        className="settings-form"
        aria-label="Settings"
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <section className="settings-section" aria-label="General">
          <h2>General</h2>
          {errors.general && (
            <p className="form-error" role="alert">
              {errors.general}
            </p>
          )}
          <fieldset className="field">
            <legend>Theme</legend>
            <div className="checkbox-row">
              {THEMES.map((t) => (
                <label key={t} className="checkbox">
                  <input
                    type="radio"
                    name="theme"
                    value={t}
                    checked={draft.general.theme === t}
                    onChange={() => edit('general', { ...draft.general, theme: t })}
                  />
                  {THEME_LABELS[t]}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor="assessor-name">Your name (recorded with every change you make)</label>
            <input
              id="assessor-name"
              value={draft.general.assessorName}
              onChange={(e) => edit('general', { ...draft.general, assessorName: e.target.value })}
              placeholder="Your computer user name is used when empty"
            />
          </div>
          {errors.company && (
            <p className="form-error" role="alert">
              {errors.company}
            </p>
          )}
          <div className="field">
            <label htmlFor="company-name">Company name (printed on the board and vendor reports)</label>
            <input
              id="company-name"
              value={draft.company.company}
              maxLength={200}
              onChange={(e) => edit('company', { company: e.target.value })}
            />
          </div>
          {errors.roadmapOwner && (
            <p className="form-error" role="alert">
              {errors.roadmapOwner}
            </p>
          )}
          <div className="field">
            <label htmlFor="roadmap-owner">
              Roadmap owner (printed beside each control of the self-assessment report)
            </label>
            <input
              id="roadmap-owner"
              value={draft.roadmapOwner.owner}
              maxLength={200}
              placeholder="“Unassigned” when empty"
              onChange={(e) => edit('roadmapOwner', { owner: e.target.value })}
            />
          </div>
        </section>
        <RiskSettingsForm settings={draft.risk} setSettings={(v) => edit('risk', v)} error={errors.risk} />
        <DeviceSettingsForm
          settings={draft.devices}
          setSettings={(v) => edit('devices', v)}
          error={errors.devices}
        />
        <BoardTargetsForm
          targets={draft.targets}
          setTargets={(v) => edit('targets', v)}
          error={errors.targets}
        />
        <section className="settings-section" aria-label="Snapshots">
          <h2>Snapshots</h2>
          {errors.backups && (
            <p className="form-error" role="alert">
              {errors.backups}
            </p>
          )}
          <div className="field inline">
            <label htmlFor="backups-keep">Snapshots to keep</label>
            <input
              id="backups-keep"
              type="number"
              min={1}
              max={365}
              className="number-input"
              value={Number.isNaN(draft.backups.keep) ? '' : draft.backups.keep}
              onChange={(e) =>
                edit('backups', { keep: e.target.value === '' ? Number.NaN : Number(e.target.value) })
              }
            />
          </div>
        </section>
        <div className="settings-savebar" data-dirty={dirty.length > 0}>
          <span className="settings-state" role="status">
            {saving
              ? 'Saving…'
              : dirty.length > 0
                ? `Unsaved changes (${dirty.length === 1 ? '1 section' : `${dirty.length} sections`})`
                : Object.keys(errors).length > 0
                  ? 'Not all changes were saved'
                  : 'All changes saved'}
          </span>
          <button type="button" className="button" disabled={dirty.length === 0 || saving} onClick={revert}>
            Revert
          </button>
          <button type="submit" className="button button-primary" disabled={dirty.length === 0 || saving}>
            Save
          </button>
        </div>
      </form>
      <BackupSettings saved={savedCount} />
      <TeamDatabaseSettings />
      <EncryptionSettings />
      <SampleDataSettings />
      {info && (
        <section className="settings-section" aria-label="About this installation">
          <h2>About this installation</h2>
          <dl className="facts">
            <dt>Data folder</dt>
            <dd className="mono">{info.dataDir}</dd>
            <dt>Version</dt>
            <dd>
              {info.version} (data schema {info.schemaVersion})
            </dd>
          </dl>
        </section>
      )}
    </div>
  );
}
