import { parseQuestionnaire } from '../domain/validate-questionnaire';
import type { Questionnaire } from '../domain/questionnaire';
import { summariseIssues } from '../domain/errors';

// The JSON files are bundled into the app and the CLI at build time.
const files = import.meta.glob<unknown>('../../questionnaires/*.json', { eager: true, import: 'default' });

let cache: Questionnaire[] | null = null;

/** The built-in questionnaires, validated once; a broken one is a build defect and throws. */
export function builtinQuestionnaires(): Questionnaire[] {
  if (cache) return cache;
  cache = Object.entries(files)
    .filter(([path]) => !path.endsWith('clause-library.json'))
    .map(([path, raw]) => {
      const parsed = parseQuestionnaire(raw);
      if (!parsed.ok)
        throw new Error(`Built-in questionnaire ${path} is invalid: ${summariseIssues(parsed.issues)}`);
      return parsed.value;
    })
    .sort((a, b) => a.title.localeCompare(b.title));
  return cache;
}
