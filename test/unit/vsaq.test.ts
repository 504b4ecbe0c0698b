import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { evaluateCondition, type AnswerView, type Condition } from '../../electron/domain/condition';
import { parseQuestionnaire } from '../../electron/domain/validate-questionnaire';
import { translateCond, type CondContext, type VsaqRef } from '../../electron/domain/vsaq/cond';
import { importVsaq } from '../../electron/domain/vsaq/import';
import { parseVsaqon, vsaqonToJson } from '../../electron/domain/vsaq/vsaqon';
import { matchesPattern } from '../../electron/domain/pattern';

// The VSAQ templates (Apache-2.0, see test/fixtures/vsaq/LICENSE-vsaq), copied from the shared examples.
const fixtures = join(__dirname, '../fixtures/vsaq');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const tpl = (items: unknown[], extra: object = {}) =>
  JSON.stringify({ ...extra, questionnaire: [{ type: 'block', text: 'Root', items }] });
// prettier-ignore
const block = (text: string, items: unknown[], more: object = {}) => ({ type: 'block', text, items, ...more });
const errorOf = (r: { ok: boolean; error?: string }) => (r.ok ? 'no error' : r.error);

describe('VSAQON clean-up', () => {
  const ok = (text: string) => {
    const r = parseVsaqon(text);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  // prettier-ignore
  it.each([
    ['string joins across lines', '{"a": "x" +\n      "y" +\n  "z"}', { a: 'xyz' }],
    ['a join on one line', '{"a": "x" + "y"}', { a: 'xy' }], ['\\x escapes', '{"a": "\\x41\\x2d"}', { a: 'A-' }],
    ['an escaped backslash before x stays', '{"a": "\\\\x41"}', { a: '\\x41' }],
    ['whole-line comments, also on line 1', '// licence\n  // more\n{\n  // inside\n  "a": 1\n}', { a: 1 }],
    ['"//" inside a string stays', '{"u": "https://x.test/a//b"}', { u: 'https://x.test/a//b' }],
    ['" + inside a string stays', '{"a": "say \\" + \\"hi"}', { a: 'say " + "hi' }],
    ['CRLF and a BOM', '\ufeff{\r\n"a": "x" +\r\n "y"\r\n}', { a: 'xy' }],
  ])('%s', (_name, text, expected) => expect(ok(text)).toEqual(expected));

  it('vsaqonToJson returns strict JSON', () =>
    expect(vsaqonToJson('\n// c\n{"a": "b" +\n "c"}')).toBe('\n\n{"a": "bc"}'));

  // prettier-ignore
  it.each([
    ['{\n  "a": 1,\n}', /line 3, column 1: Trailing comma/],
    ["{\n  'a': 1\n}", /line 2, column 3: Expected a double-quoted property name/],
    ['{\n  "a": "b\n"}', /line 2, column 10: A line break or control character/],
    ['{"a": "\\xZZ"}', /line 1, column 8: A \\x escape needs two hex digits/],
    ['{"a": "open', /line 1, column 7: Unterminated string/],
    ['{"a": 1} trailing', /line 1, column 10: Unexpected "t" after the end/],
    ['', /the file is empty/], ['{"a": [1, 2', /Unexpected end of the document/],
  ])('reports %j clearly', (text, message) => expect(errorOf(parseVsaqon(text))).toMatch(message));

  it('reads webapp.json as VSAQ and JavaScript do', () => {
    const text = read('webapp.json');
    expect(() => JSON.parse(text)).toThrow();
    // prettier-ignore
    const vsaqOwn = text.replace(/" \+[ ]*\r?\n[ ]*"/g, '').replace(/\\x/g, '\\u00').replace(/\n[ ]*\/\/.*/g, '');
    expect(ok(text)).toEqual(JSON.parse(vsaqOwn));
    expect(ok(text)).toEqual(JSON.parse(JSON.stringify(runInNewContext(`(${text})`))));
  });
});

describe('VSAQ cond expressions', () => {
  const tipShown: Condition = { question: 'rg', is: 'r_b' };
  const choice = (question: string, id: string, multiple: boolean): VsaqRef => ({
    kind: 'choice',
    question,
    choice: id,
    multiple,
  });
  // prettier-ignore
  const refs: Record<string, VsaqRef> = {
    rg: { kind: 'group', question: 'rg' }, r_a: choice('rg', 'r_a', false), r_b: choice('rg', 'r_b', false),
    cg: { kind: 'group', question: 'cg' }, c_x: choice('cg', 'c_x', true), c_y: choice('cg', 'c_y', true),
    yn: { kind: 'yesno', question: 'yn' }, chk: { kind: 'check', question: 'chk' }, txt: { kind: 'text', question: 'txt' },
    'ns:Odd-ID.1': { kind: 'yesno', question: 'ns:odd-id.1' }, tip1: { kind: 'tip' },
    blk: { kind: 'static', type: 'block' }, loose: { kind: 'unmapped', type: 'radio' },
  };
  // prettier-ignore
  const ctx: CondContext = { resolve: (id) => refs[id], visibility: (id) => (id === 'tip1' ? tipShown : undefined) };
  const tr = (text: string) => {
    const r = translateCond(text, ctx);
    if (!r.ok) throw new Error(r.error);
    return r.condition;
  };
  // prettier-ignore
  const answers: Record<string, AnswerView> = {
    rg: { state: 'answered', value: 'r_a' }, cg: { state: 'answered', values: ['c_y'] },
    yn: { state: 'answered', value: 'no' }, chk: { state: 'answered', value: 'yes' },
    txt: { state: 'answered', value: 'EU-West (Frankfurt)' },
  };
  // prettier-ignore
  const evalCtx = { answer: (id: string): AnswerView => answers[id] ?? { state: 'unanswered' }, isVisible: (id: string) => id !== 'cg', matches: matchesPattern };
  const holds = (text: string) => evaluateCondition(tr(text)!, evalCtx);
  const [r_a, r_b, c_x] = ['r_a', 'r_b', 'c_x'].map((id) => tr(id)!) as [Condition, Condition, Condition];
  // prettier-ignore
  it.each<[string, Condition | undefined]>([
    ['', undefined], ['r_a', { question: 'rg', is: 'r_a' }], ['c_x', { question: 'cg', includes: 'c_x' }],
    ['rg', { question: 'rg', state: 'answered' }], ['yn', { question: 'yn', is: 'yes' }],
    ['yn/yes', { question: 'yn', is: 'yes' }], ['yn/no', { question: 'yn', is: 'no' }],
    ['chk/yes', { question: 'chk', is: 'yes' }], ['ns:Odd-ID.1', { question: 'ns:odd-id.1', is: 'yes' }],
    ['^rg', { visible: 'rg' }], ['^c_x', { visible: 'cg' }], ['^tip1', { question: 'rg', is: 'r_b' }],
    ['^blk', { const: true }], ['false', { const: false }],
    ['r_a || r_b && c_x', { all: [{ any: [r_a, r_b] }, c_x] }], // left to right, no precedence
    ['r_a&&r_b||c_x', { any: [{ all: [r_a, r_b] }, c_x] }],
    ['!r_a && r_b', { all: [{ not: r_a }, r_b] }], ['!(r_a || r_b)', { not: { any: [r_a, r_b] } }],
    ['!cg', { not: { question: 'cg', state: 'answered' } }],
    ['matches(txt/value, "^eu", "gi")', { question: 'txt', matches: '^eu', flags: 'i' }],
    ['contains(txt/value, "Frank\\"furt")', { question: 'txt', contains: 'Frank"furt' }],
    ['contains("abc", "b") && !(matches(txt/value, "d"))', { all: [{ const: true }, { not: { question: 'txt', matches: 'd' } }] }],
  ])('%j translates', (text, expected) => expect(tr(text)).toEqual(expected));

  // prettier-ignore
  it.each<[string, boolean]>([
    ['r_a', true], ['r_b || c_y && yn', false], // (r_b || c_y) && yn; with precedence it would be true
    ['r_b || (c_y && yn/no)', true], ['!rg || chk', true], ['!cg', false], ['^cg', false], ['^tip1', false],
    ['yn/no && chk/yes', true], ['false || r_b', false],
    ['matches(txt/value, "^eu-", "i") && contains(txt/value, "Frankfurt")', true],
  ])('%j evaluates to %s', (text, expected) => expect(holds(text)).toBe(expected));

  // prettier-ignore
  it.each([
    ['r_a & r_b', /single "&"/], ['r_a | r_b', /single "\|"/], ['(r_a || r_b', /Unbalanced parentheses/],
    ['r_a || r_b)', /Unbalanced parentheses/], ['()', /unexpected "\)"/], ['r_a ||', /ends where an operand/],
    ['r_a r_b', /Missing "&&" or "\|\|" before "r_b"/], ['&& r_a', /found "&&"/], ['nope', /Unknown item id "nope"/],
    ['blk', /can only be tested for visibility/], ['"text"', /only allowed as a function argument/],
    ['matches(txt, "x")', /tests the \/value/], ['matches(txt/value, "(")', /Not a valid regular expression/],
    ['matches(txt/value, "x", "v")', /Unsupported regular-expression flags/],
    ['contains(txt/value)', /takes 2 arguments/], ['r_a || "x', /Unterminated string/],
  ])('%j is an error', (text, message) => expect(errorOf(translateCond(text, ctx))).toMatch(message));

  it('warns where VSAQ semantics cannot be kept', () => {
    const r = translateCond('loose || txt', ctx);
    expect(r.ok && r.condition).toEqual({ any: [{ const: false }, { const: false }] });
    expect(r.ok && r.warnings.join(' ')).toMatch(/radio item, which is not imported.*always false/);
  });
});

/** Imports, and checks that the result passes parseQuestionnaire. */
const importOk = (text: string, extensions?: string[]) => {
  const r = importVsaq(text, { id: 'vsaq-test', extensions });
  if (!r.ok) throw new Error(r.error);
  const parsed = parseQuestionnaire(r.questionnaire);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return { ...r, q: parsed.value };
};
const importError = (text: string, extensions?: string[]) =>
  errorOf(importVsaq(text, { id: 'vsaq-test', extensions }));

describe('importing the VSAQ templates', () => {
  it('imports webapp.json with the counts FORMAT.md predicts', () => {
    const { q, report } = importOk(read('webapp.json'));
    const c = report.counts;
    // FORMAT.md: 37 radiogroup, 10 checkgroup, 11 line, 15 box = 73 answerable.
    // prettier-ignore
    expect(c.questions).toEqual({ 'yes-no': 0, 'single-choice': 37, 'multiple-choice': 10, number: 0, date: 0, 'short-text': 11, 'long-text': 15, evidence: 0 });
    expect(c.totalQuestions).toBe(73);
    // 42 warning tips: critical 1, high 16, medium 24, and 1 without severity (medium).
    expect(c.redFlags).toBe(42);
    expect(c.redFlagsBySeverity).toEqual({ critical: 1, high: 16, medium: 25, low: 0 });
    expect(c.conditions).toBe(96); // items with cond
    expect(c.sections).toBe(9);
    expect(q.title).toBe('Web Application Security Questionnaire');
    expect([report.unmapped, report.renamedIds]).toEqual([[], []]);
    expect(report.notes.join('\n')).toMatch(/Points were defaulted/);
    // prettier-ignore
    expect(new Set(q.sections.flatMap((s) => s.questions.flatMap((x) => x.choices ?? []).map((ch) => ch.points)))).toEqual(new Set([50]));
    // Nested blocks' conditions and warnings keep VSAQ's meaning.
    const questions = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x]));
    // prettier-ignore
    expect(questions.get('application_custom_auth_storage_other_what')!.showIf).toEqual({ all: [
      { question: 'application_custom_auth', is: 'application_custom_auth_yes' },
      { question: 'application_custom_auth_storage', is: 'application_custom_auth_storage_other' },
    ] });
    const flags = q.sections.flatMap((s) => s.redFlags);
    const xss = flags.find((r) => r.id === 'warn_application_no_xss_strategy');
    expect(xss?.severity).toBe('medium'); // the one warning without a severity
    const ctx = (values: string[]) => ({
      answer: (id: string): AnswerView =>
        id === 'application_xss' && values.length ? { state: 'answered', values } : { state: 'unanswered' },
      isVisible: () => true,
      matches: matchesPattern,
    });
    expect(evaluateCondition(xss!.when, ctx([]))).toBe(true);
    expect(evaluateCondition(xss!.when, ctx(['application_xss_templating']))).toBe(false);
  });

  it('applies test_template_extension.json to test_template.json', () => {
    const { q, report } = importOk(read('test_template.json'), [read('test_template_extension.json')]);
    // prettier-ignore
    expect(q.sections.map((s) => s.title)).toEqual(
      ['Network section', 'Questions specific to my company come here.', 'Data section', 'Final section']);
    // prettier-ignore
    expect(q.sections[1]!.questions[0]).toMatchObject({ id: 'mycompany:company_specific', type: 'short-text' });
    expect(q.sections[0]!.questions[0]).toMatchObject({ text: 'What security standards do you apply?' });
    // prettier-ignore
    expect(q.sections[2]!.redFlags[0]).toMatchObject(
      { id: 'data_tip', when: { question: 'data_warning', is: 'yes' }, severity: 'critical', knockout: false });
    expect(q.sections[2]!.questions[0]).toMatchObject({ type: 'yes-no', allowPartial: false });
    expect(report.counts.totalQuestions).toBe(4); // 3 + the extension's line
    expect(importError(read('webapp.json'), [read('test_template_extension.json')])).toMatch(/version/);
  });
});

