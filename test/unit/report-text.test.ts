import { describe, it, expect } from 'vitest';
import { breakLongWords, joinRtlRuns, prepareText, textRuns, FONT } from '../../electron/report/text';
import { appendixOf, answerText, withBoardPoint } from '../../electron/domain/report-data';
import { headerTitle } from '../../electron/report/layout';
import { safeFileName } from '../../electron/domain/file-name';
import { QuestionnaireSchema, type Questionnaire } from '../../electron/domain/questionnaire';

describe('text prepared for the PDF', () => {
  it('gives long unbroken strings a break opportunity every 16 characters, and leaves words alone', () => {
    const serial = 'A'.repeat(40);
    expect(breakLongWords(`Serial ${serial} ok`)).toBe(
      `Serial ${'A'.repeat(16)}\u200b${'A'.repeat(16)}\u200b${'A'.repeat(8)} ok`,
    );
    expect(breakLongWords('Müller Logistik GmbH')).toBe('Müller Logistik GmbH');
  });

  it('puts CJK runs in the CJK font and keeps the rest in the default', () => {
    expect(textRuns('Acme 株式会社 Ltd')).toEqual([
      { text: 'Acme ' },
      { text: '株式会社', font: FONT.cjk },
      { text: ' Ltd' },
    ]);
    expect(textRuns('Plain')).toBe('Plain');
  });

  it('keeps right-to-left words together so the font engine orders them', () => {
    expect(joinRtlRuns('Vendor שילוח מהיר Ltd')).toBe('Vendor שילוח\u00a0מהיר Ltd');
  });

  it('reaches strings in every kind of node, but not SVG', () => {
    const doc = prepareText([
      'a 株',
      { text: ['x', { text: '株', bold: true }] },
      { table: { body: [['株', { text: 'y' }]] } },
      { stack: ['株'] },
      { svg: '<svg>株</svg>' },
    ]) as unknown[];
    expect(JSON.stringify(doc)).toContain('"font":"CJK"');
    expect(doc[4]).toEqual({ svg: '<svg>株</svg>' });
    expect((doc[2] as { table: { body: unknown[][] } }).table.body[0]![0]).toEqual({
      text: [{ text: '株', font: 'CJK' }],
    });
  });
});

describe('the running header', () => {
  it('keeps a title to one line: a long name is cut at a word, with an ellipsis', () => {
    expect(headerTitle('Vendor assessment — Müller Logistik GmbH')).toBe(
      'Vendor assessment — Müller Logistik GmbH',
    );
    const long = `Vendor assessment — ${'Northern Cross Docking and Reverse Logistics Services '.repeat(4).trim()}`;
    const cut = headerTitle(long);
    expect(cut).toBe('Vendor assessment — Northern Cross Docking and…');
    expect([...cut].length).toBeLessThanOrEqual(48);
    // Characters, not UTF-16 units: an emoji is never cut in half.
    expect(headerTitle(`Board pack — ${'🏭'.repeat(80)}`)).toMatch(/^Board pack — (🏭)+…$/u);
  });
});

describe('report data', () => {
  const q: Questionnaire = QuestionnaireSchema.parse({
    format: 'vendor-risk-questionnaire/1',
    id: 'q',
    version: '1.0.0',
    title: 'Q',
    sections: [
      {
        id: 's',
        title: 'S',
        questions: [
          {
            id: 'a',
            text: 'Choice?',
            type: 'single-choice',
            choices: [
              { id: 'x', label: 'Label X', points: 100 },
              { id: 'y', label: 'Label Y', points: 0 },
            ],
          },
          { id: 'b', text: 'Yes?', type: 'yes-no' },
          { id: 'c', text: 'Days?', type: 'number', unit: 'days' },
          // Asked only after a yes to b.
          { id: 'd', text: 'Since when?', type: 'date', showIf: { question: 'b', is: 'yes' } },
        ],
      },
    ],
  });
  const stored = (questionId: string, answer: unknown, note = '') =>
    ({ questionnaireId: 'q', questionId, answer, note }) as never;

  it('says answers in words', () => {
    const [a, b, c] = q.sections[0]!.questions;
    expect(answerText(a!, { status: 'answered', value: 'x' })).toBe('Label X');
    expect(answerText(b!, { status: 'answered', value: 'partial' })).toBe('Partly');
    expect(answerText(c!, { status: 'answered', value: 30 })).toBe('30 days');
    expect(answerText(b!, { status: 'refused' })).toBe('Refused or could not answer');
    expect(answerText(b!, null)).toBe('Not answered');
  });

  it('limits the appendix and counts what it left out', () => {
    const answers = [
      stored('a', { status: 'answered', value: 'x' }),
      stored('b', { status: 'answered', value: 'yes' }, 'see policy'),
      stored('c', null, 'a note only'),
    ];
    const all = appendixOf([q], answers, 10);
    expect(all.total).toBe(3);
    expect(all.shown).toBe(3);
    const cut = appendixOf([q], answers, 2);
    expect(cut).toMatchObject({ total: 3, shown: 2 });
    expect(cut.sections[0]!.rows.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('leaves out the answer to a question its condition hides (it does not apply)', () => {
    const since = stored('d', { status: 'answered', value: '2025-01-31' });
    const asked = appendixOf([q], [stored('b', { status: 'answered', value: 'yes' }), since], 10);
    expect(asked.sections[0]!.rows.map((r) => [r.id, r.answer])).toEqual([
      ['b', 'Yes'],
      ['d', '2025-01-31'],
    ]);
    const hidden = appendixOf([q], [stored('b', { status: 'answered', value: 'no' }), since], 10);
    expect(hidden).toMatchObject({ total: 1, shown: 1 });
    expect(hidden.sections[0]!.rows.map((r) => r.id)).toEqual(['b']);
  });

  it('keeps one board-report point per day, the newest 24', () => {
    const tiers = { critical: 1, high: 0, medium: 0, low: 0, unassessed: 0 };
    let h = withBoardPoint([], { date: '2026-01-01T10:00:00Z', tiers });
    h = withBoardPoint(h, { date: '2026-01-01T15:00:00Z', tiers: { ...tiers, high: 2 } });
    expect(h).toEqual([{ date: '2026-01-01T15:00:00Z', tiers: { ...tiers, high: 2 } }]);
    for (let d = 2; d <= 30; d++)
      h = withBoardPoint(h, { date: `2026-02-${String(d).padStart(2, '0')}`, tiers });
    expect(h).toHaveLength(24);
    expect(h.at(-1)!.date).toBe('2026-02-30');
  });

  it('makes names safe as file names', () => {
    expect(safeFileName('ACME/Robotics: "Floor" <1>')).toBe('ACME Robotics Floor 1');
    expect(safeFileName('..\u0000')).toBe('Report');
  });
});
