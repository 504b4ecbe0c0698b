import { createHash } from 'node:crypto';
import type { Questionnaire } from '../domain/questionnaire';

/**
 * The SHA-256 of the questions as asked: ids, types, texts and choices, in order. A
 * questionnaire edited since the package was made gives another checksum.
 */
export function questionsChecksum(questionnaires: readonly Questionnaire[]): string {
  const shape = questionnaires.map((q) => [
    q.id,
    q.version,
    q.sections.map((s) => [
      s.id,
      s.questions.map((x) => [
        x.id,
        x.type,
        x.text,
        x.allowPartial,
        (x.choices ?? []).map((c) => [c.id, c.label]),
      ]),
    ]),
  ]);
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex');
}