describe('importing hand-made and hostile templates', () => {
  const q1 = { type: 'line', id: 'q1', text: 'Name?' };

  it('maps every item type and reports what it cannot map', () => {
    // prettier-ignore
    const { q, report } = importOk(tpl([
      { type: 'info', text: 'Before <b>all</b>' },
      block('Main', [
        { type: 'yesno', id: 'Uses_MFA', text: 'MFA?', yes: 'Enforced', required: true },
        { type: 'check', id: 'uses_mfa', text: 'Checked?', cond: 'Uses_MFA/no' },
        { type: 'upload', id: 'soc2', text: 'Upload SOC 2', cond: 'Uses_MFA' },
        { type: 'radiogroup', id: 'g', text: 'Pick', defaultChoice: true, choices: [{ g_a: 'A &amp; B' }] },
        { type: 'tip', id: 'T1', text: 'Bad', warn: 'yes', severity: 'high', cond: '^soc2 && g' },
        { type: 'tip', id: 'tip2', text: 'Just a tip' }, { type: 'radio', id: 'loose', text: 'Loose' },
        { type: 'slider', id: 'sl' }, { type: 'spacer' },
      ]),
      block('Only warnings', [{ type: 'tip', id: 'w2', warn: 'yes', name: 'Named', cond: 'uses_mfa' }]),
    ]));
    const [main] = q.sections;
    expect(main!.guidance).toBe('Before all');
    // prettier-ignore
    expect(main!.questions.map((x) => [x.id, x.type])).toEqual(
      [['uses_mfa_2', 'yes-no'], ['uses_mfa', 'yes-no'], ['soc2', 'evidence'], ['g', 'single-choice']]);
    expect(main!.questions[0]).toMatchObject({ required: true, guidance: 'Yes: Enforced' });
    expect(main!.questions[1]!.showIf).toEqual({ question: 'uses_mfa_2', is: 'no' });
    expect(main!.questions[2]).toMatchObject({ evidence: { kinds: ['other'], validForMonths: 12 } });
    expect(main!.questions[3]!.choices!.map((c) => c.label)).toEqual(['A & B', 'None of the above.']);
    expect(main!.questions[3]!.guidance).toBe('Tip: Just a tip');
    expect(main!.redFlags.map((r) => [r.id, r.severity, r.message, r.when])).toEqual([
      ['t1', 'high', 'Bad', { all: [{ visible: 'soc2' }, { question: 'g', state: 'answered' }] }],
      ['w2', 'medium', 'Named', { question: 'uses_mfa', is: 'yes' }],
    ]);
    // prettier-ignore
    expect(report.renamedIds).toEqual([{ from: 'Uses_MFA', to: 'uses_mfa_2' }, { from: 'T1', to: 't1' }]);
    // prettier-ignore
    expect(report.unmapped.map((u) => [u.id, u.type])).toEqual([['loose', 'radio'], ['sl', 'slider']]);
    expect(report.notes.join('\n')).toMatch(/"Only warnings" has no questions; its warnings and guidance/);
  });

  it('puts root-level questions in a section and AND-s block conds into rules', () => {
    const tip = { type: 'tip', id: 't', warn: 'yes', text: 'x', cond: 'q1/value' };
    const inner = block('Inner', [tip], { cond: '^q1' });
    const { q } = importOk(tpl([q1, block('B', [inner, { type: 'box', id: 'q2' }])]));
    expect(q.sections.map((s) => s.title)).toEqual(['Root', 'B']);
    expect(q.sections[1]!.questions[0]!.text).toBe('B');
    // prettier-ignore
    expect(q.sections[1]!.redFlags[0]!.when).toEqual({ all: [{ visible: 'q1' }, { question: 'q1', state: 'answered' }] });
  });

  const ext = (item: object, more: object = {}) => [JSON.stringify({ ...more, extensions: [item] })];
  const deep = Array.from({ length: 60 }).reduce<unknown>((inner) => block('x', [inner]), q1);
  // prettier-ignore
  it.each<[string, string, RegExp, string[]?]>([
    ['not JSON', '{ "questionnaire": [ }', /^Base template: Not a VSAQ template: line 1, column 22/],
    ['two roots', JSON.stringify({ questionnaire: [block('a', [q1]), block('b', [q1])] }), /one root block/],
    ['a value item without id', tpl([{ type: 'line', text: 'x' }]), /items\[0\]: a line item must have an id/],
    ['a duplicate id', tpl([q1, { ...q1, text: 'again' }]), /duplicate item id "q1" \(also at questionnaire/],
    ['a bad cond', tpl([q1, { type: 'box', id: 'q2', cond: 'q1 & q2' }]), /\(q2\): Condition "q1 & q2": A single "&"/],
    ['an unknown id', tpl([q1, { type: 'box', id: 'q2', cond: 'q3/value' }]), /Unknown item id "q3"/],
    ['a ^ cycle', tpl([q1, { type: 'tip', id: 'a', cond: '^b' }, { type: 'tip', id: 'b', cond: '^a' }]), /depend on themselves/],
    ['no questions', tpl([{ type: 'info', text: 'hi' }]), /no questions to import/],
    ['deep nesting', tpl([deep]), /nested more than 32 deep/],
    ['a missing target', tpl([q1], { version: 1 }), /"zz" was not found/, ext({ ...q1, insertAfter: 'zz' }, { version: 1 })],
    ['two targets', tpl([q1]), /exactly one of/, ext({ ...q1, id: 'e', insertAfter: 'q1', insertBefore: 'q1' })],
    ['a version mismatch', tpl([q1], { version: 2 }), /must match the base/, ext({ ...q1, id: 'e', insertAfter: 'q1' })],
    ['a huge file', ' '.repeat(5_000_001), /too large/],
    ['an unbalanced cond', tpl([q1, { type: 'box', id: 'q2', cond: '(q1/value' }]), /items\[1\] \(q2\).*Unbalanced/],
    ['JSON broken on line 3', '\n{\n  "questionnaire": [ }', /line 3, column 22/],
  ])('refuses %s with a clear error', (_name, text, message, extensions) => {
    expect(importError(text, extensions)).toMatch(message);
  });
  it('refuses a bad questionnaire id', () => expect(importVsaq(tpl([q1]), { id: 'Bad Id' }).ok).toBe(false));

  it('inserts extensions before targets, with namespaced ids and choices', () => {
    const group = { type: 'checkgroup', id: 'g', insertBefore: 'q1', choices: [{ a: 'A' }, { b: 'B' }] };
    const base = tpl([q1, { type: 'box', id: 'q3', cond: 'acme:a' }]);
    const { q } = importOk(base, ext(group, { namespace: 'acme' }));
    expect(q.sections[0]!.questions.map((x) => x.id)).toEqual(['acme:g', 'q1', 'q3']);
    expect(q.sections[0]!.questions[0]!.choices!.map((c) => c.id)).toEqual(['acme:a', 'acme:b']);
    expect(q.sections[0]!.questions[2]!.showIf).toEqual({ question: 'acme:g', includes: 'acme:a' });
  });

  it('is not fooled by __proto__ ids', () => {
    const group = '{"type": "radiogroup", "id": "constructor", "choices": [{"__proto__": "x"}, {"b": "y"}]}';
    const text = `{"questionnaire": [{"type": "block", "items": [${group}, {"type": "box", "id": "q", "cond": "__proto__"}]}]}`;
    const { q } = importOk(text);
    expect(q.sections[0]!.questions[0]!.choices!.map((c) => c.id)).toEqual(['x__proto__', 'b']);
    expect(q.sections[0]!.questions[1]!.showIf).toEqual({ question: 'constructor', is: 'x__proto__' });
    expect(importError(tpl([q1, { type: 'box', id: 'q2', cond: 'toString' }]))).toMatch(/Unknown item id/);
  });
});
