import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../electron/domain/days';
import { answerProblem } from '../../electron/domain/answer';
import type { Question } from '../../electron/domain/questionnaire';

describe('calendar dates', () => {
  it('takes the days the calendar has and no other', () => {
    for (const good of ['2025-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01'])
      expect(isCalendarDate(good), good).toBe(true);
    // Date.parse takes the first of these for 2 March.
    for (const bad of ['2025-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10'])
      expect(isCalendarDate(bad), bad).toBe(false);
    for (const bad of ['2026-1-01', '26-01-01', '2026-01-01T00:00:00Z', ' 2026-01-01', ''])
      expect(isCalendarDate(bad), bad).toBe(false);
  });

  it('refuses an answer to a date question that is no day', () => {
    const question = { id: 'd', text: 'When?', type: 'date' } as Question;
    expect(answerProblem(question, { status: 'answered', value: '2025-02-28' })).toBeNull();
    expect(answerProblem(question, { status: 'answered', value: '2025-02-30' })).toBe(
      'Enter a date as YYYY-MM-DD',
    );
  });
});
