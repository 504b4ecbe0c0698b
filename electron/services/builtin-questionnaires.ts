import { parseQuestionnaire } from '../domain/validate-questionnaire';
import type { Questionnaire } from '../domain/questionnaire';
import { summariseIssues } from '../domain/errors';

let cache: Questionnaire[] | null = null;

/**
 * Loads and validates the built-in questionnaires once. They are a separate chunk of
 * the bundle, loaded on first use, so commands that never need them (`vendors list`)
 * do not pay for parsing them. A broken one is a build defect and throws.
 */
export async function loadBuiltinQuestionnaires(): Promise<Questionnaire[]> {
  if (cache) return cache;
  const { BUILTIN_QUESTIONNAIRE_FILES } = await import('./builtin-questionnaire-files');
  cache = Object.entries(BUILTIN_QUESTIONNAIRE_FILES)
    .map(([path, raw]) => {
      const parsed = parseQuestionnaire(raw);
      if (!parsed.ok)
        throw new Error(`Built-in questionnaire ${path} is invalid: ${summariseIssues(parsed.issues)}`);
      return parsed.value;
    })
    .sort((a, b) => a.title.localeCompare(b.title));
  return cache;
}

/** The built-in questionnaires, once {@link loadBuiltinQuestionnaires} has run (empty before). */
export function builtinQuestionnaires(): Questionnaire[] {
  return cache ?? [];
}
