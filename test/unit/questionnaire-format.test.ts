import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuestionnaire } from '../../electron/domain/validate-questionnaire';

const example = () =>
  JSON.parse(readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8'));

function problems(mutate: (q: ReturnType<typeof example>) => void) {
  const q = example();
  mutate(q);
  const r = parseQuestionnaire(q);
  return r.ok ? [] : r.issues;
}

describe('questionnaire format', () => {
  it('accepts the documented example and fills defaults', () => {
    const r = parseQuestionnaire(example());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.audience).toBe('vendor');
      expect(r.value.sections[0]!.questions[1]!.weight).toBe(1);
    }
  });

  const broken: [string, (q: ReturnType<typeof example>) => void, string, RegExp][] = [
    ['wrong format tag', (q) => (q.format = 'vsaq'), 'format', /vendor-risk-questionnaire\/1/],
    ['bad version', (q) => (q.version = 'one'), 'version', /semantic version/],
    ['unknown type', (q) => (q.sections[0].questions[0].type = 'slider'), 'sections.0.questions.0.type', /./],
    [
      'choice without points',
      (q) => delete q.sections[0].questions[1].choices[0].points,
      'sections.0.questions.1.choices.0.points',
      /points/,
    ],
    [
      'choice question with one choice',
      (q) => q.sections[0].questions[1].choices.splice(1),
      'sections.0.questions.1.choices',
      /at least two/,
    ],
    [
      'duplicate question id',
      (q) => (q.sections[0].questions[2].id = 'fw_signed'),
      'sections.0.questions.2.id',
      /Duplicate question id "fw_signed"/,
    ],
    [
      'duplicate choice id',
      (q) => (q.sections[0].questions[1].choices[1].id = 'hsm'),
      'sections.0.questions.1.choices.1.id',
      /Duplicate choice id/,
    ],
    [
      'showIf naming an unknown question',
      (q) => (q.sections[0].questions[1].showIf = { question: 'nope', is: 'yes' }),
      'sections.0.questions.1.showIf',
      /unknown question "nope"/,
    ],
    [
      'showIf naming an unknown choice',
      (q) => (q.sections[0].questions[2].showIf = { question: 'fw_key_storage', is: 'usb-stick' }),
      'sections.0.questions.2.showIf',
      /has no choice "usb-stick"/,
    ],
    [
      'rule naming an unknown yes/no value',
      (q) => (q.sections[0].questions[0].redFlags[0].when = { question: 'fw_signed', is: 'maybe' }),
      'sections.0.questions.0.redFlags.0.when',
      /has no choice "maybe"/,
    ],
    [
      'a show-if cycle',
      (q) => (q.sections[0].questions[0].showIf = { question: 'fw_key_storage', is: 'hsm' }),
      'sections.0.questions.0.showIf',
      /cycle: fw_signed → fw_key_storage → fw_signed/,
    ],
    [
      'evidence without kinds',
      (q) => delete q.sections[0].questions[3].evidence,
      'sections.0.questions.3.evidence',
      /evidence kinds/,
    ],
    [
      'an unknown field',
      (q) => (q.sections[0].questions[0].colour = 'red'),
      'sections.0.questions.0',
      /colour/,
    ],
    [
      'eval-like condition',
      (q) => (q.sections[0].questions[1].showIf = 'fw_signed == "yes"'),
      'sections.0.questions.1.showIf',
      /./,
    ],
  ];

  for (const [name, mutate, path, message] of broken) {
    it(`reports ${name} at ${path}`, () => {
      const issues = problems(mutate);
      const issue = issues.find((i) => i.path === path);
      expect(issue, JSON.stringify(issues)).toBeDefined();
      expect(issue!.message).toMatch(message);
    });
  }
});

describe('hostile questionnaires', () => {
  it('reports conditions nested too deep instead of crashing', () => {
    let deep: unknown = { question: 'fw_signed', is: 'yes' };
    for (let i = 0; i < 5000; i++) deep = { not: deep };
    const q = example();
    q.sections[0].questions[1].showIf = deep;
    const r = parseQuestionnaire(q);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/Nested more than 64 levels/);
  });
});
