/** The handler table of the risk settings and the preferences. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { settingsOps } from './settings';

/** The service call behind each settings operation; changed preferences are told to the app. */
export function settingsHandlers({
  services,
  onPreferencesChanged,
}: HandlerContext): HandlerTable<typeof settingsOps> {
  return {
    'settings.getRisk': () => services.scores.riskSettings(),
    'settings.setRisk': (settings) => services.scores.setRiskSettings(settings),
    'preferences.get': () => services.preferences.get(),
    'preferences.set': (patch) => {
      const updated = services.preferences.set(patch);
      onPreferencesChanged?.(updated);
      return updated;
    },
  };
}
