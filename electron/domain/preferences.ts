import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;

const ThemeSchema = z.enum(THEMES, { error: `Theme must be one of: ${THEMES.join(', ')}` });
const AssessorNameSchema = z.string().trim().max(120, 'Name must be at most 120 characters');

/** User preferences that live outside the database (small settings only). */
export const PreferencesSchema = z.object({
  theme: ThemeSchema.default('system'),
  assessorName: AssessorNameSchema.default(''),
  recentFolders: z.array(z.string().max(4096)).max(10).default([]),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

/** The preferences a user may change from the UI (window bounds are the main process's own). */
export const PreferencesPatchSchema = z
  .object({ theme: ThemeSchema, assessorName: AssessorNameSchema })
  .partial() // no defaults here: a patch must not reset the fields it leaves out
  .strict();
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>;

/** Reads preferences, falling back to defaults field by field for anything damaged. */
export function preferencesFrom(raw: unknown): Preferences {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const defaults = PreferencesSchema.parse({});
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(defaults) as (keyof Preferences)[]) {
    const field = PreferencesSchema.shape[key].safeParse(source[key]);
    out[key] = field.success ? field.data : defaults[key];
  }
  return out as Preferences;
}
