/** Settings kept with the data (risk thresholds) and the user's preferences (theme, name). */
import { EmptyRequestSchema } from '../../domain/primitives';
import { RiskSettingsSchema } from '../../domain/risk';
import { PreferencesPatchSchema, PreferencesSchema } from '../../domain/preferences';
import { op } from './op';

export const settingsOps = {
  'settings.getRisk': op({
    summary: 'The risk settings: tier thresholds, reassessment intervals, knockout cap',
    request: EmptyRequestSchema,
    response: RiskSettingsSchema,
  }),
  'settings.setRisk': op({
    summary: 'Changes the risk settings',
    request: RiskSettingsSchema,
    response: RiskSettingsSchema,
  }),
  'preferences.get': op({
    summary: 'The user’s preferences (theme, assessor name)',
    request: EmptyRequestSchema,
    response: PreferencesSchema,
  }),
  'preferences.set': op({
    summary: 'Changes the given preferences',
    request: PreferencesPatchSchema,
    response: PreferencesSchema,
  }),
} as const;
