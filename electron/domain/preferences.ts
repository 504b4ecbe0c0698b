import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;

/** User preferences that live outside the database (small settings only). */
export const PreferencesSchema = z.object({
  theme: z.enum(THEMES).default('system'),
  assessorName: z.string().trim().max(120, 'Name must be at most 120 characters').default(''),
  recentFolders: z.array(z.string().max(4096)).max(10).default([]),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

/** The preferences a user may change from the UI (window bounds are the main process's own). */
export const PreferencesPatchSchema = PreferencesSchema.pick({ theme: true, assessorName: true })
  .partial()
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
