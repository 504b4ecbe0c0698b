import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuestionnaire } from '../../electron/domain/validate-questionnaire';
import { allQuestions } from '../../electron/domain/questionnaire';
import { loadBuiltinQuestionnaires } from '../../electron/services/builtin-questionnaires';
import { BUILTIN_QUESTIONNAIRE_FILES } from '../../electron/services/builtin-questionnaire-files';

const dir = join(__dirname, '../../questionnaires');
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'clause-library.json');

describe('built-in questionnaire library', () => {
  for (const file of files) {
    it(`${file} validates`, () => {
      const result = parseQuestionnaire(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      expect(result.ok ? [] : result.issues).toEqual([]);
      if (result.ok) expect(file).toBe(`${result.value.id}.json`);
    });
  }

  it('bundles every file in questionnaires/', () => {
    expect(Object.keys(BUILTIN_QUESTIONNAIRE_FILES).sort()).toEqual([...files].sort());
  });

  it('has at least 10 questionnaires and 250 questions, with unique ids', async () => {
    const all = await loadBuiltinQuestionnaires();
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.reduce((n, q) => n + allQuestions(q).length, 0)).toBeGreaterThanOrEqual(250);
    expect(new Set(all.map((q) => q.id)).size).toBe(all.length);
  });

  it('includes a self-assessment and a quick triage', async () => {
    const all = await loadBuiltinQuestionnaires();
    expect(all.some((q) => q.audience === 'self')).toBe(true);
    const triage = all.find((q) => q.id === 'quick-triage');
    expect(triage).toBeDefined();
    expect(allQuestions(triage!).length).toBeGreaterThanOrEqual(15);
    expect(allQuestions(triage!).length).toBeLessThanOrEqual(25);
  });

  it('turns the guide’s red flags into knockout rules', async () => {
    const messages = (await loadBuiltinQuestionnaires())
      .flatMap((q) => allQuestions(q).flatMap(({ question }) => question.redFlags))
      .filter((r) => r.knockout)
      .map((r) => r.message.toLowerCase());
    for (const topic of ['audit log', 'firmware', 'ownership', 'lineage', 'breach']) {
      expect(
        messages.some((m) => m.includes(topic)),
        topic,
      ).toBe(true);
    }
  });
});
