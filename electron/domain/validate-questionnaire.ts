import { conditionReferences, type Condition } from './condition';
import { issuesFromZod, type Issue } from './errors';
import { QuestionnaireSchema, type Question, type Questionnaire } from './questionnaire';

/** Deeper than any real questionnaire nests (conditions included); stops stack exhaustion. */
const MAX_DEPTH = 64;

/** The path of the first value nested deeper than `limit`, or null. */
function pathDeeperThan(value: unknown, limit: number): string | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (path.length > limit) return path.join('.');
    for (const [k, child] of Object.entries(v)) stack.push({ value: child, path: [...path, k] });
  }
  return null;
}

const YES_NO_VALUES = new Set(['yes', 'no', 'partial']);

/**
 * Parses and checks a questionnaire: its shape, then what the shape cannot say —
 * duplicate ids, conditions and rules naming unknown questions or choices, and
 * cycles among show-if conditions. Every problem comes with its JSON path.
 */
export function parseQuestionnaire(
  raw: unknown,
): { ok: true; value: Questionnaire } | { ok: false; issues: Issue[] } {
  const tooDeep = pathDeeperThan(raw, MAX_DEPTH);
  if (tooDeep !== null)
    return { ok: false, issues: [{ path: tooDeep, message: `Nested more than ${MAX_DEPTH} levels deep` }] };
  const parsed = QuestionnaireSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  const issues = checkReferences(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, value: parsed.data };
}

function checkReferences(q: Questionnaire): Issue[] {
  const issues: Issue[] = [];
  const questions = new Map<string, { question: Question; path: string }>();
  const sectionIds = new Set<string>();
  const ruleIds = new Map<string, string>();

  q.sections.forEach((section, s) => {
    if (sectionIds.has(section.id))
      issues.push({ path: `sections.${s}.id`, message: `Duplicate section id "${section.id}"` });
    sectionIds.add(section.id);
    section.questions.forEach((question, i) => {
      const path = `sections.${s}.questions.${i}`;
      const earlier = questions.get(question.id);
      if (earlier)
        issues.push({
          path: `${path}.id`,
          message: `Duplicate question id "${question.id}" (also at ${earlier.path})`,
        });
      else questions.set(question.id, { question, path });
      const choiceIds = new Set<string>();
      question.choices?.forEach((choice, c) => {
        if (choiceIds.has(choice.id))
          issues.push({ path: `${path}.choices.${c}.id`, message: `Duplicate choice id "${choice.id}"` });
        choiceIds.add(choice.id);
      });
    });
  });

  const checkRuleId = (id: string, path: string) => {
    const earlier = ruleIds.get(id);
    if (earlier) issues.push({ path, message: `Duplicate red-flag rule id "${id}" (also at ${earlier})` });
    else ruleIds.set(id, path);
  };

  const checkCondition = (c: Condition, path: string) => {
    const refs = conditionReferences(c);
    for (const id of [...refs.answers, ...refs.visibility]) {
      if (!questions.has(id)) issues.push({ path, message: `Refers to unknown question "${id}"` });
    }
    for (const { question: id, choice } of refs.choices) {
      const target = questions.get(id)?.question;
      if (!target) continue;
      const known =
        target.type === 'yes-no'
          ? YES_NO_VALUES.has(choice)
          : target.choices
            ? target.choices.some((x) => x.id === choice)
            : true; // text, date: compared as text
      if (!known) issues.push({ path, message: `Question "${id}" has no choice "${choice}"` });
    }
  };

  q.sections.forEach((section, s) => {
    section.redFlags.forEach((rule, r) => {
      checkRuleId(rule.id, `sections.${s}.redFlags.${r}.id`);
      checkCondition(rule.when, `sections.${s}.redFlags.${r}.when`);
    });
    section.questions.forEach((question, i) => {
      const path = `sections.${s}.questions.${i}`;
      if (question.showIf) checkCondition(question.showIf, `${path}.showIf`);
      question.redFlags.forEach((rule, r) => {
        checkRuleId(rule.id, `${path}.redFlags.${r}.id`);
        checkCondition(rule.when, `${path}.redFlags.${r}.when`);
      });
    });
  });

  issues.push(...findCycles(questions));
  return issues;
}

/** Show-if conditions that depend on themselves, directly or through other questions. */
function findCycles(questions: Map<string, { question: Question; path: string }>): Issue[] {
  const deps = new Map<string, string[]>();
  for (const [id, { question }] of questions) {
    const refs = question.showIf ? conditionReferences(question.showIf) : { answers: [], visibility: [] };
    deps.set(
      id,
      [...refs.answers, ...refs.visibility].filter((d) => questions.has(d)),
    );
  }
  const issues: Issue[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const key = [...cycle].sort().join(',');
      if (!reported.has(key)) {
        reported.add(key);
        issues.push({
          path: `${questions.get(id)!.path}.showIf`,
          message: `Show-if conditions form a cycle: ${cycle.join(' → ')}`,
        });
      }
      return;
    }
    state.set(id, 'visiting');
    for (const d of deps.get(id) ?? []) visit(d, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of questions.keys()) visit(id, []);
  return issues;
}
